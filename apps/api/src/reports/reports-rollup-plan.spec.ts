import { addDaysToLocalDate } from '@mpp/domain';
import { planRollup } from './reports.repository';

const daysBetween = (from: string, to: string) => {
  const all: string[] = [];
  for (let d = from; d <= to; d = addDaysToLocalDate(d, 1)) all.push(d);
  return all;
};

describe(planRollup.name, () => {
  it('should read a whole built month from its histogram and the other built days by day', () => {
    const built = new Set(daysBetween('2026-01-25', '2026-03-03'));

    const sut = planRollup('2026-01-28', '2026-03-10', built);

    expect(sut.months).toEqual(['2026-02-01']);
    expect(sut.days).toEqual([...daysBetween('2026-01-28', '2026-01-31'), ...daysBetween('2026-03-01', '2026-03-03')]);
    expect(sut.built).toEqual(daysBetween('2026-01-28', '2026-03-03'));
    expect(sut.live).toEqual(daysBetween('2026-03-04', '2026-03-10'));
  });

  it('should not use a month histogram when one of its days is not built (changed since), nor for a month cut by the period', () => {
    const built = new Set(daysBetween('2025-12-01', '2026-01-31').filter((d) => d !== '2026-01-15'));

    const sut = planRollup('2025-12-02', '2026-01-31', built);

    expect(sut.months).toEqual([]);
    expect(sut.days).toEqual(daysBetween('2025-12-02', '2026-01-31').filter((d) => d !== '2026-01-15'));
    expect(sut.live).toEqual(['2026-01-15']);
  });

  it('should read a whole year of built days as twelve months', () => {
    const built = new Set(daysBetween('2025-01-01', '2025-12-31'));

    const sut = planRollup('2025-01-01', '2025-12-31', built);

    expect(sut.months).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}-01`));
    expect(sut.days).toEqual([]);
    expect(sut.live).toEqual([]);
    expect(sut.built).toHaveLength(365);
  });
});
