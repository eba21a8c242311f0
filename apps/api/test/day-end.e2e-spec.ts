import type { CounterSnapshot, DisplaySnapshot, PublicTicketResponse, TicketResponse } from '@mpp/contracts';
import { FixedClock } from '../src/common/clock';
import { DayEndService } from '../src/queue/day-end.service';
import { counterAction, Hall, issue, setDailyQuota, setupHall } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';

describe('Queue day end', () => {
  let t: TestApp;
  let h: Hall;
  // Monday 7 December 2026, 09:00 WITA.
  const clock = new FixedClock(new Date('2026-12-07T01:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
  });
  afterAll(async () => t?.close());

  const publicView = async (code: string) => (await t.http().get(`/api/v1/tickets/${code}`).expect(200)).body as PublicTicketResponse;
  const display = async () =>
    (await t.http().get('/api/v1/queue/sites/kota-kupang/display').auth(h.display, { type: 'bearer' }).expect(200)).body as DisplaySnapshot;

  it('should close waiting and called tickets as not served once the site has closed, and leave one being served', async () => {
    const waiting = await issue(t, h.kiosk, h.services.skck);
    const serving = await issue(t, h.kiosk, h.services.ktpBaru);
    const called = await issue(t, h.kiosk, h.services.ktpBaru);
    expect((await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body.id).toBe(serving.id);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
    expect((await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'call-next').expect(200)).body.id).toBe(called.id);

    clock.set('2026-12-07T07:00:00Z'); // 15:00 WITA: still open on a Monday
    expect(await t.app.get(DayEndService).sweep()).toBe(0);
    clock.set('2026-12-07T08:00:00Z'); // 16:00 WITA: closed at 15:30
    expect(await t.app.get(DayEndService).sweep()).toBe(2);
    expect((await publicView(waiting.publicCode)).status).toBe('not_served');
    expect((await publicView(called.publicCode)).status).toBe('not_served');
    expect((await publicView(serving.publicCode)).status).toBe('serving');
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
    expect((await publicView(serving.publicCode)).status).toBe('done');
    // The counter whose called ticket was closed holds nothing now.
    await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'start').expect(409);
  });

  it("should start new numbers on the site's next local day, with nothing of yesterday on today's display", async () => {
    clock.set('2026-12-08T01:00:00Z'); // Tuesday 09:00 WITA
    const first = await issue(t, h.kiosk, h.services.skck);
    const second = await issue(t, h.kiosk, h.services.skck);
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200);
    const leftOpen = second;

    clock.set('2026-12-09T00:30:00Z'); // Wednesday 08:30 WITA; 23:30 on Tuesday in UTC terms is long gone
    const today = await issue(t, h.kiosk, h.services.skck);
    expect(today.number).toBe(`${first.number[0]}001`);
    expect(today.localDate).toBe('2026-12-09');
    expect(first.localDate).toBe('2026-12-08');
    // What Tuesday left open was closed when Wednesday's queue was first touched; no cron at midnight.
    expect((await publicView(leftOpen.publicCode)).status).toBe('not_served');
    expect((await publicView(first.publicCode)).status).toBe('not_served');

    const snapshot = await display();
    expect(snapshot.localDate).toBe('2026-12-09');
    expect(snapshot.lastCalls).toHaveLength(0);
    expect(snapshot.counters.every((c) => c.current === null)).toBe(true);
    expect(snapshot.waiting).toEqual([{ serviceId: h.services.skck, serviceName: expect.any(String), count: 1 }]);
    const console = (await t.http().get(`/api/v1/queue/counters/${h.counters.polresta.id}`).auth(h.officers.polresta, { type: 'bearer' }).expect(200)).body as CounterSnapshot;
    expect(console.waiting.map((w) => w.id)).toEqual([today.id]);
    const called = (await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200)).body as TicketResponse;
    expect(called.id).toBe(today.id);
  });

  it('should number each site by its own local day (WITA and WIB)', async () => {
    // 2026-12-10T00:10Z: Thursday 08:10 in Kupang (open), Thursday 07:10 in Probolinggo (not yet open).
    clock.set('2026-12-10T00:10:00Z');
    const kupang = await issue(t, h.kiosk, h.services.skck);
    expect(kupang.localDate).toBe('2026-12-10');
    const probolinggoKiosk = (await t.http().post('/api/v1/admin/sites/kota-probolinggo/devices').auth(h.system, { type: 'bearer' }).send({ name: 'Kios PBL', kind: 'kiosk' }).expect(201)).body.token as string;
    const probolinggoService = (await t.http().get('/api/v1/services').query({ site: 'kota-probolinggo', pageSize: 1 }).expect(200)).body.items[0].id as string;
    const early = await t.http().post('/api/v1/queue/tickets').auth(probolinggoKiosk, { type: 'bearer' }).send({ serviceId: probolinggoService }).expect(409);
    expect(early.body.message.en).toMatch(/opens at 07:30/);
    clock.set('2026-12-10T00:40:00Z'); // 07:40 WIB
    const pbl = await issue(t, probolinggoKiosk, probolinggoService);
    expect(pbl.localDate).toBe('2026-12-10');
    expect(pbl.number.endsWith('001')).toBe(true);
  });
});
