import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ComplaintClockName } from '@mpp/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { ComplaintRow } from './complaint.repository';

/** The escalation job's queries (complaint-escalation.ts), by name. */
@Injectable()
export class ComplaintEscalationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  /**
   * Open complaints with a clock past its stored due time and not escalated for it yet, oldest
   * first: the first response while no handler has acted; the resolution unless waiting for the
   * reporter (the clock is paused then). A candidate only: the row is checked again under its lock.
   */
  async listDue(now: Date, limit: number): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT id FROM complaint
        WHERE status NOT IN ('answered', 'closed')
          AND ((first_responded_at IS NULL AND first_response_escalated_at IS NULL AND first_response_due_at <= $1)
            OR (status <> 'waiting_for_citizen' AND resolution_escalated_at IS NULL AND resolution_due_at <= $1))
        ORDER BY created_at, id
        LIMIT $2`,
      [now, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The row locked for this transaction, or null when another transaction holds it (another process escalating it, a handler's step): it is left to the next run. */
  async lockIfFree(tx: EntityManager, id: string): Promise<ComplaintRow | null> {
    const rows = (await tx.query(`SELECT * FROM complaint WHERE id = $1 FOR UPDATE SKIP LOCKED`, [id])) as ComplaintRow[];
    return rows[0] ?? null;
  }

  /** Marks the clocks escalated (not a handler's change: no version, no updated_at, the untouched flag unchanged). */
  async markEscalated(tx: EntityManager, id: string, clocks: readonly ComplaintClockName[], at: Date): Promise<void> {
    await tx.query(
      `UPDATE complaint
          SET first_response_escalated_at = CASE WHEN $2 THEN $4::timestamptz ELSE first_response_escalated_at END,
              resolution_escalated_at = CASE WHEN $3 THEN $4::timestamptz ELSE resolution_escalated_at END
        WHERE id = $1`,
      [id, clocks.includes('first_response'), clocks.includes('resolution'), at],
    );
  }

  /**
   * Who hears of it: the agency's head (its active agency admins) and the site's active admins; a
   * complaint about the MPP's own facilities (no agency) goes to the site's admins. Distinct addresses.
   */
  async recipients(tx: EntityManager, siteId: string, agencyId: string | null): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT DISTINCT email FROM staff_user
        WHERE active AND ((role = 'site_admin' AND site_id = $1) OR ($2::uuid IS NOT NULL AND role = 'agency_admin' AND agency_id = $2))
        ORDER BY email`,
      [siteId, agencyId],
    )) as { email: string }[];
    return rows.map((r) => r.email);
  }

  async agencyName(tx: EntityManager, agencyId: string): Promise<string | null> {
    const rows = (await tx.query(`SELECT name FROM agency WHERE id = $1`, [agencyId])) as { name: string }[];
    return rows[0]?.name ?? null;
  }
}
