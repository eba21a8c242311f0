import { getMetadataStorage } from 'class-validator';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SlotsQueryDto } from '../src/booking/dto/booking.dto';
import { ServiceQueryDto } from '../src/catalogue/dto/service-query.dto';
import { FixedClock } from '../src/common/clock';
import { KUPANG_MONDAY_0900, setupHall, type Hall } from './support/hall';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * "Bad input gets a clear error, never a 500", checked for every operation the API documents:
 * each is called by each kind of caller with ids, query values and bodies that are wrong in
 * every way a client (or an attacker) could make them wrong. Every answer must be below 500 and,
 * when it is an error, carry a message in Indonesian and English.
 */

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
}

interface Answer {
  caller: string;
  request: string;
  status: number;
  body: unknown;
  html: string | null;
}

/** Every query parameter the API reads, from the validation rules of its query DTOs. */
const QUERY_NAMES = [...validatedFields([ServiceQueryDto, SlotsQueryDto]), 'format', 'autoPrint'];

/** Path parameters that are not what they should be: wrong format, absent, hostile, huge. */
const BAD_IDS = ['x', '00000000-0000-4000-8000-000000000000', "1'; DROP TABLE ticket; --", 'a'.repeat(400), '-1', '1e309', '%F0%9F%98%80', 'null'];

/** Every class exported by the API's DTO files, found on disk so a new DTO is covered too. */
type DtoClass = new () => object;

function dtoClasses(): DtoClass[] {
  const root = join(__dirname, '../src');
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.dto.ts'));
  return files.flatMap((f) => Object.values(require(join(root, f)) as Record<string, unknown>)).filter((v): v is DtoClass => typeof v === 'function');
}

function validatedFields(classes: DtoClass[]): string[] {
  return [...new Set(classes.flatMap((dto) => getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false).map((m) => m.propertyName)))];
}

/** Every body field any endpoint validates. */
const BODY_FIELDS = validatedFields(dtoClasses());

/** Values that are wrong for most fields: wrong types, out of range, huge, hostile. */
/** Each sweep sends thousands of requests one after another (more with every route added: the applications' added ~30 in December): minutes on a busy two-core machine. */
const SWEEP_TIMEOUT_MS = 600_000;

const WRONG_VALUES: unknown[] = [12345, -1, 2 ** 53, 1.5, 'x'.repeat(2_000), '', null, [], [null, 42, { a: 1 }], { nested: { deeper: true } }, true, "1'; DROP TABLE ticket; --", '2026-02-30', '25:61'];

/** Bodies that are wrong as a whole, then with every field at once set to each wrong value. */
function badBodies(): unknown[] {
  const whole: unknown[] = [{}, [], 'text', 42, null, { __proto__: { admin: true }, constructor: { prototype: { x: 1 } } }];
  return [...whole, ...WRONG_VALUES.map((value) => Object.fromEntries(BODY_FIELDS.map((field) => [field, value])))];
}

describe('Malformed input on every documented operation', () => {
  let t: TestApp;
  let h: Hall;
  let operations: Operation[];

  beforeAll(async () => {
    t = await createTestApp({
      clock: new FixedClock(new Date(KUPANG_MONDAY_0900)),
      // Rate limits would answer 429 before the handler ran and hide what it does.
      config: { loginRateLimit: { limit: 10_000, ttlSeconds: 60 }, bookingRateLimit: 1_000_000 },
    });
    h = await setupHall(t);
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method as Operation['method'], path })));
  });
  afterAll(async () => t?.close());

  const callers = (): [string, string | null][] => [
    ['anonymous', null],
    ['system admin', h.system],
    ['site admin', h.kupangSiteAdmin],
    ['officer', h.officers.dukcapil1],
    ['kiosk device', h.kiosk],
    ['forged token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'],
  ];

  /** Real ids for the path, so the checks are reached past the look-ups. */
  function withRealIds(path: string): string {
    const real: Record<string, string> = {
      '{code}': 'kota-kupang',
      '{siteCode}': 'kota-kupang',
      '{id}': h.counters.dukcapil1.id,
      '{serviceId}': h.services.ktpBaru,
      '{agencyId}': h.dukcapil.id,
    };
    return path.replace(/\{[^}]+\}/g, (name) => real[name] ?? '00000000-0000-4000-8000-000000000000');
  }

  async function send(caller: [string, string | null], method: Operation['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    let req = t.http()[method](url);
    if (caller[1]) req = req.auth(caller[1], { type: 'bearer' });
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    if (body !== undefined) req = req.set('Content-Type', 'application/json').send(JSON.stringify(body));
    const res = await req;
    const html = /text\/html/.test(String(res.headers['content-type'])) ? res.text : null;
    return { caller: caller[0], request: `${method.toUpperCase()} ${url.slice(0, 160)} ${JSON.stringify(body)?.slice(0, 80) ?? ''}`, status: res.status, body: res.body, html };
  }

  function problems(answers: Answer[]): string[] {
    return answers.flatMap((a) => {
      if (a.status >= 500) return [`${a.status} for ${a.caller}: ${a.request}`];
      if (a.status < 400) return [];
      // A route that answers a page (a ticket's print view) answers its errors as a page.
      if (a.html !== null) {
        return /<h1>[^<]+<\/h1>/.test(a.html) && /<p lang="en">[^<]+<\/p>/.test(a.html) ? [] : [`${a.status} page without both messages for ${a.caller}: ${a.request}`];
      }
      const message = (a.body as { message?: { id?: unknown; en?: unknown } } | null)?.message;
      return typeof message?.id === 'string' && message.id && typeof message?.en === 'string' && message.en
        ? []
        : [`${a.status} without a bilingual message for ${a.caller}: ${a.request}`];
    });
  }

  it('documents the operations and fields it is about to try', () => {
    // The API has dozens; a document or a search that lost them would make the checks below empty.
    expect(operations.length).toBeGreaterThan(40);
    expect(BODY_FIELDS).toEqual(expect.arrayContaining(['serviceId', 'priority', 'email', 'openingHours', 'nik']));
    expect(operations.some((o) => o.path === '/api/v1/queue/tickets' && o.method === 'post')).toBe(true);
  });

  it('never answers 500 to wrong ids in the path, and says what is wrong in both languages', async () => {
    const answers: Answer[] = [];
    for (const op of operations.filter((o) => o.path.includes('{'))) {
      for (const id of BAD_IDS) {
        const url = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
        for (const caller of callers()) answers.push(await send(caller, op.method, url, op.method === 'get' || op.method === 'delete' ? undefined : {}));
      }
    }
    expect(answers.length).toBeGreaterThan(500);
    expect(problems(answers)).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('never answers 500 to wrong query values', async () => {
    expect(QUERY_NAMES).toEqual(expect.arrayContaining(['site', 'q', 'date']));
    const answers: Answer[] = [];
    const values = ['x', '-1', '99999999999999999999', '', 'a'.repeat(1000), "' OR 1=1 --", '2026-02-30'];
    for (const op of operations.filter((o) => o.method === 'get')) {
      const path = withRealIds(op.path);
      for (const value of values) {
        const query = QUERY_NAMES.map((name) => `${name}=${encodeURIComponent(value)}`).join('&');
        for (const caller of callers()) answers.push(await send(caller, 'get', `${path}?${query}`));
      }
      // A parameter given twice arrives as a list, which a handler expecting a string must survive.
      const twice = QUERY_NAMES.map((name) => `${name}=a&${name}=b`).join('&');
      for (const caller of callers()) answers.push(await send(caller, 'get', `${path}?${twice}`));
    }
    expect(answers.length).toBeGreaterThan(500);
    expect(problems(answers)).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('never answers 500 to bodies of the wrong shape, on real paths as well as missing ones', async () => {
    const answers: Answer[] = [];
    for (const op of operations.filter((o) => o.method === 'post' || o.method === 'put' || o.method === 'patch')) {
      const url = withRealIds(op.path);
      for (const body of badBodies()) {
        for (const caller of callers()) answers.push(await send(caller, op.method, url, body, { 'Idempotency-Key': 'k'.repeat(300) }));
      }
    }
    expect(answers.length).toBeGreaterThan(500);
    expect(problems(answers)).toEqual([]);
  }, SWEEP_TIMEOUT_MS);
});
