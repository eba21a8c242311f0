import type { ApiError, ClosureResponse } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { createStaff, StaffTokens } from '../../apps/api/test/support/staff';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { closeAppAndChromium } from './support/app-in-chromium';
import { counterPageFor, signInCounterPage } from './support/counter-session';

describe('The national calendar page (admin/kalender) in Chromium', () => {
  let t: TestApp;
  let staff: StaffTokens;
  let browser: Browser;
  let base: string;
  let page: Page;
  const thisYear = new Date().getFullYear();
  const nextYear = thisYear + 1;

  const calendarOf = async (year: number) => (await t.http().get(`/api/v1/calendar/${year}`).expect(200)).body as ClosureResponse[];
  const shownDates = () => page.getByTestId('calendar-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-date')));

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
    ({ browser, base, page } = await counterPageFor(t));
  }, 180_000);
  afterAll(() => closeAppAndChromium(browser, t));

  it("should list this year's national holidays and cuti bersama as the API reads them, and say when next year is empty", async () => {
    await signInCounterPage(page, base, staff.system);
    await page.goto(`${base}/counter/admin/kalender`);
    await page.getByTestId('calendar-table').waitFor();
    const days = await calendarOf(thisYear);
    await page.locator('[data-testid="calendar-row"], [data-testid="calendar-empty"]').first().waitFor();
    expect(await shownDates()).toEqual(days.map((d) => d.date));
    const nextEmpty = (await calendarOf(nextYear)).length === 0;
    // The warning comes from a second read of the API.
    if (nextEmpty) await page.getByTestId('calendar-next-year-empty').waitFor();
    expect(await page.getByTestId('calendar-next-year-empty').count()).toBe(nextEmpty ? 1 : 0);
    await checkScreen(page, 'admin-calendar');
  });

  it('should add a day to next year, show it in its year, and remove it after asking', async () => {
    const date = `${nextYear}-01-01`;
    const name = `Tahun Baru ${nextYear} Masehi`;
    await page.getByTestId('calendar-date').fill(date);
    await page.getByTestId('calendar-name').fill(name);
    await page.getByTestId('calendar-kind').selectOption('national_holiday');
    await page.getByTestId('calendar-add').click();
    const row = page.locator(`[data-testid="calendar-row"][data-date="${date}"]`);
    await row.waitFor();
    expect(await page.getByTestId('calendar-year').inputValue()).toBe(String(nextYear));
    const added = (await calendarOf(nextYear)).find((d) => d.date === date);
    expect(added).toMatchObject({ name, kind: 'national_holiday' });
    expect(await shownDates()).toEqual((await calendarOf(nextYear)).map((d) => d.date));
    await page.getByTestId('admin-announcement').filter({ hasText: name }).waitFor();
    // Next year has a day now: no warning.
    expect(await page.getByTestId('calendar-next-year-empty').count()).toBe(0);

    await row.getByTestId('calendar-remove').click();
    const dialog = page.getByTestId('calendar-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('calendar-dialog-warning').textContent()).toContain(name);
    await checkScreen(page, 'admin-calendar-remove');
    // Escape leaves it in place.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await calendarOf(nextYear)).some((d) => d.date === date)).toBe(true);

    await row.getByTestId('calendar-remove').click();
    await page.getByTestId('calendar-dialog-confirm').click();
    await row.waitFor({ state: 'detached' });
    expect((await calendarOf(nextYear)).some((d) => d.date === date)).toBe(false);
  });

  it("should show the API's refusal in its own words and add nothing", async () => {
    const body = { date: `${nextYear}-03-20`, name: 'ab', kind: 'cuti_bersama' };
    const direct = (await t.http().post('/api/v1/admin/calendar').auth(staff.system, { type: 'bearer' }).send(body).expect(400)).body as ApiError;
    const before = await calendarOf(nextYear);
    await page.getByTestId('calendar-date').fill(body.date);
    await page.getByTestId('calendar-name').fill(body.name);
    await page.getByTestId('calendar-kind').selectOption(body.kind);
    await page.getByTestId('calendar-add').click();
    const alert = page.getByTestId('calendar-error');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain(direct.message.id);
    for (const field of direct.fields ?? []) expect(text).toContain(field.message.id);
    expect(await calendarOf(nextYear)).toEqual(before);
  });
});
