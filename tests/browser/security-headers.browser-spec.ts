/// <reference lib="dom" />
import PDFDocument from 'pdfkit';
import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../apps/api/src/common/clock';
import { CONTENT_SECURITY_POLICY, cspHeader } from '../../apps/api/src/common/http/security-headers';
import { Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from '../../apps/api/test/support/hall';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { seriousAxeViolations } from './support/axe';
import { launchChromium } from './support/browser';

/** Records every CSP violation the page reports, from its first script on. */
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
  });
`;

describe('CONTENT_SECURITY_POLICY in Chromium', () => {
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FixedClock(new Date(KUPANG_MONDAY_0900)) });
    h = await setupHall(t);
    await setDailyQuota(t, h.system, h.services.ktpBaru, null);
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Opens the page, waits for `ready`, and returns the violations seen on the way and in the console. */
  async function violationsOn(url: string, ready: (page: Page) => Promise<unknown>): Promise<{ page: Page; violations: string[] }> {
    const page = await browser.newPage();
    const console: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) console.push(m.text());
    });
    await page.addInitScript(RECORD_VIOLATIONS);
    const res = await page.goto(url);
    expect(String(res?.headers()['content-security-policy'])).toContain("frame-ancestors 'none'");
    await ready(page);
    // Late work (lazy chunks, the socket's connection, styles applied after load) has its chance.
    await page.waitForLoadState('networkidle');
    const recorded = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    return { page, violations: [...recorded, ...console] };
  }

  it('should allow nothing inline but the stylesheet loader, by its hash', () => {
    expect(CONTENT_SECURITY_POLICY['script-src']).not.toContain("'unsafe-inline'");
    expect(CONTENT_SECURITY_POLICY['script-src']).not.toContain("'unsafe-eval'");
  });

  it("should run the portal's home and a ticket page with no CSP violation, styled by its stylesheet", async () => {
    const { page, violations } = await violationsOn(`${base}/`, (p) => p.locator('portal-root *').first().waitFor());
    expect(violations).toEqual([]);
    // The home comes with the global stylesheet inlined (apps/api/src/portal-home.ts): no link.
    expect(await page.evaluate(() => document.querySelectorAll('link[rel="stylesheet"]').length)).toBe(0);
    expect(await page.evaluate(() => [...document.querySelectorAll('style')].some((s) => (s.sheet?.cssRules.length ?? 0) > 0))).toBe(true);
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    const onTicket = await violationsOn(`${base}/tiket/${ticket.publicCode}`, (p) => p.getByText(ticket.number).first().waitFor());
    expect(onTicket.violations).toEqual([]);
    // Other pages link it: its onload (allowed by its hash) switched it from print to all media.
    expect(await onTicket.page.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => (l as HTMLLinkElement).media))).toEqual(['all']);
    expect(await seriousAxeViolations(onTicket.page)).toEqual([]);
  });

  it("should keep every app unframeable and frameless (frame-src 'none'): Chromium shows no PDF in a sandboxed frame, so the counter offers a tab instead", async () => {
    expect(CONTENT_SECURITY_POLICY['frame-src']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY['object-src']).toEqual(["'none'"]);
    // The alternative weighed for the counter's PDF preview: frame-src blob: with a sandboxed frame.
    // On a page of its own (served by the route below) with that policy, the sandboxed frame gets an
    // error page, where the same frame without sandbox (never allowed: a frame of the app's origin)
    // gets Chromium's PDF viewer.
    const pdf = await new Promise<Buffer>((resolve) => {
      const doc = new PDFDocument({ size: 'A6' });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.text('KTP');
      doc.end();
    });
    const framed = async (sandbox: boolean): Promise<string[]> => {
      const page = await browser.newPage();
      const csp = cspHeader({ ...CONTENT_SECURITY_POLICY, 'frame-src': ['blob:'] });
      await page.route('http://frame.test/**', (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/doc.pdf') return route.fulfill({ contentType: 'application/pdf', body: pdf, headers: { 'content-security-policy': csp } });
        if (path === '/frame.js') {
          const body = `fetch('/doc.pdf').then((r) => r.blob()).then((b) => {
            const f = document.createElement('iframe');
            ${sandbox ? "f.setAttribute('sandbox', '');" : ''}
            f.src = URL.createObjectURL(new Blob([b], { type: 'application/pdf' }));
            f.onload = () => { document.body.dataset.loaded = '1'; };
            document.body.appendChild(f);
          });`;
          return route.fulfill({ contentType: 'text/javascript', body, headers: { 'content-security-policy': csp } });
        }
        return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>PDF</title><script src="/frame.js"></script>', headers: { 'content-security-policy': csp } });
      });
      await page.goto('http://frame.test/');
      await page.locator('body[data-loaded="1"]').waitFor();
      for (let i = 0; i < 30 && !page.frames().some((f) => /^(chrome-extension|chrome-error):/.test(f.url())); i++) await page.waitForTimeout(100);
      const urls = page.frames().map((f) => f.url().replace(/^(\w[\w-]*:).*$/, '$1'));
      await page.close();
      return urls;
    };
    expect(await framed(false)).toContain('chrome-extension:');
    const sandboxed = await framed(true);
    expect(sandboxed).toContain('chrome-error:');
    expect(sandboxed).not.toContain('chrome-extension:');
  });

  it('should run the counter app with no CSP violation', async () => {
    const { violations } = await violationsOn(`${base}/counter/`, (p) => p.locator('input[type="email"], input[type="password"]').first().waitFor());
    expect(violations).toEqual([]);
  });

  it('should run the kiosk (signed in) and its QR ticket, and the hall display, with no CSP violation', async () => {
    const kiosk = await violationsOn(`${base}/kiosk/perangkat?token=${h.kiosk}`, (p) => p.getByTestId('agency-tile').first().waitFor());
    expect(kiosk.violations).toEqual([]);
    const display = await violationsOn(`${base}/kiosk/perangkat?token=${h.display}`, (p) => p.waitForURL(/\/kiosk\/display/));
    expect(display.violations).toEqual([]);
    const direct = await violationsOn(`${base}/kiosk/display`, (p) => p.locator('kiosk-root *').first().waitFor());
    expect(direct.violations).toEqual([]);
  });

  it('should run /api/docs (Swagger UI) with no CSP violation', async () => {
    const { violations } = await violationsOn(`${base}/api/docs`, (p) => p.locator('.opblock').first().waitFor());
    expect(violations).toEqual([]);
  });

  it("should run a ticket's print page with its print script and QR image", async () => {
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    const page = await browser.newPage();
    await page.addInitScript(`${RECORD_VIOLATIONS}; window.__printed = 0; window.print = () => { window.__printed += 1; };`);
    await page.goto(`${base}/api/v1/tickets/${ticket.publicCode}/print.html?autoPrint=1`);
    await page.waitForFunction(() => (window as unknown as { __printed: number }).__printed > 0);
    expect(await page.evaluate(() => (document.querySelector('img.qr') as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  });
});
