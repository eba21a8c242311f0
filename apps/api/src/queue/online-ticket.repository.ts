import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OnlineTicketPolicy } from '@mpp/contracts';
import { DataSource, EntityManager } from 'typeorm';

/** A site's caps when it has set none (docs/queue.md "Online tickets"). */
export const DEFAULT_ONLINE_TICKET_POLICY: OnlineTicketPolicy = { perServiceDaily: 1, perDay: 3 };

export interface OnlineTicketInsert {
  ticketId: string;
  siteId: string;
  serviceId: string;
  localDate: string;
  nikHash: string;
  nikCipher: string;
  nameCipher: string;
  phoneCipher: string;
}

/** Every query of the tickets taken from home, by name (the ticket itself is QueueRepository's). */
@Injectable()
export class OnlineTicketRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * Serialises everything one NIK does with online tickets (the caps, a retried key) until the
   * transaction ends: an advisory lock on its keyed hash, as booking's lockPerson, in its own key
   * space (booking takes its lock on the same hash with seed 0).
   */
  async lockNik(tx: EntityManager, nikHash: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 13))`, [nikHash]);
  }

  /** The NIK's online tickets of the site's day not given up by the citizen: for this service, and all. */
  async countForNik(tx: EntityManager, q: { nikHash: string; siteId: string; localDate: string; serviceId: string }): Promise<{ service: number; all: number }> {
    const [row] = (await tx.query(
      `SELECT count(*) FILTER (WHERE o.service_id = $4)::int AS service, count(*)::int AS "all"
         FROM online_ticket o JOIN ticket t ON t.id = o.ticket_id
        WHERE o.nik_hash = $1 AND o.site_id = $2 AND o.local_date = $3 AND t.status <> 'cancelled'`,
      [q.nikHash, q.siteId, q.localDate, q.serviceId],
    )) as { service: number; all: number }[];
    return row;
  }

  async insert(tx: EntityManager, o: OnlineTicketInsert): Promise<void> {
    await tx.query(
      `INSERT INTO online_ticket (ticket_id, site_id, service_id, local_date, nik_hash, nik_cipher, name_cipher, phone_cipher)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [o.ticketId, o.siteId, o.serviceId, o.localDate, o.nikHash, o.nikCipher, o.nameCipher, o.phoneCipher],
    );
  }

  /** The ticket a key of this scope already has (read under the NIK's lock), with the hash of its request. */
  async findKey(db: EntityManager | DataSource, scope: string, key: string): Promise<{ request_hash: string; ticket_id: string } | null> {
    const rows = (await db.query(`SELECT request_hash, ticket_id FROM idempotency_key WHERE scope = $1 AND key = $2 AND ticket_id IS NOT NULL`, [scope, key])) as {
      request_hash: string;
      ticket_id: string;
    }[];
    return rows[0] ?? null;
  }

  async policy(siteId: string, db: DataSource | EntityManager = this.db): Promise<OnlineTicketPolicy> {
    const rows = (await db.query(`SELECT per_service_daily, per_day FROM online_ticket_policy WHERE site_id = $1`, [siteId])) as {
      per_service_daily: number;
      per_day: number;
    }[];
    return rows[0] ? { perServiceDaily: rows[0].per_service_daily, perDay: rows[0].per_day } : { ...DEFAULT_ONLINE_TICKET_POLICY };
  }

  /** Policy changes of one site take turns until the transaction ends (so the audit log's "before" is exact). */
  async lockPolicy(tx: EntityManager, siteId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('online_ticket_policy:' || $1, 0))`, [siteId]);
  }

  async setPolicy(tx: EntityManager, siteId: string, p: OnlineTicketPolicy): Promise<void> {
    await tx.query(
      `INSERT INTO online_ticket_policy (site_id, per_service_daily, per_day) VALUES ($1, $2, $3)
       ON CONFLICT (site_id) DO UPDATE SET per_service_daily = EXCLUDED.per_service_daily, per_day = EXCLUDED.per_day, updated_at = now()`,
      [siteId, p.perServiceDaily, p.perDay],
    );
  }
}
