import type { TicketResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { generateVAPIDKeys } from 'web-push';
import { FixedClock } from '../src/common/clock';
import type { PushPayload, TicketPushData } from '../src/push/push-messages';
import { PUSH_SEND_TIMEOUT_MS, PushSender } from '../src/push/push-sender';
import { PushService } from '../src/push/push.service';
import { counterAction, type Hall, issue, KUPANG_MONDAY_0900, setupHall } from './support/hall';
import { recordArrivals } from './support/push-arrivals';
import { TestPushService, type PushRequest, type TestBrowserSubscription } from './support/push-service';
import { createTestApp, type TestApp } from './support/test-app';

/** How long the stand-in holds its answer to a slow message: long beside a call's HTTP round trip on a busy machine. */
const SLOW_MS = 6_000;
/**
 * How long it holds the answers that fill every sending slot: long beside nine subscribes and a
 * call, and under PushSender's 10 s send timeout (a send held longer counts as failed and is retried).
 */
const BLOCK_MS = 8_000;
/** Sends PushSender keeps in flight at once (its CONCURRENCY): this many slow ones fill it. */
const SENDER_SLOTS = 8;
/** Timer slack: Node's timers and Date.now() may disagree by a millisecond or two. */
const SLACK_MS = 5;
/** PushSender's send timeout: an answer held longer counts as no answer (the message may still have been taken). */
const SEND_TIMEOUT_MS = PUSH_SEND_TIMEOUT_MS;

/**
 * The order of a subscription's Web Push messages (apps/api/src/push/push-sender.ts), against the
 * local HTTPS stand-in for a push service (support/push-service.ts) answering some messages slowly:
 * one message at a time per subscription, in the order queued, and an "N orang lagi" queued
 * before a call never reaching the phone after the call's "Dipanggil" (they share the tag and
 * topic: it would replace the call on the lock screen).
 */
describe(`${PushSender.name} order`, () => {
  const vapid = { ...generateVAPIDKeys(), subject: 'mailto:operator@mpp.test' };
  let t: TestApp;
  let h: Hall;
  let peer: TestPushService;
  let arrivals: Map<PushRequest, number>;

  beforeAll(async () => {
    peer = await new TestPushService().start();
    arrivals = recordArrivals(peer);
    t = await createTestApp({ clock: new FixedClock(new Date(KUPANG_MONDAY_0900)), config: { vapid } });
    h = await setupHall(t);
    t.app.get(PushSender).agent = peer.agent;
    // The second Dukcapil counter stays paused: each test's calls come from the first.
    await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'pause').expect(200);
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await peer?.stop();
  });

  const idle = () => t.app.get(PushService).idle();
  const officer = () => h.officers.dukcapil1;
  const counter = () => h.counters.dukcapil1;
  const setAheadNotice = (aheadNotice: number) =>
    t.http().put('/api/v1/admin/sites/kota-kupang/push-settings').auth(h.kupangSiteAdmin, { type: 'bearer' }).send({ aheadNotice }).expect(200);
  const subscribe = (code: string, s: Pick<TestBrowserSubscription, 'endpoint' | 'keys'>) =>
    t.http().post(`/api/v1/tickets/${code}/push-subscription`).send({ endpoint: s.endpoint, keys: s.keys }).expect(201);
  const kindsSent = (path: string, browser: TestBrowserSubscription) =>
    peer.to(path).map((r) => (JSON.parse(browser.decrypt(r.body)) as PushPayload).notification.data.kind);
  /** The counter each message sent to the path named (null: not a call). */
  const countersSent = (path: string, browser: TestBrowserSubscription) =>
    peer.to(path).map((r) => ((JSON.parse(browser.decrypt(r.body)) as PushPayload).notification.data as TicketPushData).counter);
  /** Retry waits long beside a return and a call at the other counter, for the test's duration. */
  const withRetryDelay = async (retryMs: number, body: () => Promise<void>) => {
    const sender = t.app.get(PushSender);
    const delays = sender.retryDelaysMs;
    sender.retryDelaysMs = [retryMs, retryMs, retryMs];
    try {
      await body();
    } finally {
      sender.retryDelaysMs = delays;
    }
  };
  /**
   * The officer at the first counter returns the ticket to the line and the second counter (opened
   * for it) calls it; the second counter is served, finished and paused again by `releaseSecond`.
   */
  const returnAndCallAtSecond = async (ticketId: string) => {
    await counterAction(t, officer(), counter(), 'return').expect(200);
    await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'open').expect(200);
    const again = (await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'call-next').expect(200)).body as TicketResponse;
    expect(again.id).toBe(ticketId);
  };
  /** Until the stand-in has written the answer it held for a request (no timer of it outlives the test). */
  const heldAnswerWritten = (r: PushRequest, heldMs: number) =>
    new Promise((resolve) => setTimeout(resolve, Math.max(0, arrivedAt(r) + heldMs + 100 - Date.now())));
  const releaseSecond = async () => {
    await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'start').expect(200);
    await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'finish').expect(200);
    await counterAction(t, h.officers.dukcapil2, h.counters.dukcapil2, 'pause').expect(200);
  };
  const arrivedAt = (r: PushRequest) => {
    const at = arrivals.get(r);
    if (at === undefined) throw new Error('request arrival not recorded');
    return at;
  };
  /** Until the ahead check has claimed the ticket's "N orang lagi" (queued in PushSender, maybe not sent). */
  const aheadClaimed = async (ticketId: string) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const rows = (await t.app.get(DataSource).query(`SELECT ahead_sent_at FROM push_subscription WHERE ticket_id = $1`, [ticketId])) as { ahead_sent_at: Date | null }[];
      if (rows.length > 0 && rows.every((r) => r.ahead_sent_at !== null)) return;
      if (Date.now() > deadline) throw new Error('the ahead message was never claimed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  /** Empties the Dukcapil line and frees the counter, so each test's ticket is the first called. */
  const drain = async () => {
    await counterAction(t, officer(), counter(), 'start');
    await counterAction(t, officer(), counter(), 'finish');
    for (let i = 0; i < 50; i++) {
      const res = await counterAction(t, officer(), counter(), 'call-next');
      if (res.status !== 200) return;
      await counterAction(t, officer(), counter(), 'start').expect(200);
      await counterAction(t, officer(), counter(), 'finish').expect(200);
    }
  };
  beforeEach(async () => {
    await setAheadNotice(0);
    await drain();
    await idle();
  });

  it('should send a subscription\'s messages one at a time in the order queued while the push service holds the first', async () => {
    await setAheadNotice(1);
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    const browser = peer.subscription('/s/order');
    peer.answer('/s/order', { status: 201, delayMs: SLOW_MS }, { status: 201, delayMs: SLOW_MS / 2 }, { status: 201 });
    await subscribe(ticket.publicCode, browser);
    // First in line: "Anda berikutnya" leaves at once, and its answer is held.
    const [first] = await peer.waitFor('/s/order', 1, 15_000);

    const called = (await counterAction(t, officer(), counter(), 'call-next').expect(200)).body as TicketResponse;
    expect(called.id).toBe(ticket.id);
    await counterAction(t, officer(), counter(), 'recall').expect(200);
    const queuedBy = Date.now();
    await peer.waitFor('/s/order', 3, 30_000);
    await idle();

    // Both calls were queued while the first message was still unanswered ...
    expect(queuedBy - arrivedAt(first)).toBeLessThan(SLOW_MS);
    // ... and each message left only once the one before it had been answered.
    const sent = peer.to('/s/order');
    expect(kindsSent('/s/order', browser)).toEqual(['ahead', 'called', 'called']);
    expect(arrivedAt(sent[1]) - arrivedAt(sent[0])).toBeGreaterThanOrEqual(SLOW_MS - SLACK_MS);
    expect(arrivedAt(sent[2]) - arrivedAt(sent[1])).toBeGreaterThanOrEqual(SLOW_MS / 2 - SLACK_MS);
  }, 90_000);

  it('should not hold one subscription\'s messages behind another\'s slow answer', async () => {
    await setAheadNotice(0);
    const slowTicket = await issue(t, h.kiosk, h.services.ktpBaru);
    const fastTicket = await issue(t, h.kiosk, h.services.ktpBaru);
    const slow = peer.subscription('/s/other-slow');
    const fast = peer.subscription('/s/other-fast');
    peer.answer('/s/other-slow', { status: 201, delayMs: SLOW_MS });
    await subscribe(slowTicket.publicCode, slow);
    await subscribe(fastTicket.publicCode, fast);

    await counterAction(t, officer(), counter(), 'call-next').expect(200);
    const [slowCall] = await peer.waitFor('/s/other-slow', 1, 15_000);
    await counterAction(t, officer(), counter(), 'start').expect(200);
    await counterAction(t, officer(), counter(), 'finish').expect(200);
    const next = (await counterAction(t, officer(), counter(), 'call-next').expect(200)).body as TicketResponse;
    expect(next.id).toBe(fastTicket.id);
    const [fastCall] = await peer.waitFor('/s/other-fast', 1, 15_000);
    await idle();

    // The other phone's call left while the first phone's was still unanswered.
    expect(arrivedAt(fastCall) - arrivedAt(slowCall)).toBeLessThan(SLOW_MS);
    expect(kindsSent('/s/other-fast', fast)).toEqual(['called']);
  }, 90_000);

  it('should drop an "N orang lagi" that was still waiting its turn when the call was queued, and send only the call', async () => {
    await setAheadNotice(SENDER_SLOTS + 2);
    // Eight other phones, each told "N orang lagi" at once, whose push service is slow: every
    // sending slot is taken.
    const blockers = Array.from({ length: SENDER_SLOTS }, (_, i) => `/s/block-${i}`);
    const blockerTickets: TicketResponse[] = [];
    for (const path of blockers) {
      blockerTickets.push(await issue(t, h.kiosk, h.services.skck));
      peer.answer(path, { status: 201, delayMs: BLOCK_MS });
    }
    await Promise.all(blockers.map((path, i) => subscribe(blockerTickets[i].publicCode, peer.subscription(path))));
    const held = await Promise.all(blockers.map(async (path) => (await peer.waitFor(path, 1, 15_000))[0]));

    // This phone's "Anda berikutnya" is queued behind them, then its ticket is called.
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    const browser = peer.subscription('/s/dropped-ahead');
    await subscribe(ticket.publicCode, browser);
    await aheadClaimed(ticket.id);
    expect(peer.to('/s/dropped-ahead')).toHaveLength(0);
    const called = (await counterAction(t, officer(), counter(), 'call-next').expect(200)).body as TicketResponse;
    expect(called.id).toBe(ticket.id);
    const queuedBy = Date.now();
    await peer.waitFor('/s/dropped-ahead', 1, 30_000);
    await idle();

    // The call was queued while every slot was still held (else the ahead could have left first) ...
    expect(queuedBy - Math.min(...held.map(arrivedAt))).toBeLessThan(BLOCK_MS);
    // ... and the phone was told only of the call.
    expect(kindsSent('/s/dropped-ahead', browser)).toEqual(['called']);
    for (const path of blockers) expect(peer.to(path)).toHaveLength(1);
    // The eight tickets leave the line for the tests after this one.
    for (let i = 0; i < SENDER_SLOTS; i++) {
      await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200);
      await counterAction(t, h.officers.polresta, h.counters.polresta, 'start').expect(200);
      await counterAction(t, h.officers.polresta, h.counters.polresta, 'finish').expect(200);
    }
    await idle();
  }, 300_000);

  it('should not send again, after the call, an "N orang lagi" whose first attempt failed', async () => {
    const retryMs = SLOW_MS;
    const sender = t.app.get(PushSender);
    const delays = sender.retryDelaysMs;
    sender.retryDelaysMs = [retryMs, retryMs, retryMs];
    try {
      await setAheadNotice(1);
      const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
      const browser = peer.subscription('/s/ahead-retry');
      peer.answer('/s/ahead-retry', { status: 500 }, { status: 201 });
      await subscribe(ticket.publicCode, browser);
      const [failed] = await peer.waitFor('/s/ahead-retry', 1, 15_000);

      // While "Anda berikutnya" waits for its second attempt, the ticket is called.
      const called = (await counterAction(t, officer(), counter(), 'call-next').expect(200)).body as TicketResponse;
      expect(called.id).toBe(ticket.id);
      const queuedBy = Date.now();
      await peer.waitFor('/s/ahead-retry', 2, 15_000);
      await idle();

      expect(queuedBy - arrivedAt(failed)).toBeLessThan(retryMs);
      // The failed "Anda berikutnya", then the call; the retry is never sent.
      expect(kindsSent('/s/ahead-retry', browser)).toEqual(['ahead', 'called']);
    } finally {
      sender.retryDelaysMs = delays;
    }
  }, 90_000);

  it('should not send a failed call\'s retry after a newer call of the same ticket (another loket)', async () => {
    const retryMs = SLOW_MS;
    await withRetryDelay(retryMs, async () => {
      const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
      const browser = peer.subscription('/s/call-retry');
      peer.answer('/s/call-retry', { status: 500 }, { status: 201 });
      await subscribe(ticket.publicCode, browser);

      // Called at the first loket: the push service answers 500, the call waits for its retry ...
      expect(((await counterAction(t, officer(), counter(), 'call-next').expect(200)).body as TicketResponse).id).toBe(ticket.id);
      const [failed] = await peer.waitFor('/s/call-retry', 1, 15_000);
      // ... meanwhile the ticket goes back to the line and the second loket calls it.
      await returnAndCallAtSecond(ticket.id);
      const queuedBy = Date.now();
      await peer.waitFor('/s/call-retry', 2, 15_000);
      await idle();
      await releaseSecond();

      // The newer call was queued before the retry was due (else the retry could rightly go first) ...
      expect(queuedBy - arrivedAt(failed)).toBeLessThan(retryMs);
      // ... and the phone ends showing the second loket: the stale call is not sent after it.
      const first = h.counters.dukcapil1.number;
      const second = h.counters.dukcapil2.number;
      expect(first).not.toBe(second);
      expect(kindsSent('/s/call-retry', browser)).toEqual(['called', 'called']);
      expect(countersSent('/s/call-retry', browser)).toEqual([first, second]);
    });
  }, 90_000);

  it('should not resend a call that timed out once a newer call of the same ticket is queued, and send that one only after it', async () => {
    const retryMs = SLOW_MS;
    await withRetryDelay(retryMs, async () => {
      const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
      const browser = peer.subscription('/s/call-timeout');
      // The push service takes the first call but answers only after the sender stopped waiting.
      peer.answer('/s/call-timeout', { status: 201, delayMs: SEND_TIMEOUT_MS + SLOW_MS }, { status: 201 });
      await subscribe(ticket.publicCode, browser);

      expect(((await counterAction(t, officer(), counter(), 'call-next').expect(200)).body as TicketResponse).id).toBe(ticket.id);
      const [held] = await peer.waitFor('/s/call-timeout', 1, 15_000);
      await returnAndCallAtSecond(ticket.id);
      const queuedBy = Date.now();
      await peer.waitFor('/s/call-timeout', 2, 60_000);
      await idle();
      await releaseSecond();

      // The newer call was queued while the first was still unanswered ...
      expect(queuedBy - arrivedAt(held)).toBeLessThan(SEND_TIMEOUT_MS);
      const sent = peer.to('/s/call-timeout');
      // ... left only once the sender gave up waiting for the first ...
      expect(arrivedAt(sent[1]) - arrivedAt(held)).toBeGreaterThanOrEqual(SEND_TIMEOUT_MS - SLACK_MS);
      // ... and the first, which the push service did take, is not sent again after it.
      expect(countersSent('/s/call-timeout', browser)).toEqual([h.counters.dukcapil1.number, h.counters.dukcapil2.number]);
      // One topic for the ticket's messages: the push service keeps only the newest one pending.
      expect(new Set(sent.map((r) => r.headers.topic)).size).toBe(1);
      expect(sent[0].headers.topic).toBeTruthy();
      await heldAnswerWritten(held, SEND_TIMEOUT_MS + SLOW_MS);
    });
  }, 120_000);

  it('should resend a call that timed out when nothing newer is queued, under the same Topic (the push service replaces it)', async () => {
    const sender = t.app.get(PushSender);
    const timeoutMs = sender.sendTimeoutMs;
    // Shortened for this test only; the answer is held well beyond it.
    sender.sendTimeoutMs = SLOW_MS / 2;
    try {
      await withRetryDelay(SLOW_MS / 3, async () => {
        const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
        const browser = peer.subscription('/s/call-resent');
        peer.answer('/s/call-resent', { status: 201, delayMs: SLOW_MS }, { status: 201 });
        await subscribe(ticket.publicCode, browser);

        expect(((await counterAction(t, officer(), counter(), 'call-next').expect(200)).body as TicketResponse).id).toBe(ticket.id);
        await peer.waitFor('/s/call-resent', 2, 60_000);
        await idle();

        // A call is never lost: with no answer in time it is sent again, after the timeout and the wait ...
        const sent = peer.to('/s/call-resent');
        expect(sent).toHaveLength(2);
        expect(arrivedAt(sent[1]) - arrivedAt(sent[0])).toBeGreaterThanOrEqual(SLOW_MS / 2 + SLOW_MS / 3 - SLACK_MS);
        expect(countersSent('/s/call-resent', browser)).toEqual([h.counters.dukcapil1.number, h.counters.dukcapil1.number]);
        // ... with the same Topic and tag, so it replaces the first rather than adding to it.
        expect(sent[1].headers.topic).toBe(sent[0].headers.topic);
        expect(sent[0].headers.topic).toBeTruthy();
        const tags = sent.map((r) => (JSON.parse(browser.decrypt(r.body)) as PushPayload).notification.tag);
        expect(tags[1]).toBe(tags[0]);
        await heldAnswerWritten(sent[0], SLOW_MS);
      });
    } finally {
      sender.sendTimeoutMs = timeoutMs;
    }
  }, 90_000);
});
