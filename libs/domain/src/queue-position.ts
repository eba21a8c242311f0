/**
 * Where a waiting ticket stands in the hall, counted from the calling order of queue-order.ts
 * (`chooseNext`, which `queue_call_next` follows) at every open counter that may call it.
 *
 * A ticket's place is 1 + the number of tickets, waiting now, that counters which could also call
 * it will call before it ("ahead"). With one line (every counter serving the ticket serves the
 * same services, priority first) that number is certain. When the open counters serve different
 * sets of services, or keep different regular streaks under interleaving, it depends on which
 * counter frees first, so the place is a range `min`–`max` that holds whatever the order of the
 * counters' calls (new tickets, transfers and cancellations aside):
 *
 * - max: each counter `k` that may call the ticket calls at most `pos_k − 1` tickets before it,
 *   where `pos_k` is its place in `orderedQueue` for `k` alone (other counters taking tickets only
 *   shorten `k`'s way), and every ticket called before it by such a counter lies in a lane that
 *   can precede it there: the targeted lanes of those counters, older tickets of its own lane, and
 *   the other lane (all of it under interleaving; the priority lane for a regular ticket when
 *   priority goes first). The max is the smaller of the two sums.
 * - min: if counter `k` calls the ticket, every ticket that must precede it at `k` (its targeted
 *   lane, older tickets of the ticket's lane, and when priority goes first the priority lane of a
 *   regular ticket) has been called before; those that no other open counter can take were
 *   called by a counter that may call the ticket. The min is the least of that over the counters.
 *
 * "You are next" (max = 1) is therefore said only when every counter that may call the ticket
 * has it first in its order. Everything is computed from counts of waiting tickets by
 * (service, class, target counter), so it stays cheap with thousands waiting.
 */
import type { PriorityClass, QueuePolicy } from '@mpp/contracts';

/** An open counter as calling sees it. */
export interface HallCounter {
  id: string;
  /** Services whose tickets this counter calls: its services of its officer's agency. */
  serviceIds: readonly string[];
  /** Regular tickets called in a row since its last priority ticket (`counter.regular_streak`). */
  regularStreak: number;
}

/** Waiting tickets of a site's day of one kind, the ticket itself left out. */
export interface WaitingGroup {
  serviceId: string;
  /** Set by a transfer to a counter: only that counter calls these tickets. */
  targetCounterId: string | null;
  /** Any class but 'regular'. */
  priority: boolean;
  /** Tickets of the group that queue before the ticket (by `queue_at`, then issue order). */
  ahead: number;
  /** All tickets of the group. */
  total: number;
}

export interface PlaceTicket {
  serviceId: string;
  priority: PriorityClass;
  targetCounterId: string | null;
}

export interface HallPlace {
  /** 1-based: the earliest place the ticket can have. */
  min: number;
  /** 1-based: the latest place it can have; 1 only when it is certainly called next. */
  max: number;
  /** The counters that may call the ticket. */
  counterIds: string[];
  /** Per service, the tickets that can be called before this one (their durations make the wait). */
  aheadByService: Map<string, number>;
  /**
   * How many are likely to be called before it, for the wait estimate: `min − 1`, plus of the
   * uncertain `max − min` the share that its counters take. Tickets other counters may also take
   * are shared by capacity (each counter's time split evenly over its services: a counter for
   * akta alone takes more of the akta tickets than one that also calls KTP); an uncertainty that
   * comes from the counters' streaks alone counts half.
   */
  expectedAhead: number;
}

type Policy = Pick<QueuePolicy, 'mode' | 'interleaveEvery'>;

/** True when `counter` may call the ticket. */
export function mayCall(counter: HallCounter, ticket: PlaceTicket): boolean {
  if (ticket.targetCounterId !== null && ticket.targetCounterId !== counter.id) return false;
  return counter.serviceIds.includes(ticket.serviceId);
}

function priorityGoesFirst(policy: Policy): boolean {
  return policy.mode === 'priority_first' || policy.interleaveEvery <= 0;
}

/**
 * Calls a counter makes before an untargeted ticket in its own order (no other counter calling),
 * split into tickets of the ticket's lane and of the other lane, after its targeted lane and
 * starting from `streak`. `sameAhead`: tickets of the ticket's lane before it; `otherTotal`: all
 * tickets of the other lane. Mirrors `pickLane` of queue-order.ts in closed form.
 */
export function callsBeforeInLane(isPriority: boolean, sameAhead: number, otherTotal: number, streak: number, policy: Policy): { same: number; other: number } {
  if (priorityGoesFirst(policy)) return { same: sameAhead, other: isPriority ? 0 : otherTotal };
  const n = policy.interleaveEvery;
  if (isPriority) {
    // The ticket is the (sameAhead+1)-th priority call: n regular calls before each, fewer at first.
    return { same: sameAhead, other: Math.min(otherTotal, Math.max(0, n - streak) + sameAhead * n) };
  }
  // The ticket is the (sameAhead+1)-th regular call: a priority call whenever the streak reaches n.
  const first = Math.max(0, n - streak);
  const priorityCalls = sameAhead >= first ? 1 + Math.floor((sameAhead - first) / n) : 0;
  return { same: sameAhead, other: Math.min(otherTotal, priorityCalls) };
}

interface CounterLanes {
  targetedRegular: number;
  targetedPriority: number;
  same: number;
  other: number;
}

/** The place of `ticket` among the waiting tickets `groups`, given the open `counters`; null when no counter may call it. */
export function placeInHall(ticket: PlaceTicket, groups: readonly WaitingGroup[], counters: readonly HallCounter[], policy: Policy): HallPlace | null {
  const eligible = counters.filter((k) => mayCall(k, ticket));
  if (eligible.length === 0) return null;
  const isPriority = ticket.priority !== 'regular';
  const counterIds = eligible.map((k) => k.id);

  if (ticket.targetCounterId !== null) {
    // Only its counter calls it, and that counter calls its targeted lane oldest first.
    const k = eligible[0];
    const aheadByService = new Map<string, number>();
    let ahead = 0;
    for (const g of groups) {
      if (g.targetCounterId !== k.id || !k.serviceIds.includes(g.serviceId) || g.ahead === 0) continue;
      ahead += g.ahead;
      aheadByService.set(g.serviceId, (aheadByService.get(g.serviceId) ?? 0) + g.ahead);
    }
    return { min: ahead + 1, max: ahead + 1, counterIds, aheadByService, expectedAhead: ahead };
  }

  const others = counters.filter((k) => !mayCall(k, ticket));
  const takenElsewhere = (serviceId: string) => others.some((k) => k.serviceIds.includes(serviceId));
  const otherLaneCounts = !isPriority || !priorityGoesFirst(policy);
  const eligibleServices = new Set(eligible.flatMap((k) => k.serviceIds));

  // The union of what can precede the ticket, per service.
  const aheadByService = new Map<string, number>();
  let unionTargeted = 0;
  let unionSame = 0;
  let unionOther = 0;
  const add = (serviceId: string, n: number): void => {
    if (n > 0) aheadByService.set(serviceId, (aheadByService.get(serviceId) ?? 0) + n);
  };
  for (const g of groups) {
    if (g.targetCounterId !== null) {
      const k = eligible.find((c) => c.id === g.targetCounterId);
      if (k && k.serviceIds.includes(g.serviceId)) {
        unionTargeted += g.total;
        add(g.serviceId, g.total);
      }
    } else if (eligibleServices.has(g.serviceId)) {
      if (g.priority === isPriority) {
        unionSame += g.ahead;
        add(g.serviceId, g.ahead);
      } else if (otherLaneCounts) {
        unionOther += g.total;
        add(g.serviceId, g.total);
      }
    }
  }

  let sumCalls = 0;
  let sumOther = 0;
  let min = Number.POSITIVE_INFINITY;
  // Counters no group targets that serve the same services from the same streak count alike: each
  // such class is counted once (a hall of 30 like counters, a page of thousands of tickets).
  const targetedCounters = new Set(groups.flatMap((g) => (g.targetCounterId === null ? [] : [g.targetCounterId])));
  const alike = new Map<string, { must: number; calls: number; other: number }>();
  for (const k of eligible) {
    const key = targetedCounters.has(k.id) ? null : `${k.regularStreak}|${k.serviceIds.join(',')}`;
    const known = key === null ? undefined : alike.get(key);
    if (known) {
      min = Math.min(min, known.must);
      sumCalls += known.calls;
      sumOther += known.other;
      continue;
    }
    const lanes: CounterLanes = { targetedRegular: 0, targetedPriority: 0, same: 0, other: 0 };
    let must = 0;
    for (const g of groups) {
      if (!k.serviceIds.includes(g.serviceId)) continue;
      if (g.targetCounterId !== null) {
        if (g.targetCounterId !== k.id) continue;
        if (g.priority) lanes.targetedPriority += g.total;
        else lanes.targetedRegular += g.total;
        must += g.total;
      } else if (g.priority === isPriority) {
        lanes.same += g.ahead;
        if (!takenElsewhere(g.serviceId)) must += g.ahead;
      } else {
        lanes.other += g.total;
        if (!isPriority && priorityGoesFirst(policy) && !takenElsewhere(g.serviceId)) must += g.total;
      }
    }
    min = Math.min(min, must);
    // The targeted lane's order of classes is not in the counts: take every streak it can leave.
    const targeted = lanes.targetedRegular + lanes.targetedPriority;
    const streaks =
      lanes.targetedPriority === 0
        ? [k.regularStreak + lanes.targetedRegular]
        : Array.from({ length: lanes.targetedRegular + 1 }, (_, i) => i);
    let most = 0;
    let mostOther = 0;
    for (const streak of streaks) {
      const calls = callsBeforeInLane(isPriority, lanes.same, lanes.other, streak, policy);
      most = Math.max(most, calls.same + calls.other);
      mostOther = Math.max(mostOther, calls.other);
    }
    sumCalls += targeted + most;
    sumOther += mostOther;
    if (key !== null) alike.set(key, { must, calls: targeted + most, other: mostOther });
  }
  const max = Math.min(sumCalls, unionTargeted + unionSame + Math.min(unionOther, sumOther));
  const least = Math.min(min, max);
  return { min: least + 1, max: max + 1, counterIds, aheadByService, expectedAhead: least + (max - least) * shareOfCounters(aheadByService, eligible, others) };
}

/** The part of the uncertain tickets ahead that the ticket's counters are likely to take (see `expectedAhead`). */
function shareOfCounters(aheadByService: ReadonlyMap<string, number>, eligible: readonly HallCounter[], others: readonly HallCounter[]): number {
  const capacity = (counters: readonly HallCounter[], serviceId: string) =>
    counters.reduce((sum, k) => sum + (k.serviceIds.includes(serviceId) ? 1 / k.serviceIds.length : 0), 0);
  let weight = 0;
  let share = 0;
  for (const [serviceId, n] of aheadByService) {
    const elsewhere = capacity(others, serviceId);
    if (elsewhere === 0) continue;
    const mine = capacity(eligible, serviceId);
    weight += n;
    share += (n * mine) / (mine + elsewhere);
  }
  return weight > 0 ? share / weight : 0.5;
}
