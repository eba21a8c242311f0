import type { ApiError, ApplicationCreatedResponse, ApplicationResponse, RedFlagListResponse, RedFlagSettingsResponse, StaffUserResponse } from '@mpp/contracts';
import { DEFAULT_RED_FLAG_SETTINGS, zonedToUtc } from '@mpp/domain';
import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../apps/api/src/common/clock';
import { uploadMandatoryDocuments } from '../../apps/api/test/support/application-documents';
import { Hall, issue, setupHall } from '../../apps/api/test/support/hall';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { byUrgency } from '../../apps/counter/src/app/command/red-flag-order';
import { checkScreen } from './support/axe';
import { closeAppAndChromium } from './support/app-in-chromium';
import { counterPageFor, signInCounterPage } from './support/counter-session';

const wita = (date: string, time: string): Date => zonedToUtc(date, time, 'Asia/Makassar');

describe('The command view (komando) in Chromium', () => {
  const clock = new FixedClock(wita('2026-11-23', '08:00'));
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let base: string;
  let page: Page;

  const signIn = (token: string) => signInCounterPage(page, base, token);
  const flagsAs = async (token: string) =>
    (await t.http().get('/api/v1/admin/sites/kota-kupang/red-flags').auth(token, { type: 'bearer' }).expect(200)).body as RedFlagListResponse;
  const settingsOf = async () =>
    (await t.http().get('/api/v1/admin/sites/kota-kupang/red-flags/settings').auth(h.kupangSiteAdmin, { type: 'bearer' }).expect(200))
      .body as RedFlagSettingsResponse;
  /** The flags' keys in the order the page shows them. */
  const shownKeys = async () => {
    await page.getByTestId('command-flag-count').waitFor();
    return page.locator('[data-testid="command-flags"] > li').evaluateAll((items) => items.map((li) => (li.getAttribute('data-testid') ?? '').replace(/^flag-/, '')));
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    await t.http().put('/api/v1/admin/sites/kota-kupang/red-flags/settings').auth(h.kupangSiteAdmin, { type: 'bearer' }).send(DEFAULT_RED_FLAG_SETTINGS).expect(200);
    // A constructed situation: an SKCK ticket (Polresta) waits 130 minutes, a new KTP (Dukcapil) 61.
    clock.set(wita('2026-11-23', '09:00'));
    await issue(t, h.kiosk, h.services.skck);
    clock.set(wita('2026-11-23', '10:09'));
    await issue(t, h.kiosk, h.services.ktpBaru);
    clock.set(wita('2026-11-23', '11:10'));
    ({ browser, base, page } = await counterPageFor(t));
  }, 180_000);
  afterAll(() => closeAppAndChromium(browser, t));

  it('should show the red flags the situation raised, critical first, in Indonesian with what to do', async () => {
    const api = await flagsAs(h.kupangSiteAdmin);
    const ktp = api.items.find((f) => f.key === `long_wait:${h.services.ktpBaru}`);
    const skck = api.items.find((f) => f.key === `long_wait:${h.services.skck}`);
    expect([ktp?.severity, skck?.severity]).toEqual(['warning', 'critical']);

    await signIn(h.kupangSiteAdmin);
    await page.goto(`${base}/counter/komando`);
    await page.getByTestId(`flag-${skck!.key}`).waitFor();
    expect(await shownKeys()).toEqual(byUrgency(api.items).map((f) => f.key));
    expect(byUrgency(api.items).findIndex((f) => f.key === skck!.key)).toBeLessThan(byUrgency(api.items).findIndex((f) => f.key === ktp!.key));
    const card = page.getByTestId(`flag-${ktp!.key}`);
    expect(await card.getByTestId('flag-title').textContent()).toBe(ktp!.title.id);
    expect(await card.getByTestId('flag-action').textContent()).toBe(ktp!.action.id);
    expect(await page.title()).toContain('Pusat Komando');
    await checkScreen(page, 'command-view');
  });

  it("should show an agency admin only their agency's flags, and no thresholds", async () => {
    for (const [token, own, other] of [
      [h.dukcapilAdmin, h.services.ktpBaru, h.services.skck],
      [h.polrestaAdmin, h.services.skck, h.services.ktpBaru],
    ] as const) {
      const api = await flagsAs(token);
      await signIn(token);
      await page.goto(`${base}/counter/komando`);
      await page.getByTestId(`flag-long_wait:${own}`).waitFor();
      const keys = await shownKeys();
      expect(keys).toEqual(byUrgency(api.items).map((f) => f.key));
      expect(keys).not.toContain(`long_wait:${other}`);
      expect(await page.getByTestId('red-flag-settings-form').count()).toBe(0);
    }
    await checkScreen(page, 'command-view-agency');
  });

  it('should save thresholds by keyboard, and the flag under the new threshold goes', async () => {
    await signIn(h.kupangSiteAdmin);
    await page.goto(`${base}/counter/komando`);
    await page.getByTestId('red-flag-settings-form').waitFor();
    const { siteCode: _code, updatedAt: _before, ...before } = await settingsOf();
    expect(await page.getByTestId('rf-waitMinutes').inputValue()).toBe(String(before.waitMinutes));
    expect(await page.getByTestId('rf-summaryHour').inputValue()).toBe(String(before.summaryHour));

    await page.getByTestId('rf-waitMinutes').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('90');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace'); // idle counters: off
    await page.keyboard.press('Enter');
    await page.getByTestId('red-flag-settings-announcement').filter({ hasText: 'Ambang tanda bahaya disimpan.' }).waitFor();
    const { siteCode: _site, updatedAt, ...saved } = await settingsOf();
    expect(updatedAt).not.toBeNull();
    expect(saved).toEqual({ ...before, waitMinutes: 90, idleMinutes: null });

    await page.getByTestId('command-refresh').click();
    await page.getByTestId(`flag-long_wait:${h.services.ktpBaru}`).waitFor({ state: 'detached' });
    expect(await shownKeys()).toEqual(byUrgency((await flagsAs(h.kupangSiteAdmin)).items).map((f) => f.key));
  });

  it("should show a refused value's message beside its field, and keep the saved thresholds", async () => {
    const saved = await settingsOf();
    const { siteCode: _site, updatedAt: _at, ...body } = saved;
    const direct = (await t.http().put('/api/v1/admin/sites/kota-kupang/red-flags/settings').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ ...body, waitMinutes: 4 }).expect(400))
      .body as ApiError;
    const fieldMessage = direct.fields!.find((f) => f.field === 'waitMinutes')!.message;

    await page.getByTestId('rf-waitMinutes').fill('4');
    await page.getByTestId('red-flag-settings-save').click();
    const beside = page.getByTestId('rf-waitMinutes-error');
    await beside.waitFor();
    expect(await beside.textContent()).toBe(fieldMessage.id);
    expect(await page.getByTestId('rf-waitMinutes').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('red-flag-settings-error').textContent()).toContain(direct.message.id);
    await page.waitForFunction(() => document.activeElement?.id === 'rf-waitMinutes');
    expect(await settingsOf()).toEqual(saved);
    await checkScreen(page, 'command-view-refused');
  });

  it("should name the API's refusal when the daily summary would reach no site admin (422)", async () => {
    const users = (await t.http().get('/api/v1/admin/users').auth(h.system, { type: 'bearer' }).expect(200)).body as StaffUserResponse[];
    const probolinggoAdmin = users.find((u) => u.role === 'site_admin' && u.siteCode === 'kota-probolinggo')!;
    await t.http().patch(`/api/v1/admin/users/${probolinggoAdmin.id}`).auth(h.system, { type: 'bearer' }).send({ active: false }).expect(200);
    const direct = (await t.http().put('/api/v1/admin/sites/kota-probolinggo/red-flags/settings').auth(h.system, { type: 'bearer' }).send(DEFAULT_RED_FLAG_SETTINGS).expect(422))
      .body as ApiError;

    await signIn(h.system);
    await page.goto(`${base}/counter/komando`);
    await page.getByTestId('command-site-select').selectOption('kota-probolinggo');
    await page.getByTestId('red-flag-settings-form').waitFor();
    expect(await page.getByTestId('rf-summaryHour').inputValue()).toBe(String(DEFAULT_RED_FLAG_SETTINGS.summaryHour));
    await page.getByTestId('red-flag-settings-save').click();
    const alert = page.getByTestId('red-flag-settings-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(direct.message.id);
    const after = (await t.http().get('/api/v1/admin/sites/kota-probolinggo/red-flags/settings').auth(h.system, { type: 'bearer' }).expect(200)).body as RedFlagSettingsResponse;
    expect(after.updatedAt).toBeNull();
    await checkScreen(page, 'command-view-422');
  });

  it("should link an overdue application's flag to the application's review", async () => {
    const officer = (id: string, action: string, body: object = {}) =>
      t.http().post(`/api/v1/agency/applications/${id}/${action}`).auth(h.dukcapilOfficer, { type: 'bearer' }).send(body);
    clock.set(wita('2026-11-26', '09:00'));
    const created = (
      await t.http().post('/api/v1/applications').send({ serviceId: h.services.kk, nik: '5371014101900123', fullName: 'Yohana Bria Seran', phone: '0813-5555-7777', email: 'yohana.seran@example.go.id' }).expect(201)
    ).body as ApplicationCreatedResponse;
    await uploadMandatoryDocuments(t, created.application, { secret: created.secret });
    await t.http().post(`/api/v1/applications/${created.application.code}/submit`).set('X-Application-Secret', created.secret!).send({}).expect(200);
    const { id } = created.application;
    await officer(id, 'start-verification').expect(200);
    for (const item of created.application.items) await officer(id, `items/${item.requirementId}`, { state: 'accepted' }).expect(200);
    const accepted = (await officer(id, 'accept').expect(200)).body as ApplicationResponse;
    clock.set(new Date(new Date(accepted.clock.dueAt!).getTime() + 60_000));
    const flag = (await flagsAs(h.kupangSiteAdmin)).items.find((f) => f.key === `overdue_applications:${h.services.kk}`)!;
    expect(flag.links.applicationIds).toEqual([id]);

    await signIn(h.kupangSiteAdmin);
    await page.goto(`${base}/counter/komando`);
    const link = page.getByTestId(`flag-application-${id}`);
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/counter/permohonan/${id}`);
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/counter/permohonan/${id}`);
  });
});
