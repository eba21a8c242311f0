import type { CounterResponse, TicketResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { CounterService } from '../src/queue/counter.service';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Defects #3: an officer acts only for their own agency, also at a counter that serves several
 * agencies and for a ticket sent to that counter. Polresta stands for "another agency" (BPJS in
 * the issue): its agency admin sits at a counter serving a Dukcapil and a Polresta service.
 */
describe(`${CounterService.name}: one agency's tickets for its own officers`, () => {
  let t: TestApp;
  let h: Hall;
  let shared: CounterResponse;
  let dukcapilOnly: CounterResponse;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));
  const db = () => t.app.get(DataSource);

  const newCounter = async (number: number, name: string, serviceIds: string[]) =>
    (
      await t
        .http()
        .post('/api/v1/admin/sites/kota-kupang/counters')
        .auth(h.kupangSiteAdmin, { type: 'bearer' })
        .send({ number, name, serviceIds })
        .expect(201)
    ).body as CounterResponse;

  /** A Dukcapil ticket called at Dukcapil's counter and sent on to the shared counter. */
  const dukcapilTicketSentToShared = async (): Promise<TicketResponse> => {
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    const called = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse;
    expect(called.id).toBe(ticket.id);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'transfer', { counterId: shared.id }).expect(200);
    return ticket;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
    shared = await newCounter(90, 'Loket 90 – Dukcapil dan Polresta', [h.services.ktpBaru, h.services.skck]);
    dukcapilOnly = await newCounter(91, 'Loket 91 – Dukcapil', [h.services.ktpBaru]);
  });
  afterAll(async () => t?.close());

  it("should not give a ticket sent to a shared counter to the officer there of another agency, and keep it for its own agency's officer", async () => {
    const sent = await dukcapilTicketSentToShared();
    await counterAction(t, h.polrestaAdmin, shared, 'open').expect(200);
    try {
      const empty = await counterAction(t, h.polrestaAdmin, shared, 'call-next');
      expect({ status: empty.status, code: empty.body.code }).toEqual({ status: 404, code: 'QUEUE_EMPTY' });
      // Their own agency's ticket is theirs, although the Dukcapil ticket was sent here earlier.
      const skck = await issue(t, h.kiosk, h.services.skck);
      const own = (await counterAction(t, h.polrestaAdmin, shared, 'call-next').expect(200)).body as TicketResponse;
      expect(own.id).toBe(skck.id);
      await counterAction(t, h.polrestaAdmin, shared, 'start').expect(200);
      await counterAction(t, h.polrestaAdmin, shared, 'finish').expect(200);
    } finally {
      await counterAction(t, h.polrestaAdmin, shared, 'close');
    }
    // A Dukcapil officer who sits there gets it first.
    await counterAction(t, h.officers.dukcapil2, shared, 'open').expect(200);
    try {
      const called = (await counterAction(t, h.officers.dukcapil2, shared, 'call-next').expect(200)).body as TicketResponse;
      expect(called).toMatchObject({ id: sent.id, status: 'called', counter: { id: shared.id } });
      await counterAction(t, h.officers.dukcapil2, shared, 'start').expect(200);
      await counterAction(t, h.officers.dukcapil2, shared, 'finish').expect(200);
    } finally {
      await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'open').expect(200);
    }
  });

  it("should refuse an officer a counter that serves none of their agency's services, leaving it free for that agency", async () => {
    const refused = await counterAction(t, h.officers.polresta, dukcapilOnly, 'open');
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'NOT_YOUR_AGENCY' });
    expect(refused.body.message.id).toBeTruthy();
    expect(refused.body.message.en).toBeTruthy();
    const [row] = await db().query(`SELECT state, officer_id FROM counter WHERE id = $1`, [dukcapilOnly.id]);
    expect(row).toEqual({ state: 'closed', officer_id: null });
    // The officer is still at their own counter, and a Dukcapil officer may open this one.
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(404);
    await counterAction(t, h.dukcapilAdmin, dukcapilOnly, 'open').expect(200);
    await counterAction(t, h.dukcapilAdmin, dukcapilOnly, 'close').expect(200);
  });

  it("should refuse start, finish, recall, no-show and transfer of another agency's ticket held by a counter, and let the officer return it", async () => {
    // The state the defect left behind: a Dukcapil ticket called at the shared counter by the Polresta officer there.
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    await counterAction(t, h.polrestaAdmin, shared, 'open').expect(200);
    try {
      await db().query(`UPDATE ticket SET status = 'called', counter_id = $2, called_at = now(), first_called_at = now() WHERE id = $1`, [ticket.id, shared.id]);
      await db().query(`UPDATE service_day_count SET waiting_regular = waiting_regular - 1 WHERE service_id = $1`, [h.services.ktpBaru]);
      const attempts: [string, object][] = [
        ['recall', {}],
        ['start', {}],
        ['no-show', {}],
        ['transfer', { serviceId: h.services.skck }],
        ['transfer', { counterId: h.counters.dukcapil1.id }],
      ];
      for (const [action, body] of attempts) {
        const res = await counterAction(t, h.polrestaAdmin, shared, action, body);
        expect({ action, status: res.status, code: res.body.code }).toEqual({ action, status: 403, code: 'OTHER_AGENCY_TICKET' });
        expect(res.body.message.id).toContain(ticket.number);
        expect(res.body.message.en).toContain(ticket.number);
      }
      await db().query(`UPDATE ticket SET status = 'serving', started_at = now() WHERE id = $1`, [ticket.id]);
      const finish = await counterAction(t, h.polrestaAdmin, shared, 'finish', { outcomeNote: 'selesai' });
      expect({ status: finish.status, code: finish.body.code }).toEqual({ status: 403, code: 'OTHER_AGENCY_TICKET' });
      await db().query(`UPDATE ticket SET status = 'called', started_at = NULL WHERE id = $1`, [ticket.id]);
      const [unchanged] = await db().query(`SELECT status, counter_id, service_id, recall_count FROM ticket WHERE id = $1`, [ticket.id]);
      expect(unchanged).toEqual({ status: 'called', counter_id: shared.id, service_id: h.services.ktpBaru, recall_count: 0 });

      const back = (await counterAction(t, h.polrestaAdmin, shared, 'return').expect(200)).body as TicketResponse;
      expect(back).toMatchObject({ id: ticket.id, status: 'waiting', counter: null });
    } finally {
      await counterAction(t, h.polrestaAdmin, shared, 'close');
    }
    const called = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse;
    expect(called.id).toBe(ticket.id);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
  });

  it("should refuse picking another agency's ticket, or a ticket sent to another counter", async () => {
    await t.http().put('/api/v1/admin/sites/kota-kupang/queue-policy').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ mode: 'priority_first', interleaveEvery: 3, allowPick: true, maxRecalls: 3 }).expect(200);
    await counterAction(t, h.polrestaAdmin, shared, 'open').expect(200);
    try {
      const sent = await dukcapilTicketSentToShared();
      const dukcapilTicket = await issue(t, h.kiosk, h.services.ktpBaru);
      const foreign = await counterAction(t, h.polrestaAdmin, shared, 'call', { ticketId: dukcapilTicket.id });
      expect({ status: foreign.status, code: foreign.body.code }).toEqual({ status: 403, code: 'NOT_FOR_THIS_COUNTER' });

      const elsewhere = await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'call', { ticketId: sent.id });
      expect({ status: elsewhere.status, code: elsewhere.body.code }).toEqual({ status: 403, code: 'NOT_FOR_THIS_COUNTER' });
      const [row] = await db().query(`SELECT status, target_counter_id FROM ticket WHERE id = $1`, [sent.id]);
      expect(row).toEqual({ status: 'waiting', target_counter_id: shared.id });
    } finally {
      await counterAction(t, h.polrestaAdmin, shared, 'close');
      await t.http().put('/api/v1/admin/sites/kota-kupang/queue-policy').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ mode: 'priority_first', interleaveEvery: 3, allowPick: false, maxRecalls: 3 }).expect(200);
    }
  });
});
