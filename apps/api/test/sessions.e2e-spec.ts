import type { NestExpressApplication } from '@nestjs/platform-express';
import { QUEUE_EVENTS, type StaffUserResponse } from '@mpp/contracts';
import { io, Socket } from 'socket.io-client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SessionEvents } from '../src/auth/session-events';
import { createApp } from '../src/bootstrap';
import { CLUSTER_BUS_APPLICATION_NAME } from '../src/common/cluster-bus';
import { FixedClock } from '../src/common/clock';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from './support/hall';
import { STAFF_PASSWORD } from './support/staff';
import { createTestApp, TestApp, testConfig } from './support/test-app';

type Ack = { ok: boolean; error?: { code: string } };

/** Well inside the 5 s the API caches a user or device: "at once" means before the cache could expire. */
const AT_ONCE_MS = 1500;

describe(SessionEvents.name, () => {
  let t: TestApp;
  let h: Hall;
  /** A second API process on the same database, as in a deployment behind a load balancer. */
  let other: NestExpressApplication;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
    other = await createApp(testConfig(), { url: t.db.url, embedded: false }, { logger: false, clock });
    await other.listen(0, '127.0.0.1');
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  const baseOf = (app: NestExpressApplication) => `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const connect = (token: string, app: NestExpressApplication = t.app): Socket => {
    const socket = io(`${baseOf(app)}/queue`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    sockets.push(socket);
    return socket;
  };
  const join = (socket: Socket, event: string, body: object) => socket.timeout(5000).emitWithAck(event, body) as Promise<Ack>;
  const disconnected = (socket: Socket, ms = AT_ONCE_MS) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`still connected ${ms} ms after the session ended`)), ms);
      socket.once('disconnect', (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });
  const nothing = (socket: Socket, event: string, ms = 500) =>
    new Promise<void>((resolve, reject) => {
      const listener = (p: unknown) => reject(new Error(`unexpected ${event}: ${JSON.stringify(p)}`));
      socket.on(event, listener);
      setTimeout(() => {
        socket.off(event, listener);
        resolve();
      }, ms);
    });
  const registerDisplay = async () =>
    (await t.http().post('/api/v1/admin/sites/kota-kupang/devices').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ name: 'layar sementara', kind: 'display' }).expect(201))
      .body as { id: string; token: string };
  const revoke = (deviceId: string) => t.http().post(`/api/v1/admin/devices/${deviceId}/revoke`).auth(h.kupangSiteAdmin, { type: 'bearer' }).expect(200);
  const newOfficer = async () => {
    const email = `sesi-${Math.random().toString(36).slice(2, 8)}@mpp.test`;
    const created = await t
      .http()
      .post('/api/v1/admin/users')
      .auth(h.system, { type: 'bearer' })
      .send({ email, fullName: 'Petugas Sesi', password: STAFF_PASSWORD, role: 'officer', agencyId: h.dukcapil.id })
      .expect(201);
    return { id: (created.body as StaffUserResponse).id, email, token: await t.loginAs(email, STAFF_PASSWORD) };
  };
  const updateUser = (id: string, body: object) => t.http().patch(`/api/v1/admin/users/${id}`).auth(h.system, { type: 'bearer' }).send(body).expect(200);
  const me = (token: string, app: NestExpressApplication = t.app) => request(app.getHttpServer()).get('/api/v1/auth/me').auth(token, { type: 'bearer' });

  it("should close a revoked device's open socket at once and send it no further events", async () => {
    const device = await registerDisplay();
    const sut = connect(device.token);
    expect((await join(sut, 'join-display', { siteCode: 'kota-kupang' })).ok).toBe(true);

    const closed = disconnected(sut);
    await revoke(device.id);
    expect(await closed).toBe('io server disconnect');

    const silence = nothing(sut, QUEUE_EVENTS.call);
    await issue(t, h.kiosk, h.services.skck);
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200);
    await silence;
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'start').expect(200);
    await counterAction(t, h.officers.polresta, h.counters.polresta, 'finish').expect(200);
  });

  it('should turn a revoked device away when its socket connects again', async () => {
    const device = await registerDisplay();
    await revoke(device.id);
    const sut = connect(device.token);
    const refused = new Promise<{ code: string }>((resolve) => sut.once('error.auth', resolve));
    expect(await refused).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it("should close a revoked device's socket held by another API process at once", async () => {
    const device = await registerDisplay();
    const sut = connect(device.token, other);
    expect((await join(sut, 'join-display', { siteCode: 'kota-kupang' })).ok).toBe(true);
    const closed = disconnected(sut);
    await revoke(device.id);
    expect(await closed).toBe('io server disconnect');
  });

  it('should close a socket whose session ended while the relay between processes was down, once it is back', async () => {
    const device = await registerDisplay();
    const sut = connect(device.token, other);
    expect((await join(sut, 'join-display', { siteCode: 'kota-kupang' })).ok).toBe(true);
    const db = t.app.get(DataSource);
    // Revoked with no notification at all, as if it was sent while the listening connections were down.
    await db.query(`UPDATE device SET revoked_at = now(), session_version = session_version + 1 WHERE id = $1`, [device.id]);
    const closed = disconnected(sut, 5000);
    await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [CLUSTER_BUS_APPLICATION_NAME]);
    expect(await closed).toBe('io server disconnect');
  });

  it('should refuse the earlier token with 401 on the next request after a password change', async () => {
    const officer = await newOfficer();
    await me(officer.token).expect(200);

    await updateUser(officer.id, { password: 'kata-sandi-baru-456' });

    expect((await me(officer.token).expect(401)).body.code).toBe('SESSION_ENDED');
    await me(await t.loginAs(officer.email, 'kata-sandi-baru-456')).expect(200);
  });

  it('should refuse the earlier token in another API process too, whatever it had cached', async () => {
    const officer = await newOfficer();
    await me(officer.token, other).expect(200);

    await updateUser(officer.id, { password: 'kata-sandi-baru-789' });

    expect((await me(officer.token, other).expect(401)).body.code).toBe('SESSION_ENDED');
  });

  it('should keep the token of an account re-enabled after it was disabled refused', async () => {
    const officer = await newOfficer();
    await me(officer.token).expect(200);
    await updateUser(officer.id, { active: false });
    expect((await me(officer.token).expect(401)).body.code).toBe('ACCOUNT_DISABLED');
    await updateUser(officer.id, { active: true });
    expect((await me(officer.token).expect(401)).body.code).toBe('SESSION_ENDED');
  });

  it("should keep an account's token when only its name changes", async () => {
    const officer = await newOfficer();
    await updateUser(officer.id, { fullName: 'Petugas Sesi Baru' });
    expect((await me(officer.token).expect(200)).body.fullName).toBe('Petugas Sesi Baru');
  });

  it("should close a disabled officer's counter console at once and refuse the earlier token", async () => {
    const officerId = ((await me(h.officers.dukcapil2).expect(200)).body as StaffUserResponse).id;
    const sut = connect(h.officers.dukcapil2);
    expect((await join(sut, 'join-counter', { counterId: h.counters.dukcapil2.id })).ok).toBe(true);

    const closed = disconnected(sut);
    await updateUser(officerId, { active: false });
    expect(await closed).toBe('io server disconnect');
    await me(h.officers.dukcapil2).expect(401);

    const silence = nothing(sut, QUEUE_EVENTS.ticketWaiting);
    await issue(t, h.kiosk, h.services.ktpBaru);
    await silence;
  });
});
