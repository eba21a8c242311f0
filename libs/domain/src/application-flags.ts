/**
 * The SLA flags of a digital application (issue 14; docs/applications.md, "Flags, escalation and
 * retention"), from what the application row stores: its state, the service clock's phase, the
 * service due date and the legal due date (both computed by applicationClock at each transition;
 * while the clock runs they do not move).
 *
 * - due_soon: the clock runs and the due date falls within the site's current working day (today's
 *   when the site has not closed yet, else the next working day's): from the close of the working
 *   day before, a due date on Monday 16:00 is flagged from Friday's close on, across the weekend.
 * - overdue: the clock runs and the due date has passed (it replaces due_soon).
 * - at_risk: undecided (not yet approved or rejected) while the clock runs, past the legal deadline:
 *   at risk of being deemed granted by law (dianggap dikabulkan secara hukum, UU 30/2014 Pasal 53
 *   ayat (4) as amended by UU 6/2023).
 * No flag while the clock has not started, is paused (returned to the citizen) or has stopped;
 * except that an at_risk flag raised before the application was returned stays while it is with
 * the citizen (`atRiskRaised`).
 *
 * One rule, three readers: the flag job (raises, notifies), the agency inbox (each row's flags and
 * its due=due_soon|overdue|at_risk filters, whose SQL in application.repository.ts this function
 * specifies: apps/api/test/applications-inbox.e2e-spec.ts compares the two on PostgreSQL) and the
 * clock's own state (applicationClock's due_soon).
 */
import type { ApplicationStateName, LocalizedText, OpeningHours } from '@mpp/contracts';
import { addDaysToLocalDate, dayStatus, localDate, type SiteClosure, zonedToUtc } from './calendar';

export const APPLICATION_FLAG_KINDS = ['due_soon', 'overdue', 'at_risk'] as const;
export type ApplicationFlagKind = (typeof APPLICATION_FLAG_KINDS)[number];

export const APPLICATION_FLAG_LABELS: Readonly<Record<ApplicationFlagKind, LocalizedText>> = {
  due_soon: { id: 'jatuh tempo dalam sehari kerja', en: 'due within a working day' },
  overdue: { id: 'melewati batas waktu layanan', en: 'past the service deadline' },
  at_risk: { id: 'berisiko dianggap dikabulkan secara hukum', en: 'at risk of being deemed granted by law' },
};

/** States whose clock may run and be flagged (a returned one is paused: its phase says so). */
export const FLAGGABLE_APPLICATION_STATES: readonly ApplicationStateName[] = ['submitted', 'in_verification', 'returned', 'resubmitted', 'complete', 'in_process', 'approved'];

export interface FlagCalendar {
  timeZone: string;
  openingHours: readonly OpeningHours[];
  /** National holidays, cuti bersama and local closures around now. */
  closures: readonly SiteClosure[];
  closesOnCutiBersama: boolean;
}

/** How far ahead a working day is looked for (a site closed longer than this has no current working day). */
const SEARCH_DAYS = 60;

/**
 * The close of the site's current working day at `now`: today's closing time when the site opens
 * today and has not closed yet, else the closing time of the next day it opens. Null when it opens
 * on none of the next SEARCH_DAYS days.
 */
export function currentWorkingDayClose(now: Date, calendar: FlagCalendar): Date | null {
  const closures = calendar.closures.filter((c) => c.kind !== 'cuti_bersama' || calendar.closesOnCutiBersama);
  const today = localDate(now, calendar.timeZone);
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    const date = addDaysToLocalDate(today, i);
    const status = dayStatus(date, [...calendar.openingHours], [...closures]);
    if (!status.open) continue;
    const close = zonedToUtc(date, status.hours.close, calendar.timeZone);
    if (close.getTime() > now.getTime()) return close;
  }
  return null;
}

/**
 * Whether `due` is due soon at `now`: not past yet, and no later than the close of the site's
 * current working day (`currentClose`, from currentWorkingDayClose; null: the site has none, never due soon).
 */
export function isDueSoon(due: Date, now: Date, currentClose: Date | null): boolean {
  return currentClose !== null && now.getTime() <= due.getTime() && due.getTime() <= currentClose.getTime();
}

/** The most urgent first: the one flag an inbox row shows when it carries several. */
export const APPLICATION_FLAG_URGENCY: readonly ApplicationFlagKind[] = ['at_risk', 'overdue', 'due_soon'];

/** The most urgent of `kinds` (at_risk, then overdue, then due_soon), or null. */
export function mostUrgentFlag(kinds: readonly ApplicationFlagKind[]): ApplicationFlagKind | null {
  return APPLICATION_FLAG_URGENCY.find((kind) => kinds.includes(kind)) ?? null;
}

/** The states still waiting for the decision, whose legal deadline can be at risk. */
export const UNDECIDED_APPLICATION_STATES: readonly ApplicationStateName[] = ['submitted', 'in_verification', 'returned', 'resubmitted', 'complete', 'in_process'];

export interface FlaggedApplication {
  state: ApplicationStateName;
  /** The service clock's phase as stored: not_started, running, paused or stopped. */
  clockPhase: string;
  dueAt: Date | null;
  legalDueAt: Date | null;
  /**
   * Whether an at_risk flag raised while the clock ran is still open (the flag job's record).
   * Returning the application after its legal deadline does not undo the risk: while it is with
   * the citizen (returned, its clock paused) it stays at risk.
   */
  atRiskRaised?: boolean;
}

/** The flags an application carries at `now`, each with the deadline it is about. */
export function applicationFlagsAt(
  application: FlaggedApplication,
  now: Date,
  currentClose: Date | null,
): { kind: ApplicationFlagKind; deadline: Date }[] {
  if (application.state === 'returned' && application.clockPhase === 'paused' && application.atRiskRaised && application.legalDueAt) {
    return [{ kind: 'at_risk', deadline: application.legalDueAt }];
  }
  if (application.clockPhase !== 'running' || !FLAGGABLE_APPLICATION_STATES.includes(application.state)) return [];
  const flags: { kind: ApplicationFlagKind; deadline: Date }[] = [];
  const due = application.dueAt;
  if (due && now.getTime() > due.getTime()) flags.push({ kind: 'overdue', deadline: due });
  else if (due && isDueSoon(due, now, currentClose)) flags.push({ kind: 'due_soon', deadline: due });
  const legal = application.legalDueAt;
  if (legal && UNDECIDED_APPLICATION_STATES.includes(application.state) && now.getTime() > legal.getTime()) flags.push({ kind: 'at_risk', deadline: legal });
  return flags;
}
