import type { PriorityClass, QueuePolicy } from '@mpp/contracts';
import { chooseNext, orderedQueue, QueueCandidate } from './queue-order';
import { callsBeforeInLane, HallCounter, mayCall, placeInHall, WaitingGroup } from './queue-position';

interface HallTicket extends QueueCandidate {
  serviceId: string;
}

const policyOf = (mode: QueuePolicy['mode'], interleaveEvery = 3): QueuePolicy => ({ mode, interleaveEvery, allowPick: false, maxRecalls: 3 });

/** A small deterministic generator (the tests must not depend on Math.random). */
function rng(seed: number): () => number {
  let x = Math.imul(seed, 2654435761) >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
  for (let i = 0; i < 8; i++) next();
  return next;
}

const at = (i: number) => new Date(Date.UTC(2026, 10, 23, 1, 0, i)).toISOString();

function newTicket(i: number, overrides: Partial<HallTicket> = {}): HallTicket {
  return { id: `t${String(i).padStart(3, '0')}`, priority: 'regular', queueAt: at(i), targetCounterId: null, serviceId: 's1', ...overrides };
}

/** What the database's grouped count gives for `me` among `all` (the ticket itself left out). */
function groupsFor(all: readonly HallTicket[], me: HallTicket): WaitingGroup[] {
  const groups = new Map<string, WaitingGroup>();
  for (const t of all) {
    if (t.id === me.id) continue;
    const priority = t.priority !== 'regular';
    const key = `${t.serviceId}|${t.targetCounterId ?? ''}|${priority}`;
    const g = groups.get(key) ?? { serviceId: t.serviceId, targetCounterId: t.targetCounterId, priority, ahead: 0, total: 0 };
    g.total += 1;
    if (t.queueAt < me.queueAt || (t.queueAt === me.queueAt && t.id < me.id)) g.ahead += 1;
    groups.set(key, g);
  }
  return [...groups.values()];
}

/**
 * Every order in which the counters may call (any counter with something to call may go next,
 * until none has): per ticket, the fewest and the most calls made before it by the counters that
 * may call it, each call chosen by `chooseNext`.
 */
function everyDrain(tickets: readonly HallTicket[], counters: readonly HallCounter[], policy: QueuePolicy): Map<string, { least: number; most: number }> {
  const seen = new Map<string, { least: number; most: number }>();
  const eligible = new Map(tickets.map((t) => [t.id, new Set(counters.filter((k) => mayCall(k, t)).map((k) => k.id))]));
  const walk = (waiting: HallTicket[], streaks: number[], calls: { counterId: string; ticketId: string }[]) => {
    let any = false;
    counters.forEach((k, i) => {
      const choice = chooseNext(
        waiting.filter((t) => k.serviceIds.includes(t.serviceId)),
        policy,
        streaks[i],
        k.id,
      );
      if (!choice) return;
      any = true;
      const nextStreaks = [...streaks];
      nextStreaks[i] = choice.nextStreak;
      walk(
        waiting.filter((t) => t.id !== choice.candidate.id),
        nextStreaks,
        [...calls, { counterId: k.id, ticketId: choice.candidate.id }],
      );
    });
    if (any) return;
    calls.forEach((call, index) => {
      const mine = eligible.get(call.ticketId)!;
      const before = calls.slice(0, index).filter((c) => mine.has(c.counterId)).length;
      const s = seen.get(call.ticketId) ?? { least: Number.POSITIVE_INFINITY, most: 0 };
      seen.set(call.ticketId, { least: Math.min(s.least, before), most: Math.max(s.most, before) });
    });
  };
  walk([...tickets], counters.map((k) => k.regularStreak), []);
  return seen;
}

function randomHall(seed: number): { tickets: HallTicket[]; counters: HallCounter[]; policy: QueuePolicy } {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const services = ['s1', 's2', 's3'].slice(0, 1 + Math.floor(rand() * 3));
  const counters: HallCounter[] = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) => {
    const own = services.filter(() => rand() < 0.6);
    return { id: `k${i + 1}`, serviceIds: own.length > 0 ? own : [pick(services)], regularStreak: Math.floor(rand() * 4) };
  });
  const classes: PriorityClass[] = ['regular', 'regular', 'regular', 'elderly', 'disability'];
  const tickets = Array.from({ length: 1 + Math.floor(rand() * 6) }, (_, i) => {
    const serviceId = pick(services);
    const servers = counters.filter((k) => k.serviceIds.includes(serviceId));
    const targeted = servers.length > 0 && rand() < 0.15 ? pick(servers).id : null;
    // A few share a queue time, so the issue order decides.
    return newTicket(i, { serviceId, priority: pick(classes), targetCounterId: targeted, queueAt: at(Math.floor(i * 0.8)) });
  });
  const policy = rand() < 0.4 ? policyOf('priority_first') : policyOf('interleave', 1 + Math.floor(rand() * 3));
  return { tickets, counters, policy };
}

describe(callsBeforeInLane.name, () => {
  it.each([
    ['priority_first', 3],
    ['interleave', 1],
    ['interleave', 2],
    ['interleave', 4],
  ] as const)('should count what orderedQueue puts before a ticket (%s, every %i)', (mode, every) => {
    const policy = policyOf(mode, every);
    for (let seed = 1; seed <= 300; seed++) {
      const rand = rng(seed);
      const queue = Array.from({ length: 1 + Math.floor(rand() * 14) }, (_, i) => newTicket(i, { priority: rand() < 0.35 ? 'elderly' : 'regular' }));
      const streak = Math.floor(rand() * 5);
      const order = orderedQueue(queue, policy, streak, 'k1');
      for (const me of queue) {
        const isPriority = me.priority !== 'regular';
        const sameAhead = queue.filter((t) => (t.priority !== 'regular') === isPriority && t.id < me.id).length;
        const otherTotal = queue.filter((t) => (t.priority !== 'regular') !== isPriority).length;
        const sut = callsBeforeInLane(isPriority, sameAhead, otherTotal, streak, policy);
        expect({ seed, id: me.id, calls: sut.same + sut.other }).toEqual({ seed, id: me.id, calls: order.findIndex((t) => t.id === me.id) });
      }
    }
  });
});

describe(placeInHall.name, () => {
  it('should place a ticket behind an older ticket of another service at the counter they share (A003 akta, A004 KTP)', () => {
    const akta = newTicket(3, { serviceId: 'akta' });
    const ktp = newTicket(4, { serviceId: 'ktp' });
    const counters: HallCounter[] = [{ id: 'k1', serviceIds: ['akta', 'ktp'], regularStreak: 0 }];
    const sut = placeInHall(ktp, groupsFor([akta, ktp], ktp), counters, policyOf('priority_first'));
    expect(sut).toMatchObject({ min: 2, max: 2 });
  });

  it('should give a range, never "next", when another counter may or may not call first', () => {
    const akta = newTicket(3, { serviceId: 'akta' });
    const ktp = newTicket(4, { serviceId: 'ktp' });
    const counters: HallCounter[] = [
      { id: 'k1', serviceIds: ['akta', 'ktp'], regularStreak: 0 },
      { id: 'k2', serviceIds: ['ktp'], regularStreak: 0 },
    ];
    const sut = placeInHall(ktp, groupsFor([akta, ktp], ktp), counters, policyOf('priority_first'));
    expect(sut).toMatchObject({ min: 1, max: 2 });
  });

  it('should be exact for one line served by several counters, priority first', () => {
    const rand = rng(7);
    const queue = Array.from({ length: 12 }, (_, i) => newTicket(i, { priority: rand() < 0.3 ? 'pregnant' : 'regular' }));
    const counters: HallCounter[] = [1, 2, 3].map((i) => ({ id: `k${i}`, serviceIds: ['s1'], regularStreak: i }));
    const order = orderedQueue(queue, policyOf('priority_first'), 0, 'k1');
    for (const me of queue) {
      const sut = placeInHall(me, groupsFor(queue, me), counters, policyOf('priority_first'))!;
      const place = order.indexOf(me) + 1;
      expect(sut).toMatchObject({ min: place, max: place });
    }
  });

  it('should answer null when no open counter may call the ticket', () => {
    const me = newTicket(1, { serviceId: 'skck' });
    expect(placeInHall(me, [], [{ id: 'k1', serviceIds: ['ktp'], regularStreak: 0 }], policyOf('priority_first'))).toBeNull();
  });

  it('should hold for every order in which the counters may call, and say "next" exactly when it is certain', () => {
    let ranges = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const { tickets, counters, policy } = randomHall(seed);
      const truth = everyDrain(tickets, counters, policy);
      for (const me of tickets) {
        const sut = placeInHall(me, groupsFor(tickets, me), counters, policy);
        const seen = truth.get(me.id);
        if (!sut) {
          expect({ seed, id: me.id, called: seen !== undefined }).toEqual({ seed, id: me.id, called: false });
          continue;
        }
        if (sut.min !== sut.max) ranges++;
        expect({ seed, id: me.id, within: sut.min - 1 <= seen!.least && seen!.most <= sut.max - 1 }).toEqual({ seed, id: me.id, within: true });
        expect({ seed, id: me.id, next: sut.max === 1 }).toEqual({ seed, id: me.id, next: seen!.most === 0 });
        expect({ seed, id: me.id, expected: sut.min - 1 <= sut.expectedAhead && sut.expectedAhead <= sut.max - 1 }).toEqual({ seed, id: me.id, expected: true });
      }
    }
    // The random halls do exercise the uncertain case.
    expect(ranges).toBeGreaterThan(50);
  });
});
