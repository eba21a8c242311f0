import type { CounterResponse, PublicTicketResponse, ServiceResponse } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../apps/api/src/common/clock';
import { counterAction, issue, KUPANG_MONDAY_0900 } from '../../apps/api/test/support/hall';
import { createStaff, STAFF_PASSWORD, StaffTokens } from '../../apps/api/test/support/staff';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { seriousAxeViolations } from './support/axe';
import { launchChromium } from './support/browser';

describe("The kiosk's people-ahead at shared counters, in Chromium", () => {
  let t: TestApp;
  let staff: StaffTokens;
  let browser: Browser;
  let base: string;
  let akta: ServiceResponse;
  let ktp: ServiceResponse;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await createStaff(t);
    const service = async (code: string) => {
      const list = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as { items: { id: string; code: string }[] };
      return (await t.http().get(`/api/v1/services/${list.items.find((s) => s.code === code)!.id}`).expect(200)).body as ServiceResponse;
    };
    akta = await service('dukcapil-akta-kelahiran');
    ktp = await service('dukcapil-ktp-el-baru');
    for (const [i, serviceIds] of [[akta.id, ktp.id], [ktp.id]].entries()) {
      const email = `petugas.kios.${i}@mpp.test`;
      await t.http().post('/api/v1/admin/users').auth(staff.system, { type: 'bearer' }).send({ email, fullName: `Petugas Kios ${i}`, password: STAFF_PASSWORD, role: 'officer', agencyId: staff.dukcapil.id }).expect(201);
      const officer = await t.loginAs(email, STAFF_PASSWORD);
      const counter = (await t.http().post('/api/v1/admin/sites/kota-kupang/counters').auth(staff.kupangSiteAdmin, { type: 'bearer' }).send({ number: 921 + i, name: `Loket ${921 + i} Dukcapil`, serviceIds }).expect(201))
        .body as CounterResponse;
      await counterAction(t, officer, counter, 'open').expect(200);
    }
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const takeTicket = async (page: Page, service: ServiceResponse): Promise<PublicTicketResponse> => {
    await page.goto(`${base}/kiosk/perangkat?token=${staff.kupangKiosk}`);
    await page.getByTestId('agency-tile').filter({ hasText: service.agency.shortName }).first().click();
    const tile = page.getByTestId('service-tile').filter({ has: page.getByRole('heading', { name: service.name, exact: true }) });
    await tile.getByTestId('take-ticket').click();
    await page.locator('[data-testid="priority-option"][data-priority="regular"]').click();
    await page.getByTestId('kiosk-ticket-qr').waitFor();
    const url = await page.getByTestId('kiosk-ticket-qr').getAttribute('data-url');
    return (await t.http().get(`/api/v1/tickets/${decodeURIComponent(url!.split('/tiket/')[1])}`).expect(200)).body as PublicTicketResponse;
  };

  it('should show a range of people ahead, not "Anda berikutnya", when another service waits before it at a shared counter', async () => {
    await issue(t, staff.kupangKiosk, akta.id);
    clock.advance(1000);
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.addInitScript('window.print = () => {};');
    const ticket = await takeTicket(page, ktp);

    expect(ticket).toMatchObject({ positionMin: 1, position: 2 });
    const ahead = page.getByTestId('kiosk-ticket-ahead');
    expect(await ahead.getAttribute('data-ahead')).toBe('1');
    expect(await ahead.textContent()).toContain('0 sampai 1 orang');
    expect(await ahead.textContent()).not.toContain('Anda berikutnya');
    expect(await page.locator('.print-ticket').textContent()).toContain('Di depan Anda: 0–1');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });
});
