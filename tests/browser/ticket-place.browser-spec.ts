import type { CounterResponse, Page as ListPage, ServiceSummaryResponse, TicketResponse } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../apps/api/src/common/clock';
import { counterAction, issue, KUPANG_MONDAY_0900 } from '../../apps/api/test/support/hall';
import { createStaff, STAFF_PASSWORD, StaffTokens } from '../../apps/api/test/support/staff';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/browser';

describe("The ticket page's place at shared counters, in Chromium", () => {
  let t: TestApp;
  let staff: StaffTokens;
  let browser: Browser;
  let base: string;
  let officers: string[];
  let counters: CounterResponse[];
  let akta: string;
  let ktp: string;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await createStaff(t);
    const list = ((await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as ListPage<ServiceSummaryResponse>).items;
    akta = list.find((s) => s.code === 'dukcapil-akta-kelahiran')!.id;
    ktp = list.find((s) => s.code === 'dukcapil-ktp-el-baru')!.id;
    officers = [];
    counters = [];
    for (const [i, serviceIds] of [[akta, ktp], [ktp]].entries()) {
      const email = `petugas.tempat.${i}@mpp.test`;
      await t.http().post('/api/v1/admin/users').auth(staff.system, { type: 'bearer' }).send({ email, fullName: `Petugas Tempat ${i}`, password: STAFF_PASSWORD, role: 'officer', agencyId: staff.dukcapil.id }).expect(201);
      officers.push(await t.loginAs(email, STAFF_PASSWORD));
      counters.push(
        (await t.http().post('/api/v1/admin/sites/kota-kupang/counters').auth(staff.kupangSiteAdmin, { type: 'bearer' }).send({ number: 911 + i, name: `Loket ${911 + i} Dukcapil`, serviceIds }).expect(201))
          .body as CounterResponse,
      );
      await counterAction(t, officers[i], counters[i], 'open').expect(200);
    }
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const openTicket = async (ticket: TicketResponse): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/tiket/${ticket.publicCode}`);
    await page.getByTestId('ticket-number').waitFor();
    await page.getByTestId('ticket-live').filter({ hasText: 'Pembaruan langsung aktif' }).waitFor();
    return page;
  };

  it('should show a range, not "Anda berikutnya", until the ticket is certainly next, and update live', async () => {
    const first = await issue(t, staff.kupangKiosk, akta);
    clock.advance(1000);
    const second = await issue(t, staff.kupangKiosk, ktp);
    const page = await openTicket(second);

    // Counter 911 (akta and KTP) would call A-akta first, counter 912 (KTP only) this ticket.
    const now = page.getByTestId('ticket-now');
    expect(await page.getByTestId('ticket-position').textContent()).toContain('Urutan Anda: 1–2');
    expect(await page.getByTestId('ticket-ahead').textContent()).toContain('0 sampai 1 orang di depan Anda');
    expect(await now.textContent()).not.toContain('Anda berikutnya');
    await checkScreen(page, 'ticket-place-range');

    // Counter 912 closes: only the shared counter is left, and the akta ticket goes first.
    await counterAction(t, officers[1], counters[1], 'close').expect(200);
    await page.getByTestId('ticket-position').filter({ hasText: 'Urutan Anda: 2' }).waitFor({ timeout: 3000 });
    expect(await page.getByTestId('ticket-ahead').textContent()).toContain('1 orang di depan Anda');

    // The shared counter calls the akta ticket: now this one is next, for certain.
    const called = (await counterAction(t, officers[0], counters[0], 'call-next').expect(200)).body as TicketResponse;
    expect(called.id).toBe(first.id);
    await page.getByTestId('ticket-ahead').filter({ hasText: 'Anda berikutnya' }).waitFor({ timeout: 3000 });
    expect(await page.getByTestId('ticket-position').textContent()).toContain('Urutan Anda: 1');
    await page.close();
  });

  it('should take its new place from the push when the line moves, reading nothing', async () => {
    // Counter 911 alone is open and holds the akta ticket of the test above; the KTP one waits first.
    await counterAction(t, officers[0], counters[0], 'no-show').expect(200);
    const ticket = await issue(t, staff.kupangKiosk, ktp);
    const page = await openTicket(ticket);
    await page.getByTestId('ticket-position').filter({ hasText: 'Urutan Anda: 2' }).waitFor({ timeout: 3000 });
    const reads: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) reads.push(request.url());
    });

    await counterAction(t, officers[0], counters[0], 'call-next').expect(200);
    await page.getByTestId('ticket-ahead').filter({ hasText: 'Anda berikutnya' }).waitFor({ timeout: 3000 });
    expect(await page.getByTestId('ticket-position').textContent()).toContain('Urutan Anda: 1');
    // Past the 500 ms after which a page told no place would read it.
    await page.waitForTimeout(1000);
    expect(reads).toEqual([]);
    await page.close();
  });
});
