import { JwtService } from '@nestjs/jwt';
import type { LoginResult, StaffUserResponse, TotpEnrolmentResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { totpCode, totpStep } from '../src/auth/totp';
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
    it("should return an officer's JWT and the user, without the password hash", async () => {
      const res = await t.http().post('/api/v1/auth/login').send({ email: 'PETUGAS.dukcapil@mpp.test', password: STAFF_PASSWORD }).expect(200);
      expect(res.body).toMatchObject({ status: 'signed_in', tokenType: 'Bearer', user: { email: 'petugas.dukcapil@mpp.test', role: 'officer', secondFactorEnrolled: false } });
      expect(res.body.accessToken.split('.')).toHaveLength(3);
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
      const me = await t.http().get('/api/v1/auth/me').auth(res.body.accessToken, { type: 'bearer' }).expect(200);
      expect(me.body.email).toBe('petugas.dukcapil@mpp.test');
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

  describe('second factor (TOTP) for administrators', () => {
    const password = (body: LoginResult) => body;
    const login = async (email: string) => password((await t.http().post('/api/v1/auth/login').send({ email, password: STAFF_PASSWORD }).expect(200)).body as LoginResult);
    const newAdmin = async (role: 'site_admin' | 'agency_admin' = 'agency_admin', scope: Record<string, string> = { agencyId: s.dukcapil.id }) => {
      const email = `admin-${role}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@mpp.test`;
      const created = await t.http().post('/api/v1/admin/users').auth(s.system, { type: 'bearer' }).send({ email, fullName: `Admin ${role}`, password: STAFF_PASSWORD, role, ...scope }).expect(201);
      return { email, id: (created.body as StaffUserResponse).id };
    };
    /** Enrols through the API as a person would, and returns the secret and the session. */
    const enrol = async (email: string) => {
      const first = await login(email);
      if (first.status !== 'second_factor_enrolment_required') throw new Error(`expected enrolment, got ${first.status}`);
      const secret = ((await t.http().post('/api/v1/auth/totp/enrolment').send({ enrolmentToken: first.enrolmentToken }).expect(200)).body as TotpEnrolmentResponse).secret;
      const step = totpStep(Date.now());
      const session = await t.http().post('/api/v1/auth/totp/enrolment/confirm').send({ enrolmentToken: first.enrolmentToken, code: totpCode(secret, step) }).expect(200);
      return { secret, step, token: session.body.accessToken as string };
    };
    const challenge = async (email: string) => {
      const res = await login(email);
      if (res.status !== 'second_factor_required') throw new Error(`expected a challenge, got ${res.status}`);
      return res.challengeToken;
    };
    const verify = (challengeToken: string, code: string) => t.http().post('/api/v1/auth/totp/verify').send({ challengeToken, code });

    it('should never give an administrator a session for the password alone, and refuse the step tokens as sessions', async () => {
      const { email } = await newAdmin();
      const first = await login(email);
      expect(first).toMatchObject({ status: 'second_factor_enrolment_required', expiresIn: 300 });
      expect(first).not.toHaveProperty('accessToken');
      if (first.status !== 'second_factor_enrolment_required') throw new Error('unreachable');
      expect(first.message.id).toMatch(/autentikator/);
      expect(first.message.en).toMatch(/authenticator/);
      expect((await t.http().get('/api/v1/auth/me').auth(first.enrolmentToken, { type: 'bearer' }).expect(401)).body.code).toBe('INVALID_TOKEN');
      await enrol(email);
      const second = await login(email);
      expect(second).toMatchObject({ status: 'second_factor_required', expiresIn: 300 });
      expect(second).not.toHaveProperty('accessToken');
      if (second.status !== 'second_factor_required') throw new Error('unreachable');
      expect((await t.http().get('/api/v1/auth/me').auth(second.challengeToken, { type: 'bearer' }).expect(401)).body.code).toBe('INVALID_TOKEN');
      // A challenge token does not open the enrolment, nor an enrolment token the code step.
      expect((await t.http().post('/api/v1/auth/totp/enrolment').send({ enrolmentToken: second.challengeToken }).expect(401)).body.code).toBe('SECOND_FACTOR_TOKEN_INVALID');
      expect((await verify(first.enrolmentToken, '123456').expect(401)).body.code).toBe('SECOND_FACTOR_TOKEN_INVALID');
    });

    it('should enrol with a secret shown as an otpauth URI and a QR, kept encrypted, confirmed by a code, never shown again', async () => {
      const { email, id } = await newAdmin();
      const first = await login(email);
      if (first.status !== 'second_factor_enrolment_required') throw new Error(first.status);
      const sut = (await t.http().post('/api/v1/auth/totp/enrolment').send({ enrolmentToken: first.enrolmentToken }).expect(200)).body as TotpEnrolmentResponse;
      expect(sut.secret).toMatch(/^[A-Z2-7]{32}$/);
      const uri = new URL(sut.otpauthUri);
      expect(uri.href.startsWith(`otpauth://totp/${encodeURIComponent(sut.issuer)}:${encodeURIComponent(email)}?`)).toBe(true);
      expect(uri.searchParams.get('secret')).toBe(sut.secret);
      expect(sut).toMatchObject({ account: email, digits: 6, periodSeconds: 30 });
      expect(sut.qrDataUrl).toMatch(/^data:image\/png;base64,/);
      const [row] = await t.app.get(DataSource).query(`SELECT totp_secret_cipher, totp_enrolled_at FROM staff_user WHERE id = $1`, [id]);
      expect(row.totp_secret_cipher).toMatch(/^v1\./);
      expect(row.totp_secret_cipher).not.toContain(sut.secret);
      expect(row.totp_enrolled_at).toBeNull();

      // A wrong code: 401 in words; the right one: the session, and the account enrolled.
      const step = totpStep(Date.now());
      const wrong = await t.http().post('/api/v1/auth/totp/enrolment/confirm').send({ enrolmentToken: first.enrolmentToken, code: totpCode(sut.secret, step + 3) }).expect(401);
      expect(wrong.body).toMatchObject({ code: 'SECOND_FACTOR_WRONG_CODE', message: { id: expect.stringMatching(/kode/i), en: expect.stringMatching(/code/i) } });
      const session = await t.http().post('/api/v1/auth/totp/enrolment/confirm').send({ enrolmentToken: first.enrolmentToken, code: totpCode(sut.secret, step) }).expect(200);
      expect(session.body).toMatchObject({ status: 'signed_in', user: { email, secondFactorEnrolled: true } });
      const me = await t.http().get('/api/v1/auth/me').auth(session.body.accessToken, { type: 'bearer' }).expect(200);
      expect(me.body.secondFactorEnrolled).toBe(true);

      // Never again: not through the same token, not in any answer about the account.
      expect((await t.http().post('/api/v1/auth/totp/enrolment').send({ enrolmentToken: first.enrolmentToken }).expect(409)).body.code).toBe('SECOND_FACTOR_ALREADY_ENROLLED');
      const users = await t.http().get('/api/v1/admin/users').auth(s.system, { type: 'bearer' }).expect(200);
      expect(JSON.stringify([users.body, me.body, session.body])).not.toContain(sut.secret);
      expect(JSON.stringify(users.body)).not.toMatch(/totp|cipher/i);
    });

    it('should show a new secret each time it is asked before confirming, the earlier one no longer working', async () => {
      const { email } = await newAdmin();
      const first = await login(email);
      if (first.status !== 'second_factor_enrolment_required') throw new Error(first.status);
      const ask = async () => ((await t.http().post('/api/v1/auth/totp/enrolment').send({ enrolmentToken: first.enrolmentToken }).expect(200)).body as TotpEnrolmentResponse).secret;
      const earlier = await ask();
      const later = await ask();
      expect(later).not.toBe(earlier);
      const step = totpStep(Date.now());
      await t.http().post('/api/v1/auth/totp/enrolment/confirm').send({ enrolmentToken: first.enrolmentToken, code: totpCode(earlier, step) }).expect(401);
      await t.http().post('/api/v1/auth/totp/enrolment/confirm').send({ enrolmentToken: first.enrolmentToken, code: totpCode(later, step) }).expect(200);
    });

    it('should accept a code one step either side, refuse two steps away, and refuse a used step', async () => {
      const { email } = await newAdmin();
      const { secret, step: enrolled } = await enrol(email);
      const now = totpStep(Date.now());
      expect(now - enrolled).toBeLessThanOrEqual(1);
      const token = await challenge(email);
      for (const far of [now - 2, now + 2]) {
        expect((await verify(token, totpCode(secret, far)).expect(401)).body.code).toBe('SECOND_FACTOR_WRONG_CODE');
      }
      // The enrolment used `enrolled`: the same code again is refused as used, in words.
      const used = await verify(token, totpCode(secret, enrolled)).expect(401);
      expect(used.body).toMatchObject({ code: 'SECOND_FACTOR_CODE_USED', message: { id: expect.stringMatching(/sudah dipakai/), en: expect.stringMatching(/already been used/) } });
      const next = await verify(token, totpCode(secret, enrolled + 1)).expect(200);
      expect(next.body).toMatchObject({ status: 'signed_in', user: { email } });
      await t.http().get('/api/v1/auth/me').auth(next.body.accessToken, { type: 'bearer' }).expect(200);
      // The same code on a new challenge: used.
      expect((await verify(await challenge(email), totpCode(secret, enrolled + 1)).expect(401)).body.code).toBe('SECOND_FACTOR_CODE_USED');
    });

    it('should sign in once when the same code is sent twice at the same moment', async () => {
      const { email } = await newAdmin();
      const { secret, step } = await enrol(email);
      const [a, b] = [await challenge(email), await challenge(email)];
      const code = totpCode(secret, step + 1);
      const answers = await Promise.all([verify(a, code), verify(b, code)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
      expect(answers.find((r) => r.status === 401)!.body.code).toBe('SECOND_FACTOR_CODE_USED');
    });

    it('should rate-limit wrong codes on one account with 429, and refuse a code that is not six digits with 400', async () => {
      const { email } = await newAdmin();
      const { secret } = await enrol(email);
      const token = await challenge(email);
      expect((await verify(token, '12345').expect(400)).body.fields[0].field).toBe('code');
      const wrong = totpCode(secret, totpStep(Date.now()) + 5);
      const statuses: number[] = [];
      // The 400 above counted too: the limit is 5 a minute in this file.
      for (let i = 0; i < 5; i++) statuses.push((await verify(token, wrong)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      expect((await verify(token, wrong)).body.code).toBe('TOO_MANY_REQUESTS');
    });

    it('should refuse an expired step token, asking to sign in again', async () => {
      const { email, id } = await newAdmin();
      await enrol(email);
      const [row] = await t.app.get(DataSource).query(`SELECT session_version FROM staff_user WHERE id = $1`, [id]);
      const expired = await t.app.get(JwtService).signAsync({ sub: id, sv: row.session_version, typ: 'totp_challenge' }, { expiresIn: -10 });
      const res = await verify(expired, '123456').expect(401);
      expect(res.body).toMatchObject({ code: 'SECOND_FACTOR_TOKEN_EXPIRED', message: { id: expect.stringMatching(/Masuk lagi/), en: expect.stringMatching(/Sign in again/) } });
    });

    it("should let a system admin reset an administrator's second factor, ending their sessions and asking them to enrol again", async () => {
      const { email, id } = await newAdmin();
      const { token } = await enrol(email);
      const waiting = await challenge(email);
      const res = await t.http().post(`/api/v1/admin/users/${id}/second-factor/reset`).auth(s.system, { type: 'bearer' }).expect(200);
      expect(res.body).toMatchObject({ id, email, secondFactorEnrolled: false });
      expect((await t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' }).expect(401)).body.code).toBe('SESSION_ENDED');
      // A challenge begun before the reset is no longer valid.
      expect((await verify(waiting, '123456').expect(401)).body.code).toBe('SECOND_FACTOR_TOKEN_INVALID');
      const [row] = await t.app.get(DataSource).query(`SELECT totp_secret_cipher, totp_enrolled_at, totp_last_step FROM staff_user WHERE id = $1`, [id]);
      expect(row).toEqual({ totp_secret_cipher: null, totp_enrolled_at: null, totp_last_step: null });
      expect((await login(email)).status).toBe('second_factor_enrolment_required');
      // The reset is an administrative change: one audit row, in the system admin's name, no secret.
      const me = (await t.http().get('/api/v1/auth/me').auth(s.system, { type: 'bearer' }).expect(200)).body as StaffUserResponse;
      const audit = await t.app.get(DataSource).query(`SELECT actor_id, action, before, after FROM admin_audit WHERE entity_id = $1 AND action = 'staff_user.second_factor_reset'`, [id]);
      expect(audit).toEqual([{ actor_id: me.id, action: 'staff_user.second_factor_reset', before: { secondFactorEnrolled: true }, after: { secondFactorEnrolled: false } }]);
    });

    it('should keep the reset within scope: a site admin for their own agency admins only, never their own', async () => {
      const kupangAgencyAdmin = await newAdmin();
      const kupangSiteAdmin = await newAdmin('site_admin', { siteCode: 'kota-kupang' });
      const reset = (id: string, token: string) => t.http().post(`/api/v1/admin/users/${id}/second-factor/reset`).auth(token, { type: 'bearer' });
      expect((await reset(kupangAgencyAdmin.id, s.probolinggoSiteAdmin).expect(403)).body.code).toBe('OTHER_SITE');
      expect((await reset(kupangSiteAdmin.id, s.kupangSiteAdmin).expect(403)).body.code).toBe('WRONG_ROLE');
      await reset(kupangAgencyAdmin.id, s.dukcapilAdmin).expect(403);
      await reset(kupangAgencyAdmin.id, s.dukcapilOfficer).expect(403);
      await reset(kupangAgencyAdmin.id, s.kupangSiteAdmin).expect(200);
      const me = (await t.http().get('/api/v1/auth/me').auth(s.system, { type: 'bearer' }).expect(200)).body as StaffUserResponse;
      const self = await reset(me.id, s.system).expect(422);
      expect(self.body).toMatchObject({ code: 'CANNOT_RESET_OWN_SECOND_FACTOR', message: { id: expect.stringMatching(/admin lain/), en: expect.stringMatching(/another administrator/) } });
      const officer = (await t.http().get('/api/v1/auth/me').auth(s.dukcapilOfficer, { type: 'bearer' }).expect(200)).body as StaffUserResponse;
      expect((await reset(officer.id, s.system).expect(422)).body.code).toBe('NO_SECOND_FACTOR');
      expect((await reset('00000000-0000-4000-8000-000000000000', s.system).expect(404)).body.code).toBe('USER_NOT_FOUND');
      // Only the one reset that was done is in the audit log; the refused ones left nothing.
      const audited = await t.app.get(DataSource).query(
        `SELECT entity_id FROM admin_audit WHERE action = 'staff_user.second_factor_reset' AND entity_id = ANY($1::uuid[])`,
        [[kupangAgencyAdmin.id, kupangSiteAdmin.id, me.id, officer.id]],
      );
      expect(audited).toEqual([{ entity_id: kupangAgencyAdmin.id }]);
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
