import type { CounterResponse, TicketResponse } from '@mpp/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from './support/hall';
import { STAFF_PASSWORD } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The guarantees, each raced for real: many concurrent HTTP requests against one PostgreSQL.
 * Each test uses its own service or day so their tickets do not mix.
 */
describe('Queue guarantees under concurrency', () => {
  let t: TestApp;
  let h: Hall;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));
  const db = () => t.app.get(DataSource);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
  });
  afterAll(async () => t?.close());

  /** The waiting tallies that give new tickets their place agree with a real count. */
  async function expectTalliesToMatchCounts(day: string): Promise<void> {
    const rows = await db().query(
      `SELECT c.service_id, c.waiting_regular, c.waiting_priority,
              (SELECT count(*)::int FROM ticket t WHERE t.service_id = c.service_id AND t.local_date = c.local_date AND t.status = 'waiting' AND t.priority = 'regular') AS regular,
              (SELECT count(*)::int FROM ticket t WHERE t.service_id = c.service_id AND t.local_date = c.local_date AND t.status = 'waiting' AND t.priority <> 'regular') AS priority
         FROM service_day_count c WHERE c.local_date = $1`,
      [day],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect([r.waiting_regular, r.waiting_priority]).toEqual([r.regular, r.priority]);
  }

  /** Runs `total` jobs with `workers` of them in flight at any moment. */
  async function race<T>(workers: number, total: number, job: (i: number) => Promise<T>): Promise<T[]> {
    const results: T[] = new Array(total);
    let next = 0;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (let i = next++; i < total; i = next++) results[i] = await job(i);
      }),
    );
    return results;
  }

  it('should number tickets uniquely and without gaps per (site, prefix, day) with 20 kiosks issuing at once', async () => {
    clock.set('2026-11-25T01:00:00Z'); // a Wednesday nobody else uses
    const kiosks = await Promise.all(
      Array.from({ length: 20 }, async (_, i) =>
        (await t.http().post('/api/v1/admin/sites/kota-kupang/devices').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ name: `Kios ${i}`, kind: 'kiosk' }).expect(201)).body
          .token as string,
      ),
    );
    // Three Dukcapil services share prefix A: one sequence for all of them.
    const services = [h.services.ktpBaru, h.services.kk, h.services.akta];
    const tickets = await race(20, 300, (i) => issue(t, kiosks[i % 20], services[i % 3]));
    const numbers = tickets.map((x) => Number(x.number.slice(1))).sort((a, b) => a - b);
    expect(new Set(tickets.map((x) => x.number)).size).toBe(300);
    expect(numbers).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    const [seq] = await db().query(`SELECT last_number FROM ticket_sequence WHERE prefix = 'A' AND local_date = '2026-11-25'`);
    expect(seq.last_number).toBe(300);
    await expectTalliesToMatchCounts('2026-11-25');
  });

  it('should never give one ticket to two counters, with 20 counters calling at once', async () => {
    clock.set('2026-11-26T01:00:00Z');
    // 20 more Dukcapil counters, each with its own officer.
    const counters: { counter: CounterResponse; token: string }[] = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const counter = (
          await t
            .http()
            .post('/api/v1/admin/sites/kota-kupang/counters')
            .auth(h.kupangSiteAdmin, { type: 'bearer' })
            .send({ number: 100 + i, name: `Loket uji ${i}`, serviceIds: [h.services.ktpBaru] })
            .expect(201)
        ).body as CounterResponse;
        const email = `balapan-${i}-${randomUUID().slice(0, 6)}@mpp.test`;
        await t.http().post('/api/v1/admin/users').auth(h.system, { type: 'bearer' }).send({ email, fullName: `Petugas ${i}`, password: STAFF_PASSWORD, role: 'officer', agencyId: h.dukcapil.id }).expect(201);
        const token = await t.loginAs(email, STAFF_PASSWORD);
        await counterAction(t, token, counter, 'open').expect(200);
        return { counter, token };
      }),
    );
    const issued = await race(10, 120, () => issue(t, h.kiosk, h.services.ktpBaru));
    const calls: string[] = [];
    await Promise.all(
      counters.map(async ({ counter, token }) => {
        for (;;) {
          const res = await counterAction(t, token, counter, 'call-next');
          if (res.status === 404) return;
          expect(res.status).toBe(200);
          calls.push((res.body as TicketResponse).id);
          await counterAction(t, token, counter, 'no-show').expect(200);
        }
      }),
    );
    expect(calls).toHaveLength(issued.length);
    expect(new Set(calls).size).toBe(calls.length);
    expect(new Set(calls)).toEqual(new Set(issued.map((x) => x.id)));
    const [dup] = await db().query(
      `SELECT count(*)::int AS n FROM (SELECT ticket_id FROM ticket_event WHERE action = 'call' AND ticket_id = ANY($1::uuid[]) GROUP BY ticket_id HAVING count(*) > 1) d`,
      [issued.map((x) => x.id)],
    );
    expect(dup.n).toBe(0);
    await expectTalliesToMatchCounts('2026-11-26');
  });

  it('should let a counter hold at most one called ticket when its officer double-clicks ten times', async () => {
    clock.set('2026-11-27T01:00:00Z');
    await race(5, 10, () => issue(t, h.kiosk, h.services.skck));
    const results = await Promise.all(Array.from({ length: 10 }, () => counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next')));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'COUNTER_BUSY')).toBe(true);
    const [active] = await db().query(`SELECT count(*)::int AS n FROM ticket WHERE counter_id = $1 AND status IN ('called', 'serving')`, [h.counters.polresta.id]);
    expect(active.n).toBe(1);
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'no-show').expect(200);
  });

  it('should issue one ticket, once, for twenty racing retries with the same Idempotency-Key', async () => {
    clock.set('2026-11-30T01:00:00Z');
    const key = `kios-1-${randomUUID()}`;
    const before = await issue(t, h.kiosk, h.services.skck);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => t.http().post('/api/v1/queue/tickets').auth(h.kiosk, { type: 'bearer' }).set('Idempotency-Key', key).send({ serviceId: h.services.skck })),
    );
    expect(responses.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    const ids = new Set(responses.map((r) => (r.body as TicketResponse).id));
    expect(ids.size).toBe(1);
    const after = await issue(t, h.kiosk, h.services.skck);
    // One number was used by the twenty retries: no gap, no double.
    expect(Number(after.number.slice(1))).toBe(Number(before.number.slice(1)) + 2);
    const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM idempotency_key WHERE key = $1`, [key]);
    expect(n).toBe(1);
    // A retry later still answers with the same ticket; another body with the key is refused.
    const replay = await t.http().post('/api/v1/queue/tickets').auth(h.kiosk, { type: 'bearer' }).set('Idempotency-Key', key).send({ serviceId: h.services.skck }).expect(200);
    expect(replay.body.id).toBe([...ids][0]);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const other = await t.http().post('/api/v1/queue/tickets').auth(h.kiosk, { type: 'bearer' }).set('Idempotency-Key', key).send({ serviceId: h.services.ktpBaru }).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('should keep numbering gap-free when a racing issue is refused by the daily quota', async () => {
    clock.set('2026-12-01T01:00:00Z');
    await setDailyQuota(t, h.system, h.services.akta, 5);
    try {
      const results = await Promise.all(Array.from({ length: 15 }, () => t.http().post('/api/v1/queue/tickets').auth(h.kiosk, { type: 'bearer' }).send({ serviceId: h.services.akta })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(5);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'DAILY_QUOTA_REACHED')).toBe(true);
      const next = await issue(t, h.kiosk, h.services.ktpBaru);
      expect(next.number).toBe('A006');
    } finally {
      await setDailyQuota(t, h.system, h.services.akta, null);
    }
  });
});
