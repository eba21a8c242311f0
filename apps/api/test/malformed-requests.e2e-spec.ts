import { JwtService } from '@nestjs/jwt';
import type { Page, StaffUserResponse } from '@mpp/contracts';
import { getMetadataStorage } from 'class-validator';
import { request as httpRequest } from 'node:http';
import { UpdateStaffUserDto } from '../src/auth/dto/staff-user.dto';
import { UpdateAgencyDto } from '../src/catalogue/dto/agency.dto';
import { UpdateServiceDto } from '../src/catalogue/dto/service.dto';
import { UpdateSiteDto } from '../src/catalogue/dto/site.dto';
import { AllExceptionsFilter } from '../src/common/errors/all-exceptions.filter';
import { UpdateCounterDto } from '../src/queue/dto/queue.dto';
import { newServiceDto } from './support/factories';
import { Hall, setupHall } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Requests that are wrong below the level of a DTO (the body's encoding, its depth, the bytes of
 * its strings, the URL's size, the token's claims) and null in the fields a PATCH may leave out:
 * each is a 4xx in the documented shape, never a 500 or an empty answer.
 */
interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: { id: string; en: string };
  fields?: { field: string; message: { id: string; en: string } }[];
}

function expectApiError(res: { status: number; body: unknown; headers: Record<string, string> }, status: number): ApiErrorBody {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(/^application\/json/) });
  const body = res.body as ApiErrorBody;
  expect(body.statusCode).toBe(status);
  expect(body.code).toMatch(/^[A-Z_]+$/);
  expect(body.message.id).toBeTruthy();
  expect(body.message.en).toBeTruthy();
  expect(body.message.id).not.toBe(body.message.en);
  return body;
}

describe(AllExceptionsFilter.name, () => {
  let t: TestApp;
  let h: Hall;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { limit: 10_000, ttlSeconds: 60 } } });
    h = await setupHall(t);
  });
  afterAll(async () => t?.close());

  const login = (body: string | Buffer, headers: Record<string, string>) => {
    let req = t.http().post('/api/v1/auth/login');
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    return req.send(body);
  };
  const credentials = JSON.stringify({ email: 'nobody@mpp.test', password: 'x'.repeat(12) });

  describe('body-parser errors', () => {
    it('should answer 415 in both languages to a charset other than utf-8', async () => {
      const sut = expectApiError(await login(credentials, { 'Content-Type': 'application/json; charset=latin1' }), 415);
      expect(sut.code).toBe('UNSUPPORTED_CHARSET');
      expectApiError(await login('email=a', { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-16' }), 415);
    });

    it('should answer 415 to an unknown content-encoding and 400 to a body that is not what its encoding says', async () => {
      expect(expectApiError(await login(credentials, { 'Content-Type': 'application/json', 'Content-Encoding': 'zstd-x' }), 415).code).toBe('UNSUPPORTED_ENCODING');
      expectApiError(await login(credentials, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }), 400);
    });

    it('should answer 400 to urlencoded nesting that is too deep', async () => {
      const deep = `a${'[a]'.repeat(40)}=1`;
      expectApiError(await login(deep, { 'Content-Type': 'application/x-www-form-urlencoded' }), 400);
    });

    it('should answer 400 MALFORMED_JSON to JSON that does not parse', async () => {
      expect(expectApiError(await login('{"email": ', { 'Content-Type': 'application/json' }), 400).code).toBe('MALFORMED_JSON');
    });
  });

  it('should refuse JSON nested 1,500 deep before validating it', async () => {
    const deep = `{"email":"a@b.c","password":${'['.repeat(1500)}${']'.repeat(1500)}}`;
    expect(expectApiError(await login(deep, { 'Content-Type': 'application/json' }), 400).code).toBe('BODY_TOO_DEEP');
    const deepObject = `${'{"a":'.repeat(1500)}1${'}'.repeat(1500)}`;
    const sut = await t.http().post(`/api/v1/admin/agencies/${h.dukcapil.id}/services`).auth(h.system, { type: 'bearer' }).set('Content-Type', 'application/json').send(`{"fee":${deepObject}}`);
    expectApiError(sut, 400);
  });

  it('should name the field that holds a lone surrogate or a NUL byte', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'a\uD800@mpp.test', password: 'x'.repeat(12) }, 'email'],
      [{ email: 'nobody@mpp.test', password: 'abc\uDFFFdefghijk' }, 'password'],
      [{ email: 'nobody@mpp.test', password: 'abc\u0000defghijk' }, 'password'],
    ];
    for (const [body, field] of cases) {
      const sut = expectApiError(await login(JSON.stringify(body), { 'Content-Type': 'application/json' }), 400);
      expect(sut.fields?.map((f) => f.field)).toEqual([field]);
    }
    const agency = await t
      .http()
      .patch(`/api/v1/admin/agencies/${h.dukcapil.id}`)
      .auth(h.system, { type: 'bearer' })
      .send({ description: 'Melayani KTP\u0000 dan KK', name: 'Dinas \uD83D' });
    expect(expectApiError(agency, 400).fields?.map((f) => f.field).sort()).toEqual(['description', 'name']);
  });

  it('should answer 400 naming queue, fee and completionTime when a new service leaves them out', async () => {
    const dto = newServiceDto({ code: 'layanan-tanpa-antrean' }) as Record<string, unknown>;
    delete dto.queue;
    delete dto.fee;
    delete dto.completionTime;
    const sut = await t.http().post(`/api/v1/admin/agencies/${h.dukcapil.id}/services`).auth(h.system, { type: 'bearer' }).send(dto);
    expect(expectApiError(sut, 400).fields?.map((f) => f.field)).toEqual(expect.arrayContaining(['queue', 'fee', 'completionTime']));
  });

  it('should answer 401 to a validly signed token whose sub is not a UUID', async () => {
    const jwt = t.app.get(JwtService);
    for (const sub of ['x', "1'; DROP TABLE staff_user; --", '00000000-0000-0000-0000-00000000000g']) {
      const token = await jwt.signAsync({ sub, role: 'system_admin', site: null, agency: null, sv: 1 });
      expectApiError(await t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' }), 401);
    }
  });

  it('should answer a 20 kB URL with 431 in the documented shape, not an empty body', async () => {
    const port = (t.app.getHttpServer().address() as { port: number }).port;
    const res = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: `/api/v1/services?q=${'a'.repeat(20_000)}` }, (r) => {
        let body = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (body += c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, type: String(r.headers['content-type']), body }));
      });
      req.on('error', reject);
      req.end();
    });
    expectApiError({ status: res.status, body: JSON.parse(res.body) as unknown, headers: { 'content-type': res.type } }, 431);
  });

  describe('null in the fields a PATCH may leave out', () => {
    /** Every PATCH the API has, each field of its body in turn set to null, on a real record. */
    it('should never answer 500: a field that cannot be empty is named in a 400, one that can is cleared', async () => {
      const users = (await t.http().get('/api/v1/admin/users').auth(h.system, { type: 'bearer' }).expect(200)).body as Page<StaffUserResponse> | StaffUserResponse[];
      const officer = (Array.isArray(users) ? users : users.items).find((u) => u.role === 'officer')!;
      const patches: [string, new () => object][] = [
        ['/api/v1/admin/sites/kota-kupang', UpdateSiteDto],
        [`/api/v1/admin/agencies/${h.dukcapil.id}`, UpdateAgencyDto],
        [`/api/v1/admin/services/${h.services.akta}`, UpdateServiceDto],
        [`/api/v1/admin/users/${officer.id}`, UpdateStaffUserDto],
        [`/api/v1/admin/counters/${h.counters.polresta.id}`, UpdateCounterDto],
      ];
      const problems: string[] = [];
      let tried = 0;
      for (const [path, dto] of patches) {
        const fields = [...new Set(getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false).map((m) => m.propertyName))];
        for (const field of fields) {
          tried += 1;
          const res = await t.http().patch(path).auth(h.system, { type: 'bearer' }).send({ [field]: null });
          const body = res.body as ApiErrorBody;
          if (res.status === 400 && !body.fields?.some((f) => f.field === field)) problems.push(`400 not naming ${field} on PATCH ${path}`);
          else if (res.status >= 400 && ![400, 409, 422].includes(res.status)) problems.push(`${res.status} for ${field}: null on PATCH ${path}`);
        }
      }
      expect(tried).toBeGreaterThan(30);
      expect(problems).toEqual([]);
    });

    it('should clear a field that is optional on creation and refuse null for one that is required', async () => {
      const path = `/api/v1/admin/agencies/${h.dukcapil.id}`;
      expect((await t.http().patch(path).auth(h.system, { type: 'bearer' }).send({ website: 'https://dukcapil.kupangkota.go.id' })).status).toBe(200);
      const cleared = await t.http().patch(path).auth(h.system, { type: 'bearer' }).send({ website: null }).expect(200);
      expect((cleared.body as { website: string | null }).website).toBeNull();
      expect(expectApiError(await t.http().patch(path).auth(h.system, { type: 'bearer' }).send({ name: null }), 400).fields?.map((f) => f.field)).toEqual(['name', 'name', 'name']);
    });
  });
});
