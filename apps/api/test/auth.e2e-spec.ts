import { JwtService } from '@nestjs/jwt';
import { createStaff, STAFF_PASSWORD, StaffTokens } from './support/staff';
import { createTestApp, TEST_ADMIN, TestApp } from './support/test-app';

describe('Staff accounts and devices', () => {
  let t: TestApp;
  let s: StaffTokens;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { limit: 5, ttlSeconds: 60 } } });
    s = await createStaff(t);
  });
  afterAll(async () => t?.close());

  describe('login', () => {
    it('should return a JWT and the user, without the password hash', async () => {
      const res = await t.http().post('/api/v1/auth/login').send({ email: 'ADMIN@mpp.test', password: TEST_ADMIN.password }).expect(200);
      expect(res.body).toMatchObject({ tokenType: 'Bearer', user: { email: TEST_ADMIN.email, role: 'system_admin' } });
      expect(res.body.accessToken.split('.')).toHaveLength(3);
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
      const me = await t.http().get('/api/v1/auth/me').auth(res.body.accessToken, { type: 'bearer' }).expect(200);
      expect(me.body.email).toBe(TEST_ADMIN.email);
    });

    it('should store passwords as argon2id hashes', async () => {
      const [row] = await t.app.get(require('typeorm').DataSource).query(`SELECT password_hash FROM staff_user WHERE email = $1`, [TEST_ADMIN.email]);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('should answer a wrong password and an unknown email alike, with 401', async () => {
      const wrong = await t.http().post('/api/v1/auth/login').send({ email: 'petugas.dukcapil@mpp.test', password: 'salah-salah-salah' }).expect(401);
      const unknown = await t.http().post('/api/v1/auth/login').send({ email: 'siapa@mpp.test', password: 'salah-salah-salah' }).expect(401);
      expect(wrong.body.code).toBe('WRONG_CREDENTIALS');
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.body.message.id).toMatch(/salah/);
    });

    it('should refuse a login without an email with 400 naming the field', async () => {
      const res = await t.http().post('/api/v1/auth/login').send({ password: 'x' }).expect(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toContain('email');
    });

    it('should rate-limit repeated attempts on one account with 429', async () => {
      const attempt = () => t.http().post('/api/v1/auth/login').send({ email: 'target@mpp.test', password: 'tebak-tebakan' });
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await attempt()).status);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      const res = await attempt();
      expect(res.body.code).toBe('TOO_MANY_REQUESTS');
      // another account from the same address is not locked out
      await t.http().post('/api/v1/auth/login').send({ email: 'admin.kupang@mpp.test', password: STAFF_PASSWORD }).expect(200);
    });
  });

  describe('tokens', () => {
    it('should answer an expired token with 401 TOKEN_EXPIRED', async () => {
      const jwt = t.app.get(JwtService);
      const me = await t.http().get('/api/v1/auth/me').auth(s.system, { type: 'bearer' }).expect(200);
      const expired = await jwt.signAsync({ sub: me.body.id, role: 'system_admin', site: null, agency: null }, { expiresIn: -10 });
      const res = await t.http().get('/api/v1/admin/users').auth(expired, { type: 'bearer' }).expect(401);
      expect(res.body.code).toBe('TOKEN_EXPIRED');
    });

    it('should answer a forged or garbled token with 401 INVALID_TOKEN', async () => {
      const forged = new JwtService({ secret: 'another-secret-another-secret-another-secret' }).sign({ sub: 'x', role: 'system_admin' });
      expect((await t.http().get('/api/v1/admin/users').auth(forged, { type: 'bearer' }).expect(401)).body.code).toBe('INVALID_TOKEN');
      expect((await t.http().get('/api/v1/admin/users').auth('garbage', { type: 'bearer' }).expect(401)).body.code).toBe('INVALID_TOKEN');
    });

    it('should stop a disabled account at once, even with a valid token', async () => {
      const email = `sementara-${Date.now()}@mpp.test`;
      const created = await t.http().post('/api/v1/admin/users').auth(s.kupangSiteAdmin, { type: 'bearer' }).send({ email, fullName: 'Petugas Sementara', password: STAFF_PASSWORD, role: 'officer', agencyId: s.dukcapil.id }).expect(201);
      const token = await t.loginAs(email, STAFF_PASSWORD);
      await t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' }).expect(200);
      await t.http().patch(`/api/v1/admin/users/${created.body.id}`).auth(s.dukcapilAdmin, { type: 'bearer' }).send({ active: false }).expect(200);
      expect((await t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' }).expect(401)).body.code).toBe('ACCOUNT_DISABLED');
      expect((await t.http().post('/api/v1/auth/login').send({ email, password: STAFF_PASSWORD }).expect(401)).body.code).toBe('ACCOUNT_DISABLED');
    });
  });

  describe('scope of staff administration', () => {
    it('should let an agency admin create officers of their own agency only', async () => {
      await t.http().post('/api/v1/admin/users').auth(s.dukcapilAdmin, { type: 'bearer' }).send({ email: `o-${Date.now()}@mpp.test`, fullName: 'Officer Baru', password: STAFF_PASSWORD, role: 'officer', agencyId: s.dukcapil.id }).expect(201);
      const other = await t.http().post('/api/v1/admin/users').auth(s.dukcapilAdmin, { type: 'bearer' }).send({ email: `p-${Date.now()}@mpp.test`, fullName: 'Officer Polres', password: STAFF_PASSWORD, role: 'officer', agencyId: s.polresta.id }).expect(403);
      expect(other.body.code).toBe('OTHER_AGENCY');
      const promote = await t.http().post('/api/v1/admin/users').auth(s.dukcapilAdmin, { type: 'bearer' }).send({ email: `q-${Date.now()}@mpp.test`, fullName: 'Admin Baru', password: STAFF_PASSWORD, role: 'site_admin', siteCode: 'kota-kupang' }).expect(403);
      expect(promote.body.code).toBe('WRONG_ROLE');
    });

    it('should keep a site admin to their site', async () => {
      const res = await t.http().post('/api/v1/admin/users').auth(s.probolinggoSiteAdmin, { type: 'bearer' }).send({ email: `r-${Date.now()}@mpp.test`, fullName: 'Officer Kupang', password: STAFF_PASSWORD, role: 'officer', agencyId: s.dukcapil.id }).expect(403);
      expect(res.body.code).toBe('OTHER_SITE');
      const list = await t.http().get('/api/v1/admin/users').auth(s.probolinggoSiteAdmin, { type: 'bearer' }).expect(200);
      expect(list.body.every((u: { siteCode: string }) => u.siteCode === 'kota-probolinggo')).toBe(true);
    });

    it('should answer a taken email with 409 and a short password with 400', async () => {
      const taken = await t.http().post('/api/v1/admin/users').auth(s.system, { type: 'bearer' }).send({ email: 'Admin.Kupang@mpp.test', fullName: 'Kembar', password: STAFF_PASSWORD, role: 'site_admin', siteCode: 'kota-kupang' }).expect(409);
      expect(taken.body.code).toBe('EMAIL_TAKEN');
      const short = await t.http().post('/api/v1/admin/users').auth(s.system, { type: 'bearer' }).send({ email: 'pendek@mpp.test', fullName: 'Pendek', password: 'abc', role: 'system_admin' }).expect(400);
      expect(short.body.fields[0].field).toBe('password');
    });
  });

  describe('devices', () => {
    it('should let a kiosk identify itself and its site, and stop it once revoked', async () => {
      const reg = await t.http().post('/api/v1/admin/sites/kota-kupang/devices').auth(s.kupangSiteAdmin, { type: 'bearer' }).send({ name: 'Kios lantai 2', kind: 'kiosk' }).expect(201);
      expect(reg.body.token).toMatch(/^mppd_/);
      const who = await t.http().get('/api/v1/auth/device').auth(reg.body.token, { type: 'bearer' }).expect(200);
      expect(who.body).toMatchObject({ siteCode: 'kota-kupang', kind: 'kiosk', name: 'Kios lantai 2' });
      expect(who.body.token).toBeUndefined();
      const list = await t.http().get('/api/v1/admin/sites/kota-kupang/devices').auth(s.kupangSiteAdmin, { type: 'bearer' }).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(reg.body.token);
      await t.http().post(`/api/v1/admin/devices/${reg.body.id}/revoke`).auth(s.probolinggoSiteAdmin, { type: 'bearer' }).expect(403);
      await t.http().post(`/api/v1/admin/devices/${reg.body.id}/revoke`).auth(s.kupangSiteAdmin, { type: 'bearer' }).expect(200);
      expect((await t.http().get('/api/v1/auth/device').auth(reg.body.token, { type: 'bearer' }).expect(401)).body.code).toBe('DEVICE_REVOKED');
    });
  });
});
