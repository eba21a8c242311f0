import type { SiteResponse, StaffUserResponse } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { createStaff, StaffTokens } from '../../apps/api/test/support/staff';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { closeAppAndChromium } from './support/app-in-chromium';
import { counterPageFor, signInCounterPage } from './support/counter-session';

describe('The administration shell of the counter app in Chromium', () => {
  let t: TestApp;
  let staff: StaffTokens;
  let browser: Browser;
  let base: string;
  let page: Page;
  let kupang: SiteResponse;
  let probolinggo: SiteResponse;

  const signIn = (token: string) => signInCounterPage(page, base, token);
  const sectionNames = async () => (await page.locator('[data-testid^="admin-nav-"]').allTextContents()).map((s) => s.trim());
  const scopeText = async () => (await page.getByTestId('admin-scope').textContent())?.trim();

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
    kupang = (await t.http().get('/api/v1/sites/kota-kupang').expect(200)).body as SiteResponse;
    probolinggo = (await t.http().get('/api/v1/sites/kota-probolinggo').expect(200)).body as SiteResponse;
    ({ browser, base, page } = await counterPageFor(t));
  }, 180_000);
  afterAll(() => closeAppAndChromium(browser, t));

  it('should lead a site admin from the menu to the staff section, scoped to their MPP', async () => {
    await signIn(staff.kupangSiteAdmin);
    await page.goto(`${base}/counter/`);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('staff-table').waitFor();
    expect(page.url()).toBe(`${base}/counter/admin/petugas`);
    await page.getByTestId('admin-scope').filter({ hasText: kupang.name }).waitFor();
    expect(await scopeText()).toBe(`Anda mengelola ${kupang.name}.`);
    expect(await sectionNames()).toEqual(['Situs', 'Layanan', 'Loket', 'Petugas', 'Perangkat', 'Kebijakan']);
    expect(await page.getByTestId('admin-nav-petugas').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('nav-admin').getAttribute('aria-current')).toBe('page');
    expect(await page.title()).toContain('Petugas');
    await checkScreen(page, 'admin-shell-site-admin');

    // The sections are links: the keyboard reaches and opens the next one.
    await page.getByTestId('admin-nav-petugas').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('admin-nav-perangkat');
    await page.keyboard.press('Enter');
    await page.getByTestId('device-table').waitFor();
    expect(page.url()).toBe(`${base}/counter/admin/perangkat`);

    // English, from the app's language switch.
    await page.getByTestId('lang-en').click();
    await page.getByTestId('admin-scope').filter({ hasText: 'You administer' }).waitFor();
    expect(await scopeText()).toBe(`You administer ${kupang.name}.`);
    expect(await sectionNames()).toEqual(['Site', 'Services', 'Counters', 'Staff', 'Devices', 'Policies']);
    expect((await page.getByTestId('nav-admin').textContent())?.trim()).toBe('Administration');
    // The manager's other pages sit beside Administrasi in the app's menu.
    const menu = await page.locator('[data-testid="nav-command"], [data-testid="nav-reports"], [data-testid="nav-audit"]').evaluateAll((els) =>
      els.map((el) => [el.textContent?.trim(), el.getAttribute('href')]),
    );
    expect(menu).toEqual([
      ['Command centre', '/counter/komando'],
      ['Reports', '/counter/laporan'],
      ['Audit log', '/counter/audit'],
    ]);
    await checkScreen(page, 'admin-shell-site-admin-en');
    await page.getByTestId('lang-id').click();
  });

  it("should show an agency admin their agency's scope and only the sections they administer", async () => {
    await signIn(staff.dukcapilAdmin);
    await page.goto(`${base}/counter/admin`);
    await page.getByTestId('staff-table').waitFor();
    expect(page.url()).toBe(`${base}/counter/admin/petugas`);
    await page.getByTestId('admin-scope').filter({ hasText: staff.dukcapil.name }).waitFor();
    expect(await scopeText()).toBe(`Anda mengelola ${staff.dukcapil.name} di ${kupang.name}.`);
    expect(await sectionNames()).toEqual(['Layanan', 'Petugas']);
    await checkScreen(page, 'admin-shell-agency-admin');

    // The MPP-wide sections' addresses lead back to the staff section (the API would refuse them anyway).
    for (const section of ['situs', 'loket', 'perangkat', 'kebijakan', 'kalender']) {
      await page.goto(`${base}/counter/admin/${section}`);
      await page.waitForURL(`${base}/counter/admin/petugas`);
      await page.getByTestId('staff-table').waitFor();
    }
  });

  it('should keep an officer out: no menu entry, and the address leads back to the counters', async () => {
    await signIn(staff.dukcapilOfficer);
    await page.goto(`${base}/counter/`);
    await page.getByTestId('nav-counters').waitFor();
    for (const link of ['nav-admin', 'nav-command', 'nav-reports', 'nav-audit']) expect(await page.getByTestId(link).count()).toBe(0);
    await page.goto(`${base}/counter/admin/petugas`);
    await page.waitForURL(`${base}/counter/loket`);
    expect(await page.getByTestId('admin-scope').count()).toBe(0);
  });

  it("should let a system admin choose the MPP, and show that MPP's accounts", async () => {
    await signIn(staff.system);
    await page.goto(`${base}/counter/admin/petugas`);
    await page.getByTestId('admin-site-select').waitFor();
    expect(await scopeText()).toBe('Administrator sistem: pilih MPP yang akan dikelola.');
    await page.getByTestId('admin-site-select').selectOption(probolinggo.code);
    await page.getByTestId('admin-scope').filter({ hasText: probolinggo.name }).waitFor();
    expect(await scopeText()).toBe(`Anda mengelola ${probolinggo.name}.`);
    // The national calendar is the system admin's alone.
    expect(await sectionNames()).toEqual(['Situs', 'Layanan', 'Loket', 'Petugas', 'Perangkat', 'Kebijakan', 'Kalender nasional']);

    const all = (await t.http().get('/api/v1/admin/users').auth(staff.system, { type: 'bearer' }).expect(200)).body as StaffUserResponse[];
    const expected = all.filter((u) => u.siteCode === probolinggo.code || u.role === 'system_admin').map((u) => u.email);
    expect(expected).toContain('admin.probolinggo@mpp.test');
    await page.locator('[data-testid="staff-row"][data-email="admin.probolinggo@mpp.test"]').waitFor();
    expect(await page.getByTestId('staff-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-email')))).toEqual(expected);
    await checkScreen(page, 'admin-shell-system-admin');
  });
});
