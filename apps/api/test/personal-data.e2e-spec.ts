import type { BookingCreatedResponse, CheckInResponse, TicketResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { PiiCipher } from '../src/common/pii-cipher';
import { FixedClock } from '../src/common/clock';
import { counterAction, Hall, setDailyQuota, setupHall } from './support/hall';
import { captureLogs, createTestApp, TestApp } from './support/test-app';

/** One citizen with data found nowhere else in the database, and the forms it may take. */
const CITIZEN = {
  nik: '5371015708917391',
  fullName: 'Yohanes Bosco Wunarlan',
  phone: '0812-7391-4628',
  email: 'yohanes.wunarlan.7391@contoh.example',
};

/** Every form a careless line could write: the name and its parts, the NIK, the phone with and without +62 or 0, the email and its local part. */
function forbiddenForms(secrets: string[]): string[] {
  const phoneDigits = CITIZEN.phone.replace(/\D/g, '').slice(1); // 81273914628
  return [
    CITIZEN.fullName,
    ...CITIZEN.fullName.split(' ').filter((part) => part.length >= 5),
    CITIZEN.nik,
    CITIZEN.nik.slice(0, 12),
    CITIZEN.phone,
    CITIZEN.phone.replace(/-/g, ' '),
    `+62${phoneDigits}`,
    `62${phoneDigits}`,
    `0${phoneDigits}`,
    phoneDigits,
    CITIZEN.email,
    CITIZEN.email.split('@')[0],
    ...secrets,
  ];
}

/** The forms found in a text: as written in any letter case, and among its digits alone (so "0812 7391-4628" is found too). */
function leaksIn(text: string, forms: string[]): string[] {
  const lower = text.toLowerCase();
  const digits = text.replace(/\D/g, '');
  return forms.filter((form) => lower.includes(form.toLowerCase()) || (/^\+?\d+$/.test(form) && form.length >= 11 && digits.includes(form.replace('+', ''))));
}

describe('Personal data at rest and in the log', () => {
  let t: TestApp;
  let h: Hall;
  const logLines: string[] = [];
  const consoleLines: string[] = [];
  const clock = new FixedClock(new Date('2026-11-23T00:30:00Z'));
  const manageTokens: string[] = [];

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')));
    }
    t = await createTestApp({ clock, config: { bookingRateLimit: 100_000 }, logger: captureLogs('debug', logLines) });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  const book = (body: object) => t.http().post('/api/v1/bookings').send({ ...CITIZEN, ...body });

  /** Books, moves, checks in, is served; books again and cancels; is refused a duplicate. Messages go out for each. */
  async function liveThroughABooking(): Promise<void> {
    clock.set('2026-11-23T00:30:00Z');
    const first = (await book({ serviceId: h.services.akta, date: '2026-11-24', start: '10:00' }).expect(201)).body as BookingCreatedResponse;
    manageTokens.push(first.manageToken);
    await t.http().post(`/api/v1/bookings/${first.code}/reschedule`).send({ token: first.manageToken, date: '2026-11-24', start: '11:00' }).expect(200);
    await book({ serviceId: h.services.akta, date: '2026-11-24', start: '13:00' }).expect(409);
    await t.http().post(`/api/v1/bookings/${first.code}/details`).send({ token: first.manageToken }).expect(200);

    const second = (await book({ serviceId: h.services.kk, date: '2026-11-25', start: '13:00' }).expect(201)).body as BookingCreatedResponse;
    manageTokens.push(second.manageToken);
    await t.http().post(`/api/v1/bookings/${second.code}/cancel`).send({ token: second.manageToken }).expect(200);

    clock.set('2026-11-24T02:50:00Z'); // 10:50 WITA: inside the 11:00 booking's check-in window
    const checkedIn = (await t.http().post('/api/v1/queue/check-in').auth(h.kiosk, { type: 'bearer' }).send({ code: first.code }).expect(200)).body as CheckInResponse;
    await t.http().get(`/api/v1/queue/tickets/${checkedIn.ticket.id}/booking`).auth(h.officers.dukcapil1, { type: 'bearer' }).expect(200);
    for (;;) {
      const called = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse;
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
      if (called.id === checkedIn.ticket.id) break;
    }
  }

  it("should keep no citizen's name, NIK, phone, email or manage token in clear in any column of any table, or in any log line", async () => {
    await liveThroughABooking();
    const db = t.app.get(DataSource);
    const forms = forbiddenForms(manageTokens);

    const columns: { table_schema: string; table_name: string; column_name: string }[] = await db.query(
      `SELECT c.table_schema, c.table_name, c.column_name
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE t.table_type = 'BASE TABLE'
          AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
          AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'tsvector', 'ARRAY', 'USER-DEFINED')
        ORDER BY 1, 2, 3`,
    );
    const leaks: string[] = [];
    for (const { table_schema, table_name, column_name } of columns) {
      const [{ text }] = (await db.query(
        `SELECT coalesce(string_agg(${quote(column_name)}::text, E'\\n'), '') AS text FROM ${quote(table_schema)}.${quote(table_name)}`,
      )) as { text: string }[];
      for (const form of leaksIn(text, forms)) leaks.push(`${table_name}.${column_name}: ${form}`);
    }
    for (const line of [...logLines, ...consoleLines]) for (const form of leaksIn(line, forms)) leaks.push(`log: ${form} in ${line.slice(0, 300)}`);

    // The scan saw what it had to: the booking and its messages were written, and the messages noted in the log.
    const scanned = new Set(columns.map((c) => `${c.table_name}.${c.column_name}`));
    for (const column of ['booking.name_cipher', 'booking.nik_cipher', 'outbox_message.recipient_cipher', 'ticket.public_code']) expect(scanned).toContain(column);
    const [{ messages }] = (await db.query(`SELECT count(*)::int AS messages FROM outbox_message`)) as { messages: number }[];
    expect(messages).toBeGreaterThanOrEqual(6);
    expect(logLines.filter((line) => line.includes('notification logged')).length).toBe(messages);
    expect(leaks).toEqual([]);
  });

  it("should write one line per request, with the request's id on it and on every line logged while it was handled, and no query or body", async () => {
    clock.set('2026-11-23T00:30:00Z');
    const sent = `personal-data-${Date.now()}`;
    const before = logLines.length;
    const res = await t
      .http()
      .post(`/api/v1/bookings?nik=${CITIZEN.nik}`)
      .set('X-Request-Id', sent)
      .send({ ...CITIZEN, serviceId: h.services.akta, date: '2026-11-26', start: '10:00' })
      .expect(201);
    manageTokens.push((res.body as BookingCreatedResponse).manageToken);
    expect(res.headers['x-request-id']).toBe(sent);

    const entries = logLines.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
    const request = entries.find((entry) => (entry.req as { id?: string } | undefined)?.id === sent);
    expect(request).toMatchObject({ msg: 'request', level: 'debug', req: { method: 'POST', path: '/api/v1/bookings' }, res: { statusCode: 201 } });
    expect(JSON.stringify(request)).not.toContain(CITIZEN.nik);
    const notes = entries.filter((entry) => String(entry.msg).startsWith('notification logged'));
    expect(notes.length).toBeGreaterThanOrEqual(1);
    for (const note of notes) expect(note).toMatchObject({ reqId: sent, context: 'Notifications' });
    expect(logLines.slice(before).flatMap((line) => leaksIn(line, forbiddenForms(manageTokens)))).toEqual([]);

    const other = await t.http().get('/api/v1/sites').set('X-Request-Id', 'not a token').expect(200);
    expect(other.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(logLines.some((line) => line.includes(other.headers['x-request-id'] as string))).toBe(true);
  });

  it('should keep each message whole, with its link and its recipient, readable with the data key', async () => {
    const db = t.app.get(DataSource);
    const [row] = (await db.query(`SELECT status, body_cipher, recipient_cipher FROM outbox_message WHERE channel = 'email' ORDER BY id LIMIT 1`)) as {
      status: string;
      body_cipher: string;
      recipient_cipher: string;
    }[];
    expect(row.status).toBe('logged');
    const cipher = t.app.get(PiiCipher);
    expect(cipher.decrypt(row.body_cipher)).toContain(CITIZEN.fullName);
    expect(cipher.decrypt(row.body_cipher)).toContain(manageTokens[0]);
    expect(cipher.decrypt(row.recipient_cipher)).toBe(CITIZEN.email);
  });
});

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
