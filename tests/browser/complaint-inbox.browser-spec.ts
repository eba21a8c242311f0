import type { ApiError, ComplaintCitizenResponse, ComplaintCreatedResponse, ComplaintInboxResponse, ComplaintStaffResponse, ComplaintSummaryResponse, RedFlagListResponse, StaffUserResponse } from '@mpp/contracts';
import { COMPLAINT_STATUS_LABELS, COMPLAINT_UNTOUCHED_DAYS, isComplaintOpen, type ComplaintStatus } from '@mpp/domain';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../apps/api/src/common/clock';
import { ComplaintEscalation } from '../../apps/api/src/complaints/complaint-escalation';
import { createStaff, type StaffTokens } from '../../apps/api/test/support/staff';
import { createTestApp, type TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { closeAppAndChromium } from './support/app-in-chromium';
import { counterPageFor, signInCounterPage } from './support/counter-session';

const TEXT = 'Antrean KTP elektronik berhenti dua jam tanpa penjelasan dari petugas.';
const NAMED = { name: 'Maria Goreti Lay', phone: '0812-3777-4411' };
const CONFIDENTIAL = { name: 'Yohanes Benu', phone: '0813-3888-5522' };
const POLRESTA = { name: 'Agustinus Tefa', phone: '0852-3999-6633' };
const LOCATION = { lat: -10.1727, lng: 123.6071, accuracyM: 12, source: 'device' as const };

/**
 * The complaint handlers' journey in the staff app (docs/complaints.md, docs/admin-console.md):
 * complaints filed through the API (named, confidential, anonymous; Dukcapil and Polresta), the
 * Dukcapil officer's inbox, the confidential reporter hidden from them (the site admin sees it),
 * verify → ask the citizen → the citizen replies → answer, an internal note the citizen never
 * reads, assign, re-route to Polresta, a refusal in Indonesian, and the command view's counts
 * against the API summary and the stored rows. axe on each screen.
 */
describe('The complaint inbox (pengaduan) in Chromium', () => {
  // Thursday 3 December 2026, 10:00 WITA: a working day in Kupang.
  const clock = new FixedClock(new Date('2026-12-03T02:00:00Z'));
  let t: TestApp;
  let staff: StaffTokens;
  let browser: Browser;
  let base: string;
  let page: Page;
  let officerId: string;
  const filed: Record<'named' | 'confidential' | 'anonymous' | 'polresta', ComplaintCreatedResponse & { id: string }> = {} as never;

  const db = () => t.app.get(DataSource);
  const admin = (tail = '') => `/api/v1/admin/sites/kota-kupang/complaints${tail}`;
  const asStaff = async <T>(token: string, tail: string) => (await t.http().get(admin(tail)).auth(token, { type: 'bearer' }).expect(200)).body as T;
  const citizenView = async (c: ComplaintCreatedResponse) =>
    (await t.http().get(`/api/v1/complaints/${c.code}`).set('X-Complaint-Secret', c.secret).expect(200)).body as ComplaintCitizenResponse;
  const signIn = (token: string) => signInCounterPage(page, base, token);
  const statusText = (status: ComplaintStatus) => COMPLAINT_STATUS_LABELS[status].id;
  const openComplaint = async (id: string) => {
    await page.goto(`${base}/counter/pengaduan/${id}`);
    await page.getByTestId('complaint-status').waitFor();
  };
  const waitForStatus = (status: ComplaintStatus) => page.getByTestId('complaint-status').filter({ hasText: statusText(status) }).waitFor();
  /** The inbox's codes in the order shown, all pages loaded. */
  const shownCodes = async () => {
    await page.locator('[data-testid="complaint-table"], [data-testid="complaint-inbox-empty"]').first().waitFor();
    while ((await page.getByTestId('complaint-more').count()) > 0) {
      const before = await page.getByTestId('complaint-row').count();
      await page.keyboard.press('m');
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="complaint-row"]').length > n, before);
    }
    return page.getByTestId('complaint-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code') ?? ''));
  };
  /** Every page of the inbox as the API answers it to `token`. */
  const apiCodes = async (token: string, query: Record<string, string> = {}) => {
    const codes: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ComplaintInboxResponse = (await t.http().get(admin()).query({ ...query, ...(cursor ? { cursor } : {}) }).auth(token, { type: 'bearer' }).expect(200)).body;
      codes.push(...page.items.map((i) => i.code));
      cursor = page.nextCursor;
    } while (cursor);
    return codes;
  };

  async function file(key: keyof typeof filed, body: Record<string, unknown>) {
    const created = (await t.http().post('/api/v1/complaints').send({ siteCode: 'kota-kupang', kind: 'complaint', subject: 'service', text: TEXT, language: 'id', ...body }).expect(201)).body as ComplaintCreatedResponse;
    const [row] = (await db().query(`SELECT id FROM complaint WHERE code = $1`, [created.code])) as { id: string }[];
    filed[key] = { ...created, id: row.id };
    clock.advance(60_000);
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await createStaff(t);
    await file('named', { agencyId: staff.dukcapil.id, anonymity: 'named', reporterName: NAMED.name, reporterPhone: NAMED.phone, reference: { kind: 'ticket', code: 'A-012' } });
    await file('confidential', { agencyId: staff.dukcapil.id, anonymity: 'confidential', reporterName: CONFIDENTIAL.name, reporterPhone: CONFIDENTIAL.phone, location: LOCATION });
    const photo = await sharp({ create: { width: 96, height: 64, channels: 3, background: '#c04020' } }).jpeg().toBuffer();
    await t.http().post(`/api/v1/complaints/${filed.confidential.code}/photos`).set('X-Complaint-Secret', filed.confidential.secret).attach('photo', photo, { filename: 'antrean.jpg', contentType: 'image/jpeg' }).expect(201);
    await file('anonymous', { agencyId: staff.dukcapil.id, anonymity: 'anonymous', subject: 'officer_conduct' });
    await file('polresta', { agencyId: staff.polresta.id, anonymity: 'named', reporterName: POLRESTA.name, reporterPhone: POLRESTA.phone });
    officerId = ((await t.http().get('/api/v1/auth/me').auth(staff.dukcapilOfficer, { type: 'bearer' }).expect(200)).body as StaffUserResponse).id;
    ({ browser, base, page } = await counterPageFor(t));
  }, 180_000);
  afterAll(() => closeAppAndChromium(browser, t));

  it("should show a Dukcapil officer only their agency's complaints, oldest first, with no personal data", async () => {
    await signIn(staff.dukcapilOfficer);
    await page.goto(`${base}/counter/pengaduan`);
    const codes = await shownCodes();
    expect(codes).toEqual(await apiCodes(staff.dukcapilOfficer));
    expect(codes).toEqual([filed.named.code, filed.confidential.code, filed.anonymous.code]);
    expect(codes).not.toContain(filed.polresta.code);
    const body = (await page.locator('main').textContent()) ?? '';
    for (const pii of [NAMED.name, NAMED.phone, CONFIDENTIAL.name, TEXT]) expect(body).not.toContain(pii);
    // Both clocks of each row, the legal default 14 and 60 days ahead: on time.
    expect(await page.getByTestId('complaint-first-response').first().textContent()).toContain('Tepat waktu');
    expect(await page.getByTestId('complaint-untouched').count()).toBe(0);
    expect(await page.getByTestId('nav-complaints').getAttribute('aria-current')).toBe('page');
    expect(await page.title()).toContain('Pengaduan');
    await checkScreen(page, 'complaint-inbox-officer');

    // The status filter by keyboard ("/" to the filters) narrows it as the API does.
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('complaint-status');
    await page.getByTestId('complaint-status-filter').selectOption('verified');
    await page.getByTestId('complaint-inbox-empty').waitFor();
    expect(await apiCodes(staff.dukcapilOfficer, { status: 'verified' })).toEqual([]);
    await page.getByTestId('complaint-status-filter').selectOption('');
    expect(await shownCodes()).toEqual(codes);

    // j/k move between the rows, Enter opens one.
    await page.getByTestId('complaint-open').first().focus();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(filed.confidential.code);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/counter/pengaduan/${filed.confidential.id}`);
  });

  it('should hide a confidential reporter from the agency officer, show it to the site admin, and say "Anonim" for an anonymous one', async () => {
    await signIn(staff.dukcapilOfficer);
    const officerView = await asStaff<ComplaintStaffResponse>(staff.dukcapilOfficer, `/${filed.confidential.id}`);
    expect(officerView).toMatchObject({ reporter: null, reporterHidden: true });
    await openComplaint(filed.confidential.id);
    expect(await page.getByTestId('complaint-reporter-hidden').textContent()).toBe('Rahasia: hanya admin MPP');
    expect((await page.locator('main').textContent()) ?? '').not.toContain(CONFIDENTIAL.name);
    expect(await page.getByTestId('complaint-text').textContent()).toBe(TEXT);
    // The photo, fetched with the staff token and shown as a data: URL (the CSP allows no blob:); the location with its map link.
    expect(officerView.photos).toHaveLength(1);
    const img = page.getByTestId('complaint-photo');
    await img.waitFor();
    expect(await img.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    await page.waitForFunction(() => (document.querySelector('[data-testid="complaint-photo"]') as HTMLImageElement | null)?.naturalWidth === 96);
    expect(officerView.location).toEqual(LOCATION);
    expect(await page.getByTestId('complaint-location').textContent()).toContain(`${LOCATION.lat}, ${LOCATION.lng}`);
    expect(await page.getByTestId('complaint-osm').getAttribute('href')).toBe(`https://www.openstreetmap.org/?mlat=${LOCATION.lat}&mlon=${LOCATION.lng}#map=18/${LOCATION.lat}/${LOCATION.lng}`);
    await checkScreen(page, 'complaint-detail-confidential');

    await openComplaint(filed.anonymous.id);
    expect(await page.getByTestId('complaint-reporter-anonymous').textContent()).toBe('Anonim');
    await openComplaint(filed.named.id);
    expect(await page.getByTestId('complaint-reporter-name').textContent()).toBe(NAMED.name);
    expect(await page.getByTestId('complaint-reference').textContent()).toBe('Tiket A-012');

    await signIn(staff.kupangSiteAdmin);
    const adminView = await asStaff<ComplaintStaffResponse>(staff.kupangSiteAdmin, `/${filed.confidential.id}`);
    expect(adminView.reporter?.name).toBe(CONFIDENTIAL.name);
    await openComplaint(filed.confidential.id);
    expect(await page.getByTestId('complaint-reporter-name').textContent()).toBe(CONFIDENTIAL.name);
    expect(await page.getByTestId('complaint-reporter-hidden').count()).toBe(0);
    // The site admin's inbox holds every agency's.
    await page.goto(`${base}/counter/pengaduan`);
    expect(await shownCodes()).toEqual(await apiCodes(staff.kupangSiteAdmin));
    expect(await shownCodes()).toContain(filed.polresta.code);
    await page.getByTestId('complaint-agency-filter').selectOption(staff.polresta.id);
    await page.waitForURL(/agency=/);
    expect(await shownCodes()).toEqual([filed.polresta.code]);
    await checkScreen(page, 'complaint-inbox-site-admin');
  });

  it('should verify, ask the citizen, take the reply and answer by keyboard; a note stays internal', async () => {
    await signIn(staff.dukcapilOfficer);
    await openComplaint(filed.named.id);
    await page.keyboard.press('v');
    await waitForStatus('verified');
    await page.keyboard.press('m');
    await waitForStatus('in_progress');

    const question = 'Pada jam berapa Anda mengambil nomor antrean?';
    await page.keyboard.press('t');
    await page.getByTestId('complaint-form-ask-citizen').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('complaint-text-ask-citizen');
    await page.keyboard.type(question);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForStatus('waiting_for_citizen');
    expect(await page.getByTestId('complaint-announcement').textContent()).toContain(statusText('waiting_for_citizen'));

    const reply = 'Sekitar pukul 08.15, nomor A-012.';
    await t.http().post(`/api/v1/complaints/${filed.named.code}/reply`).set('X-Complaint-Secret', filed.named.secret).send({ text: reply }).expect(200);
    await openComplaint(filed.named.id);
    await waitForStatus('in_progress');
    expect(await page.getByTestId('complaint-event-text').allTextContents()).toEqual(expect.arrayContaining([question, reply]));

    const note = 'Cek rekaman CCTV loket 3 jam 08.00-10.00.';
    await page.keyboard.press('n');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('complaint-note-text');
    await page.keyboard.type(note);
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('complaint-announcement').filter({ hasText: 'Catatan internal disimpan.' }).waitFor();
    const noteEvent = page.locator('[data-testid="complaint-event"][data-action="note"]');
    expect(await noteEvent.getByTestId('complaint-event-internal').textContent()).toBe('Internal');
    expect(await noteEvent.getByTestId('complaint-event-text').textContent()).toBe(note);

    const answer = 'Mesin antrean mati karena listrik padam; genset kini dinyalakan otomatis.';
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('complaint-note-text');
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    await page.getByTestId('complaint-form-answer').waitFor();
    await page.keyboard.type(answer);
    await page.getByTestId('complaint-form-send').click();
    await waitForStatus('answered');
    await checkScreen(page, 'complaint-detail-answered');

    const stored = await asStaff<ComplaintStaffResponse>(staff.dukcapilOfficer, `/${filed.named.id}`);
    expect(stored.events.map((e) => e.action)).toEqual(['create', 'verify', 'start', 'ask_citizen', 'citizen_reply', 'note', 'answer']);
    expect(stored.events.find((e) => e.action === 'note')).toMatchObject({ internal: true, text: note });
    const citizen = await citizenView(filed.named);
    expect(citizen.status).toBe('answered');
    expect(citizen.events.map((e) => e.text)).toEqual(expect.arrayContaining([question, reply, answer]));
    expect(JSON.stringify(citizen)).not.toContain(note);
    expect(citizen.events.some((e) => e.action === 'note')).toBe(false);
  });

  it("should show the API's refusal in Indonesian and keep the complaint as it was", async () => {
    await signIn(staff.dukcapilOfficer);
    const direct = (await t.http().post(admin(`/${filed.confidential.id}/merge`)).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({ intoCode: filed.confidential.code }).expect(409)).body as ApiError;
    await openComplaint(filed.confidential.id);
    await page.keyboard.press('g');
    await page.getByTestId('complaint-form-merge').waitFor();
    await page.keyboard.type(filed.confidential.code);
    await page.keyboard.press('Enter');
    const alert = page.getByTestId('complaint-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(direct.message.id);
    expect((await asStaff<ComplaintStaffResponse>(staff.dukcapilOfficer, `/${filed.confidential.id}`)).status).toBe('received');
    await checkScreen(page, 'complaint-detail-refused');
  });

  it('should assign the complaint (an officer to themself) and show it in the inbox', async () => {
    await signIn(staff.dukcapilOfficer);
    await openComplaint(filed.confidential.id);
    await page.keyboard.press('p');
    await page.getByTestId('complaint-form-assign').waitFor();
    await page.getByTestId('complaint-assignee-select').selectOption(officerId);
    await page.getByTestId('complaint-assign-save').click();
    await page.getByTestId('complaint-assignee').filter({ hasText: 'Anda' }).waitFor();
    expect((await asStaff<ComplaintStaffResponse>(staff.dukcapilOfficer, `/${filed.confidential.id}`)).assignedStaffId).toBe(officerId);
    const assignEvent = page.locator('[data-testid="complaint-event"][data-action="assign"]');
    expect(await assignEvent.getAttribute('data-internal')).toBe('true');

    await page.goto(`${base}/counter/pengaduan`);
    await shownCodes();
    expect(await page.locator(`[data-testid="complaint-row"][data-code="${filed.confidential.code}"] [data-testid="complaint-assignee"]`).textContent()).toBe('Anda');

    // The site admin picks from the staff list the admin screens use: the agency's staff and the site admins, no one else.
    const users = (await t.http().get('/api/v1/admin/users').auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as StaffUserResponse[];
    const dukcapilAdmin = users.find((u) => u.role === 'agency_admin' && u.agencyId === staff.dukcapil.id)!;
    const polrestaAdmin = users.find((u) => u.role === 'agency_admin' && u.agencyId === staff.polresta.id)!;
    await signIn(staff.kupangSiteAdmin);
    await openComplaint(filed.confidential.id);
    await page.keyboard.press('p');
    const select = page.getByTestId('complaint-assignee-select');
    await select.waitFor();
    const offered = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(expect.arrayContaining([officerId, dukcapilAdmin.id]));
    expect(offered).not.toContain(polrestaAdmin.id);
    await select.selectOption(dukcapilAdmin.id);
    await page.getByTestId('complaint-assign-save').click();
    await page.getByTestId('complaint-assignee').filter({ hasText: dukcapilAdmin.fullName }).waitFor();
    expect((await asStaff<ComplaintStaffResponse>(staff.kupangSiteAdmin, `/${filed.confidential.id}`)).assignedStaffId).toBe(dukcapilAdmin.id);
    await checkScreen(page, 'complaint-detail-assigned');
  });

  it("should re-route a complaint to Polresta with a reason: it leaves the officer's inbox, the reporter reads the reason", async () => {
    await signIn(staff.dukcapilOfficer);
    await openComplaint(filed.anonymous.id);
    const reason = 'Perilaku petugas SKCK adalah wewenang Polresta.';
    await page.keyboard.press('w');
    await page.getByTestId('complaint-form-reroute').waitFor();
    await page.getByTestId('complaint-reroute-agency').selectOption(staff.polresta.id);
    await page.getByTestId('complaint-reroute-reason').fill(reason);
    await page.getByTestId('complaint-reroute-save').click();
    await page.getByTestId('complaint-gone').waitFor();
    expect(await page.getByTestId('complaint-gone').textContent()).toContain(staff.polresta.name);
    await checkScreen(page, 'complaint-detail-rerouted');

    expect((await t.http().get(admin(`/${filed.anonymous.id}`)).auth(staff.dukcapilOfficer, { type: 'bearer' })).status).toBe(404);
    await page.goto(`${base}/counter/pengaduan`);
    const codes = await shownCodes();
    expect(codes).toEqual(await apiCodes(staff.dukcapilOfficer));
    expect(codes).not.toContain(filed.anonymous.code);
    expect(await apiCodes(staff.polrestaAdmin)).toContain(filed.anonymous.code);
    const citizen = await citizenView(filed.anonymous);
    expect(citizen.agency?.id).toBe(staff.polresta.id);
    expect(citizen.events.find((e) => e.action === 'reroute')?.text).toBe(reason);
  });

  it('should let a system admin pick the MPP, and speak English once English is chosen (the refusal too)', async () => {
    await signIn(staff.system);
    await page.evaluate(() => localStorage.setItem('mpp.lang', 'en'));
    try {
      await page.goto(`${base}/counter/pengaduan`);
      await page.getByTestId('complaint-site-select').selectOption('kota-kupang');
      expect(await shownCodes()).toEqual(await apiCodes(staff.system));
      expect(await page.locator('th').first().textContent()).toBe('Code');
      expect(await page.title()).toContain('Complaints');

      // A system admin is not the site's handler: the confidential reporter stays hidden (docs/complaints.md).
      expect((await asStaff<ComplaintStaffResponse>(staff.system, `/${filed.confidential.id}`)).reporterHidden).toBe(true);
      await openComplaint(filed.confidential.id);
      expect(await page.getByTestId('complaint-reporter-hidden').textContent()).toBe('Confidential: MPP admin only');
      const direct = (await t.http().post(admin(`/${filed.confidential.id}/merge`)).auth(staff.system, { type: 'bearer' }).send({ intoCode: filed.confidential.code }).expect(409)).body as ApiError;
      await page.keyboard.press('g');
      await page.getByTestId('complaint-merge-code').fill(filed.confidential.code);
      await page.getByTestId('complaint-merge-save').click();
      const alert = page.getByTestId('complaint-error');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(direct.message.en);
      await checkScreen(page, 'complaint-detail-en');
    } finally {
      await page.evaluate(() => localStorage.removeItem('mpp.lang'));
    }
  });

  it('should show the command view the counts of the API summary and the table, the untouched ones red and equal to the red flag', async () => {
    // Eight days on: the complaints no handler touched since are untouched for a week.
    clock.set(new Date(clock.now().getTime() + (COMPLAINT_UNTOUCHED_DAYS + 1) * 86_400_000));
    const summary = await asStaff<ComplaintSummaryResponse>(staff.kupangSiteAdmin, '/summary');
    const rows = (await db().query(`SELECT agency_id, status FROM complaint WHERE site_id = (SELECT id FROM site WHERE code = 'kota-kupang')`)) as { agency_id: string | null; status: ComplaintStatus }[];
    for (const line of summary.agencies) {
      const mine = rows.filter((r) => r.agency_id === line.agencyId);
      expect(line.open).toBe(mine.filter((r) => isComplaintOpen(r.status)).length);
      for (const [status, n] of Object.entries(line.counts)) expect(n).toBe(mine.filter((r) => r.status === status).length);
    }
    const untouchedTotal = summary.agencies.reduce((n, l) => n + l.untouched, 0);
    expect(untouchedTotal).toBeGreaterThan(0);

    await signIn(staff.kupangSiteAdmin);
    await page.goto(`${base}/counter/komando`);
    await page.getByTestId('command-complaints-table').waitFor();
    const shown = await page.getByTestId('command-complaints-row').evaluateAll((trs) =>
      trs.map((tr) => {
        const cell = (id: string) => Number(tr.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/[^0-9]/g, '') ?? 'NaN');
        return {
          agencyId: tr.getAttribute('data-agency-id'),
          open: cell('cc-open'),
          untouched: cell('cc-untouched'),
          first: cell('cc-first-overdue'),
          resolution: cell('cc-resolution-overdue'),
          received: cell('cc-status-received'),
          answered: cell('cc-status-answered'),
        };
      }),
    );
    expect(shown).toEqual(
      summary.agencies.map((l) => ({
        agencyId: l.agencyId ?? 'mpp',
        open: l.open,
        untouched: l.untouched,
        first: l.firstResponseOverdue,
        resolution: l.resolutionOverdue,
        received: l.counts.received,
        answered: l.counts.answered,
      })),
    );
    // The red flag counts the same complaints per agency.
    const flags = (await t.http().get('/api/v1/admin/sites/kota-kupang/red-flags').auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as RedFlagListResponse;
    for (const line of summary.agencies.filter((l) => l.untouched > 0)) {
      const flag = flags.items.find((f) => f.key === `untouched_complaints:${line.agencyId ?? 'mpp'}`);
      expect(flag?.value).toBe(line.untouched);
      await page.getByTestId(`flag-${flag!.key}`).waitFor();
      const cell = page.locator(`[data-testid="command-complaints-row"][data-agency-id="${line.agencyId ?? 'mpp'}"] [data-testid="cc-untouched"]`);
      expect(await cell.getAttribute('class')).toContain('command__red');
    }
    // The oldest open complaints, oldest first, each linking to its page.
    const oldest = await page.getByTestId('command-oldest-item').evaluateAll((items) => items.map((li) => li.getAttribute('data-code')));
    expect(oldest).toEqual(summary.oldestOpen.map((c) => c.code));
    const first = summary.oldestOpen[0];
    expect(await page.getByTestId(`command-oldest-${first.code}`).getAttribute('href')).toBe(`/counter/pengaduan/${first.id}`);
    await checkScreen(page, 'command-view-complaints');
    await page.getByTestId(`command-oldest-${first.code}`).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/counter/pengaduan/${first.id}`);
    await page.getByTestId('complaint-untouched').waitFor();

    // An agency admin: their agency's line only.
    await signIn(staff.dukcapilAdmin);
    await page.goto(`${base}/counter/komando`);
    await page.getByTestId('command-complaints-table').waitFor();
    const own = await asStaff<ComplaintSummaryResponse>(staff.dukcapilAdmin, '/summary');
    expect(await page.getByTestId('command-complaints-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-agency-id')))).toEqual(own.agencies.map((l) => l.agencyId ?? 'mpp'));
    expect(own.agencies.map((l) => l.agencyId)).toEqual([staff.dukcapil.id]);
  });
  it("should mark the escalated clocks as the API gives them, in the inbox and on the command view", async () => {
    // Past the 14 days of the first response: the escalation job marks the clocks that ran out.
    clock.set(new Date(clock.now().getTime() + 8 * 86_400_000));
    await t.app.get(ComplaintEscalation).run();
    const inbox = (await t.http().get(admin()).query({ limit: 100 }).auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as ComplaintInboxResponse;
    const escalated = inbox.items.filter((i) => i.escalated.length > 0);
    expect(escalated.length).toBeGreaterThan(0);

    await signIn(staff.kupangSiteAdmin);
    await page.goto(`${base}/counter/pengaduan`);
    await shownCodes();
    const shown = await page.getByTestId('complaint-row').evaluateAll((rows) =>
      rows.map((r) => ({ code: r.getAttribute('data-code'), clocks: [...r.querySelectorAll('[data-testid="complaint-escalated"]')].map((e) => e.getAttribute('data-clock')) })),
    );
    expect(shown).toEqual(inbox.items.map((i) => ({ code: i.code, clocks: i.escalated })));
    await checkScreen(page, 'complaint-inbox-escalated');

    const summary = await asStaff<ComplaintSummaryResponse>(staff.kupangSiteAdmin, '/summary');
    await page.goto(`${base}/counter/komando`);
    await page.getByTestId('command-complaints-table').waitFor();
    const cells = await page.getByTestId('command-complaints-row').evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector('[data-testid="cc-escalated"]')?.textContent)));
    expect(cells).toEqual(summary.agencies.map((l) => l.escalated));
    expect(cells.some((n) => n > 0)).toBe(true);
  });
});
