import { tableShape } from '../database/table-shape';

/**
 * The push module's tables, written by raw SQL (PushRepository): the columns that code expects
 * (migration AddPushSubscription).
 */
export const PUSH_TABLES = [
  tableShape(__filename, 'push_subscription', {
    id: 'bigint',
    ticket_id: 'uuid',
    /** Keyed hash (PiiCipher.lookupHash) of the endpoint: finds a subscription again without storing it in clear. */
    endpoint_hash: 'varchar(64)',
    /** PiiCipher: JSON { endpoint, keys: { p256dh, auth } }. */
    subscription_cipher: 'text',
    lang: 'varchar(2)',
    ahead_sent_at: 'timestamptz | null',
    called_sent_at: 'timestamptz | null',
    created_at: 'timestamptz',
  }),
  tableShape(__filename, 'push_site_setting', {
    site_id: 'uuid',
    ahead_notice: 'smallint',
  }),
  /** A complaint reporter's browsers (AddComplaintPushSubscription1766630000000): told when the status changes. */
  tableShape(__filename, 'complaint_push_subscription', {
    id: 'bigint',
    complaint_id: 'uuid',
    endpoint_hash: 'varchar(64)',
    subscription_cipher: 'text',
    lang: 'varchar(2)',
    created_at: 'timestamptz',
  }),
];
