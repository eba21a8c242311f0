import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PushLang } from './push-messages';

/** A subscription read to send to it: its secret parts still encrypted until the send. */
export interface PushTarget {
  id: string;
  subscriptionCipher: string;
  lang: PushLang;
}

/** A ticket as the push module needs it; the queue's own table, read only. */
export interface PushTicket {
  id: string;
  siteId: string;
  status: string;
}

/** A waiting ticket that has subscriptions not yet told "N orang lagi", with its site's N. */
export interface AheadCandidate {
  ticketId: string;
  aheadNotice: number;
}

/**
 * A complaint reporter's subscription goes through the same sender as a ticket's: its target id
 * is `complaint:<id>` (the two tables count ids apart, and the sender keys its order by target id).
 */
export const COMPLAINT_TARGET_PREFIX = 'complaint:';

/** The complaint_push_subscription id of a target id, or null for a ticket's subscription. */
export function complaintSubscriptionId(targetId: string): string | null {
  return targetId.startsWith(COMPLAINT_TARGET_PREFIX) ? targetId.slice(COMPLAINT_TARGET_PREFIX.length) : null;
}

/** Where no push_site_setting row says otherwise. */
export const DEFAULT_AHEAD_NOTICE = 3;

type TargetRow = { id: string; ticket_id: string; subscription_cipher: string; lang: PushLang };
const toTarget = (r: TargetRow): PushTarget => ({ id: String(r.id), subscriptionCipher: r.subscription_cipher, lang: r.lang });

/** Every query of the push module, by name (migration AddPushSubscription; push.tables.ts). */
@Injectable()
export class PushRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findTicketByPublicCode(code: string): Promise<PushTicket | null> {
    const rows = (await this.db.query(`SELECT id, site_id, status FROM ticket WHERE public_code = $1`, [code])) as { id: string; site_id: string; status: string }[];
    return rows[0] ? { id: rows[0].id, siteId: rows[0].site_id, status: rows[0].status } : null;
  }

  async countForTicket(ticketId: string): Promise<number> {
    const rows = (await this.db.query(`SELECT count(*)::int AS n FROM push_subscription WHERE ticket_id = $1`, [ticketId])) as { n: number }[];
    return rows[0].n;
  }

  async exists(ticketId: string, endpointHash: string): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM push_subscription WHERE ticket_id = $1 AND endpoint_hash = $2`, [ticketId, endpointHash])) as unknown[];
    return rows.length > 0;
  }

  /** The same browser subscribing again for the same ticket replaces its keys (they may have rotated). */
  async upsert(ticketId: string, endpointHash: string, subscriptionCipher: string, lang: PushLang): Promise<{ created: boolean }> {
    const rows = (await this.db.query(
      `INSERT INTO push_subscription (ticket_id, endpoint_hash, subscription_cipher, lang)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_push_subscription_ticket_endpoint
       DO UPDATE SET subscription_cipher = EXCLUDED.subscription_cipher, lang = EXCLUDED.lang
       RETURNING (xmax = 0) AS created`,
      [ticketId, endpointHash, subscriptionCipher, lang],
    )) as { created: boolean }[];
    return { created: rows[0].created };
  }

  async deleteForTicketAndEndpoint(ticketId: string, endpointHash: string): Promise<void> {
    await this.db.query(`DELETE FROM push_subscription WHERE ticket_id = $1 AND endpoint_hash = $2`, [ticketId, endpointHash]);
  }

  /** The push service said the subscription is gone (404/410). */
  async deleteById(id: string): Promise<void> {
    const complaint = complaintSubscriptionId(id);
    if (complaint !== null) await this.db.query(`DELETE FROM complaint_push_subscription WHERE id = $1`, [complaint]);
    else await this.db.query(`DELETE FROM push_subscription WHERE id = $1`, [id]);
  }

  /** The ticket ended: nothing more will be sent for it. */
  async deleteForTicket(ticketId: string): Promise<void> {
    await this.db.query(`DELETE FROM push_subscription WHERE ticket_id = $1`, [ticketId]);
  }

  /** Claims the call message of a ticket's subscriptions (each call and recall sends one). */
  async claimCalled(ticketId: string): Promise<PushTarget[]> {
    const rows = (await this.db.query(
      `UPDATE push_subscription SET called_sent_at = now() WHERE ticket_id = $1 RETURNING id, ticket_id, subscription_cipher, lang`,
      [ticketId],
    )) as [TargetRow[], number];
    return rows[0].map(toTarget);
  }

  /**
   * Claims the "N orang lagi" message of a ticket's subscriptions that have not had it. Claimed by
   * the update itself, so two processes checking the same site never both send it.
   */
  async claimAhead(ticketId: string): Promise<PushTarget[]> {
    const rows = (await this.db.query(
      `UPDATE push_subscription SET ahead_sent_at = now() WHERE ticket_id = $1 AND ahead_sent_at IS NULL AND called_sent_at IS NULL
         AND EXISTS (SELECT 1 FROM ticket t WHERE t.id = $1 AND t.status = 'waiting') RETURNING id, ticket_id, subscription_cipher, lang`,
      [ticketId],
    )) as [TargetRow[], number];
    return rows[0].map(toTarget);
  }

  /** Back in the line (returned, transferred): it may be told again. */
  async resetSent(ticketId: string): Promise<void> {
    await this.db.query(`UPDATE push_subscription SET ahead_sent_at = NULL, called_sent_at = NULL WHERE ticket_id = $1`, [ticketId]);
  }

  /** The sites with at least one subscription (of any ticket). */
  async siteIdsWithSubscriptions(): Promise<string[]> {
    const rows = (await this.db.query(`SELECT DISTINCT t.site_id FROM push_subscription s JOIN ticket t ON t.id = s.ticket_id`)) as { site_id: string }[];
    return rows.map((r) => r.site_id);
  }

  /** The site's waiting tickets with subscriptions still to be told "N orang lagi" (sites with N = 0 have none). */
  async findAheadCandidates(siteId: string, limit: number): Promise<AheadCandidate[]> {
    const rows = (await this.db.query(
      `SELECT t.id AS ticket_id, COALESCE(min(ps.ahead_notice), $2)::int AS ahead_notice
         FROM push_subscription s
         JOIN ticket t ON t.id = s.ticket_id
         LEFT JOIN push_site_setting ps ON ps.site_id = t.site_id
        WHERE t.site_id = $1 AND t.status = 'waiting' AND s.ahead_sent_at IS NULL
          AND COALESCE(ps.ahead_notice, $2) > 0
        GROUP BY t.id, t.queue_at
        ORDER BY t.queue_at
        LIMIT $3`,
      [siteId, DEFAULT_AHEAD_NOTICE, limit],
    )) as { ticket_id: string; ahead_notice: number }[];
    return rows.map((r) => ({ ticketId: r.ticket_id, aheadNotice: r.ahead_notice }));
  }

  async aheadNotice(siteId: string, db: DataSource | EntityManager = this.db): Promise<number> {
    const rows = (await db.query(`SELECT ahead_notice FROM push_site_setting WHERE site_id = $1`, [siteId])) as { ahead_notice: number }[];
    return rows[0]?.ahead_notice ?? DEFAULT_AHEAD_NOTICE;
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Setting changes of one site take turns until the transaction ends (so the audit log's "before" is exact). */
  async lockSiteSetting(tx: EntityManager, siteId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('push_site_setting:' || $1, 0))`, [siteId]);
  }

  async setAheadNotice(tx: EntityManager, siteId: string, aheadNotice: number): Promise<void> {
    await tx.query(
      `INSERT INTO push_site_setting (site_id, ahead_notice) VALUES ($1, $2) ON CONFLICT (site_id) DO UPDATE SET ahead_notice = EXCLUDED.ahead_notice`,
      [siteId, aheadNotice],
    );
  }
}
