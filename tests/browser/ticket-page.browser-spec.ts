import type { PublicTicketResponse, TicketResponse } from '@mpp/contracts';
import { TICKET_STATUS_LABELS } from '@mpp/domain';
import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../apps/api/src/common/clock';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from '../../apps/api/test/support/hall';
import { createTestApp, TestApp } from '../../apps/api/test/support/test-app';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/browser';

describe("The ticket's page in Chromium", () => {
  let t: TestApp;
  let h: Hall;
  let browser: Browser;
  let base: string;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    // Akta is this file's own service: each ticket issued here is first in its line.
    await setDailyQuota(t, h.system, h.services.akta, null);
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A phone on the ticket's page, once the page has joined the ticket's live updates. */
  const openTicket = async (ticket: TicketResponse): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/tiket/${ticket.publicCode}`);
    await page.getByTestId('ticket-number').waitFor();
    await page.getByTestId('ticket-live').filter({ hasText: 'Pembaruan langsung aktif' }).waitFor();
    return page;
  };
  const statusOf = async (page: Page) => (await page.getByTestId('ticket-status').textContent())?.trim();

  it('should follow a ticket from waiting to called to done without a reload', async () => {
    const ticket = await issue(t, h.kiosk, h.services.akta);
    const page = await openTicket(ticket);

    expect(await page.getByTestId('ticket-number').textContent()).toContain(ticket.number);
    expect(await statusOf(page)).toBe(TICKET_STATUS_LABELS.waiting.id);
    expect(await page.getByTestId('ticket-position').textContent()).toContain('Urutan Anda: 1');
    expect(await page.getByTestId('ticket-wait').isVisible()).toBe(true);
    expect(await page.getByTestId('ticket-issued').textContent()).toContain('09.00 WITA');
    await checkScreen(page, 'ticket-waiting');
    // Survives only while the page is not reloaded.
    await page.evaluate('window.sameDocument = true');

    const called = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse;
    expect(called.id).toBe(ticket.id);
    const counter = page.getByTestId('ticket-counter');
    await counter.waitFor({ timeout: 2000 });
    expect(await counter.textContent()).toContain(`Silakan menuju Loket ${h.counters.dukcapil1.number}`);
    expect(await counter.textContent()).toContain(h.counters.dukcapil1.name);
    expect(await statusOf(page)).toBe(TICKET_STATUS_LABELS.called.id);
    expect(await page.getByTestId('ticket-cancel').count()).toBe(0);
    await checkScreen(page, 'ticket-called');

    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
    await page.getByTestId('ticket-status').filter({ hasText: TICKET_STATUS_LABELS.done.id }).waitFor({ timeout: 2000 });
    expect(await page.getByTestId('ticket-final').textContent()).toContain('selesai');
    expect(await page.evaluate('window.sameDocument')).toBe(true);
    await checkScreen(page, 'ticket-done');
    await page.close();
  });

  it('should cancel a waiting ticket only after the citizen confirms', async () => {
    const ticket = await issue(t, h.kiosk, h.services.akta);
    const page = await openTicket(ticket);

    await page.getByTestId('ticket-cancel').click();
    const step = page.getByTestId('ticket-cancel-confirm-step');
    await step.waitFor();
    expect(await step.textContent()).toContain(`Batalkan nomor antrean ${ticket.number}?`);
    expect(await page.evaluate('document.activeElement?.dataset.testid')).toBe('ticket-cancel-confirm-step');
    // Asking is not cancelling.
    const asked = (await t.http().get(`/api/v1/tickets/${ticket.publicCode}`).expect(200)).body as PublicTicketResponse;
    expect(asked.status).toBe('waiting');
    await checkScreen(page, 'ticket-cancel-confirm');

    await page.getByTestId('ticket-cancel-confirm').click();
    await page.getByTestId('ticket-status').filter({ hasText: TICKET_STATUS_LABELS.cancelled.id }).waitFor({ timeout: 2000 });
    const after = (await t.http().get(`/api/v1/tickets/${ticket.publicCode}`).expect(200)).body as PublicTicketResponse;
    expect(after.status).toBe('cancelled');
    expect(await page.getByTestId('ticket-cancel').count()).toBe(0);
    await checkScreen(page, 'ticket-cancelled');
    await page.close();
  });

  it('should say so in words when the code is not a ticket', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/tiket/AAAAAAAAAAAAAAAA`);
    const notFound = page.getByTestId('ticket-not-found');
    await notFound.waitFor();
    expect(await notFound.textContent()).toContain('Tiket tidak ditemukan');
    await page.close();
  });
});
