import type { RedFlagResponse, RedFlagSeverity } from '@mpp/contracts';

const SEVERITY_RANK: Readonly<Record<RedFlagSeverity, number>> = { critical: 0, warning: 1 };

/** Critical before warning, then the oldest first (the flag that has held longest). */
export function byUrgency(flags: readonly RedFlagResponse[]): RedFlagResponse[] {
  return [...flags].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || Date.parse(a.since) - Date.parse(b.since) || a.key.localeCompare(b.key),
  );
}
