import type { DisplaySnapshot, TicketResponse } from '@mpp/contracts';
import { formatTicketNumber } from '@mpp/domain';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { DisplayService } from '../src/queue/display.service';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';

/** Defects #2: the hall display shows ticket numbers as printed, also from 1000 on. */
describe(`${DisplayService.name} ticket numbers`, () => {
  let t: TestApp;
  let h: Hall;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    await setDailyQuota(t, h.system, h.services.skck, null);
  });
  afterAll(async () => t?.close());

  /** Makes the next number of the ticket's (site, prefix, day) sequence `next`, as if the hall had been busy. */
  const numberNextAs = async (ticket: TicketResponse, next: number) => {
    await t.app.get(DataSource).query(
      `UPDATE ticket_sequence s SET last_number = $2 FROM site st WHERE st.id = s.site_id AND st.code = $1 AND s.prefix = $3 AND s.local_date = $4`,
      [ticket.siteCode, next - 1, ticket.number[0], ticket.localDate],
    );
  };
  const callAndServe = async () => {
    const called = (await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200)).body as TicketResponse;
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'start').expect(200);
    return called;
  };
  const snapshot = async () => (await t.http().get('/api/v1/queue/sites/kota-kupang/display').auth(h.display, { type: 'bearer' }).expect(200)).body as DisplaySnapshot;

  it('should show numbers 999, 1000 and 2039 on the display snapshot as the tickets print them', async () => {
    const first = await issue(t, h.kiosk, h.services.skck);
    const prefix = first.number[0];
    await numberNextAs(first, 999);
    const shown: string[] = [];
    for (const next of [999, 1000, 2039]) {
      if (next === 2039) await numberNextAs(first, 2039);
      const ticket = await issue(t, h.kiosk, h.services.skck);
      expect(ticket.number).toBe(formatTicketNumber(prefix, next));
      // Clear the counter of what waits before it.
      let called = await callAndServe();
      while (called.id !== ticket.id) {
        await counterAction(t, h.officers.polresta, h.counters.polresta, 'finish').expect(200);
        called = await callAndServe();
      }
      const display = await snapshot();
      expect(display.counters.find((c) => c.number === h.counters.polresta.number)!.current).toMatchObject({ ticketNumber: ticket.number, status: 'serving' });
      expect(display.lastCalls[0]).toMatchObject({ ticketNumber: ticket.number, counterNumber: h.counters.polresta.number });
      shown.push(display.lastCalls[0].ticketNumber);
      await counterAction(t, h.officers.polresta, h.counters.polresta, 'finish').expect(200);
    }
    expect(shown).toEqual([999, 1000, 2039].map((n) => formatTicketNumber(prefix, n)));
    // Every call of the day, as the display lists them, has the number its ticket prints.
    const printed = (await t.app.get(DataSource).query(`SELECT prefix, number FROM ticket WHERE number >= 999`)) as { prefix: string; number: number }[];
    const lastCalls = (await snapshot()).lastCalls.map((c) => c.ticketNumber);
    expect(lastCalls).toEqual(expect.arrayContaining(printed.map((p) => formatTicketNumber(p.prefix, p.number))));
  });
});
