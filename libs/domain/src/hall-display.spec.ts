import type { DisplayCall, DisplaySnapshot } from '@mpp/contracts';
import { DisplayCounter, HALL_LAST_CALLS, hallGrid, withCall, withCounter, withWaiting } from './hall-display';

function newCounter(number: number, overrides: Partial<DisplayCounter> = {}): DisplayCounter {
  return { number, name: `Loket ${number} – Dukcapil`, state: 'open', current: null, ...overrides };
}

function newCall(ticketNumber: string, counterNumber: number, overrides: Partial<DisplayCall> = {}): DisplayCall {
  return {
    ticketNumber,
    counterNumber,
    counterName: `Loket ${counterNumber} – Dukcapil`,
    serviceName: 'KTP-el Baru',
    priority: 'regular',
    at: '2026-11-23T01:00:00.000Z',
    recall: false,
    ...overrides,
  };
}

function newSnapshot(overrides: Partial<DisplaySnapshot> = {}): DisplaySnapshot {
  return {
    siteCode: 'kota-kupang',
    siteName: 'MPP Kota Kupang',
    timeZone: 'Asia/Makassar',
    localDate: '2026-11-23',
    counters: [newCounter(1), newCounter(2)],
    lastCalls: [],
    waiting: [],
    ...overrides,
  };
}

describe(withCall.name, () => {
  it('should put the newest call first and keep the snapshot given untouched', () => {
    const sut = newSnapshot({ lastCalls: [newCall('A001', 1)] });
    const next = withCall(sut, newCall('A002', 2));
    expect(next.lastCalls.map((c) => c.ticketNumber)).toEqual(['A002', 'A001']);
    expect(sut.lastCalls).toHaveLength(1);
  });

  it('should list a recall again, on top', () => {
    const next = withCall(newSnapshot({ lastCalls: [newCall('A002', 2), newCall('A001', 1)] }), newCall('A001', 1, { recall: true }));
    expect(next.lastCalls.map((c) => [c.ticketNumber, c.recall])).toEqual([
      ['A001', true],
      ['A002', false],
      ['A001', false],
    ]);
  });

  it(`should keep at most ${HALL_LAST_CALLS} calls`, () => {
    let sut = newSnapshot();
    for (let i = 1; i <= HALL_LAST_CALLS + 3; i++) sut = withCall(sut, newCall(`A${String(i).padStart(3, '0')}`, 1));
    expect(sut.lastCalls).toHaveLength(HALL_LAST_CALLS);
    expect(sut.lastCalls[0].ticketNumber).toBe('A013');
  });
});

describe(withCounter.name, () => {
  it("should replace a counter's state and current ticket", () => {
    const current = { ticketNumber: 'A001', serviceName: 'KTP-el Baru', status: 'called' as const };
    const next = withCounter(newSnapshot(), newCounter(2, { current }));
    expect(next.counters).toEqual([newCounter(1), newCounter(2, { current })]);
  });

  it('should add a new counter in number order', () => {
    const next = withCounter(newSnapshot({ counters: [newCounter(1), newCounter(3)] }), newCounter(2, { state: 'paused' }));
    expect(next.counters.map((c) => c.number)).toEqual([1, 2, 3]);
  });
});

describe(withWaiting.name, () => {
  it('should take the counts whole and drop services nobody waits for', () => {
    const sut = newSnapshot({ waiting: [{ serviceId: 's1', serviceName: 'KTP-el Baru', count: 4 }] });
    const next = withWaiting(sut, [
      { serviceId: 's2', serviceName: 'Kartu Keluarga', count: 2 },
      { serviceId: 's3', serviceName: 'SKCK', count: 0 },
    ]);
    expect(next.waiting).toEqual([{ serviceId: 's2', serviceName: 'Kartu Keluarga', count: 2 }]);
  });
});

describe(hallGrid.name, () => {
  const counters = (n: number, busy: number[] = []) =>
    Array.from({ length: n }, (_, i) =>
      newCounter(i + 1, busy.includes(i + 1) ? { current: { ticketNumber: `A${String(i + 1).padStart(3, '0')}`, serviceName: 'KTP-el Baru', status: 'called' } } : {}),
    );

  it("should fit Kupang's 36 counters in number order in a 6 × 6 grid", () => {
    const sut = hallGrid(counters(36, [30]), { aspect: 1.1, maxCells: 42 });
    expect(sut).toMatchObject({ columns: 6, rows: 6, hidden: 0 });
    expect(sut.counters.map((c) => c.number)).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
  });

  it('should never need more cells than counters plus one short row', () => {
    for (let n = 1; n <= 42; n++) {
      const { columns, rows } = hallGrid(counters(n), { aspect: 1.1, maxCells: 42 });
      expect(columns * rows).toBeGreaterThanOrEqual(n);
      expect(columns * (rows - 1)).toBeLessThan(n);
    }
  });

  it('should show busy counters first and leave out idle ones when they do not fit', () => {
    const sut = hallGrid(counters(50, [44, 47]), { aspect: 1.1, maxCells: 42 });
    expect(sut.counters).toHaveLength(42);
    expect(sut.counters.slice(0, 2).map((c) => c.number)).toEqual([44, 47]);
    expect(sut.hidden).toBe(8);
    expect(sut.columns * sut.rows).toBeGreaterThanOrEqual(42);
  });

  it('should draw a single counter in one cell', () => {
    expect(hallGrid(counters(1), { aspect: 1.1, maxCells: 42 })).toMatchObject({ columns: 1, rows: 1 });
    expect(hallGrid([], { aspect: 1.1, maxCells: 42 })).toMatchObject({ columns: 1, rows: 1, counters: [], hidden: 0 });
  });
});
