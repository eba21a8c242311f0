import type { ApplicationCreatedResponse, ApplicationInboxResponse, ApplicationResponse, ServiceResponse, SiteResponse } from '@mpp/contracts';
import { APPLICATION_STATE_LABELS, LEGAL_DEFAULT_COMPLETION_TIME, dueDateFrom, localDate, localTime, zonedToUtc } from '@mpp/domain';
import { createHash, randomUUID } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { FixedClock } from '../../apps/api/src/common/clock';
import { counterAction, issue } from '../../apps/api/test/support/hall';
import { createStaff, STAFF_PASSWORD, StaffTokens } from '../../apps/api/test/support/staff';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen as checkPage } from './support/axe';
import { chromiumFor, closeAppAndChromium } from './support/app-in-chromium';
import { downloadByClick } from './support/download';
import { focusedAfterMove } from './support/focus';

type Detail = ApplicationResponse & { events: { action: string; actorId: string | null }[]; items: (ApplicationResponse['items'][number] & { documents?: { id: string; sha256: string }[] })[] };

/** Monday 2 November 2026, 09:00 WITA: the overdue application is completed. */
const EARLY = '2026-11-02T01:00:00Z';
/** Monday 23 November 2026, 09:00 WITA: the others are made; before any real "now" the browser has. */
const LATER = '2026-11-23T01:00:00Z';
const KUPANG_ZONE = 'Asia/Makassar';

/** A valid Kupang NIK (area 537101, born 1 January 1990) with the given serial. */
const nikFor = (serial: number) => `5371010101900${String(serial).padStart(3, '0')}`;

async function pngOf(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: colour } }).png().toBuffer();
}

async function pdfOf(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A5' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.text(text);
  doc.end();
  return done;
}

describe('The counter applications inbox and review screen in Chromium', () => {
  let t: TestApp;
  let staff: StaffTokens;
  let browser: Browser;
  let base: string;
  let page: Page;
  let service: ServiceResponse;
  let site: SiteResponse;
  let officerId: string;
  let secondOfficer: { email: string; token: string };
  let overdue: ApplicationCreatedResponse;
  const fresh: ApplicationCreatedResponse[] = [];
  const clock = new FixedClock(new Date(EARLY));
  const officerEmail = 'petugas.dukcapil@mpp.test';

  const asOfficer = (token: string, path: string) => t.http().get(`/api/v1/agency/applications${path}`).auth(token, { type: 'bearer' });
  const detail = async (id: string) => (await asOfficer(staff.dukcapilOfficer, `/${id}`).expect(200)).body as Detail;
  const step = (token: string, id: string, action: string, body: object = {}) =>
    t.http().post(`/api/v1/agency/applications/${id}/${action}`).auth(token, { type: 'bearer' }).send(body).expect(200);
  const upload = async (created: ApplicationCreatedResponse, requirementId: string, body: Buffer, contentType: string) =>
    t
      .http()
      .put(`/api/v1/applications/${created.application.code}/items/${requirementId}/document`)
      .set('X-Application-Secret', created.secret!)
      .set('Content-Type', contentType)
      .send(body)
      .expect((res) => expect([200, 201]).toContain(res.status));
  /** A citizen's application with a document for every requirement (the first a PDF, the others photos), submitted. */
  const submittedApplication = async (serial: number): Promise<ApplicationCreatedResponse> => {
    const created = (
      await t
        .http()
        .post('/api/v1/applications')
        .send({ serviceId: service.id, nik: nikFor(serial), fullName: 'Maria Goreti Lada', phone: `0812-3456-${String(7000 + serial)}` })
        .expect(201)
    ).body as ApplicationCreatedResponse;
    for (const [index, item] of created.application.items.entries()) {
      if (index === 0) await upload(created, item.requirementId, await pdfOf(`Dokumen ${created.application.code}`), 'application/pdf');
      else await upload(created, item.requirementId, await pngOf(index % 2 ? '#0b4f8a' : '#1d6b35'), 'image/png');
    }
    await t.http().post(`/api/v1/applications/${created.application.code}/submit`).set('X-Application-Secret', created.secret!).expect(200);
    return created;
  };
  const login = async (target: Page, email: string) => {
    await target.goto(`${base}/counter/`);
    await target.getByTestId('login-email').fill(email);
    await target.getByTestId('login-password').fill(STAFF_PASSWORD);
    await target.getByTestId('login-submit').click();
    await target.getByTestId('staff-name').waitFor();
  };
  const checkScreen = (name: string) => checkPage(page, name);
  const stateText = async () => (await page.getByTestId('review-state').textContent())?.trim();
  const waitForState = (state: ApplicationResponse['state']) =>
    page.getByTestId('review-state').filter({ hasText: new RegExp(`^\\s*${APPLICATION_STATE_LABELS[state].id}\\s*$`) }).waitFor({ timeout: 10_000 });
  const done0Code = (id: string) => fresh.find((c) => c.application.id === id)!.application.code;
  const selectedItemId = async () => page.locator('[data-testid="review-item"].apps__item--selected').getAttribute('data-requirement-id');

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await createStaff(t);
    officerId = ((await t.http().get('/api/v1/auth/me').auth(staff.dukcapilOfficer, { type: 'bearer' }).expect(200)).body as { id: string }).id;
    const email = `petugas.dua-${randomUUID().slice(0, 6)}@mpp.test`;
    await t.http().post('/api/v1/admin/users').auth(staff.system, { type: 'bearer' }).send({ email, fullName: 'Petrus Nenobais', password: STAFF_PASSWORD, role: 'officer', agencyId: staff.dukcapil.id }).expect(201);
    secondOfficer = { email, token: await t.loginAs(email, STAFF_PASSWORD) };
    const services = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as { items: { id: string; code: string }[] };
    service = (await t.http().get(`/api/v1/services/${services.items.find((s) => s.code === 'dukcapil-kartu-keluarga')!.id}`).expect(200)).body as ServiceResponse;
    expect(service.requirements.length).toBeGreaterThan(2);

    // One application completed three weeks before the others: overdue by then.
    overdue = await submittedApplication(1);
    const id = overdue.application.id;
    await step(staff.dukcapilOfficer, id, 'start-verification');
    for (const item of overdue.application.items) await step(staff.dukcapilOfficer, id, `items/${item.requirementId}`, { state: 'accepted' });
    await step(staff.dukcapilOfficer, id, 'accept');
    clock.set(LATER);
    expect(Date.parse((await detail(id)).clock.dueAt!)).toBeLessThan(clock.now().getTime());
    for (const serial of [2, 3, 4]) {
      fresh.push(await submittedApplication(serial));
      clock.set(new Date(clock.now().getTime() + 60_000).toISOString());
    }
    site = (await t.http().get('/api/v1/sites/kota-kupang').expect(200)).body as SiteResponse;
    ({ browser, base } = await chromiumFor(t));
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  }, 180_000);
  afterAll(() => closeAppAndChromium(browser, t));

  it('should list the new applications, newest first, and move and open them by keyboard', async () => {
    await login(page, officerEmail);
    await page.getByTestId('nav-applications').click();
    await page.getByTestId('inbox-row').first().waitFor();
    const api = (await asOfficer(staff.dukcapilOfficer, '?state=submitted').expect(200)).body as ApplicationInboxResponse;
    expect(api.items.map((i) => i.code)).toEqual([...fresh].reverse().map((c) => c.application.code));
    expect(await page.getByTestId('inbox-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))).toEqual(api.items.map((i) => i.code));
    expect((await page.getByTestId('inbox-claim').allTextContents()).map((s) => s.trim())).toEqual(api.items.map(() => 'Belum diambil'));
    expect((await page.locator('[data-testid="inbox-tab"][aria-current="page"]').getAttribute('data-tab'))).toBe('new');
    await checkScreen('counter-applications-inbox');

    // j/k and the arrows move the focus between rows; "/" goes to the tabs.
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('k');
    expect(await focusedAfterMove(page, '1', 'data-index')).toBe('1');
    await page.keyboard.press('/');
    expect(await focusedAfterMove(page, 'new', 'data-tab')).toBe('new');

    // The overdue tab: the application completed three weeks ago, its due date in WITA, the flag in words.
    await page.locator('[data-testid="inbox-tab"][data-tab="overdue"]').click();
    const row = page.locator(`[data-testid="inbox-row"][data-code="${overdue.application.code}"]`);
    await row.waitFor();
    const dueAt = new Date((await detail(overdue.application.id)).clock.dueAt!);
    const due = (await row.getByTestId('inbox-due').textContent())!;
    expect(due).toContain(localTime(dueAt, KUPANG_ZONE).replace(':', '.'));
    expect(due).toContain('WITA');
    expect((await row.getByTestId('inbox-flag').textContent())).toContain('Terlambat');
    expect(await page.getByTestId('inbox-row').count()).toBe(1);
    await checkScreen('counter-applications-overdue');

    // The at-risk tab (past the legal deadline, undecided): the rows and flags the API gives, the flag job's rule.
    const atRisk = (await asOfficer(staff.dukcapilOfficer, '?due=at_risk').expect(200)).body as ApplicationInboxResponse;
    expect(atRisk.items.map((i) => i.code)).toEqual([overdue.application.code]);
    expect(atRisk.items[0].flags).toEqual(['at_risk', 'overdue']);
    await page.locator('[data-testid="inbox-tab"][data-tab="at_risk"]').click();
    await page.locator('[data-testid="inbox-tab"][data-tab="at_risk"][aria-current="page"]').waitFor();
    await row.getByTestId('inbox-risk').waitFor();
    expect(await page.getByTestId('inbox-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))).toEqual(atRisk.items.map((i) => i.code));
    const flagText = (await row.getByTestId('inbox-flag').textContent())!;
    expect(flagText).toContain('berisiko dianggap dikabulkan');
    expect(flagText).toContain('Terlambat');
    await checkScreen('counter-applications-at-risk');

    await page.locator('[data-testid="inbox-tab"][data-tab="new"]').click();
    await page.locator(`[data-testid="inbox-row"][data-code="${api.items[1].code}"]`).waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.getByTestId('review-code').waitFor();
    expect(page.url()).toBe(`${base}/counter/permohonan/${api.items[1].id}`);
  });

  it('should claim, verify with the document beside the checklist, and mark items by keyboard', async () => {
    const id = page.url().split('/').pop()!;
    const before = await detail(id);
    expect(await page.getByTestId('review-code').textContent()).toContain(before.code);
    expect(await stateText()).toBe(APPLICATION_STATE_LABELS.submitted.id);
    expect((await page.getByTestId('review-item-name').allTextContents()).map((s) => s.trim())).toEqual(
      [...before.items].sort((a, b) => a.position - b.position).map((i) => i.name),
    );

    await page.keyboard.press('c');
    await page.getByTestId('review-claim').filter({ hasText: 'Diambil oleh Anda' }).waitFor();
    expect((await detail(id)).assignedOfficerId).toBe(officerId);
    await page.keyboard.press('v');
    await waitForState('in_verification');
    expect((await detail(id)).state).toBe('in_verification');
    expect(await focusedAfterMove(page, 'review-state')).toBe('review-state');

    // The first requirement's document is a PDF: not framed in the page (Chromium renders no PDF in a
    // sandboxed frame; the CSP keeps frame-src 'none'), offered to open in a tab or download, from a blob: URL.
    const items = [...before.items].sort((a, b) => a.position - b.position);
    expect(await selectedItemId()).toBe(items[0].requirementId);
    await page.getByTestId('document-download').waitFor();
    expect(await page.getByTestId('document-download').getAttribute('href')).toMatch(/^blob:/);
    expect(await page.getByTestId('document-pdf-note').textContent()).toContain('Buka di tab baru');
    expect(await page.locator('iframe').count()).toBe(0);
    // "Buka di tab baru" shows it in Chromium's PDF viewer, in a tab of its own.
    const openHref = (await page.getByTestId('document-open').getAttribute('href'))!;
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('document-open').click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(openHref);
    expect(await tab.evaluate(() => document.contentType)).toBe('application/pdf');
    // The viewer is Chromium's PDF extension, in a frame of the tab.
    for (let i = 0; i < 50 && !tab.frames().some((f) => f.url().startsWith('chrome-extension://')); i++) await tab.waitForTimeout(100);
    expect(tab.frames().some((f) => f.url().startsWith('chrome-extension://'))).toBe(true);
    await tab.close();
    // The bytes are the stored version's (sha256), under a name without personal data.
    const pdf = await downloadByClick(page, 'document-download');
    const stored = before.items.find((i) => i.requirementId === items[0].requirementId)!.documents!;
    expect(stored).toHaveLength(1);
    expect(createHash('sha256').update(pdf.body).digest('hex')).toBe(stored[0].sha256);
    expect(pdf.name).toBe(`${before.code}-${items[0].position}-v1.pdf`);
    await checkScreen('counter-application-review-pdf');

    // A: accepted, and the selection moves on to the next requirement: a photo, shown as an image.
    await page.keyboard.press('a');
    await page.locator(`[data-testid="review-item"][data-requirement-id="${items[0].requirementId}"][data-state="accepted"]`).waitFor();
    expect((await detail(id)).items.find((i) => i.requirementId === items[0].requirementId)!.state).toBe('accepted');
    expect(await selectedItemId()).toBe(items[1].requirementId);
    await page.getByTestId('document-image').waitFor();
    expect(await page.getByTestId('document-image').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await page.getByTestId('document-image').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
    await checkScreen('counter-application-review-image');

    // Each read is in the access log the screen lists: the PDF as a download, the photo as a view.
    await page.getByTestId('review-access').locator('summary').click();
    await page.getByTestId('review-access-entry').first().waitFor();
    const access = (await asOfficer(staff.dukcapilOfficer, `/${id}/document-access`).expect(200)).body as { purpose: string; actorId: string | null }[];
    expect(access.map((a) => a.purpose)).toEqual(['download', 'view']);
    expect(access.every((a) => a.actorId === officerId)).toBe(true);
    expect((await page.getByTestId('review-access-entry').allTextContents()).map((text) => /diunduh|dilihat/.exec(text)?.[0])).toEqual(['diunduh', 'dilihat']);
    await page.getByTestId('review-access').locator('summary').click();

    // R: needs correction, with the reason typed (letters typed there are text, not shortcuts).
    await page.keyboard.press('r');
    const reason = 'Foto buram: unggah ulang pindaian yang terbaca jelas.';
    await page.getByTestId('revise-reason').waitFor();
    expect(await focusedAfterMove(page, 'revise-reason')).toBe('revise-reason');
    await page.getByTestId('revise-reason').pressSequentially(reason);
    await checkScreen('counter-application-revise');
    await page.keyboard.press('Control+Enter');
    await page.locator(`[data-testid="review-item"][data-requirement-id="${items[1].requirementId}"][data-state="needs_revision"]`).waitFor();
    expect((await detail(id)).items.find((i) => i.requirementId === items[1].requirementId)).toMatchObject({ state: 'needs_revision', reason });

    for (const item of items.slice(2)) {
      expect(await selectedItemId()).toBe(item.requirementId);
      await page.keyboard.press('a');
      await page.locator(`[data-testid="review-item"][data-requirement-id="${item.requirementId}"][data-state="accepted"]`).waitFor();
    }
    expect((await detail(id)).items.map((i) => i.state).sort()).toEqual(items.map((_, i) => (i === 1 ? 'needs_revision' : 'accepted')).sort());
    // Not every item accepted: "Nyatakan lengkap" is shown but off.
    expect(await page.getByTestId('review-action-accept').isDisabled()).toBe(true);
  });

  it('should return the item to the citizen with a deadline of 5 working days at 16:00 site time', async () => {
    const id = page.url().split('/').pop()!;
    await page.keyboard.press('b');
    await page.getByTestId('return-form').waitFor();
    const expectedDate = localDate(
      dueDateFrom(new Date(), LEGAL_DEFAULT_COMPLETION_TIME, {
        timeZone: site.timeZone,
        openingHours: site.openingHours,
        closures: site.upcomingClosures,
        closesOnCutiBersama: site.closesOnCutiBersama,
      }),
      site.timeZone,
    );
    expect(await page.getByTestId('return-date').inputValue()).toBe(expectedDate);
    expect(await page.getByTestId('return-time').inputValue()).toBe('16:00');
    expect(await page.getByTestId('return-items').textContent()).toContain('Foto buram');
    await checkScreen('counter-application-return');
    await page.getByTestId('return-confirm').click();
    await waitForState('returned');
    const returned = await detail(id);
    expect(returned.state).toBe('returned');
    expect(returned.citizenDeadline).toBe(zonedToUtc(expectedDate, '16:00', KUPANG_ZONE).toISOString());
    expect(await page.getByTestId('review-announcement').textContent()).toContain(APPLICATION_STATE_LABELS.returned.id);
  });

  it("should show another officer's claim read-only", async () => {
    const id = page.url().split('/').pop()!;
    const other = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await login(other, secondOfficer.email);
      await other.goto(`${base}/counter/permohonan/${id}`);
      await other.getByTestId('review-readonly').waitFor();
      const buttons = other.locator('[data-testid^="review-action-"]');
      expect(await buttons.count()).toBeGreaterThan(0);
      expect(await buttons.evaluateAll((els) => els.every((el) => (el as HTMLButtonElement).disabled))).toBe(true);
      await other.keyboard.press('c');
      expect((await detail(id)).assignedOfficerId).toBe(officerId);
      await checkPage(other, 'counter-application-readonly');
    } finally {
      await other.close();
    }
  });

  it("should open a walk-in's application from the console, upload its documents at the counter and submit it", async () => {
    const counter = (
      await t
        .http()
        .post('/api/v1/admin/sites/kota-kupang/counters')
        .auth(staff.kupangSiteAdmin, { type: 'bearer' })
        .send({ number: 41, name: 'Loket 41 – Dukcapil', serviceIds: [service.id] })
        .expect(201)
    ).body as { id: string };
    await counterAction(t, staff.dukcapilOfficer, counter, 'open').expect((res) => expect([200, 201]).toContain(res.status));
    await issue(t, staff.kupangKiosk, service.id);
    await counterAction(t, staff.dukcapilOfficer, counter, 'call-next').expect(200);
    await counterAction(t, staff.dukcapilOfficer, counter, 'start').expect(200);

    const desk = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await login(desk, officerEmail);
      await desk.goto(`${base}/counter/loket/${counter.id}`);
      await desk.getByTestId('console-walk-in').click();
      await desk.getByTestId('walk-in-form').waitFor();
      expect(await desk.getByTestId('walk-in-back').getAttribute('href')).toBe(`/counter/loket/${counter.id}`);
      expect(await focusedAfterMove(desk, 'walk-in-nik')).toBe('walk-in-nik');
      await desk.getByTestId('walk-in-nik').fill(nikFor(9));
      await desk.getByTestId('walk-in-name').fill('Yakobus Ndun');
      await desk.getByTestId('walk-in-phone').fill('0813-5555-0009');
      await checkPage(desk, 'counter-application-walk-in');
      await desk.getByTestId('walk-in-create').click();
      await desk.getByTestId('review-code').waitFor();
      const id = desk.url().split('/').pop()!;
      const draft = (await asOfficer(staff.dukcapilOfficer, `/${id}`).expect(200)).body as Detail & { walkIn: boolean };
      expect(draft).toMatchObject({ state: 'draft', walkIn: true, service: { id: service.id } });
      expect((await desk.getByTestId('review-state').textContent())?.trim()).toBe(APPLICATION_STATE_LABELS.draft.id);
      expect(await desk.getByTestId('review-announcement').textContent()).toContain(draft.code);
      // The NIK typed is never shown again: only its mask.
      expect(await desk.locator('body').textContent()).not.toContain(nikFor(9));

      const items = [...draft.items].sort((a, b) => a.position - b.position);
      for (const [index, item] of items.entries()) {
        await desk.locator(`[data-testid="review-item-select"][data-index="${index}"]`).click();
        await desk.getByTestId('item-upload').setInputFiles({ name: `berkas-${index}.png`, mimeType: 'image/png', buffer: await pngOf('#1d6b35') });
        await desk.locator(`[data-testid="review-item"][data-requirement-id="${item.requirementId}"]`).getByText('1 versi berkas').waitFor();
      }
      await checkPage(desk, 'counter-application-walk-in-draft');
      await desk.keyboard.press('i');
      await desk.getByTestId('review-state').filter({ hasText: APPLICATION_STATE_LABELS.submitted.id }).waitFor();
      const submitted = (await asOfficer(staff.dukcapilOfficer, `/${id}`).expect(200)).body as Detail;
      expect(submitted.state).toBe('submitted');
      expect(submitted.items.every((i) => i.documents!.length === 1)).toBe(true);
      expect(submitted.events[0]).toMatchObject({ actorId: officerId });
    } finally {
      await desk.close();
    }
  });

  it('should take the corrected application to done, step by step, with the trail listed', async () => {
    const id = page.url().split('/').pop()!;
    const returned = await detail(id);
    const fixed = returned.items.find((i) => i.state === 'needs_revision')!;
    const created = fresh.find((c) => c.application.id === id)!;
    await upload(created, fixed.requirementId, await pngOf('#8a4b00'), 'image/png');
    await t.http().post(`/api/v1/applications/${created.application.code}/resubmit`).set('X-Application-Secret', created.secret!).expect(200);
    await page.reload();
    await waitForState('resubmitted');
    expect(await selectedItemId()).toBe(fixed.requirementId);
    expect(await page.getByTestId('document-version').count()).toBe((await detail(id)).items.find((i) => i.requirementId === fixed.requirementId)!.documents!.length);

    await page.keyboard.press('a');
    await page.locator(`[data-testid="review-item"][data-requirement-id="${fixed.requirementId}"][data-state="accepted"]`).waitFor();
    for (const [key, state] of [
      ['l', 'complete'],
      ['p', 'in_process'],
      ['s', 'approved'],
    ] as const) {
      await page.keyboard.press(key);
      await waitForState(state);
      expect((await detail(id)).state).toBe(state);
    }
    // Approved: the result PDF uploaded and an approval letter made, listed with the API's numbers; the result issued is the stamped copy (QR and number on its last page), and it is what downloads.
    const result = await pdfOf(`Kartu Keluarga ${done0Code(id)}`);
    await page.getByTestId('issued-result-file').setInputFiles({ name: 'hasil.pdf', mimeType: 'application/pdf', buffer: result });
    await page.locator('[data-testid="issued-item"][data-kind="result"]').waitFor();
    await page.getByTestId('issued-make-letter').click();
    await page.locator('[data-testid="issued-item"][data-kind="decision_letter"]').waitFor();
    const issued = (await asOfficer(staff.dukcapilOfficer, `/${id}/issued-documents`).expect(200)).body as { number: string; kind: string; sha256: string }[];
    expect((await page.getByTestId('issued-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-number')))).sort()).toEqual(issued.map((d) => d.number).sort());
    const resultRow = issued.find((d) => d.kind === 'result')!;
    expect(resultRow.sha256).not.toBe(createHash('sha256').update(result).digest('hex'));
    const downloaded = await downloadByClick(page, 'issued-result');
    expect(createHash('sha256').update(downloaded.body).digest('hex')).toBe(resultRow.sha256);
    await checkScreen('counter-application-issued');

    await page.keyboard.press('h');
    await page.getByTestId('ready-form').waitFor();
    await page.getByTestId('ready-download').check();
    await checkScreen('counter-application-ready');
    await page.getByTestId('ready-confirm').click();
    await waitForState('ready');
    expect((await detail(id)).resultDelivery).toBe('download');
    await page.keyboard.press('e');
    await waitForState('done');
    const done = await detail(id);
    expect(done.state).toBe('done');
    expect(await page.getByTestId('review-event').count()).toBe(done.events.length);
    await checkScreen('counter-application-done');

    await page.getByTestId('lang-en').click();
    await page.getByTestId('review-code').filter({ hasText: `Application ${done.code}` }).waitFor();
    expect(await stateText()).toBe(APPLICATION_STATE_LABELS.done.en);
  });

  it("should page the inbox by the API's cursor with 'Muat lagi' (M), the focus on the first new row", async () => {
    for (let serial = 20; serial < 38; serial++) await submittedApplication(serial);
    const first = (await asOfficer(staff.dukcapilOfficer, '?limit=20').expect(200)).body as ApplicationInboxResponse;
    expect(first.nextCursor).not.toBeNull();
    const second = (await asOfficer(staff.dukcapilOfficer, `?limit=20&cursor=${encodeURIComponent(first.nextCursor!)}`).expect(200)).body as ApplicationInboxResponse;
    expect(second.nextCursor).toBeNull();
    await page.goto(`${base}/counter/permohonan?tab=all`);
    await page.getByTestId('inbox-more').waitFor();
    const codes = () => page.getByTestId('inbox-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    expect(await codes()).toEqual(first.items.map((i) => i.code));
    await page.keyboard.press('m');
    await page.locator(`[data-testid="inbox-row"][data-code="${second.items[0].code}"]`).waitFor();
    expect(await codes()).toEqual([...first.items, ...second.items].map((i) => i.code));
    expect(await page.getByTestId('inbox-more').count()).toBe(0);
    await page.waitForFunction((index) => document.activeElement?.getAttribute('data-index') === index, String(first.items.length), { timeout: 5000 });
    await checkScreen('counter-applications-paged');
  });

  it('should reject the overdue application with a reason (T), make the rejection letter and close it', async () => {
    const id = overdue.application.id;
    await page.goto(`${base}/counter/permohonan/${id}`);
    await page.getByTestId('lang-id').click();
    await waitForState('complete');
    await page.keyboard.press('p');
    await waitForState('in_process');
    await page.keyboard.press('t');
    await page.getByTestId('reject-form').waitFor();
    expect(await focusedAfterMove(page, 'reject-reason')).toBe('reject-reason');
    const reason = 'Data pada Kartu Keluarga lama tidak cocok dengan data kependudukan; ajukan perubahan data lebih dulu.';
    await page.getByTestId('reject-reason').pressSequentially(reason);
    await checkScreen('counter-application-reject');
    await page.keyboard.press('Control+Enter');
    await waitForState('rejected');
    expect(await detail(id)).toMatchObject({ state: 'rejected', decisionReason: reason });
    await page.getByTestId('issued-make-letter').click();
    await page.locator('[data-testid="issued-item"][data-kind="decision_letter"]').waitFor();
    const issued = (await asOfficer(staff.dukcapilOfficer, `/${id}/issued-documents`).expect(200)).body as { kind: string; letterKind: string | null }[];
    expect(issued.filter((d) => d.kind === 'decision_letter').map((d) => d.letterKind)).toEqual(['rejection']);
    expect(await page.locator('[data-testid="issued-item"][data-kind="decision_letter"]').textContent()).toContain('Surat penolakan');
    await page.keyboard.press('e');
    await waitForState('done');
    expect((await detail(id)).state).toBe('done');
  });

  it('should write an internal note by keyboard (N, Ctrl+Enter), list it with its author and keep it append-only', async () => {
    const id = overdue.application.id;
    await page.goto(`${base}/counter/permohonan/${id}`);
    await page.getByTestId('lang-id').click();
    await page.getByTestId('review-notes-none').waitFor();
    expect((await asOfficer(staff.dukcapilOfficer, `/${id}/notes`).expect(200)).body).toEqual([]);

    // Blank: the API's own words, the focus back in the field.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('n');
    expect(await focusedAfterMove(page, 'note-text')).toBe('note-text');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('note-error').waitFor();
    const refusal = (await t.http().post(`/api/v1/agency/applications/${id}/notes`).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({ text: '' }).expect(400)).body as {
      message: { id: string; en: string };
    };
    expect(await page.getByTestId('note-error').textContent()).toContain(refusal.message.id);
    expect(await page.getByTestId('note-text').getAttribute('aria-invalid')).toBe('true');
    expect(await focusedAfterMove(page, 'note-text')).toBe('note-text');
    expect((await asOfficer(staff.dukcapilOfficer, `/${id}/notes`).expect(200)).body).toEqual([]);

    const lines = ['Pemohon menelepon: KK lama hilang.', 'Minta surat kehilangan dari kepolisian.'];
    await page.keyboard.type(lines[0]);
    await page.keyboard.press('Enter');
    await page.keyboard.type(lines[1]);
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('review-note').waitFor();

    const notes = (await asOfficer(staff.dukcapilOfficer, `/${id}/notes`).expect(200)).body as { id: string; authorId: string; authorName: string; at: string; text: string }[];
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ authorId: officerId, text: lines.join('\n') });
    const shown = page.locator(`[data-testid="review-note"][data-note-id="${notes[0].id}"]`);
    expect((await shown.getByTestId('review-note-author').textContent())?.trim()).toBe(notes[0].authorName);
    expect(await shown.getByTestId('review-note-text').textContent()).toBe(notes[0].text);
    expect(await shown.getByTestId('review-note-text').evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre-wrap');
    const when = new Intl.DateTimeFormat('id-ID', { timeZone: site.timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(notes[0].at));
    expect(await shown.getByTestId('review-note-time').textContent()).toContain(when);
    await page.getByTestId('review-announcement').filter({ hasText: 'Catatan disimpan.' }).waitFor();
    expect(await page.getByTestId('note-text').inputValue()).toBe('');
    expect(await page.getByTestId('note-error').count()).toBe(0);
    expect(await focusedAfterMove(page, 'note-text')).toBe('note-text');
    // Append-only: nothing on the screen edits or deletes a note.
    expect(await shown.locator('button, input, textarea, [contenteditable]').count()).toBe(0);
    await checkScreen('counter-application-notes');

    // Read again with the application: still there after a reload.
    await page.reload();
    await page.locator(`[data-testid="review-note"][data-note-id="${notes[0].id}"]`).waitFor();
    expect(await page.getByTestId('review-note').count()).toBe(1);
  });
});
