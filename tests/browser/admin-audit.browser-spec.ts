import type { AuditEntryResponse, AuditPage, AuditQuery, Page as ListPage, ServiceSummaryResponse, StaffUserResponse } from '@mpp/contracts';
import { addDaysToLocalDate, zonedToUtc } from '@mpp/domain';
import type { Browser, Page } from 'playwright-core';
import { STAFF_PASSWORD, createStaff, type StaffTokens } from '../../apps/api/test/support/staff';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { ACTIONS_EN, ACTIONS_ID, ROLES_ID, auditDiff } from '../../apps/counter/src/app/audit/audit-words';
import { formatClock } from '../../libs/ui/src/format/clock';
import { checkScreen } from './support/axe';
import { closeAppAndChromium } from './support/app-in-chromium';
import { counterPageFor, signInCounterPage } from './support/counter-session';

describe('The audit log screen (audit) in Chromium', () => {
  let t: TestApp;
  let s: StaffTokens;
  let browser: Browser;
  let base: string;
  let page: Page;
  let counterId: string;
  let dukcapilUserId: string;
  let polrestaUserId: string;

  const signIn = (token: string) => signInCounterPage(page, base, token);
  const auditAs = async (token: string, query: AuditQuery = {}) =>
    (await t.http().get('/api/v1/admin/audit').query(query).auth(token, { type: 'bearer' }).expect(200)).body as AuditPage;
  const only = async (token: string, query: AuditQuery): Promise<AuditEntryResponse> => {
    const found = await auditAs(token, query);
    expect(found.items).toHaveLength(1);
    return found.items[0];
  };
  /** The ids of the rows the page shows, top to bottom, once it has answered. */
  const shownIds = async () => {
    await page.getByTestId('audit-status').filter({ hasText: /baris|rows/ }).waitFor();
    return page.locator('[data-testid="audit-rows"] > tbody > tr').evaluateAll((rows) => rows.map((r) => (r.getAttribute('data-testid') ?? '').replace(/^audit-row-/, '')));
  };
  const createOfficer = async (token: string, fullName: string, agencyId: string) =>
    (
      await t
        .http()
        .post('/api/v1/admin/users')
        .auth(token, { type: 'bearer' })
        .send({ email: `${fullName.toLowerCase().replace(/\s+/g, '.')}@mpp.test`, fullName, password: STAFF_PASSWORD, role: 'officer', agencyId })
        .expect(201)
    ).body as StaffUserResponse;

  beforeAll(async () => {
    t = await createTestApp();
    s = await createStaff(t);
    const services = ((await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as ListPage<ServiceSummaryResponse>).items;
    // Changes made through the API: a counter renamed by the site admin, one officer created by each agency admin.
    counterId = (
      (await t.http().post('/api/v1/admin/sites/kota-kupang/counters').auth(s.kupangSiteAdmin, { type: 'bearer' }).send({ number: 951, name: 'Loket Layar Audit', serviceIds: [services[0].id] }).expect(201))
        .body as { id: string }
    ).id;
    await t.http().patch(`/api/v1/admin/counters/${counterId}`).auth(s.kupangSiteAdmin, { type: 'bearer' }).send({ name: 'Loket Layar Audit Baru' }).expect(200);
    dukcapilUserId = (await createOfficer(s.dukcapilAdmin, 'Petugas Layar Dukcapil', s.dukcapil.id)).id;
    polrestaUserId = (await createOfficer(s.polrestaAdmin, 'Petugas Layar Polresta', s.polresta.id)).id;
    ({ browser, base, page } = await counterPageFor(t));
  }, 180_000);
  afterAll(() => closeAppAndChromium(browser, t));

  it("should show a change made through the API as a row with who, when in the MPP's zone, the action in words and its before → after", async () => {
    const row = await only(s.kupangSiteAdmin, { entityId: counterId, action: 'counter.update' });
    expect(row.before).toEqual({ name: 'Loket Layar Audit' });
    const newest = await auditAs(s.kupangSiteAdmin, { limit: 50 });

    await signIn(s.kupangSiteAdmin);
    await page.goto(`${base}/counter/audit`);
    expect(await shownIds()).toEqual(newest.items.map((r) => r.id));
    const sut = page.getByTestId(`audit-row-${row.id}`);
    expect(await sut.getByTestId('audit-actor-name').textContent()).toBe(row.actor.fullName);
    expect(await sut.getByTestId('audit-actor-role').textContent()).toBe(ROLES_ID.site_admin);
    expect((await sut.getByTestId('audit-action-words').textContent())?.trim()).toBe(ACTIONS_ID['counter.update']);
    expect(await sut.getByTestId('audit-entity-label').textContent()).toBe(row.entityLabel);
    const at = formatClock(new Date(row.at), 'Asia/Makassar', 'id', { seconds: true });
    expect((await sut.getByTestId('audit-when').textContent())?.trim()).toBe(`${at.date} ${at.time}`);
    const lines = await sut.locator('[data-testid="audit-diff"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ field: tr.getAttribute('data-field'), before: tr.querySelector('[data-testid="audit-before"]')?.textContent, after: tr.querySelector('[data-testid="audit-after"]')?.textContent })),
    );
    expect(lines).toEqual(auditDiff(row).map((l) => ({ field: l.field, before: l.before ?? '—', after: l.after ?? '—' })));
    // Read only: nothing on the page edits or removes a row.
    expect(await page.locator('[data-testid="audit-rows"] button, [data-testid="audit-rows"] input').count()).toBe(0);
    expect(await page.title()).toContain('Log audit');
    await checkScreen(page, 'admin-audit');
  });

  it('should narrow the rows to the chosen action and the text typed, with the keyboard', async () => {
    const expected = await auditAs(s.kupangSiteAdmin, { action: 'staff_user.create', q: 'Layar' });
    expect(expected.items.map((r) => r.entityId).sort()).toEqual([dukcapilUserId, polrestaUserId].sort());

    await signIn(s.kupangSiteAdmin);
    await page.goto(`${base}/counter/audit`);
    const all = await shownIds();
    expect(all.length).toBeGreaterThan(expected.items.length);
    await page.getByTestId('audit-action').selectOption('staff_user.create');
    await page.getByTestId('audit-q').fill('Layar');
    await page.getByTestId('audit-q').press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="audit-rows"] > tbody > tr').length === n, expected.items.length);
    expect(await shownIds()).toEqual(expected.items.map((r) => r.id));
    expect(await page.locator('[data-testid="audit-rows"] > tbody > tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))).toEqual(
      expected.items.map(() => 'staff_user.create'),
    );
  });

  it("should narrow the rows to a period read in the MPP's zone and to one actor", async () => {
    const polrestaAdmin = (await t.http().get('/api/v1/auth/me').auth(s.polrestaAdmin, { type: 'bearer' }).expect(200)).body as StaffUserResponse;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(new Date());
    const yesterday = addDaysToLocalDate(today, -1);
    const byActor = await auditAs(s.kupangSiteAdmin, {
      actorId: polrestaAdmin.id,
      from: zonedToUtc(today, '00:00', 'Asia/Makassar').toISOString(),
      to: zonedToUtc(addDaysToLocalDate(today, 1), '00:00', 'Asia/Makassar').toISOString(),
    });
    expect(byActor.items.length).toBeGreaterThan(0);

    await signIn(s.kupangSiteAdmin);
    await page.goto(`${base}/counter/audit`);
    await shownIds();
    await page.getByTestId('audit-from').fill(yesterday);
    await page.getByTestId('audit-to').fill(yesterday);
    await page.getByTestId('audit-apply').click();
    await page.getByTestId('audit-none').waitFor();
    await page.getByTestId('audit-to').fill(today);
    await page.getByTestId('audit-from').fill(today);
    await page.getByTestId('audit-actor').selectOption(polrestaAdmin.id);
    await page.getByTestId('audit-apply').click();
    await page.getByTestId('audit-rows').waitFor();
    expect(await shownIds()).toEqual(byActor.items.map((r) => r.id));
    expect(await page.locator('[data-testid="audit-actor-name"]').allTextContents()).toEqual(byActor.items.map(() => polrestaAdmin.fullName));
  });

  it('should load the older rows with "Muat lagi" until the end, in the API\'s order', async () => {
    // More closures than one page holds (the page asks for 50 at a time).
    for (let day = 1; day <= 55; day++) {
      const date = `2028-${String(1 + Math.floor((day - 1) / 28)).padStart(2, '0')}-${String(1 + ((day - 1) % 28)).padStart(2, '0')}`;
      await t.http().post('/api/v1/admin/sites/kota-kupang/closures').auth(s.kupangSiteAdmin, { type: 'bearer' }).send({ date, name: `Tutup ${day}` }).expect(201);
    }
    const pages = [await auditAs(s.kupangSiteAdmin, { limit: 50 })];
    while (pages.at(-1)!.nextCursor) pages.push(await auditAs(s.kupangSiteAdmin, { limit: 50, cursor: pages.at(-1)!.nextCursor! }));
    expect(pages.length).toBeGreaterThan(1);

    await signIn(s.kupangSiteAdmin);
    await page.goto(`${base}/counter/audit`);
    expect(await shownIds()).toEqual(pages[0].items.map((r) => r.id));
    for (let n = 1; n < pages.length; n++) {
      await page.getByTestId('audit-more').focus();
      await page.keyboard.press('Enter');
      const total = pages.slice(0, n + 1).reduce((sum, p) => sum + p.items.length, 0);
      await page.waitForFunction((count) => document.querySelectorAll('[data-testid="audit-rows"] > tbody > tr').length === count, total);
    }
    await page.getByTestId('audit-end').waitFor();
    expect(await shownIds()).toEqual(pages.flatMap((p) => p.items.map((r) => r.id)));
  });

  it("should show a system admin every MPP's rows, in English once English is chosen", async () => {
    const api = await auditAs(s.system, { limit: 50 });
    const row = api.items[0];

    await signIn(s.system);
    await page.evaluate(() => localStorage.setItem('mpp.lang', 'en'));
    await page.goto(`${base}/counter/audit`);
    expect(await shownIds()).toEqual(api.items.map((r) => r.id));
    const sut = page.getByTestId(`audit-row-${row.id}`);
    expect((await sut.getByTestId('audit-action-words').textContent())?.trim()).toBe(ACTIONS_EN[row.action]);
    const at = formatClock(new Date(row.at), 'Asia/Jakarta', 'en', { seconds: true });
    expect((await sut.getByTestId('audit-when').textContent())?.trim()).toBe(`${at.date} ${at.time}`);
    expect(await page.title()).toContain('Audit log');
    await page.evaluate(() => localStorage.removeItem('mpp.lang'));
  });

  it("should show an agency admin only their agency's rows", async () => {
    const api = await auditAs(s.dukcapilAdmin, { limit: 50 });
    expect(api.items.every((r) => r.agencyId === s.dukcapil.id)).toBe(true);
    expect(api.items.some((r) => r.entityId === dukcapilUserId)).toBe(true);

    await signIn(s.dukcapilAdmin);
    await page.goto(`${base}/counter/audit`);
    const shown = await shownIds();
    expect(shown).toEqual(api.items.map((r) => r.id));
    const entities = await page.locator('[data-testid="audit-rows"] > tbody > tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-entity-id')));
    expect(entities).toContain(dukcapilUserId);
    expect(entities).not.toContain(polrestaUserId);
    expect(entities).not.toContain(counterId);
    await checkScreen(page, 'admin-audit-agency');
  });
});
