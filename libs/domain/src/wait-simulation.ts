/**
 * A simulated hall to measure the wait estimate against (docs/queue.md "Place and estimated
 * wait"): Poisson arrivals over the opening hours of several days, counters that call the next
 * ticket by `chooseNext` the moment they are free, service times drawn from a distribution. For
 * every ticket the simulation records the wait shown when it was issued (`shownWaitMinutes`, from
 * `placeInHall` and the last measured call→finish times, as the API computes it) and the wait it
 * really had (issue → call). Deterministic: the same hall and seed give the same figures.
 *
 * Pure TypeScript, no I/O: `npx jest libs/domain/src/wait-simulation.spec.ts` checks the bias and
 * prints the table of docs/queue.md.
 */
import type { QueuePolicy } from '@mpp/contracts';
import { chooseNext, type QueueCandidate } from './queue-order';
import { placeInHall, type HallCounter, type WaitingGroup } from './queue-position';
import { meanMinutes, shownWaitMinutes, type CounterWork } from './wait-estimate';

/** A seeded generator (xorshift32 over a mixed seed): deterministic across runs and machines. */
export function seededRandom(seed: number): () => number {
  let x = Math.imul(seed, 2654435761) >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return (x + 0.5) / 4294967296;
  };
  for (let i = 0; i < 8; i++) next();
  return next;
}

export type ServiceTime = { kind: 'exponential'; mean: number } | { kind: 'lognormal'; mean: number; sigma: number };

export interface SimService {
  id: string;
  /** Arrivals per minute during opening hours. */
  arrivalsPerMinute: number;
  time: ServiceTime;
}

export interface SimHall {
  name: string;
  services: readonly SimService[];
  /** Per counter, the services it calls. */
  counters: readonly (readonly string[])[];
  days: number;
  /** Minutes a day during which tickets are issued; the hall then serves those still waiting. */
  openMinutes: number;
  seed: number;
}

export interface ErrorFigures {
  /** (Σ shown − Σ real) ÷ Σ real. */
  bias: number;
  /** Mean |shown − real|, minutes. */
  meanAbsoluteError: number;
}

export interface SimResult {
  name: string;
  tickets: number;
  /** Offered load: Σ arrivals × mean time ÷ counters. */
  utilisation: number;
  meanRealWait: number;
  estimate: ErrorFigures;
  /** The best of the simple formulas `k × mean ÷ c` (k = place or place − 1), and which it was. */
  simple: ErrorFigures & { formula: string };
  /** The estimate before issue 10: ⌈(place in its own service − 1) × median ÷ counters of the service⌉. */
  previous: ErrorFigures;
}

function draw(time: ServiceTime, rand: () => number): number {
  if (time.kind === 'exponential') return -time.mean * Math.log(rand());
  // Box–Muller; mu chosen so that the mean is `time.mean`.
  const z = Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
  return Math.exp(Math.log(time.mean) - (time.sigma * time.sigma) / 2 + time.sigma * z);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface SimTicket extends QueueCandidate {
  serviceId: string;
  issuedAt: number;
  shown: number;
  simple: [number, number];
  previous: number;
  calledAt: number | null;
}

interface SimCounter extends HallCounter {
  busy: { ticket: SimTicket; at: number; until: number } | null;
}

const POLICY: QueuePolicy = { mode: 'priority_first', interleaveEvery: 3, allowPick: false, maxRecalls: 3 };
const RECENT = 50;

/** Runs the hall for its days and compares the shown waits with the real ones. */
export function simulateHall(hall: SimHall): SimResult {
  const rand = seededRandom(hall.seed);
  const byId = new Map(hall.services.map((s) => [s.id, s]));
  const recent = new Map<string, number[]>(hall.services.map((s) => [s.id, []]));
  const expected = (serviceId: string) => byId.get(serviceId)!.time.mean;
  const mean = (serviceId: string) => meanMinutes(recent.get(serviceId)!, expected(serviceId));
  const done: SimTicket[] = [];
  const rate = hall.services.reduce((sum, s) => sum + s.arrivalsPerMinute, 0);
  let seq = 0;

  for (let day = 0; day < hall.days; day++) {
    const counters: SimCounter[] = hall.counters.map((serviceIds, i) => ({ id: `k${i + 1}`, serviceIds, regularStreak: 0, busy: null }));
    const waiting: SimTicket[] = [];
    let now = 0;
    let nextArrival = -Math.log(rand()) / rate;

    const callFree = () => {
      for (const k of counters) {
        if (k.busy) continue;
        const choice = chooseNext(waiting.filter((t) => k.serviceIds.includes(t.serviceId)), POLICY, k.regularStreak, k.id);
        if (!choice) continue;
        const ticket = choice.candidate;
        waiting.splice(waiting.indexOf(ticket), 1);
        ticket.calledAt = now;
        k.regularStreak = choice.nextStreak;
        k.busy = { ticket, at: now, until: now + draw(byId.get(ticket.serviceId)!.time, rand) };
      }
    };

    const issue = () => {
      let pick = rand() * rate;
      const service = hall.services.find((s) => (pick -= s.arrivalsPerMinute) < 0) ?? hall.services[hall.services.length - 1];
      const ticket: SimTicket = {
        id: `t${String(seq++).padStart(8, '0')}`,
        priority: 'regular',
        queueAt: new Date(Date.UTC(2026, 0, 1) + day * 86_400_000 + now * 60_000),
        targetCounterId: null,
        serviceId: service.id,
        issuedAt: now,
        shown: 0,
        simple: [0, 0],
        previous: 0,
        calledAt: null,
      };
      // Everyone waiting is ahead of a ticket issued now.
      const groups: WaitingGroup[] = hall.services.map((s) => {
        const n = waiting.filter((t) => t.serviceId === s.id).length;
        return { serviceId: s.id, targetCounterId: null, priority: false, ahead: n, total: n };
      });
      const place = placeInHall(ticket, groups, counters, POLICY)!;
      const eligible = counters.filter((k) => place.counterIds.includes(k.id));
      let weight = 0;
      let minutes = 0;
      for (const [serviceId, n] of place.aheadByService) {
        weight += n;
        minutes += n * mean(serviceId);
      }
      const meanAhead = weight > 0 ? minutes / weight : mean(service.id);
      const work: CounterWork[] = eligible.map((k) => {
        const held = k.busy?.ticket.serviceId ?? service.id;
        return { busyForMinutes: k.busy ? now - k.busy.at : null, durations: recent.get(held)!, expectedMinutes: expected(held) };
      });
      ticket.shown = shownWaitMinutes({ ahead: place.expectedAhead, meanAheadMinutes: meanAhead, counters: work });
      ticket.simple = [((place.expectedAhead + 1) * meanAhead) / eligible.length, (place.expectedAhead * meanAhead) / eligible.length];
      const ownAhead = waiting.filter((t) => t.serviceId === service.id).length;
      const samples = recent.get(service.id)!;
      const typical = samples.length >= 3 ? median(samples.slice(-20)) : expected(service.id);
      ticket.previous = Math.ceil((ownAhead * typical) / Math.max(1, eligible.length) - 1e-9);
      waiting.push(ticket);
    };

    for (;;) {
      const busy = counters.filter((k) => k.busy);
      const nextFinish = busy.reduce<SimCounter | null>((first, k) => (first === null || k.busy!.until < first.busy!.until ? k : first), null);
      const arrivalDue = nextArrival <= hall.openMinutes;
      if (!arrivalDue && !nextFinish) break;
      if (arrivalDue && (!nextFinish || nextArrival <= nextFinish.busy!.until)) {
        now = nextArrival;
        issue();
        nextArrival = now - Math.log(rand()) / rate;
      } else {
        const k = nextFinish!;
        now = k.busy!.until;
        const list = recent.get(k.busy!.ticket.serviceId)!;
        list.push(now - k.busy!.at);
        if (list.length > RECENT) list.shift();
        done.push(k.busy!.ticket);
        k.busy = null;
      }
      callFree();
    }
  }

  const real = done.map((t) => t.calledAt! - t.issuedAt);
  const figures = (shown: (t: SimTicket) => number): ErrorFigures => {
    let sumShown = 0;
    let sumReal = 0;
    let absolute = 0;
    done.forEach((t, i) => {
      const s = shown(t);
      sumShown += s;
      sumReal += real[i];
      absolute += Math.abs(s - real[i]);
    });
    return { bias: (sumShown - sumReal) / sumReal, meanAbsoluteError: absolute / done.length };
  };
  const simpleFormulas = [
    { formula: 'place × mean ÷ c', ...figures((t) => t.simple[0]) },
    { formula: '(place − 1) × mean ÷ c', ...figures((t) => t.simple[1]) },
  ].sort((a, b) => a.meanAbsoluteError - b.meanAbsoluteError);
  const load = hall.services.reduce((sum, s) => sum + s.arrivalsPerMinute * s.time.mean, 0) / hall.counters.length;
  return {
    name: hall.name,
    tickets: done.length,
    utilisation: load,
    meanRealWait: real.reduce((a, b) => a + b, 0) / real.length,
    estimate: figures((t) => t.shown),
    simple: simpleFormulas[0],
    previous: figures((t) => t.previous),
  };
}

/** The halls of docs/queue.md: M/M/3 at three loads, two services sharing counters (all, or some), log-normal times. */
export function referenceHalls(days = 40): SimHall[] {
  const mm3 = (utilisation: number, seed: number): SimHall => ({
    name: `M/M/3, utilisation ${utilisation}`,
    services: [{ id: 'ktp', arrivalsPerMinute: (utilisation * 3) / 10, time: { kind: 'exponential', mean: 10 } }],
    counters: [['ktp'], ['ktp'], ['ktp']],
    days,
    openMinutes: 420,
    seed,
  });
  return [
    mm3(0.5, 1),
    mm3(0.8, 2),
    mm3(0.9, 3),
    {
      name: 'two services sharing 3 counters (6 and 15 min), utilisation 0.8',
      services: [
        { id: 'ktp', arrivalsPerMinute: 0.2, time: { kind: 'exponential', mean: 6 } },
        { id: 'akta', arrivalsPerMinute: 0.08, time: { kind: 'exponential', mean: 15 } },
      ],
      counters: [
        ['ktp', 'akta'],
        ['ktp', 'akta'],
        ['ktp', 'akta'],
      ],
      days,
      openMinutes: 420,
      seed: 4,
    },
    {
      name: 'two services, counters partly shared (KTP · KTP+akta · akta, 8 and 12 min), utilisation 0.8',
      services: [
        { id: 'ktp', arrivalsPerMinute: 0.15, time: { kind: 'exponential', mean: 8 } },
        { id: 'akta', arrivalsPerMinute: 0.1, time: { kind: 'exponential', mean: 12 } },
      ],
      counters: [['ktp'], ['ktp', 'akta'], ['akta']],
      days,
      openMinutes: 420,
      seed: 6,
    },
    {
      name: 'log-normal times (mean 10, σ 1), 3 counters, utilisation 0.8',
      services: [{ id: 'ktp', arrivalsPerMinute: 0.24, time: { kind: 'lognormal', mean: 10, sigma: 1 } }],
      counters: [['ktp'], ['ktp'], ['ktp']],
      days,
      openMinutes: 420,
      seed: 5,
    },
  ];
}
