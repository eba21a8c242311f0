import type { PublicTicketResponse, TicketResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { generateVAPIDKeys } from 'web-push';
import { randomUUID } from 'node:crypto';
import { ClusterBus } from '../src/common/cluster-bus';
import { FixedClock } from '../src/common/clock';
import type { PushPayload } from '../src/push/push-messages';
import { PushSender } from '../src/push/push-sender';
import { PushRepository } from '../src/push/push.repository';
import { PUSH_SUBSCRIBED_TOPIC, PushService } from '../src/push/push.service';
import { counterAction, type Hall, issue, KUPANG_MONDAY_0900, setupHall } from './support/hall';
import { TestPushService, verifyVapid, type TestBrowserSubscription } from './support/push-service';
import { captureLogs, createTestApp, type TestApp } from './support/test-app';

/**
 * The sending side of Web Push: what the API sends a push service (a local HTTP server standing in
 * for it) when a subscribed ticket is near the counter or called, and what it does with the push
 * service's answers. The receiving side (the service worker) is tests/browser/push.browser-spec.ts.
 */
describe(PushService.name, () => {
  const vapid = { ...generateVAPIDKeys(), subject: 'mailto:operator@mpp.test' };
  let t: TestApp;
  let h: Hall;
  let peer: TestPushService;
  const logs: string[] = [];

  beforeAll(async () => {
    peer = await new TestPushService().start();
    t = await createTestApp({ clock: new FixedClock(new Date(KUPANG_MONDAY_0900)), config: { vapid }, logger: captureLogs('info', logs) });
    h = await setupHall(t);
    t.app.get(PushSender).retryDelaysMs = [100, 100, 100];
    t.app.get(PushSender).agent = peer.agent;
    // Only the test of "N orang lagi" wants those messages.
    await setAheadNotice(0);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await peer?.stop();
  });

  const idle = () => t.app.get(PushService).idle();
  const setAheadNotice = (aheadNotice: number) =>
    t.http().put('/api/v1/admin/sites/kota-kupang/push-settings').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ aheadNotice }).expect(200);
  const freeCounter = async () => {
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start');
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish');
  };
  const subscribe = (code: string, s: Pick<TestBrowserSubscription, 'endpoint' | 'keys'>, lang?: 'id' | 'en') =>
    t.http().post(`/api/v1/tickets/${code}/push-subscription`).send({ endpoint: s.endpoint, keys: s.keys, ...(lang ? { lang } : {}) });
  const rows = async (ticketId: string) =>
    (await t.app.get(DataSource).query(`SELECT * FROM push_subscription WHERE ticket_id = $1 ORDER BY id`, [ticketId])) as Record<string, unknown>[];
  const publicView = async (code: string) => (await t.http().get(`/api/v1/tickets/${code}`).expect(200)).body as PublicTicketResponse;
  /** Calls until the counter holds `ticket`, finishing what it calls before. */
  const callUntil = async (ticket: TicketResponse) => {
    await freeCounter();
    for (let i = 0; i < 20; i++) {
      const res = await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next');
      if (res.status !== 200) throw new Error(`call-next: ${res.status} ${JSON.stringify(res.body)}`);
      const called = res.body as TicketResponse;
      if (called.id === ticket.id) return called;
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
    }
    throw new Error('never called');
  };
  /** Empties the line of the KTP service so each test starts with its own tickets first. */
  const drain = async () => {
    await freeCounter();
    for (let i = 0; i < 50; i++) {
      const res = await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next');
      if (res.status !== 200) return;
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
    }
  };
  beforeEach(async () => {
    await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'pause');
    await drain();
    await idle();
  });

  it('should give the VAPID public key browsers subscribe with', async () => {
    const res = await t.http().get('/api/v1/push/public-key').expect(200);

    expect(res.body).toEqual({ publicKey: vapid.publicKey });
  });

  it('should keep a subscription only encrypted, and answer 201 for a new browser and 200 for the same one again', async () => {
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    const browser = peer.subscription('/s/encrypted');

    await subscribe(ticket.publicCode, browser).expect(201);
    await subscribe(ticket.publicCode, browser, 'en').expect(200);

    const stored = await rows(ticket.id);
    expect(stored).toHaveLength(1);
    const text = JSON.stringify(stored);
    expect(text).not.toContain('/s/encrypted');
    expect(text).not.toContain(browser.keys.p256dh);
    expect(text).not.toContain(browser.keys.auth);
    expect(stored[0].lang).toBe('en');
  });

  it('should send "Dipanggil: menuju loket X" signed with VAPID, encrypted as aes128gcm, with a TTL, after the call has been answered', async () => {
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    const browser = peer.subscription('/s/called');
    await subscribe(ticket.publicCode, browser).expect(201);
    // The push service takes 1.5 s to answer: the officer's call must not wait for it.
    peer.answer('/s/called', { status: 201, delayMs: 1500 });

    const started = Date.now();
    const called = await callUntil(ticket);
    const answeredIn = Date.now() - started;
    const [sent] = await peer.waitFor('/s/called');

    expect(answeredIn).toBeLessThan(1500);
    expect(sent.method).toBe('POST');
    expect(sent.headers['content-encoding']).toBe('aes128gcm');
    expect(sent.headers['content-type']).toBe('application/octet-stream');
    expect(Number(sent.headers.ttl)).toBe(600);
    expect(sent.headers.urgency).toBe('high');
    expect(sent.headers.topic).toBe('ticket');
    expect(verifyVapid(sent.headers.authorization, { publicKey: vapid.publicKey, audience: peer.origin })).toMatchObject({ sub: vapid.subject });
    const counter = called.counter!;
    const payload = JSON.parse(browser.decrypt(sent.body)) as PushPayload;
    expect(payload.notification.title).toBe(`Dipanggil: menuju loket ${counter.number}`);
    expect(payload.notification.body).toBe(`Nomor ${ticket.number} · ${counter.name}`);
    expect(payload.notification.data).toMatchObject({
      kind: 'called',
      ticket: ticket.publicCode,
      counter: counter.number,
      onActionClick: { default: { operation: 'navigateLastFocusedOrOpen', url: `/tiket/${ticket.publicCode}` } },
    });
    await idle();
  });

  it('should tell "N orang lagi sebelum Anda" once, when the site\'s N is reached, in the language of the page', async () => {
    const settings = await t.http().get('/api/v1/admin/sites/kota-kupang/push-settings').auth(h.kupangSiteAdmin, { type: 'bearer' }).expect(200);
    expect(settings.body).toEqual({ aheadNotice: 0 });
    await setAheadNotice(1);
    const line = [];
    for (let i = 0; i < 4; i++) line.push(await issue(t, h.kiosk, h.services.ktpBaru));
    const mine = line[3];
    const browser = peer.subscription('/s/ahead');
    await subscribe(mine.publicCode, browser, 'en').expect(201);
    await idle();
    expect((await publicView(mine.publicCode)).position).toBe(4);
    expect(peer.to('/s/ahead')).toHaveLength(0);

    await callUntil(line[0]);
    await idle();
    expect(peer.to('/s/ahead')).toHaveLength(0);
    await callUntil(line[1]);
    await idle();
    const view = await publicView(mine.publicCode);

    expect(view.position).toBe(2);
    const [sent] = await peer.waitFor('/s/ahead');
    const payload = JSON.parse(browser.decrypt(sent.body)) as PushPayload;
    expect(payload.notification.title).toBe(`${mine.number}: 1 person ahead of you`);
    expect(payload.notification.data.kind).toBe('ahead');
    expect(Number(sent.headers.ttl)).toBe(1800);

    await callUntil(line[2]);
    await idle();
    expect(peer.to('/s/ahead')).toHaveLength(1);
    await setAheadNotice(0);
  });

  it('should delete a subscription the push service says is gone (410), and keep the others', async () => {
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    const gone = peer.subscription('/s/gone');
    const kept = peer.subscription('/s/kept');
    peer.answer('/s/gone', { status: 410 });
    await subscribe(ticket.publicCode, gone).expect(201);
    await subscribe(ticket.publicCode, kept).expect(201);

    await callUntil(ticket);
    await peer.waitFor('/s/gone');
    await peer.waitFor('/s/kept');
    await idle();

    expect(peer.to('/s/gone')).toHaveLength(1);
    expect(await rows(ticket.id)).toHaveLength(1);
    expect(logs.join('\n')).toContain('push subscription gone; deleted');
  });

  it('should try again after a push service error (500, 429) and log the attempt by subscription id only', async () => {
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    const browser = peer.subscription('/s/flaky');
    peer.answer('/s/flaky', { status: 500 }, { status: 429 }, { status: 201 });
    await subscribe(ticket.publicCode, browser).expect(201);

    await callUntil(ticket);
    await peer.waitFor('/s/flaky', 3);
    await idle();

    const sent = peer.to('/s/flaky');
    expect(sent.map((r) => JSON.parse(browser.decrypt(r.body)).notification.data.kind)).toEqual(['called', 'called', 'called']);
    expect(await rows(ticket.id)).toHaveLength(1);
    expect(logs.join('\n')).not.toContain('/s/flaky');
  });

  it('should forget the subscriptions of a ticket that ended', async () => {
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    await subscribe(ticket.publicCode, peer.subscription('/s/ended')).expect(201);

    await callUntil(ticket);
    await idle();
    expect(await rows(ticket.id)).toHaveLength(1);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
    await idle();

    expect(await rows(ticket.id)).toHaveLength(0);
    const again = await subscribe(ticket.publicCode, peer.subscription('/s/ended-again')).expect(409);
    expect(again.body.code).toBe('TICKET_ENDED');
  });

  it("should run none of its statements for a site where no ticket has a subscription, and all of them once one has", async () => {
    const db = t.app.get(DataSource);
    const service = t.app.get(PushService);
    const repo = t.app.get(PushRepository);
    const [{ site_id: kupang }] = (await db.query(`SELECT site_id FROM counter WHERE id = $1`, [h.counters.dukcapil1.id])) as { site_id: string }[];
    await db.query(`DELETE FROM push_subscription`);
    expect(await service.sitesWithSubscriptions('afresh')).toEqual(new Set());
    const statements = ['claimCalled', 'deleteForTicket', 'resetSent', 'findAheadCandidates', 'claimAhead'] as const;
    const spies = statements.map((name) => jest.spyOn(repo, name));
    try {
      // A call, a return, a call again and a finish: nothing for this module to do, and nothing read or written.
      const quiet = await issue(t, h.kiosk, h.services.ktpBaru);
      await callUntil(quiet);
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'return').expect(200);
      await callUntil(quiet);
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
      await idle();
      spies.forEach((spy) => expect(spy).not.toHaveBeenCalled());

      // A subscription at the site: its call is claimed and sent, and the end forgets it.
      const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
      await subscribe(ticket.publicCode, peer.subscription('/s/first-of-site')).expect(201);
      expect(await service.sitesWithSubscriptions()).toEqual(new Set([kupang]));
      await callUntil(ticket);
      const [sent] = await peer.waitFor('/s/first-of-site');
      expect(sent.method).toBe('POST');
      expect(spies[0]).toHaveBeenCalledWith(ticket.id);
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
      await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish').expect(200);
      await idle();
      expect(spies[1]).toHaveBeenCalledWith(ticket.id);
      expect(await rows(ticket.id)).toHaveLength(0);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });

  it('should count a site announced on the cluster bus (a subscription made by another process) before its row is read', async () => {
    const db = t.app.get(DataSource);
    const service = t.app.get(PushService);
    await db.query(`DELETE FROM push_subscription`);
    expect(await service.sitesWithSubscriptions('afresh')).toEqual(new Set());
    const other = randomUUID();
    await t.app.get(ClusterBus).publish(PUSH_SUBSCRIBED_TOPIC, { siteId: other });
    for (let i = 0; i < 100 && !(await service.sitesWithSubscriptions())?.has(other); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await service.sitesWithSubscriptions()).toEqual(new Set([other]));
    // A read of the rows (none there) that begins just after does not forget it.
    expect(await service.sitesWithSubscriptions('reread')).toEqual(new Set([other]));
  });

  it('should unsubscribe a browser with its endpoint', async () => {
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    const browser = peer.subscription('/s/leave');
    await subscribe(ticket.publicCode, browser).expect(201);

    await t.http().delete(`/api/v1/tickets/${ticket.publicCode}/push-subscription`).send({ endpoint: browser.endpoint }).expect(204);

    expect(await rows(ticket.id)).toHaveLength(0);
  });

  it('should refuse a bad subscription with a message in both languages, an unknown code with 404', async () => {
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    const browser = peer.subscription('/s/bad');

    const badUrl = await subscribe(ticket.publicCode, { ...browser, endpoint: 'http://push.example/x' }).expect(400);
    const badKey = await subscribe(ticket.publicCode, { ...browser, keys: { p256dh: 'abc', auth: browser.keys.auth } }).expect(400);
    const unknown = await subscribe('AAAAAAAAAAAAAAAA', browser).expect(404);
    const noKeys = await t.http().post(`/api/v1/tickets/${ticket.publicCode}/push-subscription`).send({ endpoint: browser.endpoint }).expect(400);
    const nullKeys = await t.http().post(`/api/v1/tickets/${ticket.publicCode}/push-subscription`).send({ endpoint: browser.endpoint, keys: null }).expect(400);
    await t.http().delete(`/api/v1/tickets/${ticket.publicCode}/push-subscription`).expect(400);
    await t.http().put('/api/v1/admin/sites/kota-kupang/push-settings').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ aheadNotice: 'tiga' }).expect(400);
    await t.http().put('/api/v1/admin/sites/kota-kupang/push-settings').send({ aheadNotice: 3 }).expect(401);

    expect(badUrl.body.message).toEqual({ id: expect.any(String), en: expect.any(String) });
    expect(badUrl.body.code).toBe('INVALID_PUSH_ENDPOINT');
    expect(JSON.stringify(badKey.body)).toContain('p256dh');
    expect(unknown.body.code).toBe('TICKET_NOT_FOUND');
    expect(JSON.stringify(noKeys.body)).toContain('keys');
    expect(JSON.stringify(nullKeys.body)).toContain('keys');
  });
});
