import type { ApiError, Page as ApiPage, ServiceResponse, ServiceSummaryResponse } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { createStaff, StaffTokens } from '../../apps/api/test/support/staff';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { emptyServiceDraft, serviceBodyOf } from '../../apps/counter/src/app/admin/services/service-draft';
import { checkScreen } from './support/axe';
import { closeAppAndChromium } from './support/app-in-chromium';
import { counterPageFor, signInCounterPage } from './support/counter-session';

const SITE = 'kota-kupang';

describe('The services page (admin/layanan) in Chromium', () => {
  let t: TestApp;
  let staff: StaffTokens;
  let browser: Browser;
  let base: string;
  let page: Page;

  const servicesOf = async (agencyCode: string) =>
    ((await t.http().get('/api/v1/services').query({ site: SITE, agency: agencyCode, pageSize: 100 }).expect(200)).body as ApiPage<ServiceSummaryResponse>).items;
  const serviceById = async (id: string) => (await t.http().get(`/api/v1/services/${id}`).expect(200)).body as ServiceResponse;
  const rowOf = (code: string) => page.locator(`[data-testid="service-row"][data-code="${code}"]`);
  const rupiah = (amount: number) => `Rp${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
    ({ browser, base, page } = await counterPageFor(t));
  }, 180_000);
  afterAll(() => closeAppAndChromium(browser, t));

  it("should let a site admin create a service with requirements, preview it, edit a requirement keeping its id, and retire it", async () => {
    await signInCounterPage(page, base, staff.kupangSiteAdmin);
    await page.goto(`${base}/counter/admin/layanan`);
    await page.getByTestId('agency-block').first().waitFor();
    const agencies = ((await t.http().get(`/api/v1/sites/${SITE}/agencies`).expect(200)).body as { id: string }[]).map((a) => a.id);
    const shown = await page.getByTestId('agency-block').evaluateAll((blocks) => blocks.map((b) => b.getAttribute('data-agency-id')));
    expect([...shown].sort()).toEqual([...agencies].sort());
    // Site admins manage agencies too.
    expect(await page.getByTestId('agency-new').count()).toBe(1);
    await checkScreen(page, 'admin-services');

    const block = page.locator(`[data-testid="agency-block"][data-agency-id="${staff.dukcapil.id}"]`);
    await block.getByTestId('service-new').click();
    const form = page.getByTestId('service-form');
    await form.waitFor();
    const code = `uji-legalisir-${Date.now().toString(36)}`;
    const name = 'Legalisir Dokumen Kependudukan Uji';
    const fee = 15000;
    await page.getByTestId('svc-code').fill(code);
    await page.getByTestId('svc-name').fill(name);
    await page.getByTestId('svc-name-en').fill('Test civil document legalisation');
    await page.getByTestId('svc-summary').fill('Pengesahan fotokopi dokumen kependudukan.');
    await page.getByTestId('svc-summary-en').fill('Certified copies of civil documents.');
    await page.getByTestId('svc-description').fill('Legalisir fotokopi KK dan akta oleh Dukcapil.');
    await page.getByTestId('svc-description-en').fill('Certified copies of family cards and certificates.');
    await page.getByTestId('req-name').nth(0).fill('KTP-el pemohon');
    await page.getByTestId('req-add').click();
    // The new row's name field has the focus: typing goes on there.
    await page.keyboard.type('Fotokopi Kartu Keluarga');
    await page.getByTestId('req-form').nth(1).selectOption('copy');
    await page.getByTestId('svc-procedure').fill('Ambil nomor antrean.\nSerahkan dokumen di loket.');
    await page.getByTestId('svc-completion-value').fill('3');
    await page.getByTestId('svc-completion-unit').selectOption('working_days');
    await page.getByTestId('svc-fee-free').uncheck();
    await page.getByTestId('svc-fee-amount').fill(String(fee));
    await page.getByTestId('svc-product').fill('Fotokopi yang dilegalisir');
    await page.getByTestId('svc-complaints').fill('Loket pengaduan MPP Kota Kupang');
    await page.getByTestId('svc-legal').fill('UU 24/2013 tentang Administrasi Kependudukan');
    await page.getByTestId('svc-prefix').fill('q');

    await page.getByTestId('service-preview-toggle').click();
    const preview = page.getByTestId('service-preview');
    await preview.waitFor();
    expect((await page.getByTestId('preview-title').textContent())?.trim()).toBe(name);
    expect(await page.getByTestId('preview-requirement').allTextContents()).toEqual([expect.stringContaining('KTP-el pemohon'), expect.stringContaining('Fotokopi Kartu Keluarga')]);
    expect(await page.getByTestId('preview-fee').textContent()).toContain(rupiah(fee));
    expect(await page.getByTestId('preview-time').textContent()).toContain('3 hari kerja');
    await checkScreen(page, 'admin-services-form-preview');

    await page.getByTestId('service-save').click();
    await rowOf(code).waitFor();
    await page.getByTestId('admin-announcement').filter({ hasText: name }).waitFor();
    const listed = (await servicesOf('dukcapil')).find((s) => s.code === code);
    expect(listed).toBeDefined();
    const created = await serviceById(listed!.id);
    expect(created).toMatchObject({ name, fee: { free: false, amount: fee }, completionTime: { value: 3, unit: 'working_days' }, queue: { ticketPrefix: 'Q' } });
    expect(created.requirements.map((r) => [r.name, r.form])).toEqual([
      ['KTP-el pemohon', 'original'],
      ['Fotokopi Kartu Keluarga', 'copy'],
    ]);
    expect(await rowOf(code).getByTestId('service-prefix').textContent()).toBe('Q');

    // Edit the second requirement and move it first: both rows keep their ids.
    await rowOf(code).getByTestId('service-edit').click();
    await form.waitFor();
    const second = page.locator(`[data-testid="svc-requirement"][data-requirement-id="${created.requirements[1].id}"]`);
    await second.getByTestId('req-name').fill('Fotokopi KK yang masih berlaku');
    await second.getByTestId('req-up').click();
    // The focus stays in the moved row (now first: its "down" button, "up" being disabled).
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="svc-requirement"]')?.getAttribute('data-requirement-id'))).toBe(created.requirements[1].id);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('req-down');
    await page.getByTestId('service-save').click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('admin-announcement').filter({ hasText: name }).waitFor();
    const edited = await serviceById(created.id);
    expect(edited.requirements.map((r) => [r.id, r.name])).toEqual([
      [created.requirements[1].id, 'Fotokopi KK yang masih berlaku'],
      [created.requirements[0].id, 'KTP-el pemohon'],
    ]);
    expect(edited.requirementsVersion).toBe(created.requirementsVersion + 1);

    // Retire, after the question (Escape first leaves it as it is).
    await rowOf(code).getByTestId('service-retire').click();
    const dialog = page.getByTestId('services-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('services-dialog-warning').textContent()).toContain(name);
    await checkScreen(page, 'admin-services-retire');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await serviceById(created.id);
    await rowOf(code).getByTestId('service-retire').click();
    await page.getByTestId('services-dialog-confirm').click();
    await rowOf(code).waitFor({ state: 'detached' });
    await t.http().get(`/api/v1/services/${created.id}`).expect(404);
    // Listed as retired, as the admin read lists it.
    const retired = (await t.http().get(`/api/v1/admin/agencies/${staff.dukcapil.id}/retired-services`).auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as { id: string }[];
    expect(retired.map((r) => r.id)).toContain(created.id);
    await page.locator(`[data-testid="service-row-retired"][data-code="${code}"]`).waitFor();
    expect(await block.getByTestId('service-row-retired').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-service-id')))).toEqual(retired.map((r) => r.id));
    const refused = await t.http().patch(`/api/v1/admin/services/${created.id}`).auth(staff.kupangSiteAdmin, { type: 'bearer' }).send({ name: 'Hidup lagi' }).expect(409);
    expect((refused.body as ApiError).code).toBe('SERVICE_RETIRED');
  });

  it("should show the API's refusal of a new service field by field in its words and create nothing", async () => {
    const before = await servicesOf('dukcapil');
    const block = page.locator(`[data-testid="agency-block"][data-agency-id="${staff.dukcapil.id}"]`);
    await block.getByTestId('service-new').click();
    const draft = { ...emptyServiceDraft(), code: 'Kode Salah', name: 'Ab' };
    await page.getByTestId('svc-code').fill(draft.code);
    await page.getByTestId('svc-name').fill(draft.name);
    await page.getByTestId('service-save').click();
    const alert = page.getByTestId('service-error');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    // The same body straight to the API: the page shows its message and each field's.
    const direct = (
      await t
        .http()
        .post(`/api/v1/admin/agencies/${staff.dukcapil.id}/services`)
        .auth(staff.kupangSiteAdmin, { type: 'bearer' })
        .send({ ...serviceBodyOf(draft), code: draft.code })
        .expect(400)
    ).body as ApiError;
    expect(text).toContain(direct.message.id);
    expect(direct.fields?.length ?? 0).toBeGreaterThan(0);
    for (const field of direct.fields ?? []) expect(text).toContain(field.message.id);
    expect(await servicesOf('dukcapil')).toEqual(before);
    await page.getByTestId('service-cancel').click();
  });

  it("should show an agency admin only their agency, let them edit its service, and not another agency's", async () => {
    await signInCounterPage(page, base, staff.dukcapilAdmin);
    await page.goto(`${base}/counter/admin/layanan`);
    await page.getByTestId('agency-block').first().waitFor();
    const shown = await page.getByTestId('agency-block').evaluateAll((blocks) => blocks.map((b) => b.getAttribute('data-agency-id')));
    expect(shown).toEqual([staff.dukcapil.id]);
    for (const id of ['agency-new', 'agency-edit', 'agency-retire']) expect(await page.getByTestId(id).count()).toBe(0);
    const own = await servicesOf('dukcapil');
    const rows = await page.getByTestId('service-row').evaluateAll((r) => r.map((row) => row.getAttribute('data-service-id')));
    expect([...rows].sort()).toEqual(own.map((s) => s.id).sort());
    const theirs = await servicesOf('polresta');
    expect(theirs.length).toBeGreaterThan(0);
    for (const s of theirs) expect(rows).not.toContain(s.id);
    await checkScreen(page, 'admin-services-agency');

    const target = await serviceById(own[0].id);
    const summary = `Ringkasan baru ${Date.now().toString(36)}`;
    await page.locator(`[data-testid="service-row"][data-service-id="${target.id}"]`).getByTestId('service-edit').click();
    await page.getByTestId('svc-summary').fill(summary);
    await page.getByTestId('service-save').click();
    await page.getByTestId('service-form').waitFor({ state: 'detached' });
    const after = await serviceById(target.id);
    expect(after.summary).toBe(summary);
    // Requirements untouched keep their ids.
    expect(after.requirements).toEqual(target.requirements);
    expect(after.requirementsVersion).toBe(target.requirementsVersion);

    const refused = await t.http().patch(`/api/v1/admin/services/${theirs[0].id}`).auth(staff.dukcapilAdmin, { type: 'bearer' }).send({ summary: 'Diambil alih' }).expect(403);
    expect((refused.body as ApiError).code).toBe('OTHER_AGENCY');
    expect((await serviceById(theirs[0].id)).summary).toBe(theirs[0].summary);
  });
});
