import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../apps/api/src/common/clock';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { SITE_PAGE_TEXTS as TEXTS } from '../../apps/portal/src/app/site/site-texts';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/browser';

/** axe-core's every finding (any impact): the site page must have none. */
async function allAxeViolations(page: Page): Promise<{ id: string; targets: string[] }[]> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  });
}

describe('The site page in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  // Thursday 10 December 2026, 09:00 WITA.
  const clock = new FixedClock(new Date('2026-12-10T01:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const phone = async (): Promise<Page> => browser.newPage({ viewport: { width: 390, height: 844 } });
  const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();

  it("should show MPP Kota Kupang open now on a Thursday morning, with today's hours, closures ahead, facilities and agencies", async () => {
    clock.set('2026-12-10T01:00:00Z');
    const page = await phone();
    await page.goto(`${base}/mpp/kota-kupang`);
    await page.getByTestId('site-name').filter({ hasText: 'MPP Kota Kupang' }).waitFor();

    expect(await page.getByTestId('site-now').getAttribute('data-state')).toBe('open');
    expect(await text(page, 'site-now')).toContain(TEXTS['now.open'].id);
    expect(await text(page, 'site-now-detail')).toBe('Buka sampai pukul 12.00 WITA.');
    expect(await text(page, 'site-today')).toContain('Hari ini, Kamis, 10 Desember 2026');
    expect(await text(page, 'site-today')).toContain('08.00–15.30 WITA · Istirahat 12.00–13.00');
    expect(await text(page, 'site-address')).toContain('Jl. Timor Raya No. 124');
    const closures = await text(page, 'site-closures');
    expect(closures).toContain('Kamis, 24 Desember 2026 Cuti bersama: Cuti bersama Natal');
    expect(closures).toContain('Jumat, 25 Desember 2026 Libur nasional: Kelahiran Yesus Kristus');
    expect(closures).toContain('Pemeliharaan sistem dan sarana MPP Kota Kupang');
    expect(await page.getByTestId('site-facilities').locator('[data-facility]').evaluateAll((items) => items.map((i) => i.getAttribute('data-facility')))).toEqual([
      'ruang_curhat_bestie',
    ]);
    expect(await text(page, 'site-facilities')).toBe(TEXTS['facility.ruang_curhat_bestie'].id);
    expect(await text(page, 'site-agencies')).toContain('Dukcapil');
    await checkScreen(page, 'site-page-open');
    expect(await allAxeViolations(page)).toEqual([]);

    // An agency leads to its services at this MPP.
    await page.getByTestId('site-agencies').getByRole('link', { name: /Dukcapil/ }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('site') === 'kota-kupang' && url.searchParams.get('agency') === 'dukcapil');
    await page.close();
  });

  it('should show the break, then the holiday closed all day with its reason and the next opening, in English too', async () => {
    clock.set('2026-12-10T04:30:00Z'); // 12:30 WITA
    const page = await phone();
    await page.goto(`${base}/mpp/kota-kupang`);
    await page.getByTestId('site-name').waitFor();
    expect(await page.getByTestId('site-now').getAttribute('data-state')).toBe('on_break');
    expect(await text(page, 'site-now-detail')).toContain('Loket melayani lagi pukul 13.00 WITA');

    clock.set('2026-12-25T02:00:00Z'); // Christmas, 10:00 WITA
    await page.reload();
    await page.getByTestId('site-today-closure').waitFor();
    expect(await page.getByTestId('site-now').getAttribute('data-state')).toBe('closed');
    expect(await text(page, 'site-today-closure')).toBe('Libur nasional: Kelahiran Yesus Kristus');
    expect(await text(page, 'site-now-detail')).toBe('Buka lagi Sabtu, 26 Desember, pukul 08.00 WITA.');
    await checkScreen(page, 'site-page-holiday');
    expect(await allAxeViolations(page)).toEqual([]);

    await page.getByTestId('lang-en').click();
    await page.waitForFunction('document.documentElement.lang === "en"');
    expect(await text(page, 'site-now')).toContain(TEXTS['now.closed'].en);
    expect(await text(page, 'site-today-closure')).toBe('Public holiday: Kelahiran Yesus Kristus');
    expect(await text(page, 'site-now-detail')).toMatch(/^Opens again on Saturday,? 26 December at 08:00 WITA\.$/);
    // One service, one "service"; more, "services".
    const agency = (name: string) => page.getByTestId('site-agencies').getByRole('link', { name: new RegExp(`^${name}`) }).textContent();
    expect(await agency('Bank NTT')).toMatch(/\D1 service$/);
    expect(await agency('Dukcapil')).toMatch(/\D\d{2,} services$/);
    await checkScreen(page, 'site-page-holiday-en');
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  it("should read the page again by itself when the break begins (by the site's clock)", async () => {
    clock.set('2026-12-10T03:59:00Z'); // 11:59 WITA: open until 12:00
    const page = await phone();
    await page.clock.install();
    await page.goto(`${base}/mpp/kota-kupang`);
    await page.getByTestId('site-name').waitFor();
    expect(await page.getByTestId('site-now').getAttribute('data-state')).toBe('open');

    clock.set('2026-12-10T04:00:06Z');
    await page.clock.fastForward('00:30');
    expect(await page.getByTestId('site-now').getAttribute('data-state')).toBe('open');
    await page.clock.fastForward('00:40'); // past 12:00 by the site's clock (the minute left, and 5 s)
    await page.locator('[data-testid="site-now"][data-state="on_break"]').waitFor({ timeout: 10_000 });
    expect(await text(page, 'site-now-detail')).toContain('13.00 WITA');
    await page.close();
  });

  it('should be reached from the site picker of the search page and from a service page', async () => {
    clock.set('2026-12-10T01:00:00Z');
    const page = await phone();
    await page.goto(`${base}/?site=kota-probolinggo`);
    await page.getByTestId('site-page-link').click();
    await page.getByTestId('site-name').filter({ hasText: 'MPP Kota Probolinggo' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/mpp/kota-probolinggo');
    expect(await text(page, 'site-now-detail')).toBe('Buka sampai pukul 12.00 WIB.'); // 08:00 WIB
    expect(await page.getByTestId('site-facilities').locator('[data-facility]').evaluateAll((items) => items.map((i) => i.getAttribute('data-facility')))).toEqual([
      'ramah_anak',
      'laktasi',
    ]);

    const skck = ((await t.http().get('/api/v1/services?site=kota-kupang&q=skck').expect(200)).body as { items: { id: string }[] }).items[0];
    await page.goto(`${base}/layanan/${skck.id}`);
    await page.getByTestId('service-site-link').click();
    await page.getByTestId('site-name').filter({ hasText: 'MPP Kota Kupang' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/mpp/kota-kupang');
    await page.close();
  });

  it('should say so in both languages when the MPP does not exist', async () => {
    const page = await phone();
    await page.goto(`${base}/mpp/kota-atlantis`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('kota-atlantis');
    await page.close();
  });
});
