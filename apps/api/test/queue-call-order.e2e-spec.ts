import type { CallingMode, PriorityClass, QueuePolicy } from '@mpp/contracts';
import { chooseNext, localDate, type QueueCandidate } from '@mpp/domain';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { QueueRepository } from '../src/queue/queue.repository';
import { createStaff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/** A small deterministic generator (mulberry32): a failing case is reproduced from its seed. */
function newRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Service {
  id: string;
  agencyId: string;
  prefix: string;
}
interface Officer {
  id: string;
  /** null: a site or system admin, who calls for every agency the counter serves. */
  agencyId: string | null;
  siteId: string | null;
}
interface HallCounter {
  id: string;
  serviceIds: string[];
  officer: Officer;
  streak: number;
}
interface Waiting extends QueueCandidate {
  serviceId: string;
}

const SEED = 20261203;
const CASES = 100;
const TIME_ZONE = 'Asia/Makassar';
const CLASSES: PriorityClass[] = ['disability', 'elderly', 'pregnant', 'child', 'disaster_victim'];

/**
 * The calling order has one specification, chooseNext in libs/domain; the database function
 * queue_call_next must call exactly what it chooses. Random halls on real PostgreSQL: services of
 * two agencies, counters serving random sets of them with officers of either agency or admins,
 * priorities, tickets transferred to counters (also to counters that do not serve their service),
 * ties in queue time, both calling modes and random streaks; every call of every case compared.
 */
describe(`queue_call_next follows ${chooseNext.name}`, () => {
  let t: TestApp;
  let siteId: string;
  let services: Service[];
  let officers: Officer[];
  let counters: HallCounter[];
  let numbers = 0;
  const db = () => t.app.get(DataSource);

  beforeAll(async () => {
    t = await createTestApp();
    await createStaff(t);
    [{ id: siteId }] = await db().query(`SELECT id FROM site WHERE code = 'kota-kupang'`);
    // Three services each of two agencies.
    const rows = (await db().query(
      `SELECT s.id, s.agency_id AS "agencyId", s.ticket_prefix AS prefix, a.code AS agency
         FROM service s JOIN agency a ON a.id = s.agency_id
        WHERE s.site_id = $1 AND s.retired_at IS NULL AND a.code IN ('dukcapil', 'polresta') ORDER BY a.code, s.code`,
      [siteId],
    )) as (Service & { agency: string })[];
    services = ['dukcapil', 'polresta'].flatMap((code) => rows.filter((r) => r.agency === code).slice(0, 3)).map(({ id, agencyId, prefix }) => ({ id, agencyId, prefix }));
    expect(new Set(services.map((s) => s.agencyId)).size).toBe(2);
    officers = (await db().query(
      `SELECT u.id, u.agency_id AS "agencyId", u.site_id AS "siteId" FROM staff_user u LEFT JOIN agency a ON a.id = u.agency_id
        WHERE u.role = 'system_admin' OR u.site_id = $1 OR a.site_id = $1`,
      [siteId],
    )) as Officer[];
    expect(officers.filter((o) => o.agencyId !== null).length).toBeGreaterThanOrEqual(3);
    counters = [];
    for (let i = 0; i < 4; i++) {
      const [{ id }] = await db().query(`INSERT INTO counter (site_id, number, name, state) VALUES ($1, $2, $3, 'open') RETURNING id`, [siteId, 101 + i, `Loket uji ${101 + i}`]);
      counters.push({ id, serviceIds: [], officer: officers[0], streak: 0 });
    }
  });
  afterAll(async () => t?.close());

  /** A random hall for the day of `now`: counters, their officers and streaks, the policy. */
  async function newHall(random: () => number): Promise<QueuePolicy> {
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const mode: CallingMode = random() < 0.5 ? 'priority_first' : 'interleave';
    const interleaveEvery = 1 + Math.floor(random() * 4);
    await db().query(`UPDATE site SET queue_mode = $2, queue_interleave_every = $3 WHERE id = $1`, [siteId, mode, interleaveEvery]);
    await db().query(`UPDATE counter SET officer_id = NULL WHERE id = ANY($1::uuid[])`, [counters.map((c) => c.id)]);
    const seated = [...officers].sort(() => random() - 0.5);
    for (const [i, counter] of counters.entries()) {
      const size = 1 + Math.floor(random() * 4);
      counter.serviceIds = [...new Set(Array.from({ length: size }, () => pick(services).id))];
      counter.officer = seated[i % seated.length];
      counter.streak = Math.floor(random() * 6);
      await db().query(`DELETE FROM counter_service WHERE counter_id = $1`, [counter.id]);
      await db().query(`INSERT INTO counter_service (counter_id, service_id) SELECT $1, unnest($2::uuid[])`, [counter.id, counter.serviceIds]);
      await db().query(`UPDATE counter SET officer_id = $2, regular_streak = $3, state = 'open' WHERE id = $1`, [counter.id, counter.officer.id, counter.streak]);
    }
    return { mode, interleaveEvery, allowPick: false, maxRecalls: 3 };
  }

  /** Random tickets of the day (and some that must never be called): the waiting ones, as the spec sees them. */
  async function newTickets(random: () => number, now: Date, day: string, yesterday: string): Promise<Waiting[]> {
    const n = Math.floor(random() * 25);
    const rows: unknown[][] = [];
    for (let i = 0; i < n; i++) {
      const service = services[Math.floor(random() * services.length)];
      const priority = random() < 0.65 ? 'regular' : CLASSES[Math.floor(random() * CLASSES.length)];
      // Whole minutes within a few: many tickets share their queue time.
      const queueAt = new Date(now.getTime() - 60_000 * (1 + Math.floor(random() * 5)));
      const target = random() < 0.2 ? counters[Math.floor(random() * counters.length)].id : null;
      const noise = random();
      const status = noise < 0.08 ? 'done' : 'waiting';
      const date = noise > 0.94 ? yesterday : day;
      rows.push([service.id, service.prefix, ++numbers, date, randomBytes(12).toString('base64url'), priority, status, queueAt, target]);
    }
    if (n === 0) return [];
    const inserted = (await db().query(
      `INSERT INTO ticket (site_id, service_id, prefix, number, local_date, public_code, priority, source, status, queue_at, target_counter_id)
       SELECT $1, r.service_id, r.prefix, r.number, r.local_date, r.public_code, r.priority, 'kiosk', r.status, r.queue_at, r.target
         FROM unnest($2::uuid[], $3::text[], $4::int[], $5::date[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::uuid[])
              WITH ORDINALITY AS r(service_id, prefix, number, local_date, public_code, priority, status, queue_at, target, i)
        ORDER BY r.i
       RETURNING id, seq, service_id AS "serviceId", priority, status, queue_at AS "queueAt", target_counter_id AS "targetCounterId", to_char(local_date, 'YYYY-MM-DD') AS day`,
      [siteId, ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((k) => rows.map((r) => r[k]))],
    )) as (Waiting & { status: string; day: string })[];
    return inserted.filter((r) => r.status === 'waiting' && r.day === day).map(({ id, seq, serviceId, priority, queueAt, targetCounterId }) => ({ id, seq, serviceId, priority, queueAt, targetCounterId }));
  }

  /** The services whose tickets the counter's officer may call there (all of them for an admin). */
  const callable = (counter: HallCounter) =>
    new Set(counter.serviceIds.filter((id) => counter.officer.agencyId === null || services.find((s) => s.id === id)!.agencyId === counter.officer.agencyId));

  it(`should call exactly the ticket chooseNext chooses, in ${CASES} random halls (seed ${SEED})`, async () => {
    const sut = t.app.get(QueueRepository);
    const random = newRandom(SEED);
    let compared = 0;
    let called = 0;
    let tiesByQueueTime = 0;
    for (let c = 0; c < CASES; c++) {
      // Each case is a day of its own, 09:00 WITA: the days before are history to the function.
      const now = new Date(Date.UTC(2027, 0, 4, 1, 0, 0) + c * 86_400_000);
      const day = localDate(now, TIME_ZONE);
      const yesterday = localDate(new Date(now.getTime() - 86_400_000), TIME_ZONE);
      const policy = await newHall(random);
      let waiting = await newTickets(random, now, day, yesterday);
      const steps = waiting.length + 3;
      for (let step = 0; step < steps; step++) {
        const counter = counters[Math.floor(random() * counters.length)];
        const services = callable(counter);
        const candidates = waiting.filter((w) => services.has(w.serviceId));
        const expected = chooseNext(candidates, policy, counter.streak, counter.id);
        if (expected && candidates.some((w) => w !== expected.candidate && new Date(w.queueAt).getTime() === new Date(expected.candidate.queueAt).getTime())) tiesByQueueTime++;
        const { outcome, ticket } = await sut.callNext({
          counterId: counter.id,
          userId: counter.officer.id,
          siteId: counter.officer.siteId ?? (counter.officer.agencyId ? siteId : null),
          agencyId: counter.officer.agencyId,
          now,
        });
        const [{ regular_streak: streak }] = await db().query(`SELECT regular_streak FROM counter WHERE id = $1`, [counter.id]);
        const where = { seed: SEED, case: c, step, policy: `${policy.mode}/${policy.interleaveEvery}` };
        expect({ ...where, outcome, ticketId: ticket?.id ?? null, streak }).toEqual({
          ...where,
          outcome: services.size === 0 ? 'not_your_agency' : expected ? 'called' : 'queue_empty',
          ticketId: expected?.candidate.id ?? null,
          streak: expected ? expected.nextStreak : counter.streak,
        });
        compared++;
        if (!expected) continue;
        called++;
        counter.streak = expected.nextStreak;
        waiting = waiting.filter((w) => w.id !== expected.candidate.id);
        await db().query(`UPDATE ticket SET status = 'done', finished_at = $2 WHERE id = $1`, [expected.candidate.id, now]);
      }
    }
    // The random halls did exercise what matters: many calls, and ties broken by issue order.
    expect(compared).toBeGreaterThan(CASES * 5);
    expect(called).toBeGreaterThan(CASES * 3);
    expect(tiesByQueueTime).toBeGreaterThan(CASES);
  }, 180_000);
});
