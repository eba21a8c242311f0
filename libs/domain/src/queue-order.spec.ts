import type { PriorityClass, QueuePolicy } from '@mpp/contracts';
import { chooseNext, orderedQueue, positionOf, type QueueCandidate } from './queue-order';

const HERE = 'counter-1';
const THERE = 'counter-2';

function newPolicy(overrides: Partial<QueuePolicy> = {}): QueuePolicy {
  return { mode: 'priority_first', interleaveEvery: 3, allowPick: false, maxRecalls: 3, ...overrides };
}

/** A ticket queued `minute` minutes after 08:00 WITA on 5 January 2026. */
function newCandidate(id: string, minute: number, overrides: Partial<QueueCandidate> = {}): QueueCandidate {
  return { id, priority: 'regular', queueAt: new Date(Date.UTC(2026, 0, 5, 0, minute)), targetCounterId: null, ...overrides };
}

function regular(id: string, minute: number): QueueCandidate {
  return newCandidate(id, minute);
}

function priority(id: string, minute: number, cls: PriorityClass = 'elderly'): QueueCandidate {
  return newCandidate(id, minute, { priority: cls });
}

const ids = (candidates: QueueCandidate[]) => candidates.map((c) => c.id);

/** Calls chooseNext until nothing is left: what orderedQueue must reproduce. */
function simulate(candidates: QueueCandidate[], policy: QueuePolicy, streak: number): string[] {
  const left = [...candidates];
  const order: string[] = [];
  for (let choice = chooseNext(left, policy, streak, HERE); choice; choice = chooseNext(left, policy, streak, HERE)) {
    order.push(choice.candidate.id);
    streak = choice.nextStreak;
    left.splice(left.indexOf(choice.candidate), 1);
  }
  return order;
}

/** A small deterministic generator (mulberry32), so a failing case can be reproduced. */
function newRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe(chooseNext.name, () => {
  it('should return null when nothing waits', () => {
    expect(chooseNext([], newPolicy(), 0, HERE)).toBeNull();
  });

  it('should return null when every ticket is targeted at another counter', () => {
    const sut = chooseNext([newCandidate('t1', 0, { targetCounterId: THERE })], newPolicy(), 0, HERE);
    expect(sut).toBeNull();
  });

  it('should call the oldest regular ticket and add one to the streak', () => {
    const sut = chooseNext([regular('r2', 5), regular('r1', 1), regular('r3', 9)], newPolicy(), 4, HERE);
    expect(sut?.candidate.id).toBe('r1');
    expect(sut?.nextStreak).toBe(5);
  });

  it('should call a priority ticket before older regular ones with priority_first and reset the streak', () => {
    const sut = chooseNext([regular('r1', 0), regular('r2', 1), priority('p1', 20, 'pregnant')], newPolicy(), 2, HERE);
    expect(sut?.candidate.id).toBe('p1');
    expect(sut?.nextStreak).toBe(0);
  });

  it('should treat the priority classes as equal, oldest first', () => {
    const candidates = [priority('pc', 3, 'child'), priority('pd', 2, 'disability'), priority('pv', 1, 'disaster_victim')];
    expect(chooseNext(candidates, newPolicy(), 0, HERE)?.candidate.id).toBe('pv');
  });

  it('should call a ticket transferred to this counter first, even before an older priority ticket', () => {
    const candidates = [priority('p1', 0), regular('r1', 1), newCandidate('moved', 30, { targetCounterId: HERE })];
    const sut = chooseNext(candidates, newPolicy(), 0, HERE);
    expect(sut).toEqual({ candidate: candidates[2], nextStreak: 1 });
  });

  it('should reset the streak when the transferred ticket is a priority one', () => {
    const candidates = [regular('r1', 0), newCandidate('moved', 30, { targetCounterId: HERE, priority: 'disability' })];
    expect(chooseNext(candidates, newPolicy({ mode: 'interleave' }), 2, HERE)).toEqual({ candidate: candidates[1], nextStreak: 0 });
  });

  it('should order transferred tickets among themselves by queueAt', () => {
    const candidates = [newCandidate('m2', 10, { targetCounterId: HERE }), newCandidate('m1', 4, { targetCounterId: HERE, priority: 'child' })];
    expect(chooseNext(candidates, newPolicy(), 0, HERE)?.candidate.id).toBe('m1');
  });

  it('should skip a ticket transferred to another counter', () => {
    const candidates = [newCandidate('theirs', 0, { targetCounterId: THERE, priority: 'elderly' }), regular('r1', 5)];
    expect(chooseNext(candidates, newPolicy(), 0, HERE)?.candidate.id).toBe('r1');
  });

  it('should break a tie in queueAt by issue order (seq), as queue_call_next does, whatever the ids', () => {
    const candidates = [newCandidate('a', 0, { seq: '12' }), newCandidate('c', 0, { seq: '9' }), newCandidate('b', 0, { seq: 10 })];
    expect(ids(orderedQueue(candidates, newPolicy(), 0, HERE))).toEqual(['c', 'b', 'a']);
  });

  it('should compare seq as a number, not as text, up to bigint values', () => {
    const candidates = [newCandidate('x', 0, { seq: '10' }), newCandidate('y', 0, { seq: '9' }), newCandidate('z', 0, { seq: 9007199254740993n })];
    expect(ids(orderedQueue(candidates, newPolicy(), 0, HERE))).toEqual(['y', 'x', 'z']);
  });

  it('should break a tie in queueAt by id for candidates without seq', () => {
    expect(chooseNext([regular('b', 0), regular('a', 0), regular('c', 0)], newPolicy(), 0, HERE)?.candidate.id).toBe('a');
  });

  it('should throw a RangeError naming a ticket with an invalid seq', () => {
    expect(() => orderedQueue([newCandidate('ok', 0, { seq: 1 }), newCandidate('bad', 0, { seq: 'x1' })], newPolicy(), 0, HERE)).toThrow(/bad/);
  });

  it('should compare ids by code unit, as PostgreSQL orders uuids, not by locale', () => {
    // localeCompare would put "a…" before "B…"; code units put upper case first.
    expect(chooseNext([regular('a0', 0), regular('B0', 0)], newPolicy(), 0, HERE)?.candidate.id).toBe('B0');
  });

  it('should compare ISO strings with offsets by instant, and mix them with Dates', () => {
    const candidates: QueueCandidate[] = [
      { id: 'z', priority: 'regular', queueAt: '2026-01-05T07:00:00Z', targetCounterId: null }, // 15:00 WITA
      { id: 'y', priority: 'regular', queueAt: '2026-01-05T09:00:00+08:00', targetCounterId: null }, // 01:00Z
      { id: 'x', priority: 'regular', queueAt: new Date('2026-01-05T02:00:00Z'), targetCounterId: null },
    ];
    expect(orderedQueue(candidates, newPolicy(), 0, HERE).map((c) => c.id)).toEqual(['y', 'x', 'z']);
  });

  it('should throw a RangeError naming a ticket with an invalid queueAt', () => {
    const candidates = [regular('r1', 0), { ...regular('bad', 1), queueAt: 'yesterday' }];
    expect(() => chooseNext(candidates, newPolicy(), 0, HERE)).toThrow(/bad/);
  });

  it('should not reorder the array it is given', () => {
    const candidates = [regular('r2', 5), priority('p1', 9), regular('r1', 1)];
    const before = [...candidates];
    chooseNext(candidates, newPolicy(), 0, HERE);
    orderedQueue(candidates, newPolicy(), 0, HERE);
    expect(candidates).toEqual(before);
  });

  describe('interleave', () => {
    const policy = newPolicy({ mode: 'interleave', interleaveEvery: 2 });

    it('should call the oldest regular ticket while the streak is below interleaveEvery', () => {
      const sut = chooseNext([priority('p1', 0), regular('r1', 5)], policy, 1, HERE);
      expect(sut).toEqual({ candidate: expect.objectContaining({ id: 'r1' }), nextStreak: 2 });
    });

    it('should call the oldest priority ticket once the streak reaches interleaveEvery', () => {
      const sut = chooseNext([regular('r1', 0), priority('p2', 8), priority('p1', 6)], policy, 2, HERE);
      expect(sut).toEqual({ candidate: expect.objectContaining({ id: 'p1' }), nextStreak: 0 });
    });

    it('should call a priority ticket when the streak is above interleaveEvery (policy lowered during the day)', () => {
      expect(chooseNext([regular('r1', 0), priority('p1', 6)], policy, 7, HERE)?.candidate.id).toBe('p1');
    });

    it('should call a priority ticket when no regular one waits, with the streak at 0', () => {
      expect(chooseNext([priority('p1', 6)], policy, 0, HERE)).toEqual({ candidate: expect.objectContaining({ id: 'p1' }), nextStreak: 0 });
    });

    it('should call a regular ticket when no priority one waits, even past interleaveEvery', () => {
      expect(chooseNext([regular('r1', 6)], policy, 5, HERE)).toEqual({ candidate: expect.objectContaining({ id: 'r1' }), nextStreak: 6 });
    });
  });
});

describe(orderedQueue.name, () => {
  // 08:00 R1, 08:01 R2, 08:02 P1, 08:03 R3, 08:04 P2, 08:05 R4
  const hall = [regular('R1', 0), regular('R2', 1), priority('P1', 2), regular('R3', 3), priority('P2', 4, 'disability'), regular('R4', 5)];

  it('should put all priority tickets first with priority_first', () => {
    expect(ids(orderedQueue(hall, newPolicy(), 0, HERE))).toEqual(['P1', 'P2', 'R1', 'R2', 'R3', 'R4']);
  });

  it('should call one priority ticket after every two regular ones with interleave 2', () => {
    expect(ids(orderedQueue(hall, newPolicy({ mode: 'interleave', interleaveEvery: 2 }), 0, HERE))).toEqual(['R1', 'R2', 'P1', 'R3', 'R4', 'P2']);
  });

  it('should start from the counter streak: at 2 of 2 the first call is priority', () => {
    expect(ids(orderedQueue(hall, newPolicy({ mode: 'interleave', interleaveEvery: 2 }), 2, HERE))).toEqual(['P1', 'R1', 'R2', 'P2', 'R3', 'R4']);
  });

  it('should behave like priority_first with interleave 0', () => {
    expect(ids(orderedQueue(hall, newPolicy({ mode: 'interleave', interleaveEvery: 0 }), 0, HERE))).toEqual(['P1', 'P2', 'R1', 'R2', 'R3', 'R4']);
  });

  it('should finish with the remaining regular tickets once priority ones run out', () => {
    const candidates = [regular('R1', 0), regular('R2', 1), regular('R3', 2), regular('R4', 3), priority('P1', 4)];
    expect(ids(orderedQueue(candidates, newPolicy({ mode: 'interleave', interleaveEvery: 3 }), 0, HERE))).toEqual(['R1', 'R2', 'R3', 'P1', 'R4']);
  });

  it('should put transferred tickets first and leave out those of other counters', () => {
    const candidates = [...hall, newCandidate('T-here', 50, { targetCounterId: HERE }), newCandidate('T-there', 0, { targetCounterId: THERE })];
    expect(ids(orderedQueue(candidates, newPolicy({ mode: 'interleave', interleaveEvery: 2 }), 0, HERE))).toEqual([
      'T-here', // regular: streak becomes 1
      'R1', // streak 2
      'P1',
      'R2',
      'R3',
      'P2',
      'R4',
    ]);
  });

  it('should match repeated chooseNext calls on random queues', () => {
    const random = newRandom(20260105);
    const classes: PriorityClass[] = ['regular', 'regular', 'regular', 'elderly', 'pregnant', 'disability'];
    for (let round = 0; round < 200; round++) {
      const size = Math.floor(random() * 15);
      const candidates = Array.from({ length: size }, (_, i) =>
        newCandidate(`t${i}`, Math.floor(random() * 10), {
          priority: classes[Math.floor(random() * classes.length)],
          targetCounterId: random() < 0.15 ? (random() < 0.5 ? HERE : THERE) : null,
        }),
      );
      const policy = newPolicy({ mode: random() < 0.5 ? 'priority_first' : 'interleave', interleaveEvery: 1 + Math.floor(random() * 4) });
      const streak = Math.floor(random() * 5);
      expect([round, ids(orderedQueue(candidates, policy, streak, HERE))]).toEqual([round, simulate(candidates, policy, streak)]);
    }
  });
});

describe(positionOf.name, () => {
  const hall = [regular('R1', 0), regular('R2', 1), priority('P1', 2), newCandidate('T', 3, { targetCounterId: THERE })];
  const policy = newPolicy({ mode: 'interleave', interleaveEvery: 1 });

  it('should give 1-based positions in calling order', () => {
    expect(['R1', 'P1', 'R2'].map((id) => positionOf(id, hall, policy, 0, HERE))).toEqual([1, 2, 3]);
  });

  it('should return null for a ticket targeted at another counter or not waiting', () => {
    expect(positionOf('T', hall, policy, 0, HERE)).toBeNull();
    expect(positionOf('gone', hall, policy, 0, HERE)).toBeNull();
  });

  it('should give the targeted ticket position 1 at its counter', () => {
    expect(positionOf('T', hall, policy, 0, THERE)).toBe(1);
  });
});
