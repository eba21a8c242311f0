import type { DeviceResponse, SiteResponse } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { createStaff, StaffTokens } from '../../apps/api/test/support/staff';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { readQrDataUrl } from './support/qr';
import { closeAppAndChromium } from './support/app-in-chromium';
import { counterPageFor, signInCounterPage } from './support/counter-session';

describe('The devices administration page (admin/perangkat) in Chromium', () => {
  let t: TestApp;
  let staff: StaffTokens;
  let browser: Browser;
  let base: string;
  let page: Page;
  let site: SiteResponse;
  let token: string;
  let deviceId: string;
  const name = 'TV ruang tunggu lantai 2';

  const signIn = (staffToken: string) => signInCounterPage(page, base, staffToken);
  const devicesOfKupang = async () =>
    (await t.http().get('/api/v1/admin/sites/kota-kupang/devices').auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as DeviceResponse[];
  const asDevice = (deviceToken: string) => t.http().get('/api/v1/auth/device').auth(deviceToken, { type: 'bearer' });
  const row = (id: string) => page.locator(`[data-testid="device-row"][data-device-id="${id}"]`);
  const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
    site = (await t.http().get('/api/v1/sites/kota-kupang').expect(200)).body as SiteResponse;
    ({ browser, base, page } = await counterPageFor(t));
  }, 180_000);
  afterAll(() => closeAppAndChromium(browser, t));

  it("should list the MPP's devices as the API does", async () => {
    await signIn(staff.kupangSiteAdmin);
    await page.goto(`${base}/counter/admin/perangkat`);
    await page.getByTestId('device-table').waitFor();
    const listed = await devicesOfKupang();
    expect(listed.length).toBeGreaterThan(0);
    await page.getByTestId('device-row').first().waitFor();
    expect(await page.getByTestId('device-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-device-id')))).toEqual(listed.map((d) => d.id));
    expect((await page.getByTestId('device-row-name').allTextContents()).map((s) => s.trim())).toEqual(listed.map((d) => d.name));
    await checkScreen(page, 'admin-devices-list');
  });

  it('should register a display by keyboard and show its token once, as a QR code and a link that sign the device in', async () => {
    await page.getByTestId('device-name').focus();
    await page.keyboard.type(name);
    await page.getByTestId('device-kind-kiosk').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('device-kind-display').isChecked()).toBe(true);
    await page.keyboard.press('Enter');

    const panel = page.getByTestId('device-once');
    await panel.waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'device-once');
    expect((await panel.getByTestId('device-once-warning').textContent())?.trim()).toBe(
      'Hanya ditampilkan sekarang: token ini tidak dapat dilihat lagi. Jika hilang, cabut perangkat ini dan daftarkan lagi.',
    );
    token = (await panel.getByTestId('device-token').textContent())!.trim();
    expect(token).toMatch(/^mppd_/);

    // The token signs in as the device just registered, of this MPP, a display.
    const device = (await asDevice(token).expect(200)).body as DeviceResponse;
    expect(device).toMatchObject({ name, kind: 'display', siteCode: site.code, revokedAt: null });
    deviceId = device.id;
    expect((await devicesOfKupang()).map((d) => d.id)).toContain(deviceId);
    await row(deviceId).waitFor();
    expect((await row(deviceId).getByTestId('device-row-kind').textContent())?.trim()).toBe('Layar antrean');

    // The link opens the kiosk app's device page with the token; the QR code holds the same link.
    const link = `${base}/kiosk/perangkat?token=${encodeURIComponent(token)}`;
    expect(await panel.getByTestId('device-link').getAttribute('href')).toBe(link);
    expect((await panel.getByTestId('device-link').textContent())?.trim()).toBe(link);
    const qr = panel.getByTestId('device-qr');
    await qr.waitFor();
    expect(await readQrDataUrl((await qr.getAttribute('src'))!)).toBe(link);
    await checkScreen(page, 'admin-devices-token-once');
  });

  it('should not show the token again once hidden or after leaving the page', async () => {
    await page.getByTestId('device-once-done').click();
    await page.getByTestId('device-once').waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(token);

    await page.getByTestId('admin-nav-petugas').click();
    await page.getByTestId('staff-table').waitFor();
    await page.getByTestId('admin-nav-perangkat').click();
    await row(deviceId).waitFor();
    expect(await page.getByTestId('device-once').count()).toBe(0);
    expect(await page.content()).not.toContain(token);
  });

  it('should revoke a device only after a confirmation, and sign it out', async () => {
    await row(deviceId).getByTestId('device-revoke').click();
    const dialog = page.getByTestId('device-dialog');
    await dialog.waitFor();
    expect((await dialog.getByRole('heading').textContent())?.trim()).toBe(`Cabut ${name}?`);
    expect((await dialog.getByTestId('device-dialog-warning').textContent())?.trim()).toBe(
      `${name} langsung keluar dan tidak dapat masuk lagi dengan tokennya. Ini tidak dapat dibatalkan: untuk memakainya lagi, daftarkan sebagai perangkat baru.`,
    );
    await checkScreen(page, 'admin-devices-revoke-dialog');

    // Cancel: nothing changes, the focus is back on the row's button.
    await dialog.getByTestId('device-dialog-cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await focusedTestId()).toBe('device-revoke');
    expect((await devicesOfKupang()).find((d) => d.id === deviceId)!.revokedAt).toBeNull();
    await asDevice(token).expect(200);

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByTestId('device-dialog-confirm').click();
    await page.getByTestId('admin-announcement').filter({ hasText: `Perangkat ${name} dicabut.` }).waitFor();
    await page.locator(`[data-testid="device-row"][data-device-id="${deviceId}"][data-revoked="true"]`).waitFor();
    const revoked = (await devicesOfKupang()).find((d) => d.id === deviceId)!;
    expect(revoked.revokedAt).not.toBeNull();
    const shownTime = new Intl.DateTimeFormat('id-ID', { timeZone: site.timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
      new Date(revoked.revokedAt!),
    );
    expect((await row(deviceId).getByTestId('device-row-status').textContent())?.trim()).toBe(`Dicabut ${shownTime}`);
    expect(await row(deviceId).getByTestId('device-revoke').count()).toBe(0);
    await asDevice(token).expect(401);
    await checkScreen(page, 'admin-devices-revoked');
  });
});
