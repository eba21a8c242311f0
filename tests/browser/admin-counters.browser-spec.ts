import type { ApiError, CounterResponse, ServiceSummaryResponse } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { createStaff, StaffTokens } from '../../apps/api/test/support/staff';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { closeAppAndChromium } from './support/app-in-chromium';
import { counterPageFor, signInCounterPage } from './support/counter-session';

describe('The counters administration page (admin/loket) in Chromium', () => {
  let t: TestApp;
  let staff: StaffTokens;
  let browser: Browser;
  let base: string;
  let page: Page;
  let services: ServiceSummaryResponse[];
  let created: CounterResponse;

  const signIn = (token: string) => signInCounterPage(page, base, token);
  const countersOfKupang = async () =>
    (await t.http().get('/api/v1/queue/sites/kota-kupang/counters').auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as CounterResponse[];
  const namesOf = (ids: string[]) => ids.map((id) => services.find((s) => s.id === id)!.name).join(', ');
  const row = (id: string) => page.locator(`[data-testid="counter-row"][data-counter-id="${id}"]`);
  const box = (picker: string, serviceId: string) => page.locator(`[data-testid="${picker}"] input[data-service-id="${serviceId}"]`);
  const announced = (text: string) => page.getByTestId('admin-announcement').filter({ hasText: text }).waitFor();

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
    services = ((await t.http().get('/api/v1/services').query({ site: 'kota-kupang', pageSize: 100 }).expect(200)).body as { items: ServiceSummaryResponse[] }).items;
    ({ browser, base, page } = await counterPageFor(t));
  }, 180_000);
  afterAll(() => closeAppAndChromium(browser, t));

  it("should list the MPP's counters in their number's order, with the services each serves", async () => {
    await signIn(staff.kupangSiteAdmin);
    await page.goto(`${base}/counter/admin/loket`);
    await page.getByTestId('counter-table').waitFor();
    const listed = [...(await countersOfKupang())].sort((a, b) => a.number - b.number);
    expect(listed.length).toBeGreaterThan(1);
    await page.getByTestId('counter-row').first().waitFor();
    expect(await page.getByTestId('counter-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-counter-id')))).toEqual(listed.map((c) => c.id));
    await page.getByTestId('counter-row-services').first().filter({ hasText: namesOf(listed[0].serviceIds) }).waitFor();
    expect((await page.getByTestId('counter-row-services').allTextContents()).map((s) => s.trim())).toEqual(listed.map((c) => namesOf(c.serviceIds)));
    await checkScreen(page, 'admin-counters-list');
  });

  it("should add a counter serving two agencies' services, numbered next when the number is left empty", async () => {
    const before = await countersOfKupang();
    const next = Math.max(...before.map((c) => c.number)) + 1;
    const dukcapil = services.find((s) => s.agency.id === staff.dukcapil.id)!;
    const polresta = services.find((s) => s.agency.id === staff.polresta.id)!;
    expect((await page.getByTestId('counter-number').getAttribute('placeholder'))).toBe(String(next));

    await page.getByTestId('counter-name').focus();
    await page.keyboard.type('Loket Terpadu');
    await box('counter-services', dukcapil.id).focus();
    await page.keyboard.press('Space');
    await box('counter-services', polresta.id).focus();
    await page.keyboard.press('Space');
    await page.getByTestId('counter-create').focus();
    await page.keyboard.press('Enter');
    await announced(`Loket ${next} (Loket Terpadu) ditambahkan.`);

    created = (await countersOfKupang()).find((c) => c.number === next)!;
    expect(created.name).toBe('Loket Terpadu');
    expect([...created.serviceIds].sort()).toEqual([dukcapil.id, polresta.id].sort());
    await row(created.id).waitFor();
    expect(await page.getByTestId('counter-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-number'))))).toEqual(
      [...before.map((c) => c.number), next].sort((a, b) => a - b),
    );
    expect(await box('counter-services', dukcapil.id).isChecked()).toBe(false);
  });

  it("should show the API's refusal of a taken number in its own words", async () => {
    const body = { number: created.number, name: 'Loket Kembar', serviceIds: [created.serviceIds[0]] };
    const direct = await t.http().post('/api/v1/admin/sites/kota-kupang/counters').auth(staff.kupangSiteAdmin, { type: 'bearer' }).send(body);
    expect([400, 409, 422]).toContain(direct.status);
    await page.getByTestId('counter-number').fill(String(body.number));
    await page.getByTestId('counter-name').fill(body.name);
    await box('counter-services', body.serviceIds[0]).check();
    await page.getByTestId('counter-create').click();
    const alert = page.getByTestId('counter-create-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain((direct.body as ApiError).message.id);
    expect((await countersOfKupang()).filter((c) => c.number === created.number)).toHaveLength(1);
    await checkScreen(page, 'admin-counters-refused');
  });

  it('should rename a counter and change its services in a dialog, and change nothing on Escape', async () => {
    const other = services.find((s) => !created.serviceIds.includes(s.id))!;
    await row(created.id).getByTestId('counter-edit').click();
    const dialog = page.getByTestId('counter-dialog');
    await dialog.waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'counter-edit-name');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await countersOfKupang()).find((c) => c.id === created.id)!.name).toBe('Loket Terpadu');

    await row(created.id).getByTestId('counter-edit').click();
    await dialog.waitFor();
    expect((await dialog.getByRole('heading').textContent())?.trim()).toBe(`Ubah loket ${created.number}`);
    expect(await box('counter-edit-services', created.serviceIds[0]).isChecked()).toBe(true);
    await page.getByTestId('counter-edit-name').fill('Loket Terpadu Utara');
    await box('counter-edit-services', created.serviceIds[0]).uncheck();
    await box('counter-edit-services', other.id).check();
    await checkScreen(page, 'admin-counters-edit');
    await page.getByTestId('counter-dialog-save').click();
    await announced(`Loket ${created.number} (Loket Terpadu Utara) disimpan.`);
    await dialog.waitFor({ state: 'hidden' });

    const saved = (await countersOfKupang()).find((c) => c.id === created.id)!;
    expect(saved.name).toBe('Loket Terpadu Utara');
    expect([...saved.serviceIds].sort()).toEqual([created.serviceIds[1], other.id].sort());
    expect((await row(created.id).getByTestId('counter-row-name').textContent())?.trim()).toBe('Loket Terpadu Utara');
    expect((await row(created.id).getByTestId('counter-row-services').textContent())?.trim()).toBe(namesOf(saved.serviceIds));
  });

  it('should move a counter up the display and back down by keyboard, swapping numbers with its neighbour', async () => {
    const before = [...(await countersOfKupang())].sort((a, b) => a.number - b.number);
    const i = before.findIndex((c) => c.id === created.id);
    expect(i).toBe(before.length - 1);
    const [neighbour, mine] = [before[i - 1], before[i]];
    expect(await row(created.id).getByTestId('counter-move-down').isDisabled()).toBe(true);
    expect(await page.getByTestId('counter-row').first().getByTestId('counter-move-up').isDisabled()).toBe(true);

    await row(created.id).getByTestId('counter-move-up').focus();
    await page.keyboard.press('Enter');
    await announced(`Loket ${mine.number} (${mine.name}) sekarang nomor ${neighbour.number}; loket yang tadinya bernomor ${neighbour.number} kini nomor ${mine.number}.`);
    const moved = await countersOfKupang();
    expect(moved.find((c) => c.id === mine.id)!.number).toBe(neighbour.number);
    expect(moved.find((c) => c.id === neighbour.id)!.number).toBe(mine.number);
    expect(moved.map((c) => c.number).sort((a, b) => a - b)).toEqual(before.map((c) => c.number));
    const order = [...moved].sort((a, b) => a.number - b.number).map((c) => c.id);
    expect(await page.getByTestId('counter-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-counter-id')))).toEqual(order);
    // The focus follows the loket it moved.
    await page.waitForFunction(
      (id) => document.activeElement?.getAttribute('data-testid') === 'counter-move-up' && document.activeElement.closest('tr')?.getAttribute('data-counter-id') === id,
      created.id,
    );
    await checkScreen(page, 'admin-counters-moved');

    await row(created.id).getByTestId('counter-move-down').focus();
    await page.keyboard.press('Enter');
    await announced(`Loket ${neighbour.number} (${mine.name}) sekarang nomor ${mine.number}; loket yang tadinya bernomor ${mine.number} kini nomor ${neighbour.number}.`);
    const back = await countersOfKupang();
    expect(back.map((c) => [c.id, c.number]).sort()).toEqual(before.map((c) => [c.id, c.number]).sort());
  });

  it("should refuse to retire an open counter in the API's words, change nothing on Escape, and retire a closed one", async () => {
    const dukcapilServiceIds = new Set(services.filter((s) => s.agency.id === staff.dukcapil.id).map((s) => s.id));
    const open = (await countersOfKupang()).find((c) => c.id !== created.id && c.serviceIds.some((id) => dukcapilServiceIds.has(id)))!;
    await t.http().post(`/api/v1/queue/counters/${open.id}/open`).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({}).expect(200);
    const direct = await t.http().post(`/api/v1/admin/counters/${open.id}/retire`).auth(staff.kupangSiteAdmin, { type: 'bearer' }).send({});
    expect(direct.status).toBe(409);

    const dialog = page.getByTestId('counter-retire-dialog');
    await row(open.id).getByTestId('counter-retire').click();
    await dialog.waitFor();
    expect((await dialog.getByRole('heading').textContent())?.trim()).toBe(`Pensiunkan loket ${open.number} (${open.name})?`);
    await page.getByTestId('counter-retire-confirm').click();
    const alert = page.getByTestId('counter-retire-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain((direct.body as ApiError).message.id);
    await checkScreen(page, 'admin-counters-retire-refused');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await countersOfKupang()).some((c) => c.id === open.id)).toBe(true);
    await t.http().post(`/api/v1/queue/counters/${open.id}/close`).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({}).expect(200);

    const target = (await countersOfKupang()).find((c) => c.id === created.id)!;
    await row(created.id).getByTestId('counter-retire').click();
    await dialog.waitFor();
    expect((await dialog.getByTestId('counter-retire-warning').textContent())?.trim()).toContain('tidak dapat dibuka lagi');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await countersOfKupang()).some((c) => c.id === created.id)).toBe(true);

    await row(created.id).getByTestId('counter-retire').click();
    await dialog.waitFor();
    await checkScreen(page, 'admin-counters-retire-dialog');
    await page.getByTestId('counter-retire-confirm').click();
    await announced(`Loket ${target.number} (${target.name}) dipensiunkan.`);
    await dialog.waitFor({ state: 'hidden' });
    await row(created.id).waitFor({ state: 'detached' });
    expect((await countersOfKupang()).some((c) => c.id === created.id)).toBe(false);
    // Listed for the admins as retired, as the API lists them.
    const retiredRow = page.locator(`[data-testid="retired-counter-row"][data-counter-id="${created.id}"]`);
    await retiredRow.waitFor();
    const retired = (await t.http().get('/api/v1/admin/sites/kota-kupang/counters/retired').auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as { id: string }[];
    expect(await page.getByTestId('retired-counter-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-counter-id')))).toEqual(retired.map((r) => r.id));
    expect((await retiredRow.getByTestId('retired-counter-number').textContent())?.trim()).toBe(String(target.number));
    expect((await retiredRow.getByTestId('retired-counter-name').textContent())?.trim()).toBe(target.name);
    await checkScreen(page, 'admin-counters-retired');
    await t.http().post(`/api/v1/queue/counters/${created.id}/open`).auth(staff.dukcapilOfficer, { type: 'bearer' }).send({}).expect(404);
  });
});
