import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CallingMode, CounterState, PriorityClass, TicketSource, TicketStatus } from '@mpp/contracts';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** A ticket row joined with what every view of it needs. */
export interface TicketRow {
  id: string;
  /** Issue order (bigint, as text). */
  seq: string;
  site_id: string;
  site_code: string;
  site_name: string;
  time_zone: string;
  service_id: string;
  service_name: string;
  service_name_en: string;
  agency_id: string;
  agency_short_name: string;
  prefix: string;
  number: number;
  local_date: string;
  public_code: string;
  priority: PriorityClass;
  source: TicketSource;
  status: TicketStatus;
  queue_at: Date;
  counter_id: string | null;
  counter_number: number | null;
  counter_name: string | null;
  target_counter_id: string | null;
  recall_count: number;
  issued_at: Date;
  first_called_at: Date | null;
  called_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  outcome_note: string | null;
}

export interface CounterRow {
  id: string;
  site_id: string;
  site_code: string;
  number: number;
  name: string;
  state: CounterState;
  officer_id: string | null;
  officer_name: string | null;
  regular_streak: number;
  queue_mode: CallingMode;
  queue_interleave_every: number;
  queue_allow_pick: boolean;
  queue_max_recalls: number;
  time_zone: string;
  service_ids: string[];
}

/** A tally row of the site's day, as `QueuePlaceRepository.dayTallies` reads them. */
export interface DayTallyRow {
  service_id: string;
  target_counter_id: string | null;
  priority: boolean;
  total: number;
}

/** A ticket just issued, with the day's tallies the statement saw (its own line's after it). */
export interface IssuedTicketRow extends TicketRow {
  waiting_regular: number;
  waiting_priority: number;
  day_tallies: DayTallyRow[];
}

export interface IssueParams {
  siteId: string;
  serviceId: string;
  prefix: string;
  localDate: string;
  quota: number | null;
  publicCode: string;
  priority: PriorityClass;
  source: TicketSource;
  queueAt: Date;
  issuedAt: Date;
  userId: string | null;
  deviceId: string | null;
  idempotency: { scope: string; key: string; hash: string } | null;
}

export type TicketFields = Partial<{
  status: TicketStatus;
  counter_id: string | null;
  target_counter_id: string | null;
  service_id: string;
  recall_count: number;
  first_called_at: Date;
  called_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  outcome_note: string | null;
}>;

export interface TicketEventParams {
  ticketId: string;
  siteId: string;
  action: string;
  from: TicketStatus | null;
  to: TicketStatus;
  counterId: string | null;
  userId: string | null;
  deviceId: string | null;
  at: Date;
  details?: Record<string, unknown>;
}

export interface TicketEventRow {
  action: string;
  from_status: string | null;
  to_status: string;
  counter_id: string | null;
  actor_user_id: string | null;
  at: Date;
  details: Record<string, unknown>;
}

/** A counter on the hall display with the ticket it holds; the number raw (formatTicketNumber formats it). */
export interface DisplayCounterRow {
  number: number;
  name: string;
  state: CounterState;
  prefix: string | null;
  ticket_number: number | null;
  service_name: string | null;
  status: TicketStatus | null;
}

export interface LastCallRow {
  prefix: string;
  ticket_number: number;
  counter_number: number;
  counter_name: string;
  service_name: string;
  priority: PriorityClass;
  at: Date;
  action: string;
}

export interface WaitingCountRow {
  service_id: string;
  service_name: string;
  count: number;
}

const TICKET_VIEW = `
  SELECT t.id, t.seq, t.site_id, st.code AS site_code, st.name AS site_name, st.time_zone,
         t.service_id, sv.name AS service_name, sv.name_en AS service_name_en,
         a.id AS agency_id, a.short_name AS agency_short_name,
         t.prefix, t.number, to_char(t.local_date, 'YYYY-MM-DD') AS local_date, t.public_code,
         t.priority, t.source, t.status, t.queue_at,
         t.counter_id, c.number AS counter_number, c.name AS counter_name, t.target_counter_id,
         t.recall_count, t.issued_at, t.first_called_at, t.called_at, t.started_at, t.finished_at, t.outcome_note
    FROM ticket t
    JOIN site st ON st.id = t.site_id
    JOIN service sv ON sv.id = t.service_id
    JOIN agency a ON a.id = sv.agency_id
    LEFT JOIN counter c ON c.id = t.counter_id`;

/** TICKET_VIEW's columns, each as `t_<name>`, for a statement that answers a counter and its ticket in one row. */
const TICKET_COLUMNS_AS_T = TICKET_VIEW.slice(TICKET_VIEW.indexOf('SELECT') + 'SELECT'.length, TICKET_VIEW.indexOf('FROM ticket t'))
  .split(/,(?![^(]*\))/)
  .map((column) => column.trim())
  .map((column) => {
    const as = /\s+AS\s+(\w+)$/i.exec(column);
    const name = as ? as[1] : column.slice(column.lastIndexOf('.') + 1);
    return { expression: as ? column.slice(0, as.index) : column, name };
  });
const TICKET_FROM = TICKET_VIEW.slice(TICKET_VIEW.indexOf('FROM ticket t'));

const COUNTER_VIEW = `
  SELECT c.id, c.site_id, st.code AS site_code, c.number, c.name, c.state, c.officer_id, u.full_name AS officer_name,
         c.regular_streak, st.queue_mode, st.queue_interleave_every, st.queue_allow_pick, st.queue_max_recalls, st.time_zone,
         coalesce((SELECT array_agg(cs.service_id ORDER BY cs.service_id) FROM counter_service cs WHERE cs.counter_id = c.id), '{}') AS service_ids
    FROM counter c
    JOIN site st ON st.id = c.site_id
    LEFT JOIN staff_user u ON u.id = c.officer_id`;

type Db = DataSource | EntityManager;

export type CallNextOutcome = 'called' | 'counter_not_found' | 'other_site' | 'not_at_counter' | 'not_open' | 'counter_busy' | 'not_your_agency' | 'queue_empty';

/** The pg client a QueryRunner holds: `QueryRunner.connect()` answers the driver's connection. */
interface PgClient {
  query<R>(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

async function prepared<T>(runner: QueryRunner, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client: PgClient = await runner.connect();
  return (await client.query<T>({ name, text, values })).rows;
}

/**
 * Every query of the queue, by name. The ones that carry the guarantees (issuing, calling,
 * locking) are here and nowhere else; docs/queue.md explains each.
 */
@Injectable()
export class QueueRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The hot path's statements run as named prepared statements on the pg connection: PostgreSQL
   * plans each once per connection instead of on every ticket and call. Inside a transaction the
   * statement runs on the transaction's QueryRunner; outside, on a QueryRunner of its own,
   * released at once (both through TypeORM's public QueryRunner API).
   */
  private async hot<T>(db: Db, name: string, text: string, values: unknown[]): Promise<T[]> {
    const shared = db instanceof EntityManager ? db.queryRunner : undefined;
    if (shared) return prepared<T>(shared, name, text, values);
    const own = this.db.createQueryRunner();
    try {
      return await prepared<T>(own, name, text, values);
    } finally {
      await own.release();
    }
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * One statement: count the service's day (exact quota), take the next number of the
   * (site, prefix, day) sequence, insert the ticket, its first event and the idempotency key.
   * Any failure rolls all of it back, so numbers have no gaps; the sequence row lock orders
   * concurrent issuers. Returns null when the daily quota is used up.
   */
  async issue(
    p: IssueParams,
    db: Db = this.db,
  ): Promise<IssuedTicketRow | null> {
    const rows = await this.hot<IssuedTicketRow>(
      db,
      'queue_issue',
      `WITH quota AS (
         INSERT INTO service_day_count AS c (service_id, local_date, issued, waiting_regular, waiting_priority)
         VALUES ($2::uuid, $4::date, 1, CASE WHEN $7::varchar = 'regular' THEN 1 ELSE 0 END, CASE WHEN $7::varchar = 'regular' THEN 0 ELSE 1 END)
         ON CONFLICT (service_id, local_date) DO UPDATE SET
           issued = c.issued + 1,
           waiting_regular = c.waiting_regular + CASE WHEN $7::varchar = 'regular' THEN 1 ELSE 0 END,
           waiting_priority = c.waiting_priority + CASE WHEN $7::varchar = 'regular' THEN 0 ELSE 1 END
           WHERE $5::int IS NULL OR c.issued < $5::int
         RETURNING issued, waiting_regular, waiting_priority
       ), seq AS (
         INSERT INTO ticket_sequence AS s (site_id, prefix, local_date, last_number)
         SELECT $1::uuid, $3::char(1), $4::date, 1 FROM quota
         ON CONFLICT (site_id, prefix, local_date) DO UPDATE SET last_number = s.last_number + 1
         RETURNING last_number
       ), t AS (
         INSERT INTO ticket (site_id, service_id, prefix, number, local_date, public_code, priority, source,
                             queue_at, issued_at, issued_by_user_id, issued_by_device_id)
         SELECT $1::uuid, $2::uuid, $3::char(1), seq.last_number, $4::date, $6::varchar, $7::varchar, $8::varchar,
                $9::timestamptz, $10::timestamptz, $11::uuid, $12::uuid FROM seq
         RETURNING *
       ), ev AS (
         INSERT INTO ticket_event (ticket_id, site_id, action, from_status, to_status, actor_user_id, actor_device_id, at, details)
         SELECT t.id, $1::uuid, 'issue', NULL, 'waiting', $11::uuid, $12::uuid, $10::timestamptz,
                jsonb_build_object('priority', $7::varchar, 'source', $8::varchar)
           FROM t
       ), idem AS (
         INSERT INTO idempotency_key (scope, key, request_hash, ticket_id)
         SELECT $13::varchar, $14::varchar, $15::char(64), t.id FROM t WHERE $13::varchar IS NOT NULL
       )
       SELECT t.id, t.seq, t.site_id, st.code AS site_code, st.name AS site_name, st.time_zone,
              t.service_id, sv.name AS service_name, sv.name_en AS service_name_en,
              a.id AS agency_id, a.short_name AS agency_short_name,
              t.prefix, t.number, to_char(t.local_date, 'YYYY-MM-DD') AS local_date, t.public_code,
              t.priority, t.source, t.status, t.queue_at,
              t.counter_id, NULL::integer AS counter_number, NULL::varchar AS counter_name, t.target_counter_id,
              t.recall_count, t.issued_at, t.first_called_at, t.called_at, t.started_at, t.finished_at, t.outcome_note,
              quota.waiting_regular, quota.waiting_priority,
              -- What waits at the site today besides this service's line (as the statement began),
              -- for the new ticket's place without a second round trip (QueuePlaceRepository).
              (SELECT coalesce(json_agg(g), '[]'::json) FROM (
                 SELECT d.service_id, NULL::uuid AS target_counter_id, false AS priority, d.waiting_regular AS total
                   FROM service_day_count d JOIN service s ON s.id = d.service_id
                  WHERE s.site_id = $1::uuid AND d.local_date = $4::date AND d.service_id <> $2::uuid AND d.waiting_regular > 0
                 UNION ALL
                 SELECT d.service_id, NULL::uuid, true, d.waiting_priority
                   FROM service_day_count d JOIN service s ON s.id = d.service_id
                  WHERE s.site_id = $1::uuid AND d.local_date = $4::date AND d.service_id <> $2::uuid AND d.waiting_priority > 0
                 UNION ALL
                 SELECT w.service_id, w.target_counter_id, w.priority <> 'regular', count(*)::int
                   FROM ticket w
                  WHERE w.target_counter_id IS NOT NULL AND w.status = 'waiting' AND w.site_id = $1::uuid AND w.local_date = $4::date
                  GROUP BY 1, 2, 3) g) AS day_tallies
         FROM t, quota, site st, service sv, agency a
        WHERE st.id = t.site_id AND sv.id = t.service_id AND a.id = sv.agency_id`,
      [
        p.siteId,
        p.serviceId,
        p.prefix,
        p.localDate,
        p.quota,
        p.publicCode,
        p.priority,
        p.source,
        p.queueAt,
        p.issuedAt,
        p.userId,
        p.deviceId,
        p.idempotency?.scope ?? null,
        p.idempotency?.key ?? null,
        p.idempotency?.hash ?? null,
      ],
    );
    return rows[0] ?? null;
  }

  async findIdempotencyKey(scope: string, key: string): Promise<{ request_hash: string; ticket_id: string } | null> {
    const rows = (await this.db.query(`SELECT request_hash, ticket_id FROM idempotency_key WHERE scope = $1 AND key = $2`, [
      scope,
      key,
    ])) as { request_hash: string; ticket_id: string }[];
    return rows[0] ?? null;
  }

  async findTicketById(id: string, db: Db = this.db): Promise<TicketRow | null> {
    const rows = await this.hot<TicketRow>(db, 'queue_ticket_by_id', `${TICKET_VIEW} WHERE t.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findTicketByPublicCode(code: string): Promise<TicketRow | null> {
    const rows = (await this.db.query(`${TICKET_VIEW} WHERE t.public_code = $1`, [code])) as TicketRow[];
    return rows[0] ?? null;
  }

  /** The ticket a counter holds (called or serving), locked for the transition. */
  async lockActiveTicketOfCounter(tx: EntityManager, counterId: string): Promise<TicketRow | null> {
    const rows = await this.hot<TicketRow>(tx, 'queue_lock_active_of_counter', `${TICKET_VIEW} WHERE t.counter_id = $1 AND t.status IN ('called', 'serving') FOR UPDATE OF t`, [counterId]);
    return rows[0] ?? null;
  }

  /**
   * The counter locked and the ticket it holds (called or serving) locked, in one statement: the
   * counter first (the ticket's part is a LATERAL of it), as every counter action locks them.
   * Null when there is no such counter; `ticket` null when it holds none.
   */
  async lockCounterAndItsTicket(tx: EntityManager, counterId: string): Promise<{ counter: CounterRow; ticket: TicketRow | null } | null> {
    const rows = await this.hot<Record<string, unknown>>(
      tx,
      'queue_lock_counter_and_ticket',
      `WITH k AS (${COUNTER_VIEW} WHERE c.id = $1 AND c.retired_at IS NULL FOR UPDATE OF c)
       SELECT k.*, a.* FROM k LEFT JOIN LATERAL (
         SELECT ${TICKET_COLUMNS_AS_T.map((c) => `${c.expression} AS t_${c.name}`).join(', ')}
         ${TICKET_FROM} WHERE t.counter_id = k.id AND t.status IN ('called', 'serving') FOR UPDATE OF t
       ) a ON true`,
      [counterId],
    );
    const row = rows[0];
    if (!row) return null;
    const counter: Record<string, unknown> = {};
    const ticket: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      if (key.startsWith('t_')) ticket[key.slice(2)] = value;
      else counter[key] = value;
    }
    return { counter: counter as unknown as CounterRow, ticket: ticket.id ? (ticket as unknown as TicketRow) : null };
  }

  async findActiveTicketOfCounter(counterId: string): Promise<TicketRow | null> {
    const rows = (await this.db.query(`${TICKET_VIEW} WHERE t.counter_id = $1 AND t.status IN ('called', 'serving')`, [counterId])) as TicketRow[];
    return rows[0] ?? null;
  }

  async lockTicket(tx: EntityManager, id: string): Promise<TicketRow | null> {
    const rows = await this.hot<TicketRow>(tx, 'queue_lock_ticket', `${TICKET_VIEW} WHERE t.id = $1 FOR UPDATE OF t`, [id]);
    return rows[0] ?? null;
  }

  async findCounter(id: string, db: Db = this.db): Promise<CounterRow | null> {
    const rows = (await db.query(`${COUNTER_VIEW} WHERE c.id = $1 AND c.retired_at IS NULL`, [id])) as CounterRow[];
    return rows[0] ?? null;
  }

  /** Locks the counter row: everything one counter does happens one at a time. */
  async lockCounter(tx: EntityManager, id: string): Promise<CounterRow | null> {
    const rows = await this.hot<CounterRow>(tx, 'queue_lock_counter', `${COUNTER_VIEW} WHERE c.id = $1 AND c.retired_at IS NULL FOR UPDATE OF c`, [id]);
    return rows[0] ?? null;
  }

  async listCounters(siteId: string): Promise<CounterRow[]> {
    return (await this.db.query(`${COUNTER_VIEW} WHERE c.site_id = $1 AND c.retired_at IS NULL ORDER BY c.number`, [siteId])) as CounterRow[];
  }

  async findCounterOfOfficer(tx: EntityManager, officerId: string): Promise<CounterRow | null> {
    const rows = (await tx.query(`SELECT id FROM counter WHERE officer_id = $1 FOR UPDATE`, [officerId])) as { id: string }[];
    return rows[0] ? this.findCounter(rows[0].id, tx) : null;
  }

  /** The officer sits at the counter and opens it. */
  async seatOfficer(tx: EntityManager, counterId: string, officerId: string): Promise<void> {
    await tx.query(`UPDATE counter SET officer_id = $2, state = 'open', updated_at = now() WHERE id = $1`, [counterId, officerId]);
  }

  /** Paused keeps its officer; closed frees the counter. */
  async setCounterState(tx: EntityManager, counterId: string, state: 'paused' | 'closed'): Promise<void> {
    // $2 is the enum column's value; comparing it with a text literal too made PostgreSQL deduce
    // two types for it ("inconsistent types deduced for parameter $2"), so closing is its own flag.
    await tx.query(`UPDATE counter SET state = $2, officer_id = CASE WHEN $3 THEN NULL ELSE officer_id END, updated_at = now() WHERE id = $1`, [
      counterId,
      state,
      state === 'closed',
    ]);
  }

  async createCounter(tx: EntityManager, c: { siteId: string; number: number; name: string; serviceIds: string[] }): Promise<string> {
    const [row] = (await tx.query(`INSERT INTO counter (site_id, number, name) VALUES ($1, $2, $3) RETURNING id`, [c.siteId, c.number, c.name])) as { id: string }[];
    await this.setCounterServices(tx, row.id, c.serviceIds, { replace: false });
    return row.id;
  }

  /** Counter numbering of a site, one change at a time (a swap takes three updates). */
  async lockCounterNumbering(tx: EntityManager, siteId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('counter_numbering'), hashtext($1))`, [siteId]);
  }

  /** The site's counter holding a number, retired ones included (their numbers are not reused). */
  async findCounterByNumber(tx: EntityManager, siteId: string, number: number): Promise<{ id: string; retired: boolean } | null> {
    const rows = (await tx.query(`SELECT id, retired_at IS NOT NULL AS retired FROM counter WHERE site_id = $1 AND number = $2`, [siteId, number])) as { id: string; retired: boolean }[];
    return rows[0] ?? null;
  }

  /** The lowest number no counter of the site has ever held, or null when all 999 are taken. */
  async freeCounterNumber(tx: EntityManager, siteId: string): Promise<number | null> {
    const rows = (await tx.query(
      `SELECT n FROM generate_series(1, 999) n WHERE NOT EXISTS (SELECT 1 FROM counter WHERE site_id = $1 AND number = n) ORDER BY n LIMIT 1`,
      [siteId],
    )) as { n: number }[];
    return rows[0]?.n ?? null;
  }

  async setCounterNumber(tx: EntityManager, counterId: string, number: number): Promise<void> {
    await tx.query(`UPDATE counter SET number = $2, updated_at = now() WHERE id = $1`, [counterId, number]);
  }

  /** Waiting tickets transferred to this counter only (they would be stranded by its retirement). */
  async countTicketsSentToCounter(tx: EntityManager, counterId: string): Promise<number> {
    const rows = (await tx.query(`SELECT count(*)::int AS n FROM ticket WHERE target_counter_id = $1 AND status = 'waiting'`, [counterId])) as { n: number }[];
    return rows[0].n;
  }

  /** The site's retired counters by number (every other counter list leaves them out). */
  async findRetiredCountersOfSite(siteId: string): Promise<{ id: string; number: number; name: string; retired_at: Date }[]> {
    return (await this.db.query(`SELECT id, number, name, retired_at FROM counter WHERE site_id = $1 AND retired_at IS NOT NULL ORDER BY number`, [siteId])) as {
      id: string;
      number: number;
      name: string;
      retired_at: Date;
    }[];
  }

  async retireCounter(tx: EntityManager, counterId: string): Promise<void> {
    await tx.query(`UPDATE counter SET retired_at = now(), updated_at = now() WHERE id = $1`, [counterId]);
  }

  async renameCounter(tx: EntityManager, counterId: string, name: string): Promise<void> {
    await tx.query(`UPDATE counter SET name = $2, updated_at = now() WHERE id = $1`, [counterId, name]);
  }

  async setCounterServices(tx: EntityManager, counterId: string, serviceIds: string[], o: { replace: boolean } = { replace: true }): Promise<void> {
    if (o.replace) await tx.query(`DELETE FROM counter_service WHERE counter_id = $1`, [counterId]);
    await tx.query(`INSERT INTO counter_service (counter_id, service_id) SELECT $1, unnest($2::uuid[])`, [counterId, [...new Set(serviceIds)]]);
  }

  /**
   * Call-next as one statement: the database function queue_call_next (migrations
   * AddCallNextFunction, CallNextTargetedOnlyForOfficersAgency, CallNextAnswersCalledTicket) locks
   * the counter, checks it, takes the next ticket by the site's policy and calls it, in the order
   * QueueService documents. Runs outside any transaction: its locks last only while it runs.
   * Answers the outcome and the view of the ticket called (or held).
   *
   * The view comes from the function itself, read by a statement inside it after the call. It
   * must not be joined here: this statement's snapshot is taken before the function runs, so a
   * ticket issued meanwhile, which the function may call, would be missing from it (defects #1).
   */
  async callNext(p: { counterId: string; userId: string; siteId: string | null; agencyId: string | null; now: Date }): Promise<{ outcome: CallNextOutcome; ticket: TicketRow | null }> {
    const [row] = await this.hot<TicketRow & { outcome: CallNextOutcome }>(
      this.db,
      'queue_call_next_view',
      `SELECT * FROM queue_call_next($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::timestamptz)`,
      [p.counterId, p.userId, p.siteId, p.agencyId, p.now],
    );
    const { outcome, ...view } = row;
    return { outcome, ticket: view.id ? (view as TicketRow) : null };
  }

  /**
   * One statement for one transition: the ticket's new fields, its event, the service's waiting
   * tally and the counter's regular streak, so a call or a finish costs one round trip.
   */
  async applyChange(
    tx: EntityManager,
    c: {
      id: string;
      fields: TicketFields;
      event: TicketEventParams;
      tally: { serviceId: string; localDate: string; regular: number; priority: number } | null;
      streak: { counterId: string; value: number } | null;
    },
  ): Promise<void> {
    const keys = Object.keys(c.fields) as (keyof TicketFields)[];
    const sets = keys.map((k, i) => `${k} = $${i + 2}`).join(', ');
    const p = (i: number) => `$${keys.length + 2 + i}`;
    const name = `queue_change_${createHash('sha1').update(keys.join(',')).digest('hex').slice(0, 16)}`;
    const e = c.event;
    await this.hot(
      tx,
      name,
      `WITH u AS (UPDATE ticket SET ${sets} WHERE id = $1 RETURNING id),
       e AS (
         INSERT INTO ticket_event (ticket_id, site_id, action, from_status, to_status, counter_id, actor_user_id, actor_device_id, at, details)
         SELECT u.id, ${p(0)}::uuid, ${p(1)}::varchar, ${p(2)}::varchar, ${p(3)}::varchar, ${p(4)}::uuid, ${p(5)}::uuid, ${p(6)}::uuid,
                ${p(7)}::timestamptz, ${p(8)}::jsonb FROM u
       ), tl AS (
         INSERT INTO service_day_count AS s (service_id, local_date, issued, waiting_regular, waiting_priority)
         SELECT ${p(9)}::uuid, ${p(10)}::date, 0, GREATEST(${p(11)}::int, 0), GREATEST(${p(12)}::int, 0) FROM u WHERE ${p(9)}::uuid IS NOT NULL
         ON CONFLICT (service_id, local_date) DO UPDATE SET
           waiting_regular = GREATEST(s.waiting_regular + ${p(11)}::int, 0),
           waiting_priority = GREATEST(s.waiting_priority + ${p(12)}::int, 0)
       ), cs AS (
         UPDATE counter SET regular_streak = ${p(14)}::int WHERE id = ${p(13)}::uuid AND ${p(14)}::int IS NOT NULL
       )
       SELECT 1`,
      [
        c.id,
        ...keys.map((k) => c.fields[k]),
        e.siteId,
        e.action,
        e.from,
        e.to,
        e.counterId,
        e.userId,
        e.deviceId,
        e.at,
        e.details ?? {},
        c.tally?.serviceId ?? null,
        c.tally?.localDate ?? null,
        c.tally?.regular ?? 0,
        c.tally?.priority ?? 0,
        c.streak?.counterId ?? null,
        c.streak?.value ?? null,
      ],
    );
  }

  async listEvents(ticketId: string): Promise<TicketEventRow[]> {
    return (await this.db.query(
      `SELECT action, from_status, to_status, counter_id, actor_user_id, at, details FROM ticket_event WHERE ticket_id = $1 ORDER BY id`,
      [ticketId],
    )) as TicketEventRow[];
  }

  /** Waiting tickets a counter could call, in a stable order (for its console). */
  async listWaitingForServices(siteId: string, localDate: string, serviceIds: string[]): Promise<TicketRow[]> {
    return (await this.db.query(
      `${TICKET_VIEW} WHERE t.site_id = $1 AND t.local_date = $2 AND t.status = 'waiting' AND t.service_id = ANY($3::uuid[])
        ORDER BY (t.priority <> 'regular') DESC, t.queue_at, t.seq LIMIT 500`,
      [siteId, localDate, serviceIds],
    )) as TicketRow[];
  }

  /** Closes what a past day or a closed site left open: waiting and called tickets become not served. */
  async closeOpenTickets(
    tx: EntityManager,
    q: { siteId: string; beforeDate: string | null; onDate: string | null; statuses: TicketStatus[]; at: Date },
  ): Promise<{ id: string; status: TicketStatus; counter_id: string | null }[]> {
    const rows = (await tx.query(
      `WITH old AS (
         SELECT id, status, site_id, counter_id FROM ticket
          WHERE site_id = $1 AND status = ANY($4::text[])
            AND (($2::date IS NOT NULL AND local_date < $2::date) OR ($3::date IS NOT NULL AND local_date = $3::date))
          FOR UPDATE
       ), closed AS (
         UPDATE ticket t SET status = 'not_served', finished_at = $5
           FROM old WHERE t.id = old.id
         RETURNING t.id, old.status AS old_status, old.site_id, old.counter_id, t.local_date
       ), unbuilt AS (
         -- A past day changed: the reports' rollup builds it again, the reports read it live until then (docs/reports.md).
         DELETE FROM hall_day_built b WHERE b.site_id = $1 AND b.local_date IN (SELECT local_date FROM closed)
       ), ev AS (
         INSERT INTO ticket_event (ticket_id, site_id, action, from_status, to_status, counter_id, at, details)
         SELECT id, site_id, 'close_day', old_status, 'not_served', counter_id, $5, '{}'::jsonb FROM closed
       ), tally AS (
         UPDATE service_day_count c SET
           waiting_regular = GREATEST(c.waiting_regular - w.regular, 0),
           waiting_priority = GREATEST(c.waiting_priority - w.priority, 0)
           FROM (SELECT t.service_id, t.local_date,
                        count(*) FILTER (WHERE t.priority = 'regular')::int AS regular,
                        count(*) FILTER (WHERE t.priority <> 'regular')::int AS priority
                   FROM closed JOIN ticket t ON t.id = closed.id
                  WHERE closed.old_status = 'waiting'
                  GROUP BY t.service_id, t.local_date) w
          WHERE c.service_id = w.service_id AND c.local_date = w.local_date
       )
       SELECT id, old_status AS status, counter_id FROM closed`,
      [q.siteId, q.beforeDate, q.onDate, q.statuses, q.at],
    )) as { id: string; status: TicketStatus; counter_id: string | null }[];
    return rows;
  }

  async listSiteIdsWithOpenTickets(): Promise<string[]> {
    const rows = (await this.db.query(`SELECT DISTINCT site_id FROM ticket WHERE status IN ('waiting', 'called', 'serving')`)) as { site_id: string }[];
    return rows.map((r) => r.site_id);
  }

  /**
   * Each counter of the site and the ticket it holds today. Ticket numbers come raw (prefix and
   * number): formatTicketNumber of libs/domain is their one formatter (defects #2).
   */
  async displayCounters(siteId: string, localDate: string): Promise<DisplayCounterRow[]> {
    return (await this.db.query(
      `SELECT c.number, c.name, c.state,
              t.prefix, t.number AS ticket_number, sv.name AS service_name, t.status
         FROM counter c
         LEFT JOIN ticket t ON t.counter_id = c.id AND t.status IN ('called', 'serving') AND t.local_date = $2
         LEFT JOIN service sv ON sv.id = t.service_id
        WHERE c.site_id = $1 AND c.retired_at IS NULL
        ORDER BY c.number`,
      [siteId, localDate],
    )) as DisplayCounterRow[];
  }

  /** The site's calls and recalls of the local day that starts at `dayStart`, newest first; numbers raw, as displayCounters. */
  async lastCalls(siteId: string, localDate: string, dayStart: Date, limit: number): Promise<LastCallRow[]> {
    return (await this.db.query(
      `SELECT t.prefix, t.number AS ticket_number, c.number AS counter_number, c.name AS counter_name,
              sv.name AS service_name, t.priority, e.at, e.action
         FROM ticket_event e
         JOIN ticket t ON t.id = e.ticket_id
         JOIN counter c ON c.id = e.counter_id
         JOIN service sv ON sv.id = t.service_id
        WHERE e.site_id = $1 AND e.action IN ('call', 'recall') AND e.at >= $4 AND t.local_date = $2
        ORDER BY e.at DESC, e.id DESC
        LIMIT $3`,
      [siteId, localDate, limit, dayStart],
    )) as LastCallRow[];
  }

  /** Waiting tickets per service of the site's day, from the tallies kept with every change. */
  async waitingCounts(siteId: string, localDate: string): Promise<WaitingCountRow[]> {
    return (await this.db.query(
      `SELECT d.service_id, sv.name AS service_name, (d.waiting_regular + d.waiting_priority)::int AS count
         FROM service_day_count d JOIN service sv ON sv.id = d.service_id
        WHERE sv.site_id = $1 AND d.local_date = $2 AND d.waiting_regular + d.waiting_priority > 0
        ORDER BY sv.name`,
      [siteId, localDate],
    )) as WaitingCountRow[];
  }

}
