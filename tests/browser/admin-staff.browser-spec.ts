import type { AgencyResponse, ApiError, StaffUserResponse } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { createStaff, StaffTokens } from '../../apps/api/test/support/staff';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { closeAppAndChromium } from './support/app-in-chromium';
import { counterPageFor, signInCounterPage } from './support/counter-session';

describe('The staff administration page (admin/petugas) in Chromium', () => {
  let t: TestApp;
  let staff: StaffTokens;
  let browser: Browser;
  let base: string;
  let page: Page;
  const officer = { fullName: 'Yohanes Bria Seran', email: 'yohanes.seran@mpp.test', password: 'kata-sandi-awal-01' };
  const newPassword = 'kata-sandi-baru-02';

  const signIn = (token: string) => signInCounterPage(page, base, token);
  const usersAs = async (token: string) => (await t.http().get('/api/v1/admin/users').auth(token, { type: 'bearer' }).expect(200)).body as StaffUserResponse[];
  const loginStatus = async (email: string, password: string) => (await t.http().post('/api/v1/auth/login').send({ email, password })).status;
  const meStatus = async (token: string) => (await t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' })).status;
  const row = (email: string) => page.locator(`[data-testid="staff-row"][data-email="${email}"]`);
  const shownEmails = () => page.getByTestId('staff-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-email')));
  const announced = (text: string) => page.getByTestId('admin-announcement').filter({ hasText: text }).waitFor();
  const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
    ({ browser, base, page } = await counterPageFor(t));
  }, 180_000);
  afterAll(() => closeAppAndChromium(browser, t));

  it("should let an agency admin create an officer of their own agency by keyboard, and list only their agency's accounts", async () => {
    await signIn(staff.dukcapilAdmin);
    await page.goto(`${base}/counter/admin/petugas`);
    await page.getByTestId('staff-table').waitFor();
    const before = await usersAs(staff.dukcapilAdmin);
    expect(before.every((u) => u.agencyId === staff.dukcapil.id)).toBe(true);
    expect(await shownEmails()).toEqual(before.map((u) => u.email));
    expect(await shownEmails()).not.toContain('admin.polresta@mpp.test');
    // Only the officer role, and the agency is theirs: nothing to choose.
    expect((await page.getByTestId('staff-new-role').locator('option').allTextContents()).map((s) => s.trim())).toEqual(['Petugas loket']);
    expect((await page.getByTestId('staff-agency-fixed').textContent())?.trim()).toBe(staff.dukcapil.name);
    // Their own row says so, without buttons.
    expect(await row('admin.dukcapil@mpp.test').getByRole('button').count()).toBe(0);
    await checkScreen(page, 'admin-staff-agency-admin');

    // The name field has the focus; Tab moves through the form, Enter creates.
    expect(await focusedTestId()).toBe('staff-full-name');
    await page.keyboard.type(officer.fullName);
    await page.keyboard.press('Tab');
    await page.keyboard.type(officer.email);
    await page.keyboard.press('Tab');
    expect(await focusedTestId()).toBe('staff-new-role');
    await page.keyboard.press('Tab');
    expect(await focusedTestId()).toBe('staff-password');
    await page.keyboard.type(officer.password);
    await page.keyboard.press('Enter');
    await announced(`Akun ${officer.fullName} (Petugas loket) dibuat.`);
    await row(officer.email).waitFor();

    const created = (await usersAs(staff.dukcapilAdmin)).find((u) => u.email === officer.email)!;
    expect(created).toMatchObject({ fullName: officer.fullName, role: 'officer', agencyId: staff.dukcapil.id, siteCode: 'kota-kupang', active: true });
    expect(await shownEmails()).toEqual((await usersAs(staff.dukcapilAdmin)).map((u) => u.email));
    expect(await loginStatus(officer.email, officer.password)).toBe(200);
    // The form is empty again, ready for the next account.
    expect(await page.getByTestId('staff-full-name').inputValue()).toBe('');
    expect(await page.getByTestId('staff-password').inputValue()).toBe('');
  });

  it("should show the API's refusal in its own words and create nothing", async () => {
    const body = { fullName: 'Akun Pendek', email: 'pendek@mpp.test', password: 'pendek', role: 'officer', agencyId: staff.dukcapil.id };
    const direct = (await t.http().post('/api/v1/admin/users').auth(staff.dukcapilAdmin, { type: 'bearer' }).send(body).expect(400)).body as ApiError;
    await page.getByTestId('staff-full-name').fill(body.fullName);
    await page.getByTestId('staff-email').fill(body.email);
    await page.getByTestId('staff-password').fill(body.password);
    await page.getByTestId('staff-create').click();
    const alert = page.getByTestId('staff-create-error');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain(direct.message.id);
    for (const field of direct.fields ?? []) expect(text).toContain(field.message.id);
    expect((await usersAs(staff.dukcapilAdmin)).some((u) => u.email === body.email)).toBe(false);
    await checkScreen(page, 'admin-staff-refused');
  });

  it('should give a new password after saying it ends the sessions, and end them', async () => {
    const oldToken = await t.loginAs(officer.email, officer.password);
    expect(await meStatus(oldToken)).toBe(200);

    await row(officer.email).getByTestId('staff-reset').click();
    const dialog = page.getByTestId('staff-dialog');
    await dialog.waitFor();
    expect((await dialog.getByRole('heading').textContent())?.trim()).toBe(`Kata sandi baru untuk ${officer.fullName}`);
    expect((await dialog.getByTestId('staff-dialog-warning').textContent())?.trim()).toBe(
      `Semua sesi ${officer.fullName} yang sedang berjalan langsung berakhir: ia harus masuk lagi dengan kata sandi baru.`,
    );
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'staff-new-password');
    await checkScreen(page, 'admin-staff-reset-dialog');
    await page.keyboard.type(newPassword);
    await page.keyboard.press('Enter');
    await announced(`Kata sandi ${officer.fullName} diganti; sesi lamanya berakhir.`);
    await dialog.waitFor({ state: 'hidden' });

    expect(await meStatus(oldToken)).toBe(401);
    expect(await loginStatus(officer.email, officer.password)).toBe(401);
    expect(await loginStatus(officer.email, newPassword)).toBe(200);
  });

  it('should disable an account after a confirmation (Escape changes nothing) and enable it again', async () => {
    const token = await t.loginAs(officer.email, newPassword);

    // Escape closes the question without a change; the focus returns to the button.
    await row(officer.email).getByTestId('staff-disable').click();
    await page.getByTestId('staff-dialog').waitFor();
    expect((await page.getByTestId('staff-dialog-warning').textContent())?.trim()).toBe(
      `${officer.fullName} langsung keluar dari semua sesinya dan tidak dapat masuk sampai akunnya diaktifkan lagi.`,
    );
    await page.keyboard.press('Escape');
    await page.getByTestId('staff-dialog').waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'staff-disable');
    expect((await usersAs(staff.dukcapilAdmin)).find((u) => u.email === officer.email)!.active).toBe(true);
    expect(await meStatus(token)).toBe(200);

    await page.keyboard.press('Enter');
    await page.getByTestId('staff-dialog-confirm').click();
    await announced(`Akun ${officer.fullName} dinonaktifkan; sesinya berakhir.`);
    await page.locator(`[data-testid="staff-row"][data-email="${officer.email}"][data-active="false"]`).waitFor();
    expect((await row(officer.email).getByTestId('staff-row-status').textContent())?.trim()).toBe('Nonaktif');
    expect((await usersAs(staff.dukcapilAdmin)).find((u) => u.email === officer.email)!.active).toBe(false);
    expect(await meStatus(token)).toBe(401);
    expect(await loginStatus(officer.email, newPassword)).toBe(401);
    await checkScreen(page, 'admin-staff-disabled');

    await row(officer.email).getByTestId('staff-enable').click();
    await page.getByTestId('staff-dialog-confirm').click();
    await announced(`Akun ${officer.fullName} aktif lagi.`);
    await page.locator(`[data-testid="staff-row"][data-email="${officer.email}"][data-active="true"]`).waitFor();
    expect(await loginStatus(officer.email, newPassword)).toBe(200);
  });

  it("should let a site admin give agency roles for any of their MPP's agencies, and list only their MPP's accounts", async () => {
    await signIn(staff.kupangSiteAdmin);
    await page.goto(`${base}/counter/admin/petugas`);
    await page.getByTestId('staff-table').waitFor();
    const listed = await usersAs(staff.kupangSiteAdmin);
    expect(listed.every((u) => u.siteCode === 'kota-kupang')).toBe(true);
    await row(officer.email).waitFor();
    expect(await shownEmails()).toEqual(listed.map((u) => u.email));
    expect(await shownEmails()).not.toContain('admin.probolinggo@mpp.test');
    expect((await page.getByTestId('staff-new-role').locator('option').allTextContents()).map((s) => s.trim())).toEqual(['Administrator instansi', 'Petugas loket']);
    const agencies = (await t.http().get('/api/v1/sites/kota-kupang/agencies').expect(200)).body as AgencyResponse[];
    const names = agencies.map((a) => a.name).sort((a, b) => a.localeCompare(b));
    expect((await page.getByTestId('staff-agency').locator('option').allTextContents()).map((s) => s.trim())).toEqual(['Pilih instansi', ...names]);

    await page.getByTestId('staff-full-name').fill('Admin Polresta Dua');
    await page.getByTestId('staff-email').fill('admin.polresta.dua@mpp.test');
    await page.getByTestId('staff-new-role').selectOption('agency_admin');
    await page.getByTestId('staff-agency').selectOption(staff.polresta.id);
    await page.getByTestId('staff-password').fill('kata-sandi-awal-03');
    await page.getByTestId('staff-create').click();
    await announced('Akun Admin Polresta Dua (Administrator instansi) dibuat.');
    const created = (await usersAs(staff.kupangSiteAdmin)).find((u) => u.email === 'admin.polresta.dua@mpp.test')!;
    expect(created).toMatchObject({ role: 'agency_admin', agencyId: staff.polresta.id, siteCode: 'kota-kupang' });
    expect((await row(created.email).getByTestId('staff-row-agency').textContent())?.trim()).toBe(staff.polresta.name);
    await checkScreen(page, 'admin-staff-site-admin');
  });

  it("should reset an agency admin's second factor after saying they enrol again, and end their sessions", async () => {
    const listed = await usersAs(staff.kupangSiteAdmin);
    const target = listed.find((u) => u.email === 'admin.dukcapil@mpp.test')!;
    expect(target.secondFactorEnrolled).toBe(true);
    // A site admin resets their MPP's enrolled agency admins' only (the API's rule); not their own, not an officer's.
    await row(target.email).waitFor();
    const offered = await page
      .getByTestId('staff-row')
      .evaluateAll((rows) => rows.filter((r) => r.querySelector('[data-testid="staff-reset-second-factor"]')).map((r) => r.getAttribute('data-email')));
    expect(offered).toEqual(listed.filter((u) => u.role === 'agency_admin' && u.secondFactorEnrolled).map((u) => u.email));
    expect(offered).toContain(target.email);
    expect(await row('admin.polresta.dua@mpp.test').getByTestId('staff-reset-second-factor').count()).toBe(0);

    const dialog = page.getByTestId('staff-dialog');
    await row(target.email).getByTestId('staff-reset-second-factor').click();
    await dialog.waitFor();
    expect((await dialog.getByRole('heading').textContent())?.trim()).toBe(`Reset faktor kedua ${target.fullName}?`);
    expect((await dialog.getByTestId('staff-dialog-warning').textContent())?.trim()).toContain('harus mendaftarkan aplikasi autentikatornya lagi');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focusedTestId()).toBe('staff-reset-second-factor');
    expect((await usersAs(staff.kupangSiteAdmin)).find((u) => u.id === target.id)!.secondFactorEnrolled).toBe(true);
    expect(await meStatus(staff.dukcapilAdmin)).toBe(200);

    await row(target.email).getByTestId('staff-reset-second-factor').click();
    await dialog.waitFor();
    await checkScreen(page, 'admin-staff-second-factor-dialog');
    await page.getByTestId('staff-dialog-confirm').click();
    await announced(`Faktor kedua ${target.fullName} direset; ia mendaftar lagi saat masuk berikutnya.`);
    await dialog.waitFor({ state: 'hidden' });
    expect((await usersAs(staff.kupangSiteAdmin)).find((u) => u.id === target.id)!.secondFactorEnrolled).toBe(false);
    expect(await meStatus(staff.dukcapilAdmin)).toBe(401);
    expect(await row(target.email).getByTestId('staff-reset-second-factor').count()).toBe(0);
  });
});
