import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceResponse } from '@mpp/contracts';
import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../apps/api/src/common/clock';
import { Hall, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from '../../apps/api/test/support/hall';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { launchChromium, screenshot, SCREENSHOTS } from './support/browser';

/** Counts the kiosk's calls to window.print() (kiosks print silently with --kiosk-printing). */
const STUB_PRINT = `
  window.__printCalls = 0;
  window.print = () => { window.__printCalls += 1; };
`;

const PT_PER_MM = 72 / 25.4;
const PX_PER_MM = 96 / 25.4;
const PAPER_WIDTH_MM = 80;

/** The pages of a PDF as [width, height] in points, read from their MediaBox entries. */
function pdfPageSizes(pdf: Buffer): [number, number][] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/g)].map((m) => [
    Number(m[3]) - Number(m[1]),
    Number(m[4]) - Number(m[2]),
  ]);
}

/**
 * The ticket the kiosk prints, as Chromium prints it: `page.pdf({ preferCSSPageSize: true })`
 * lays the page out with the print styles and the CSS page size, as the kiosk's silent print does.
 */
describe('The kiosk ticket print in Chromium', () => {
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let base: string;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Start screen → agency → service → priority: the ticket screen, once it has printed. */
  const takeTicket = async (service: ServiceResponse, priority: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.addInitScript(STUB_PRINT);
    await page.goto(`${base}/kiosk/perangkat?token=${h.kiosk}`);
    await page.getByTestId('agency-tile').filter({ hasText: service.agency.shortName }).first().click();
    const tile = page.getByTestId('service-tile').filter({ has: page.getByRole('heading', { name: service.name, exact: true }) });
    await tile.getByTestId('take-ticket').click();
    await page.locator(`[data-testid="priority-option"][data-priority="${priority}"]`).click();
    await page.getByTestId('kiosk-ticket-qr').waitFor();
    await page.waitForFunction('window.__printCalls > 0');
    return page;
  };

  it.each([
    ['kk', 'elderly'],
    ['skck', 'regular'],
  ] as const)('should print the %s ticket (%s) on one page 80 mm wide, as long as the ticket', async (serviceKey, priority) => {
    const service = (await t.http().get(`/api/v1/services/${h.services[serviceKey]}`).expect(200)).body as ServiceResponse;
    const sut = await takeTicket(service, priority);

    const pdf = await sut.pdf({ preferCSSPageSize: true });
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, `kiosk-ticket-print-${serviceKey}.pdf`), pdf);
    const pages = pdfPageSizes(pdf);
    expect(pages).toHaveLength(1);
    const [width, height] = pages[0];
    expect(Math.abs(width - PAPER_WIDTH_MM * PT_PER_MM)).toBeLessThan(1);
    // As long as the printed ticket, not a Letter or A4 sheet.
    const ticketHeightMm = await sut.evaluate<number>("document.querySelector('.print-ticket').getBoundingClientRect().height");
    expect(height / PT_PER_MM).toBeGreaterThanOrEqual(ticketHeightMm / PX_PER_MM);
    expect(height / PT_PER_MM).toBeLessThan(ticketHeightMm / PX_PER_MM + 10);
    expect(height / PT_PER_MM).toBeLessThan(200);
    await sut.close();
  });

  it('should fit everything printed within the 80 mm paper', async () => {
    const service = (await t.http().get(`/api/v1/services/${h.services.kk}`).expect(200)).body as ServiceResponse;
    const sut = await takeTicket(service, 'elderly');
    // Lay the page out as the paper is: 80 mm wide, print styles.
    await sut.setViewportSize({ width: Math.floor(PAPER_WIDTH_MM * PX_PER_MM), height: 1200 });
    await sut.emulateMedia({ media: 'print' });
    const layout = await sut.evaluate(() => {
      const ticket = document.querySelector('.print-ticket')!;
      const box = ticket.getBoundingClientRect();
      const overflowing = [ticket, ...Array.from(ticket.querySelectorAll('*'))]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > box.right + 1 || el.getBoundingClientRect().left < box.left - 1)
        .map((el) => el.className);
      return { left: box.left, right: box.right, documentWidth: document.documentElement.scrollWidth, overflowing, number: ticket.querySelector('.print-ticket__number')?.textContent };
    });
    expect(layout.overflowing).toEqual([]);
    expect(layout.left).toBeGreaterThanOrEqual(0);
    expect(layout.right).toBeLessThanOrEqual(PAPER_WIDTH_MM * PX_PER_MM);
    expect(layout.documentWidth).toBeLessThanOrEqual(Math.ceil(PAPER_WIDTH_MM * PX_PER_MM));
    expect(layout.number).toMatch(/^[A-Z]+\d{3,}$/);
    await screenshot(sut, 'kiosk-ticket-print');
    await sut.close();
  });
});
