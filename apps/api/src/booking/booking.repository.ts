import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BookingNeed, BookingStatus, CitizenLanguage, PriorityClass } from '@mpp/contracts';
import { DataSource, EntityManager } from 'typeorm';

export interface BookingRow {
  id: string;
  code: string;
  site_id: string;
  service_id: string;
  slot_date: string;
  slot_start: string;
  slot_end: string;
  starts_at: Date;
  status: BookingStatus;
  nik_hash: string;
  nik_cipher: string;
  name_cipher: string;
  phone_cipher: string;
  email_cipher: string | null;
  ticket_id: string | null;
  checked_in_late: boolean;
  created_at: Date;
  /** SHA-256 of the manage token; null for bookings made before manage tokens. */
  manage_token_hash: Buffer | null;
  /** Failed proofs of ownership since the last lockout (or success). */
  proof_failures: number;
  /** Until when the NIK proof is refused after too many failed proofs. */
  proof_locked_until: Date | null;
  /** UU 25/2009 Pasal 29 group the citizen declared; the ticket is issued with it at check-in. */
  priority_group: PriorityClass;
  /** What to have ready at the counter. */
  needs: BookingNeed[];
  /** The language of the booking's messages (the portal's when booked). */
  language: CitizenLanguage;
}

const BOOKING_COLUMNS = `id, code, site_id, service_id, to_char(slot_date, 'YYYY-MM-DD') AS slot_date,
  to_char(slot_start, 'HH24:MI') AS slot_start, to_char(slot_end, 'HH24:MI') AS slot_end, starts_at, status,
  nik_hash, nik_cipher, name_cipher, phone_cipher, email_cipher, ticket_id, checked_in_late, created_at,
  manage_token_hash, proof_failures, proof_locked_until, priority_group, needs, language`;

type Db = DataSource | EntityManager;

/**
 * Every booking query, by name. Seats are taken and given back only here: the slot and day
 * counters move in the same transaction as the booking row, under their row locks.
 */
@Injectable()
export class BookingRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  async findByCode(code: string, db: Db = this.db): Promise<BookingRow | null> {
    const rows = (await db.query(`SELECT ${BOOKING_COLUMNS} FROM booking WHERE code = $1`, [code])) as BookingRow[];
    return rows[0] ?? null;
  }

  async findByTicketId(ticketId: string): Promise<BookingRow | null> {
    const rows = (await this.db.query(`SELECT ${BOOKING_COLUMNS} FROM booking WHERE ticket_id = $1`, [ticketId])) as BookingRow[];
    return rows[0] ?? null;
  }

  async lockByCode(tx: EntityManager, code: string): Promise<BookingRow | null> {
    const rows = (await tx.query(`SELECT ${BOOKING_COLUMNS} FROM booking WHERE code = $1 FOR UPDATE`, [code])) as BookingRow[];
    return rows[0] ?? null;
  }

  /** Serialises the bookings of one person (same NIK) so their limits are counted exactly. */
  async lockPerson(tx: EntityManager, nikHash: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [nikHash]);
  }

  /** Active and checked-in bookings of one NIK between two dates, leaving out `exceptId` (a booking being moved). */
  async countActiveForPersonBetween(tx: EntityManager, nikHash: string, from: string, to: string, exceptId: string | null): Promise<number> {
    const [row] = (await tx.query(
      `SELECT count(*)::int AS n FROM booking
        WHERE nik_hash = $1 AND slot_date BETWEEN $2 AND $3 AND status IN ('active', 'checked_in') AND id IS DISTINCT FROM $4::uuid`,
      [nikHash, from, to, exceptId],
    )) as { n: number }[];
    return row.n;
  }

  /** Takes a seat of the slot if one is left; false when the slot is full. */
  async takeSlotSeat(tx: EntityManager, serviceId: string, date: string, start: string, capacity: number): Promise<boolean> {
    const rows = (await tx.query(
      `INSERT INTO booking_slot_count AS c (service_id, slot_date, slot_start, booked) VALUES ($1, $2, $3, 1)
       ON CONFLICT (service_id, slot_date, slot_start) DO UPDATE SET booked = c.booked + 1 WHERE c.booked < $4
       RETURNING booked`,
      [serviceId, date, start, capacity],
    )) as unknown[];
    return rows.length === 1 && capacity >= 1;
  }

  /** Takes a seat of the day's bookable share (the rest is kept for walk-ins); false when none is left. */
  async takeDaySeat(tx: EntityManager, serviceId: string, date: string, capacity: number): Promise<boolean> {
    if (capacity < 1) return false;
    const rows = (await tx.query(
      `INSERT INTO booking_day_count AS c (service_id, slot_date, booked) VALUES ($1, $2, 1)
       ON CONFLICT (service_id, slot_date) DO UPDATE SET booked = c.booked + 1 WHERE c.booked < $3
       RETURNING booked`,
      [serviceId, date, capacity],
    )) as unknown[];
    return rows.length === 1;
  }

  async giveBackSeats(tx: EntityManager, b: { service_id: string; slot_date: string; slot_start: string }): Promise<void> {
    await tx.query(`UPDATE booking_slot_count SET booked = booked - 1 WHERE service_id = $1 AND slot_date = $2 AND slot_start = $3 AND booked > 0`, [
      b.service_id,
      b.slot_date,
      b.slot_start,
    ]);
    await tx.query(`UPDATE booking_day_count SET booked = booked - 1 WHERE service_id = $1 AND slot_date = $2 AND booked > 0`, [b.service_id, b.slot_date]);
  }

  async insert(
    tx: EntityManager,
    b: Omit<BookingRow, 'id' | 'status' | 'ticket_id' | 'checked_in_late' | 'created_at' | 'proof_failures' | 'proof_locked_until'>,
  ): Promise<BookingRow> {
    const rows = (await tx.query(
      `INSERT INTO booking (code, site_id, service_id, slot_date, slot_start, slot_end, starts_at, nik_hash, nik_cipher, name_cipher, phone_cipher, email_cipher, manage_token_hash,
         priority_group, needs, language)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::varchar(16)[], $16)
       RETURNING ${BOOKING_COLUMNS}`,
      [
        b.code,
        b.site_id,
        b.service_id,
        b.slot_date,
        b.slot_start,
        b.slot_end,
        b.starts_at,
        b.nik_hash,
        b.nik_cipher,
        b.name_cipher,
        b.phone_cipher,
        b.email_cipher,
        b.manage_token_hash,
        b.priority_group,
        b.needs,
        b.language,
      ],
    )) as BookingRow[];
    return rows[0];
  }

  /**
   * Counts a failed proof of ownership, in its own statement (committed whatever the request
   * does next). The `max`-th failure locks the NIK proof until `lockUntil` and starts counting
   * again.
   */
  async recordProofFailure(id: string, max: number, lockUntil: Date): Promise<void> {
    await this.db.query(
      `UPDATE booking SET
         proof_locked_until = CASE WHEN proof_failures + 1 >= $2 THEN $3::timestamptz ELSE proof_locked_until END,
         proof_failures = CASE WHEN proof_failures + 1 >= $2 THEN 0 ELSE proof_failures + 1 END
       WHERE id = $1`,
      [id, max, lockUntil],
    );
  }

  /**
   * Charges one NIK proof attempt before the NIK is compared, in one statement, so racing guesses
   * cannot slip past the lockout: the `max`-th attempt locks the booking until `lockUntil`. Not
   * charged (false) while the booking is locked; `lockedUntil` then says until when.
   */
  async chargeProofAttempt(id: string, max: number, lockUntil: Date, now: Date): Promise<{ charged: boolean; lockedUntil: Date | null }> {
    const [row] = (await this.db.query(
      `WITH charged AS (
         UPDATE booking SET
           proof_locked_until = CASE WHEN proof_failures + 1 >= $2 THEN $3::timestamptz ELSE proof_locked_until END,
           proof_failures = CASE WHEN proof_failures + 1 >= $2 THEN 0 ELSE proof_failures + 1 END
          WHERE id = $1 AND (proof_locked_until IS NULL OR proof_locked_until <= $4)
          RETURNING id
       )
       SELECT (SELECT count(*) FROM charged)::int AS charged, proof_locked_until FROM booking WHERE id = $1`,
      [id, max, lockUntil, now],
    )) as { charged: number; proof_locked_until: Date | null }[];
    return { charged: row?.charged === 1, lockedUntil: row?.proof_locked_until ?? null };
  }

  /** A right NIK clears the attempts charged so far (and a lock its own last attempt set). */
  async clearProofFailures(id: string): Promise<void> {
    await this.db.query(`UPDATE booking SET proof_failures = 0, proof_locked_until = NULL WHERE id = $1 AND (proof_failures <> 0 OR proof_locked_until IS NOT NULL)`, [id]);
  }

  async setStatus(tx: EntityManager, id: string, status: BookingStatus, extra: { ticketId?: string; late?: boolean; at: Date }): Promise<void> {
    await tx.query(
      `UPDATE booking SET status = $2::varchar, updated_at = $3::timestamptz,
         cancelled_at = CASE WHEN $2::varchar = 'cancelled' THEN $3::timestamptz ELSE cancelled_at END,
         checked_in_at = CASE WHEN $2::varchar = 'checked_in' THEN $3::timestamptz ELSE checked_in_at END,
         ticket_id = coalesce($4::uuid, ticket_id),
         checked_in_late = coalesce($5::boolean, checked_in_late)
       WHERE id = $1`,
      [id, status, extra.at, extra.ticketId ?? null, extra.late ?? null],
    );
  }

  async moveSlot(tx: EntityManager, id: string, slot: { date: string; start: string; end: string; startsAt: Date }, at: Date): Promise<void> {
    await tx.query(`UPDATE booking SET slot_date = $2, slot_start = $3, slot_end = $4, starts_at = $5, updated_at = $6 WHERE id = $1`, [
      id,
      slot.date,
      slot.start,
      slot.end,
      slot.startsAt,
      at,
    ]);
  }

  /** Remaining seats of each slot of a day. */
  async bookedPerSlot(serviceId: string, date: string): Promise<Map<string, number>> {
    const rows = (await this.db.query(
      `SELECT to_char(slot_start, 'HH24:MI') AS start, booked FROM booking_slot_count WHERE service_id = $1 AND slot_date = $2`,
      [serviceId, date],
    )) as { start: string; booked: number }[];
    return new Map(rows.map((r) => [r.start, r.booked]));
  }

  /** Seats booked per slot on every day from `from` to `to`, for the date strip: `date` → (`HH:MM` → booked). */
  async bookedPerSlotBetween(serviceId: string, from: string, to: string): Promise<Map<string, Map<string, number>>> {
    const rows = (await this.db.query(
      `SELECT to_char(slot_date, 'YYYY-MM-DD') AS date, to_char(slot_start, 'HH24:MI') AS start, booked
         FROM booking_slot_count WHERE service_id = $1 AND slot_date BETWEEN $2 AND $3`,
      [serviceId, from, to],
    )) as { date: string; start: string; booked: number }[];
    const days = new Map<string, Map<string, number>>();
    for (const r of rows) days.set(r.date, (days.get(r.date) ?? new Map<string, number>()).set(r.start, r.booked));
    return days;
  }

  /** Seats of the bookable share taken on every day from `from` to `to`. */
  async bookedOnDaysBetween(serviceId: string, from: string, to: string): Promise<Map<string, number>> {
    const rows = (await this.db.query(
      `SELECT to_char(slot_date, 'YYYY-MM-DD') AS date, booked FROM booking_day_count WHERE service_id = $1 AND slot_date BETWEEN $2 AND $3`,
      [serviceId, from, to],
    )) as { date: string; booked: number }[];
    return new Map(rows.map((r) => [r.date, r.booked]));
  }

  async bookedOnDay(serviceId: string, date: string): Promise<number> {
    const rows = (await this.db.query(`SELECT booked FROM booking_day_count WHERE service_id = $1 AND slot_date = $2`, [serviceId, date])) as { booked: number }[];
    return rows[0]?.booked ?? 0;
  }

  /**
   * Active bookings whose check-in window has closed: candidates for the no-show sweep, which
   * decides by the site's late-arrival policy (BookingService.markNoShows).
   */
  async findLapsedActive(now: Date): Promise<{ id: string; site_id: string; slot_date: string; starts_at: Date }[]> {
    return (await this.db.query(
      `SELECT b.id, b.site_id, to_char(b.slot_date, 'YYYY-MM-DD') AS slot_date, b.starts_at
         FROM booking b JOIN site s ON s.id = b.site_id
        WHERE b.status = 'active' AND b.starts_at + make_interval(mins => s.checkin_late_minutes) < $1`,
      [now],
    )) as { id: string; site_id: string; slot_date: string; starts_at: Date }[];
  }

  /**
   * These bookings become no-shows, those still active (a check-in holding the row wins). A CTE:
   * for a bare UPDATE, TypeORM answers `[rows, count]` instead of the rows.
   */
  async markNoShows(ids: string[], now: Date): Promise<{ id: string; service_id: string }[]> {
    return (await this.db.query(
      `WITH marked AS (
         UPDATE booking SET status = 'no_show', no_show_at = $2, updated_at = $2
          WHERE id = ANY($1::uuid[]) AND status = 'active'
          RETURNING id, service_id
       )
       SELECT id, service_id FROM marked`,
      [ids, now],
    )) as { id: string; service_id: string }[];
  }

  async statsForDay(
    siteId: string,
    date: string,
  ): Promise<{ service_id: string; service_name: string; active: number; checked_in: number; cancelled: number; no_show: number; wheelchair: number; sign_language: number; companion: number }[]> {
    return (await this.db.query(
      `SELECT b.service_id, sv.name AS service_name,
              count(*) FILTER (WHERE b.status = 'active')::int AS active,
              count(*) FILTER (WHERE b.status = 'checked_in')::int AS checked_in,
              count(*) FILTER (WHERE b.status = 'cancelled')::int AS cancelled,
              count(*) FILTER (WHERE b.status = 'no_show')::int AS no_show,
              count(*) FILTER (WHERE b.status IN ('active', 'checked_in') AND 'wheelchair' = ANY(b.needs))::int AS wheelchair,
              count(*) FILTER (WHERE b.status IN ('active', 'checked_in') AND 'sign_language' = ANY(b.needs))::int AS sign_language,
              count(*) FILTER (WHERE b.status IN ('active', 'checked_in') AND 'companion' = ANY(b.needs))::int AS companion
         FROM booking b JOIN service sv ON sv.id = b.service_id
        WHERE b.site_id = $1 AND b.slot_date = $2
        GROUP BY b.service_id, sv.name
        ORDER BY sv.name`,
      [siteId, date],
    )) as never;
  }
}
