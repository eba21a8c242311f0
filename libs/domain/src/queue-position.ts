import type { PriorityClass, QueuePolicy } from '@mpp/contracts';

/** Counts of the waiting tickets of one service, as the database gives them cheaply. */
export interface PlaceCounts {
  priority: PriorityClass;
  /** Priority-class tickets that queued before this one. */
  priorityAhead: number;
  /** Regular tickets that queued before this one. */
  regularAhead: number;
  /** All other waiting priority-class tickets. */
  priorityTotal: number;
  /** All other waiting regular tickets. */
  regularTotal: number;
}

/**
 * A waiting ticket's 1-based place under the site's calling policy, from counts alone (no list),
 * so it stays cheap with thousands waiting. It follows the calling order of queue-order.ts
 * starting from a counter with no regular streak:
 * - priority first: every priority ticket goes before every regular one;
 * - interleave every N: N regular tickets, then one priority ticket, and so on; a class that
 *   runs out lets the other go on.
 */
export function positionFromCounts(c: PlaceCounts, policy: Pick<QueuePolicy, 'mode' | 'interleaveEvery'>): number {
  const isPriority = c.priority !== 'regular';
  if (policy.mode === 'priority_first') {
    return isPriority ? c.priorityAhead + 1 : c.priorityTotal + c.regularAhead + 1;
  }
  const n = policy.interleaveEvery;
  if (isPriority) {
    // Before the (k+1)-th priority call come k+1 blocks of N regular calls, as far as regular tickets last.
    const regularBefore = Math.min(c.regularTotal, (c.priorityAhead + 1) * n);
    return c.priorityAhead + 1 + regularBefore;
  }
  // Priority calls that fall before this ticket's turn: one after each full block of N regular calls ahead.
  const priorityBefore = Math.min(c.priorityTotal, Math.floor(c.regularAhead / n));
  return c.regularAhead + 1 + priorityBefore;
}
