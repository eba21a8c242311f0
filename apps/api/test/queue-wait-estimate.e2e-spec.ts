import { QUEUE_JOINS, type CounterResponse, type Page, type PublicTicketResponse, type ServiceSummaryResponse } from '@mpp/contracts';
import { estimateWaitMinutes } from '@mpp/domain';
import { io } from 'socket.io-client';
import { FixedClock } from '../src/common/clock';
import { counterAction, issue, KUPANG_MONDAY_0900 } from './support/hall';
import { createStaff, STAFF_PASSWORD, StaffTokens } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const MINUTE = 60_000;

describe(estimateWaitMinutes.name, () => {
  let t: TestApp;
  let staff: StaffTokens;
  let officer: string;
  let counter: CounterResponse;
  let akta: string;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await createStaff(t);
    const list = ((await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as Page<ServiceSummaryResponse>).items;
    akta = list.find((s) => s.code === 'dukcapil-akta-kelahiran')!.id;
    const email = 'petugas.tunggu@mpp.test';
    await t.http().post('/api/v1/admin/users').auth(staff.system, { type: 'bearer' }).send({ email, fullName: 'Petugas Tunggu', password: STAFF_PASSWORD, role: 'officer', agencyId: staff.dukcapil.id }).expect(201);
    officer = await t.loginAs(email, STAFF_PASSWORD);
    counter = (await t.http().post('/api/v1/admin/sites/kota-kupang/counters').auth(staff.kupangSiteAdmin, { type: 'bearer' }).send({ number: 931, name: 'Loket 931 Dukcapil', serviceIds: [akta] }).expect(201))
      .body as CounterResponse;
    await counterAction(t, officer, counter, 'open').expect(200);
  });
  afterAll(async () => t?.close());

  const act = (action: string, body: object = {}) => counterAction(t, officer, counter, action, body).expect(200);
  const publicView = async (code: string) => (await t.http().get(`/api/v1/tickets/${code}`).expect(200)).body as PublicTicketResponse;

  it('should estimate from measured call→finish times: the wait for the busy counter to free, then the tickets ahead', async () => {
    // Five akta tickets each hold the counter 6 minutes from their call: three served after a
    // minute's walk to the counter, one after a recall, one absent (a no-show).
    for (let i = 0; i < 5; i++) {
      await issue(t, staff.kupangKiosk, akta);
      await act('call-next');
      if (i === 4) {
        clock.advance(6 * MINUTE);
        await act('no-show');
        continue;
      }
      if (i === 3) {
        clock.advance(2 * MINUTE);
        await act('recall');
      }
      clock.advance((i === 3 ? 4 : 1) * MINUTE);
      await act('start');
      clock.advance((i === 3 ? 0 : 5) * MINUTE);
      await act('finish', { outcomeNote: 'selesai' });
    }

    const first = await issue(t, staff.kupangKiosk, akta);
    const second = await issue(t, staff.kupangKiosk, akta);
    const third = await issue(t, staff.kupangKiosk, akta);
    expect((await act('call-next')).body.id).toBe(first.id);
    clock.advance(2 * MINUTE);

    // The counter is 2 of its 6 minutes into the first: 4 minutes until it frees, then 6 for the second.
    expect(await publicView(second.publicCode)).toMatchObject({ position: 1, estimatedWaitMinutes: 4 });
    expect(await publicView(third.publicCode)).toMatchObject({ position: 2, estimatedWaitMinutes: 10 });

    // The ticket's live room gets the same.
    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    const page = io(`${base}/queue`, { transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      const joined = (await page.timeout(5000).emitWithAck(QUEUE_JOINS.ticket, { publicCode: third.publicCode })) as { ok: boolean; data: PublicTicketResponse };
      expect(joined).toMatchObject({ ok: true, data: { estimatedWaitMinutes: 10 } });
    } finally {
      page.disconnect();
    }
  });
});
