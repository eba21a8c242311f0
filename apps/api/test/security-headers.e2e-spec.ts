import type { BookingCreatedResponse, TicketResponse } from '@mpp/contracts';
import { io } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { PiiCipher } from '../src/common/pii-cipher';
import { FixedClock } from '../src/common/clock';
import { HostPolicy } from '../src/common/http/host-policy';
import { securityHeaders } from '../src/common/http/security-headers';
import { TicketLookupThrottlerGuard } from '../src/common/http/ticket-throttler.guard';
import { ticketQrSvg } from '../src/queue/printing/ticket-qr';
import { Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';

const EVIL_HOST = 'mpp-kupang.evil.example';

/** A valid Kupang NIK: area 537101, born 1 January 1990, serial as given. */
function nikFor(serial: number): string {
  return `537101010190${String(serial).padStart(4, '0')}`;
}

function newBookingDto(serviceId: string, serial: number) {
  return { serviceId, date: '2026-11-24', start: '10:00', nik: nikFor(serial), fullName: 'Maria Goreti Lada', phone: `0812-3456-${String(7000 + serial)}` };
}

const portOf = (t: TestApp) => (t.app.getHttpServer().address() as { port: number }).port;

/** The QR printed on a ticket for this link, as the print page embeds it. */
async function qrDataUrl(url: string): Promise<string> {
  return `data:image/svg+xml;base64,${Buffer.from(await ticketQrSvg(url), 'utf8').toString('base64')}`;
}

/** The QR image of a print page (Handlebars escapes the base64 padding). */
function printedQr(html: string): string {
  return (/<img class="qr" src="([^"]+)"/.exec(html)?.[1] ?? '').replace(/&#x3D;/g, '=');
}

/** Every text and JSON value of the outbox, where booking messages (SMS, email) wait to be sent; the text decrypted as its channel gets it. */
async function outboxText(t: TestApp): Promise<string> {
  const cipher = t.app.get(PiiCipher);
  const rows = (await t.app.get(DataSource).query('SELECT * FROM outbox_message')) as Record<string, unknown>[];
  return JSON.stringify(rows.map((row) => ({ ...row, text: typeof row.body_cipher === 'string' ? cipher.decrypt(row.body_cipher) : null })));
}

describe(securityHeaders.name, () => {
  let t: TestApp;
  let h: Hall;
  let ticket: TicketResponse;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FixedClock(new Date(KUPANG_MONDAY_0900)) });
    h = await setupHall(t);
    await setDailyQuota(t, h.system, h.services.ktpBaru, null);
    ticket = await issue(t, h.kiosk, h.services.ktpBaru);
  });
  afterAll(async () => t?.close());

  it('should send the CSP, frame, type, referrer and permissions headers on API answers, pages and errors', async () => {
    for (const path of ['/api/v1/sites', '/api/docs', '/api/v1/nothing-here', `/api/v1/tickets/${ticket.publicCode}/print.html`]) {
      const sut = await t.http().get(path);
      const csp = String(sut.headers['content-security-policy']);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/default-src '(self|none)'/);
      // No frames at all (the counter offers PDFs in a tab of their own: docs/applications.md, "PDF preview").
      expect(csp).toMatch(/frame-src 'none'|^(?!.*frame-src).*default-src 'none'/);
      expect(csp).not.toMatch(/unsafe-eval/);
      expect(sut.headers['x-content-type-options']).toBe('nosniff');
      expect(sut.headers['x-frame-options']).toBe('DENY');
      expect(sut.headers['referrer-policy']).toBe('no-referrer');
      expect(sut.headers['permissions-policy']).toMatch(/camera=\(self\)/);
      expect(sut.headers['x-powered-by']).toBeUndefined();
    }
  });

  it("should allow only the print page's own inline script, by its hash", async () => {
    const sut = await t.http().get(`/api/v1/tickets/${ticket.publicCode}/print.html?autoPrint=1`).expect(200);
    const csp = String(sut.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/unsafe-inline'[^;]*;?\s*$|script-src[^;]*unsafe-inline/);
  });

  it('should send HSTS only when the request came over HTTPS', async () => {
    const plain = await t.http().get('/api/v1/sites').expect(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    // The test connects from 127.0.0.1, a trusted proxy by default (TRUST_PROXY=loopback).
    const secure = await t.http().get('/api/v1/sites').set('X-Forwarded-Proto', 'https').expect(200);
    expect(secure.headers['strict-transport-security']).toMatch(/^max-age=\d{8}/);
  });

  it('should mark answers with personal data or secrets no-store, and leave the public catalogue cacheable', async () => {
    const signedIn = await t.http().get('/api/v1/auth/me').auth(h.system, { type: 'bearer' }).expect(200);
    expect(signedIn.headers['cache-control']).toBe('no-store');
    const lookup = await t.http().get(`/api/v1/tickets/${ticket.publicCode}`).expect(200);
    expect(lookup.headers['cache-control']).toBe('no-store');
    const booking = await t.http().post('/api/v1/bookings').send(newBookingDto(h.services.ktpBaru, 1));
    expect(booking.headers['cache-control']).toBe('no-store');
    const login = await t.http().post('/api/v1/auth/login').send({ email: 'nobody@mpp.test', password: 'x'.repeat(12) });
    expect(login.headers['cache-control']).toBe('no-store');
    const adminList = await t.http().get('/api/v1/services').query({ site: 'kota-kupang' }).auth(h.system, { type: 'bearer' }).expect(200);
    expect(adminList.headers['cache-control']).toBe('no-store');
    const catalogue = await t.http().get('/api/v1/services').query({ site: 'kota-kupang' }).expect(200);
    expect(catalogue.headers['cache-control']).toBeUndefined();
  });
});

describe(HostPolicy.name, () => {
  let t: TestApp;
  let h: Hall;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FixedClock(new Date('2026-11-23T00:30:00Z')), config: { bookingRateLimit: 100_000 } });
    h = await setupHall(t);
    await setDailyQuota(t, h.system, h.services.ktpBaru, null);
  });
  afterAll(async () => t?.close());

  const base = () => `http://127.0.0.1:${portOf(t)}`;

  it("should build a ticket's QR from the listen address, never from a Host that is not allowed", async () => {
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    for (const host of [EVIL_HOST, `${EVIL_HOST}:${portOf(t)}`, `127.0.0.1:1`]) {
      const sut = await t.http().get(`/api/v1/tickets/${ticket.publicCode}/print.html`).set('Host', host).expect(200);
      expect(sut.text).not.toContain('evil');
      expect(printedQr(sut.text)).toBe(await qrDataUrl(`${base()}/tiket/${ticket.publicCode}`));
      const forwarded = await t.http().get(`/api/v1/tickets/${ticket.publicCode}/print.html`).set('X-Forwarded-Host', host).expect(200);
      expect(printedQr(forwarded.text)).toBe(await qrDataUrl(`${base()}/tiket/${ticket.publicCode}`));
    }
  });

  it('should keep a Host that is not allowed out of the booking link and every message', async () => {
    const sut = await t.http().post('/api/v1/bookings').set('Host', EVIL_HOST).send(newBookingDto(h.services.ktpBaru, 2)).expect(201);
    const created = sut.body as BookingCreatedResponse;
    expect(created.manageUrl.startsWith(`${base()}/pemesanan/`)).toBe(true);
    const text = await outboxText(t);
    expect(text).toContain(`${base()}/pemesanan/`);
    expect(text).not.toContain('evil');
  });

  it('should use an allowed Host as given (a second address of the same server)', async () => {
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    const sut = await t.http().get(`/api/v1/tickets/${ticket.publicCode}/print.html`).set('Host', `localhost:${portOf(t)}`).expect(200);
    expect(printedQr(sut.text)).toBe(await qrDataUrl(`http://localhost:${portOf(t)}/tiket/${ticket.publicCode}`));
  });

  describe('with PUBLIC_URL', () => {
    let p: TestApp;
    let ph: Hall;
    beforeAll(async () => {
      p = await createTestApp({ clock: new FixedClock(new Date('2026-11-23T00:30:00Z')), config: { publicUrl: 'https://antrean.kupangkota.go.id/' } });
      ph = await setupHall(p);
      await setDailyQuota(p, ph.system, ph.services.ktpBaru, null);
    });
    afterAll(async () => p?.close());

    it('should build every link from PUBLIC_URL whatever the Host says', async () => {
      const ticket = await issue(p, ph.kiosk, ph.services.ktpBaru);
      const sut = await p.http().get(`/api/v1/tickets/${ticket.publicCode}/print.html`).set('Host', EVIL_HOST).expect(200);
      expect(printedQr(sut.text)).toBe(await qrDataUrl(`https://antrean.kupangkota.go.id/tiket/${ticket.publicCode}`));
      const booking = (await p.http().post('/api/v1/bookings').set('Host', EVIL_HOST).send(newBookingDto(ph.services.ktpBaru, 3)).expect(201)).body as BookingCreatedResponse;
      expect(booking.manageUrl.startsWith('https://antrean.kupangkota.go.id/pemesanan/')).toBe(true);
      expect(await outboxText(p)).not.toContain('evil');
    });

    it("should accept socket.io connections from PUBLIC_URL's origin and refuse others", async () => {
      const url = `http://127.0.0.1:${portOf(p)}/queue`;
      expect(await connects(url, 'https://antrean.kupangkota.go.id')).toBe(true);
      expect(await connects(url, `https://${EVIL_HOST}`)).toBe(false);
    });
  });

  it('should refuse a socket.io connection from a foreign Origin, over WebSocket and long-polling', async () => {
    const url = `${base()}/queue`;
    expect(await connects(url, base())).toBe(true);
    expect(await connects(url, undefined)).toBe(true);
    for (const transport of ['websocket', 'polling'] as const) {
      expect(await connects(url, `http://${EVIL_HOST}`, transport)).toBe(false);
      expect(await connects(url, `http://${EVIL_HOST}:${portOf(t)}`, transport)).toBe(false);
      expect(await connects(url, 'null', transport)).toBe(false);
    }
  });
});

/** Whether a real socket.io client, sending this Origin, gets connected. */
function connects(url: string, origin: string | undefined, transport: 'websocket' | 'polling' = 'websocket'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = io(url, { transports: [transport], reconnection: false, forceNew: true, timeout: 5000, ...(origin !== undefined && { extraHeaders: { Origin: origin } }) });
    socket.on('connect', () => {
      socket.close();
      resolve(true);
    });
    socket.on('connect_error', () => {
      socket.close();
      resolve(false);
    });
  });
}

describe(TicketLookupThrottlerGuard.name, () => {
  let t: TestApp;
  let h: Hall;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FixedClock(new Date(KUPANG_MONDAY_0900)), config: { ticketRateLimit: { lookup: 5, print: 2 } } });
    h = await setupHall(t);
    await setDailyQuota(t, h.system, h.services.ktpBaru, null);
  });
  afterAll(async () => t?.close());

  const expectBilingual429 = (res: { status: number; body: unknown; headers: Record<string, string> }) => {
    expect(res.status).toBe(429);
    const body = res.body as { statusCode: number; code: string; message: { id: string; en: string } };
    expect(body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    expect(body.message.id.length).toBeGreaterThan(5);
    expect(body.message.en.length).toBeGreaterThan(5);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  };

  it('should answer 429 in both languages once an address has looked up tickets too often', async () => {
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    for (let i = 0; i < 5; i += 1) await t.http().get(`/api/v1/tickets/${ticket.publicCode}`).expect(200);
    expectBilingual429(await t.http().get(`/api/v1/tickets/${ticket.publicCode}`));
  });

  it('should limit the PDF and the print page by their own, lower count', async () => {
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    for (let i = 0; i < 2; i += 1) await t.http().get(`/api/v1/tickets/${ticket.publicCode}/print`).expect(200);
    expectBilingual429(await t.http().get(`/api/v1/tickets/${ticket.publicCode}/print`));
    for (let i = 0; i < 2; i += 1) await t.http().get(`/api/v1/tickets/${ticket.publicCode}/print.html`).expect(200);
    const page = await t.http().get(`/api/v1/tickets/${ticket.publicCode}/print.html`);
    expect(page.status).toBe(429);
    expect(page.text).toMatch(/<p lang="en">[^<]+<\/p>/);
  });
});
