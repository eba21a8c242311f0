import { tableShape } from '../../database/table-shape';
import { SOCKET_ATTACHMENT_TABLE } from './socket-adapter';

/**
 * The table @socket.io/postgres-adapter writes by raw SQL (socket-adapter.ts): events larger than
 * NOTIFY's 8,000 bytes, read by id and deleted after 30 seconds.
 */
export const SOCKET_ADAPTER_TABLES = [
  tableShape(__filename, SOCKET_ATTACHMENT_TABLE, {
    id: 'bigint',
    created_at: 'timestamptz',
    payload: 'bytea',
  }),
];
