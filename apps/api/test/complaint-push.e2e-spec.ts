import type { AgencyResponse, ComplaintCreatedResponse } from '@mpp/contracts';
import { COMPLAINT_STATUS_LABELS } from '@mpp/domain';
import { DataSource } from 'typeorm';
import { generateVAPIDKeys } from 'web-push';
import { FixedClock } from '../src/common/clock';
import { ComplaintPushService, MAX_SUBSCRIPTIONS_PER_COMPLAINT } from '../src/complaints/complaint-push.service';
import type { ComplaintPushData, PushPayload } from '../src/push/push-messages';
import { PushSender } from '../src/push/push-sender';
import { KUPANG_MONDAY_0900 } from './support/hall';
import { TestPushService, verifyVapid } from './support/push-service';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Issue 16: a complaint's reporter told of each status a handler sets by Web Push (the tracking
 * page's browser), through a local HTTPS stand-in for the push service: anonymous reporters too,
 * who get no SMS; nothing personal in the message; a refused subscription writes nothing.
 */
describe('Complaint status by Web Push', () => {
  const vapid = { ...generateVAPIDKeys(), subject: 'mailto:operator@mpp.test' };
  let t: TestApp;
  let peer: TestPushService;
  let siteAdmin: string;
  let dukcapil: AgencyResponse;
  const db = () => t.app.get(DataSource);
  const idle = () => t.app.get(ComplaintPushService).idle();
  const file = async (body: Record<string, unknown>) =>
    (
      await t
        .http()
        .post('/api/v1/complaints')
        .send({ siteCode: 'kota-kupang', kind: 'complaint', subject: 'service', agencyId: dukcapil.id, text: 'Loket Dukcapil tutup lebih awal tanpa pemberitahuan.', language: 'id', ...body })
        .expect(201)
    ).body as ComplaintCreatedResponse;
  const subscribe = (created: Pick<ComplaintCreatedResponse, 'code' | 'secret'>, path: string, lang?: 'id' | 'en') => {
    const browser = peer.subscription(path);
    return {
      browser,
      res: t
        .http()
        .post(`/api/v1/complaints/${created.code}/push-subscription`)
        .set('X-Complaint-Secret', created.secret)
        .send({ endpoint: browser.endpoint, keys: browser.keys, ...(lang ? { lang } : {}) }),
    };
  };
  const step = async (code: string, name: string, text?: string) => {
    const [{ id }] = (await db().query(`SELECT id FROM complaint WHERE code = $1`, [code])) as { id: string }[];
    await t.http().post(`/api/v1/admin/sites/kota-kupang/complaints/${id}/steps/${name}`).auth(siteAdmin, { type: 'bearer' }).send(text ? { text } : {}).expect(200);
  };
  const stored = async (code: string) =>
    (await db().query(`SELECT s.* FROM complaint_push_subscription s JOIN complaint c ON c.id = s.complaint_id WHERE c.code = $1 ORDER BY s.id`, [code])) as Record<string, unknown>[];

  beforeAll(async () => {
    peer = await new TestPushService().start();
    t = await createTestApp({ clock: new FixedClock(new Date(KUPANG_MONDAY_0900)), config: { vapid } });
    t.app.get(PushSender).retryDelaysMs = [100, 100, 100];
    t.app.get(PushSender).agent = peer.agent;
    const system = await t.adminToken();
    await t.http().post('/api/v1/admin/users').auth(system, { type: 'bearer' }).send({ email: 'admin.kupang@mpp.test', fullName: 'Admin Kupang', password: 'kata-sandi-uji-123', role: 'site_admin', siteCode: 'kota-kupang' }).expect(201);
    siteAdmin = await t.loginAs('admin.kupang@mpp.test', 'kata-sandi-uji-123');
    dukcapil = ((await t.http().get('/api/v1/sites/kota-kupang/agencies').expect(200)).body as AgencyResponse[]).find((a) => a.code === 'dukcapil')!;
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await peer?.stop();
  });

  it("should push each status a handler sets to an anonymous reporter's browser, signed, encrypted, with the code and the status only", async () => {
    const created = await file({ anonymity: 'anonymous' });
    const { browser, res } = subscribe(created, '/c/anonymous');
    await res.expect(201);

    await step(created.code, 'verify');
    await step(created.code, 'start');
    await step(created.code, 'answer', 'Jam layanan sudah kembali normal mulai besok.');
    await idle();
    const sent = await peer.waitFor('/c/anonymous', 3);

    expect(sent.map((r) => r.headers.topic)).toEqual(['complaint', 'complaint', 'complaint']);
    expect(verifyVapid(sent[0].headers.authorization, { publicKey: vapid.publicKey, audience: peer.origin })).toMatchObject({ sub: vapid.subject });
    const payloads = sent.map((r) => JSON.parse(browser.decrypt(r.body)) as PushPayload);
    expect(payloads.map((p) => (p.notification.data as ComplaintPushData).status)).toEqual(['verified', 'in_progress', 'answered']);
    expect(payloads[2].notification.title).toBe(`Pengaduan ${created.code}: ${COMPLAINT_STATUS_LABELS.answered.id}`);
    expect(payloads[2].notification.data).toEqual({
      kind: 'complaint',
      complaint: created.code,
      status: 'answered',
      at: expect.any(Number),
      onActionClick: { default: { operation: 'navigateLastFocusedOrOpen', url: `/pengaduan/lacak?kode=${created.code}` } },
    });
    // Stamped in the order made: the phone's worker drops one older than what it already shows.
    const stamps = payloads.map((p) => p.notification.data.at);
    expect(stamps[1]).toBeGreaterThan(stamps[0]);
    expect(stamps[2]).toBeGreaterThan(stamps[1]);
    const text = JSON.stringify(payloads);
    expect(text).not.toContain(created.secret);
    expect(text).not.toContain('Jam layanan');
  });

  it("should speak the page's language, keep the subscription only encrypted, and not push the reporter's own steps", async () => {
    const created = await file({ anonymity: 'named', reporterName: 'Yosefina Lobo', reporterPhone: '0812-3344-5566', language: 'en' });
    const { browser, res } = subscribe(created, '/c/english', 'en');
    await res.expect(201);
    const again = subscribe(created, '/c/english', 'en');
    // The same endpoint again is an update (200), not a second row.
    await t.http().post(`/api/v1/complaints/${created.code}/push-subscription`).set('X-Complaint-Secret', created.secret).send({ endpoint: browser.endpoint, keys: again.browser.keys, lang: 'en' }).expect(200);
    const rows = await stored(created.code);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('/c/english');

    await step(created.code, 'verify');
    await step(created.code, 'start');
    await step(created.code, 'ask-citizen', 'Di loket nomor berapa?');
    await t.http().post(`/api/v1/complaints/${created.code}/reply`).set('X-Complaint-Secret', created.secret).send({ text: 'Loket 3, sekitar jam 14.' }).expect(200);
    await idle();
    const sent = await peer.waitFor('/c/english', 3);
    // The reporter's own reply (waiting → in progress) is not pushed back to them.
    expect(peer.to('/c/english')).toHaveLength(3);
    const payloads = sent.map((r) => JSON.parse(again.browser.decrypt(r.body)) as PushPayload);
    expect(payloads.map((p) => (p.notification.data as ComplaintPushData).status)).toEqual(['verified', 'in_progress', 'waiting_for_citizen']);
    expect(payloads[0].notification.title).toMatch(new RegExp(`^Complaint ${created.code}: `));
    expect(payloads[2].notification.body).toBe('Open the tracking page to read the response.');
    const text = JSON.stringify(payloads);
    for (const pii of ['Yosefina', '3344']) expect(text).not.toContain(pii);
  });

  it('should refuse a wrong secret (404), a closed complaint and a sixth browser (409), a bad endpoint (400), writing nothing', async () => {
    const created = await file({ anonymity: 'anonymous' });
    expect((await subscribe({ code: created.code, secret: 'salah' }, '/c/wrong').res).status).toBe(404);
    const http = await t.http().post(`/api/v1/complaints/${created.code}/push-subscription`).set('X-Complaint-Secret', created.secret).send({ endpoint: 'http://127.0.0.1/x', keys: peer.subscription('/x').keys });
    expect(http.status).toBe(400);
    expect(http.body.message).toEqual({ id: expect.any(String), en: expect.any(String) });
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_COMPLAINT; i++) await subscribe(created, `/c/many-${i}`).res.expect(201);
    const sixth = await subscribe(created, '/c/many-6').res;
    expect(sixth.status).toBe(409);
    expect(sixth.body.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    expect(await stored(created.code)).toHaveLength(MAX_SUBSCRIPTIONS_PER_COMPLAINT);

    // The reporter may stop one; a closed complaint takes no new one.
    await t.http().delete(`/api/v1/complaints/${created.code}/push-subscription`).set('X-Complaint-Secret', created.secret).send({ endpoint: `${peer.origin}/c/many-0` }).expect(204);
    expect(await stored(created.code)).toHaveLength(MAX_SUBSCRIPTIONS_PER_COMPLAINT - 1);
    await step(created.code, 'close', 'Sudah ditangani di tempat.');
    const closed = await subscribe(created, '/c/closed').res;
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('COMPLAINT_CLOSED');
  });

  it('should delete a subscription the push service says is gone, and never fail the handler when it is down', async () => {
    const created = await file({ anonymity: 'anonymous' });
    await subscribe(created, '/c/gone').res.expect(201);
    await subscribe(created, '/c/down').res.expect(201);
    peer.answer('/c/gone', { status: 410 });
    peer.answer('/c/down', { status: 503 });
    await step(created.code, 'verify');
    await idle();
    await peer.waitFor('/c/down', 4);
    expect(await stored(created.code)).toHaveLength(1);
  });
});
