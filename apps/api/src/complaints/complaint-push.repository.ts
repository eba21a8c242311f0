import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PushLang } from '../push/push-messages';
import { COMPLAINT_TARGET_PREFIX, type PushTarget } from '../push/push.repository';

/** The queries of a complaint reporter's push subscriptions (AddComplaintPushSubscription1766630000000). */
@Injectable()
export class ComplaintPushRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async count(complaintId: string): Promise<number> {
    const rows = (await this.db.query(`SELECT count(*)::int AS n FROM complaint_push_subscription WHERE complaint_id = $1`, [complaintId])) as { n: number }[];
    return rows[0].n;
  }

  async exists(complaintId: string, endpointHash: string): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM complaint_push_subscription WHERE complaint_id = $1 AND endpoint_hash = $2`, [complaintId, endpointHash])) as unknown[];
    return rows.length > 0;
  }

  /** The same browser again replaces its keys and language. */
  async upsert(complaintId: string, endpointHash: string, subscriptionCipher: string, lang: PushLang): Promise<{ created: boolean }> {
    const rows = (await this.db.query(
      `INSERT INTO complaint_push_subscription (complaint_id, endpoint_hash, subscription_cipher, lang)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_complaint_push_subscription_endpoint
       DO UPDATE SET subscription_cipher = EXCLUDED.subscription_cipher, lang = EXCLUDED.lang
       RETURNING (xmax = 0) AS created`,
      [complaintId, endpointHash, subscriptionCipher, lang],
    )) as { created: boolean }[];
    return { created: rows[0].created };
  }

  async delete(complaintId: string, endpointHash: string): Promise<void> {
    await this.db.query(`DELETE FROM complaint_push_subscription WHERE complaint_id = $1 AND endpoint_hash = $2`, [complaintId, endpointHash]);
  }

  /** Every browser of the complaint, as the push sender's targets (`complaint:<id>`). */
  async targets(complaintId: string): Promise<PushTarget[]> {
    const rows = (await this.db.query(`SELECT id, subscription_cipher, lang FROM complaint_push_subscription WHERE complaint_id = $1 ORDER BY id`, [complaintId])) as {
      id: string;
      subscription_cipher: string;
      lang: PushLang;
    }[];
    return rows.map((r) => ({ id: `${COMPLAINT_TARGET_PREFIX}${r.id}`, subscriptionCipher: r.subscription_cipher, lang: r.lang }));
  }
}
