import type { PriorityClass, QueuePolicy } from '@mpp/contracts';
import { orderedQueue, QueueCandidate } from './queue-order';
import { positionFromCounts } from './queue-position';

describe(positionFromCounts.name, () => {
  const policy = (mode: QueuePolicy['mode'], interleaveEvery = 3): QueuePolicy => ({ mode, interleaveEvery, allowPick: false, maxRecalls: 3 });

  /** The counts the database would give for one candidate. */
  function countsFor(all: QueueCandidate[], me: QueueCandidate) {
    const before = (c: QueueCandidate) => String(c.queueAt) < String(me.queueAt) || (c.queueAt === me.queueAt && c.id < me.id);
    const others = all.filter((c) => c.id !== me.id);
    return {
      priority: me.priority,
      priorityAhead: others.filter((c) => c.priority !== 'regular' && before(c)).length,
      regularAhead: others.filter((c) => c.priority === 'regular' && before(c)).length,
      priorityTotal: others.filter((c) => c.priority !== 'regular').length,
      regularTotal: others.filter((c) => c.priority === 'regular').length,
    };
  }

  function randomQueue(seed: number, size: number): QueueCandidate[] {
    let x = seed;
    const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const classes: PriorityClass[] = ['regular', 'regular', 'regular', 'elderly', 'disability', 'pregnant'];
    return Array.from({ length: size }, (_, i) => ({
      id: `t${String(i).padStart(3, '0')}`,
      priority: classes[Math.floor(rand() * classes.length)],
      queueAt: new Date(Date.UTC(2026, 10, 23, 1, 0, i)).toISOString(),
      targetCounterId: null,
    }));
  }

  it.each([
    ['priority_first', 3],
    ['interleave', 1],
    ['interleave', 2],
    ['interleave', 3],
    ['interleave', 5],
  ] as const)('should agree with the calling order (%s, every %i) for random queues', (mode, every) => {
    for (let seed = 1; seed <= 60; seed++) {
      const queue = randomQueue(seed, 1 + (seed % 25));
      const order = orderedQueue(queue, policy(mode, every), 0, 'counter-1').map((c) => c.id);
      const positions = queue.map((c) => positionFromCounts(countsFor(queue, c), policy(mode, every)));
      const expected = queue.map((c) => order.indexOf(c.id) + 1);
      expect({ seed, positions }).toEqual({ seed, positions: expected });
    }
  });

  it('should put a priority ticket first when priority goes first', () => {
    const sut = positionFromCounts({ priority: 'elderly', priorityAhead: 0, regularAhead: 7, priorityTotal: 2, regularTotal: 9 }, policy('priority_first'));
    expect(sut).toBe(1);
  });
});
