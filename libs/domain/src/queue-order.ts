/**
 * Calling order: which waiting ticket a counter calls next. The API's "call next" query must pick
 * the same ticket as `chooseNext`; the apps use `orderedQueue`/`positionOf` to show positions.
 *
 * For the counter `counterId`, with the counter's `regularStreak` (regular tickets called in a row
 * since its last priority ticket):
 *  1. Tickets targeted at another counter are skipped.
 *  2. Tickets targeted at this counter (transferred here) come first, oldest first.
 *  3. The untargeted tickets are split into priority (any non-regular class; the classes are equal
 *     among themselves, docs/domain.md §3 fixes no order between them) and regular, each oldest first:
 *     - 'priority_first': a priority ticket whenever one waits, else a regular one;
 *     - 'interleave': when the streak has reached `interleaveEvery` and a priority ticket waits,
 *       the oldest priority ticket; else the oldest regular one; when only one kind waits, that kind.
 *       (`interleaveEvery` ≤ 0 therefore behaves like 'priority_first'.)
 *  4. Calling a priority ticket resets the streak to 0; calling a regular one adds 1. This holds
 *     for targeted tickets too, in both modes.
 *
 * "Oldest" is by `queueAt`, ties broken by issue order (`seq`, the ticket table's identity column),
 * as `queue_call_next` orders them (`ORDER BY queue_at, seq`); candidates without a `seq` come after
 * those with one and tie by `id` compared as plain strings (code units), for callers whose ids
 * follow issue order (simulations). `queueAt` is compared to the millisecond (JavaScript's
 * precision); PostgreSQL keeps microseconds, so two tickets queued within the same millisecond
 * could be ordered differently by the two; issuing is serialized, so this does not happen in
 * practice.
 *
 * This is the executable specification of the calling order: `queue-call-order.e2e-spec.ts`
 * checks on real PostgreSQL, over random queues, that `queue_call_next` calls exactly the ticket
 * `chooseNext` chooses (given today's waiting tickets of the site whose service is one of the
 * counter's services of the officer's agency) and leaves the counter with `nextStreak`.
 */
import type { PriorityClass, QueuePolicy } from '@mpp/contracts';

export interface QueueCandidate {
  id: string;
  priority: PriorityClass;
  /** When the ticket joined the line: a Date or an ISO 8601 string with offset. */
  queueAt: Date | string;
  /** Set by a transfer: only this counter may call the ticket. */
  targetCounterId: string | null;
  /**
   * Issue order (the ticket's `seq`; bigint as text from the database): breaks ties in `queueAt`.
   * Optional for callers whose ids already follow issue order (see the file's comment).
   */
  seq?: number | string | bigint;
}

export interface QueueChoice<T extends QueueCandidate = QueueCandidate> {
  candidate: T;
  /** The counter's regular streak after calling `candidate`. */
  nextStreak: number;
}

type Lane = 'targeted' | 'priority' | 'regular';

/** Each lane oldest first, as a stack read from `next`. */
interface Lanes<T> {
  targeted: T[];
  priority: T[];
  regular: T[];
}

function timeOf(candidate: QueueCandidate): number {
  const { queueAt } = candidate;
  const ms = queueAt instanceof Date ? queueAt.getTime() : typeof queueAt === 'string' ? Date.parse(queueAt) : NaN;
  if (!Number.isFinite(ms)) {
    throw new RangeError(`Ticket ${candidate.id} has an invalid queueAt: ${String(queueAt)}`);
  }
  return ms;
}

function issueOrderOf(candidate: QueueCandidate): bigint | null {
  const { seq } = candidate;
  if (seq === undefined || seq === null) return null;
  try {
    return BigInt(seq);
  } catch {
    throw new RangeError(`Ticket ${candidate.id} has an invalid seq: ${String(seq)}`);
  }
}

function byIssueOrder(a: { seq: bigint | null; id: string }, b: { seq: bigint | null; id: string }): number {
  if (a.seq !== null && b.seq !== null) return a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0;
  if (a.seq !== null) return -1;
  if (b.seq !== null) return 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function oldestFirst<T extends QueueCandidate>(candidates: T[]): T[] {
  return candidates
    .map((candidate) => ({ candidate, at: timeOf(candidate), seq: issueOrderOf(candidate), id: candidate.id }))
    .sort((a, b) => a.at - b.at || byIssueOrder(a, b))
    .map(({ candidate }) => candidate);
}

function toLanes<T extends QueueCandidate>(candidates: readonly T[], counterId: string): Lanes<T> {
  const targeted: T[] = [];
  const priority: T[] = [];
  const regular: T[] = [];
  for (const candidate of candidates) {
    if (candidate.targetCounterId === counterId) targeted.push(candidate);
    else if (candidate.targetCounterId !== null && candidate.targetCounterId !== undefined) continue;
    else if (candidate.priority === 'regular') regular.push(candidate);
    else priority.push(candidate);
  }
  return { targeted: oldestFirst(targeted), priority: oldestFirst(priority), regular: oldestFirst(regular) };
}

function pickLane(sizes: Record<Lane, number>, policy: QueuePolicy, regularStreak: number): Lane | null {
  if (sizes.targeted > 0) return 'targeted';
  const hasPriority = sizes.priority > 0;
  const hasRegular = sizes.regular > 0;
  if (!hasPriority && !hasRegular) return null;
  if (!hasRegular) return 'priority';
  if (!hasPriority) return 'regular';
  switch (policy.mode) {
    case 'priority_first':
      return 'priority';
    case 'interleave':
      return regularStreak >= policy.interleaveEvery ? 'priority' : 'regular';
  }
  throw new RangeError(`Unknown calling mode: ${String(policy.mode)}`);
}

function streakAfter(candidate: QueueCandidate, regularStreak: number): number {
  return candidate.priority === 'regular' ? regularStreak + 1 : 0;
}

/**
 * The ticket counter `counterId` calls next and the counter's streak afterwards, or null when no
 * ticket it may call is waiting. Pass only today's waiting tickets of the site whose service is
 * one the counter serves for its officer's agency (all its services for a site or system admin).
 */
export function chooseNext<T extends QueueCandidate>(
  candidates: readonly T[],
  policy: QueuePolicy,
  regularStreak: number,
  counterId: string,
): QueueChoice<T> | null {
  const lanes = toLanes(candidates, counterId);
  const lane = pickLane({ targeted: lanes.targeted.length, priority: lanes.priority.length, regular: lanes.regular.length }, policy, regularStreak);
  if (lane === null) return null;
  const candidate = lanes[lane][0];
  return { candidate, nextStreak: streakAfter(candidate, regularStreak) };
}

/**
 * Every ticket counter `counterId` may call, in the order repeated `chooseNext` calls would call
 * them if nothing else changed (no new tickets, no other counter calling). Tickets targeted at
 * another counter are left out.
 */
export function orderedQueue<T extends QueueCandidate>(
  candidates: readonly T[],
  policy: QueuePolicy,
  regularStreak: number,
  counterId: string,
): T[] {
  const lanes = toLanes(candidates, counterId);
  const next: Record<Lane, number> = { targeted: 0, priority: 0, regular: 0 };
  const order: T[] = [];
  let streak = regularStreak;
  for (;;) {
    const sizes = {
      targeted: lanes.targeted.length - next.targeted,
      priority: lanes.priority.length - next.priority,
      regular: lanes.regular.length - next.regular,
    };
    const lane = pickLane(sizes, policy, streak);
    if (lane === null) return order;
    const candidate = lanes[lane][next[lane]++];
    order.push(candidate);
    streak = streakAfter(candidate, streak);
  }
}

/** 1-based place of `ticketId` in `orderedQueue(...)` (1 = called next), or null if not in it. */
export function positionOf(
  ticketId: string,
  candidates: readonly QueueCandidate[],
  policy: QueuePolicy,
  regularStreak: number,
  counterId: string,
): number | null {
  const index = orderedQueue(candidates, policy, regularStreak, counterId).findIndex((c) => c.id === ticketId);
  return index === -1 ? null : index + 1;
}
