import type { ApiError, CounterResponse, RetiredCounterResponse, TicketResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { CountersAdminService } from '../src/queue/counters-admin.service';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';

/** Issue 15: a loket's place on the hall display (its number) and its retirement. */
describe(`${CountersAdminService.name}: display order and retirement`, () => {
  let t: TestApp;
  let h: Hall;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));
  const db = () => t.app.get(DataSource);

  const counters = async () =>
    (await t.http().get('/api/v1/queue/sites/kota-kupang/counters').auth(h.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as CounterResponse[];
  const numberOf = async (id: string) => (await counters()).find((c) => c.id === id)?.number;
  const patch = (id: string, body: object, token = h.kupangSiteAdmin) => t.http().patch(`/api/v1/admin/counters/${id}`).auth(token, { type: 'bearer' }).send(body);
  const retire = (id: string, token = h.kupangSiteAdmin) => t.http().post(`/api/v1/admin/counters/${id}/retire`).auth(token, { type: 'bearer' }).send({});
  const newCounter = async (number: number, name: string, serviceIds: string[]) =>
    (await t.http().post('/api/v1/admin/sites/kota-kupang/counters').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ number, name, serviceIds }).expect(201)).body as CounterResponse;
  const retiredList = async (token = h.kupangSiteAdmin) =>
    (await t.http().get('/api/v1/admin/sites/kota-kupang/counters/retired').auth(token, { type: 'bearer' }).expect(200)).body as RetiredCounterResponse[];
  const auditOf = async (id: string, action: string) =>
    (await db().query(`SELECT before, after FROM admin_audit WHERE entity_id = $1 AND action = $2 ORDER BY at, id`, [id, action])) as { before: Record<string, unknown>; after: Record<string, unknown> }[];

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
  });
  afterAll(async () => t?.close());

  it('should move a loket to a free number, which reorders the list', async () => {
    const c = await newCounter(70, 'Loket uji urutan', [h.services.kk]);
    const moved = (await patch(c.id, { number: 71 }).expect(200)).body as CounterResponse;
    expect(moved.number).toBe(71);
    const list = await counters();
    expect(list.map((x) => x.number)).toEqual([...list.map((x) => x.number)].sort((a, b) => a - b));
    expect(list.find((x) => x.id === c.id)?.number).toBe(71);
    const [row] = (await auditOf(c.id, 'counter.update')).slice(-1);
    expect(row.before).toMatchObject({ number: 70 });
    expect(row.after).toMatchObject({ number: 71 });
  });

  it("should swap numbers with the loket that holds the wanted one, and audit both", async () => {
    const a = await newCounter(72, 'Loket uji A', [h.services.kk]);
    const b = await newCounter(73, 'Loket uji B', [h.services.kk]);
    await patch(a.id, { number: 73 }).expect(200);
    expect(await numberOf(a.id)).toBe(73);
    expect(await numberOf(b.id)).toBe(72);
    expect((await auditOf(b.id, 'counter.update')).at(-1)).toMatchObject({ before: { number: 73 }, after: { number: 72 } });
    expect((await auditOf(a.id, 'counter.update')).at(-1)).toMatchObject({ before: { number: 72 }, after: { number: 73 } });
  });

  it('should keep the numbers a permutation when admins reorder the same lokets at the same moment', async () => {
    const made = [await newCounter(80, 'Loket balap 1', [h.services.kk]), await newCounter(81, 'Loket balap 2', [h.services.kk]), await newCounter(82, 'Loket balap 3', [h.services.kk])];
    const ids = made.map((c) => c.id);
    for (let round = 0; round < 5; round++) {
      // Every loket asks for every other one's number at once: a cycle of swaps.
      const before = await Promise.all(ids.map(numberOf));
      const results = await Promise.all(ids.map((id, i) => patch(id, { number: before[(i + 1) % ids.length] })));
      expect(results.map((r) => r.status)).toEqual(ids.map(() => 200));
      const after = await Promise.all(ids.map(numberOf));
      expect([...after].sort()).toEqual([80, 81, 82]);
    }
    const all = (await counters()).map((c) => c.number);
    expect(new Set(all).size).toBe(all.length);
  });

  it('should refuse a number out of range in both languages and change nothing', async () => {
    const c = await newCounter(74, 'Loket uji batas', [h.services.kk]);
    for (const number of [0, 1000, 2.5, 'tiga']) {
      const res = await patch(c.id, { number }).expect(400);
      const body = res.body as ApiError;
      expect(body.fields?.map((f) => f.field)).toContain('number');
      const field = body.fields!.find((f) => f.field === 'number')!;
      expect(field.message.id).toContain('1 sampai 999');
      expect(field.message.en).toContain('1 to 999');
    }
    expect(await numberOf(c.id)).toBe(74);
  });

  it('should refuse to retire an open loket, a loket holding a ticket, or one with tickets sent to it alone, then retire it once closed', async () => {
    const counter = h.counters.dukcapil2;
    const officer = h.officers.dukcapil2;
    // Open with a ticket in hand.
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    const called = (await counterAction(t, officer, counter, 'call-next').expect(200)).body as TicketResponse;
    expect(called.id).toBe(ticket.id);
    expect(((await retire(counter.id).expect(409)).body as ApiError).code).toBe('COUNTER_BUSY');
    // Sent to this loket by another, then the officer closes up.
    await counterAction(t, officer, counter, 'start').expect(200);
    await counterAction(t, officer, counter, 'finish').expect(200);
    await issue(t, h.kiosk, h.services.ktpBaru);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'transfer', { counterId: counter.id }).expect(200);
    expect(((await retire(counter.id).expect(409)).body as ApiError).code).toBe('COUNTER_IN_USE');
    await counterAction(t, officer, counter, 'close').expect(200);
    const stranded = (await retire(counter.id).expect(409)).body as ApiError;
    expect(stranded.code).toBe('COUNTER_HAS_TRANSFERS');
    expect(stranded.message.id).toContain('1 antrean');
    // The officer opens again, serves the ticket sent there, and closes.
    await counterAction(t, officer, counter, 'open').expect(200);
    await counterAction(t, officer, counter, 'call-next').expect(200);
    await counterAction(t, officer, counter, 'start').expect(200);
    await counterAction(t, officer, counter, 'finish').expect(200);
    await counterAction(t, officer, counter, 'close').expect(200);

    const listedBefore = (await counters()).find((c) => c.id === counter.id)!;
    expect((await retiredList()).some((c) => c.id === counter.id)).toBe(false);
    await retire(counter.id).expect(204);
    expect((await counters()).some((c) => c.id === counter.id)).toBe(false);
    // Listed as retired for the admins, with the number and name it had, at the clock's moment or later.
    const retiredRow = (await retiredList()).find((c) => c.id === counter.id)!;
    expect(retiredRow).toMatchObject({ number: listedBefore.number, name: listedBefore.name });
    expect(Number.isNaN(Date.parse(retiredRow.retiredAt))).toBe(false);
    expect(await auditOf(counter.id, 'counter.retire')).toEqual([{ before: { retired: false }, after: { retired: true } }]);
    // Gone for everyone: it cannot be opened, changed or retired again.
    await counterAction(t, officer, counter, 'open').expect(404);
    await patch(counter.id, { name: 'Hidup lagi' }).expect(404);
    await retire(counter.id).expect(404);
    // Its number is not given to another loket.
    const other = await newCounter(75, 'Loket uji nomor lama', [h.services.kk]);
    const refused = (await patch(other.id, { number: counter.number }).expect(409)).body as ApiError;
    expect(refused.code).toBe('COUNTER_NUMBER_RETIRED');
    expect(refused.message.id).toContain(String(counter.number));
    expect(await numberOf(other.id)).toBe(75);
  });

  it('should let only the admins of the loket’s own MPP renumber or retire it', async () => {
    const c = await newCounter(76, 'Loket uji lingkup', [h.services.kk]);
    for (const token of [h.dukcapilAdmin, h.dukcapilOfficer, h.kiosk]) {
      await patch(c.id, { number: 77 }, token).expect(403);
      await retire(c.id, token).expect(403);
    }
    await patch(c.id, { number: 77 }, h.probolinggoSiteAdmin).expect(403);
    await retire(c.id, h.probolinggoSiteAdmin).expect(403);
    expect(await numberOf(c.id)).toBe(76);
    for (const token of [h.dukcapilAdmin, h.dukcapilOfficer, h.kiosk, h.probolinggoSiteAdmin]) {
      await t.http().get('/api/v1/admin/sites/kota-kupang/counters/retired').auth(token, { type: 'bearer' }).expect(403);
    }
    await t.http().get('/api/v1/admin/sites/tidak-ada/counters/retired').auth(h.system, { type: 'bearer' }).expect(404);
    await retire(c.id, h.system).expect(204);
    expect((await retiredList(h.system)).map((r) => r.number)).toContain(76);
  });
});
