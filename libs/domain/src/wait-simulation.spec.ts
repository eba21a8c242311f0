import { referenceHalls, simulateHall, type SimResult } from './wait-simulation';

const percent = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`;

/** The table of docs/queue.md. */
function table(results: readonly SimResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.tickets} | ${r.meanRealWait.toFixed(1)} | ${percent(r.estimate.bias)} | ${r.estimate.meanAbsoluteError.toFixed(2)} | ` +
      `${r.simple.formula}: ${percent(r.simple.bias)}, ${r.simple.meanAbsoluteError.toFixed(2)} | ${percent(r.previous.bias)}, ${r.previous.meanAbsoluteError.toFixed(2)} |`,
  );
  return [
    '| hall (40 days of 7 h each) | tickets | mean real wait (min) | estimate: bias | estimate: MAE (min) | best simple formula: bias, MAE | before issue 10: bias, MAE |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

describe(simulateHall.name, () => {
  const results = referenceHalls().map((hall) => simulateHall(hall));

  it('should keep the bias of the shown wait within ±10% of the real wait in every reference hall', () => {
    console.log(`Wait estimate against simulated halls\n${table(results)}`);
    for (const r of results) expect({ hall: r.name, withinTenPercent: Math.abs(r.estimate.bias) <= 0.1 }).toEqual({ hall: r.name, withinTenPercent: true });
  });

  it('should err less on average than the best simple formula', () => {
    for (const r of results) expect({ hall: r.name, better: r.estimate.meanAbsoluteError <= r.simple.meanAbsoluteError }).toEqual({ hall: r.name, better: true });
  });

  it('should give the same figures for the same seed', () => {
    const [hall] = referenceHalls(3);
    expect(simulateHall(hall)).toEqual(simulateHall(hall));
  });
});
