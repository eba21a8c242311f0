import type { Browser } from 'playwright-core';
import type { CompletionTimeUnit, Page, ServiceSummaryResponse } from '@mpp/contracts';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/browser';

/** How each unit reads, as the service standard states it (libs/ui formatCompletionTime's specification). */
const WORDS: Record<'id' | 'en', Record<CompletionTimeUnit, (n: number) => string>> = {
  id: { minutes: (n) => `${n} menit`, working_days: (n) => `${n} hari kerja`, calendar_days: (n) => `${n} hari kalender` },
  en: {
    minutes: (n) => `${n} minute${n === 1 ? '' : 's'}`,
    working_days: (n) => `${n} working day${n === 1 ? '' : 's'}`,
    calendar_days: (n) => `${n} calendar day${n === 1 ? '' : 's'}`,
  },
};

describe('Completion time in the portal', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let kupang: ServiceSummaryResponse[];

  beforeAll(async () => {
    t = await createTestApp();
    const address = t.app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
    kupang = ((await t.http().get('/api/v1/services').query({ site: 'kota-kupang', pageSize: 100 }).expect(200)).body as Page<ServiceSummaryResponse>).items;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A seeded Kupang service per unit (and a single working day), found by what the API answers. */
  const examples = (): ServiceSummaryResponse[] => {
    const pick = (match: (s: ServiceSummaryResponse) => boolean) => kupang.find(match)!;
    return [
      pick((s) => s.code === 'bapenda-validasi-bphtb'),
      pick((s) => s.completionTime.unit === 'working_days' && s.completionTime.value > 1),
      pick((s) => s.completionTime.unit === 'working_days' && s.completionTime.value === 1),
      pick((s) => s.completionTime.unit === 'minutes'),
    ];
  };

  it('should seed BPHTB validation as 30 calendar days', () => {
    expect(examples()[0].completionTime).toMatchObject({ value: 30, unit: 'calendar_days' });
  });

  it('should show each unit on the service page in Indonesian and in English', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      for (const [i, service] of examples().entries()) {
        await page.goto(`${base}/layanan/${service.id}`);
        const shown = page.getByTestId('service-completion-time');
        await shown.waitFor();
        const { value, unit } = service.completionTime;
        expect({ code: service.code, text: (await shown.textContent())?.trim() }).toEqual({ code: service.code, text: WORDS.id[unit](value) });

        await page.getByTestId('lang-en').click();
        await page.waitForFunction('document.documentElement.lang === "en"');
        expect({ code: service.code, text: (await shown.textContent())?.trim() }).toEqual({ code: service.code, text: WORDS.en[unit](value) });
        if (i === 0) await checkScreen(page, 'portal-service-calendar-days');
        await page.getByTestId('lang-id').click();
        await page.waitForFunction('document.documentElement.lang === "id"');
      }
    } finally {
      await page.close();
    }
  });

  it("should say calendar days on the portal's served home page too", async () => {
    const bphtb = examples()[0];
    const html = (await t.http().get('/').query({ site: 'kota-kupang', q: 'bphtb' }).expect(200)).text;
    expect(html).toContain(bphtb.name);
    expect(html).toContain(WORDS.id.calendar_days(bphtb.completionTime.value));
  });
});
