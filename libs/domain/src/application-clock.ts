/**
 * The SLA clock of a digital application (issue 14; rules and sources in docs/applications.md).
 *
 * - The time allowed is the service standard's completion time (jangka waktu penyelesaian,
 *   UU 25/2009, PermenPANRB 15/2014) in working days of the site's calendar, in calendar days, or
 *   in working minutes for same-day services. A service that states none gets the legal default:
 *   5 working days after the application is received complete (UU 30/2014 Pasal 53 ayat (2), as
 *   amended by UU 6/2023).
 * - The clock starts when the application is first complete. For days, the day it became complete
 *   does not count: day 1 is the next day ("5 hari kerja setelah permohonan diterima secara
 *   lengkap"); minutes count from the instant itself.
 * - Time with the citizen (returned → resubmitted, or the return ending in withdrawal or expiry)
 *   does not count.
 * - The service clock stops when the result is ready or the application is rejected (or withdrawn,
 *   expired); the legal clock stops at the decision (approved or rejected), withdrawal or expiry.
 * - A due date in days is the end of the site's working day (its closing time) on the last day;
 *   a calendar-day deadline falling on a day the site is closed moves to the next working day.
 *
 * Working time is the site's opening hours minus breaks on its working days (opening weekdays,
 * without national holidays, cuti bersama when the site closes on them, and local closures), read
 * in the site's zone through calendar.ts. A working day counts as one day however long it is:
 * a pause of a whole Saturday morning moves the due date by one working day, like a whole Monday.
 */
import type { CompletionTimeUnit, OpeningHours } from '@mpp/contracts';
import { addDaysToLocalDate, dayStatus, localDate, localTime, localTimeToMinutes, zonedToUtc, type SiteClosure } from './calendar';
import type { ApplicationState } from './application-state';
import { APPLICATION_FLAG_LABELS, currentWorkingDayClose, isDueSoon } from './application-flags';

/** The catalogue's units plus calendar days (a no-op union once the catalogue has them too). */
export type ApplicationClockUnit = CompletionTimeUnit | 'calendar_days';

export interface ApplicationCompletionTime {
  /** A positive whole number of the unit. */
  value: number;
  unit: ApplicationClockUnit;
}

/** UU 30/2014 Pasal 53 ayat (2) as amended by UU 6/2023: 5 working days after received complete. */
export const LEGAL_DEFAULT_COMPLETION_TIME: Readonly<ApplicationCompletionTime> = { value: 5, unit: 'working_days' };

export interface ApplicationSiteCalendar {
  /** IANA zone of the site (Asia/Jakarta WIB, Asia/Makassar WITA, Asia/Jayapura WIT). */
  timeZone: string;
  openingHours: readonly OpeningHours[];
  /** Every closure of the period: national holidays, cuti bersama and the site's local closures. */
  closures: readonly SiteClosure[];
  /** Whether the site closes on cuti bersama; when false those closures are ignored here. */
  closesOnCutiBersama: boolean;
}

/** One entry of the application's trail: the state it entered, and when. In order of time. */
export interface ApplicationStateChange {
  state: ApplicationState;
  at: Date;
}

export interface ApplicationClockInput {
  /** The service standard's completion time, or null when the service states none. */
  completionTime: ApplicationCompletionTime | null;
  /**
   * The decision deadline a regulation sets for this service (Pasal 53 ayat (1)), when it is not
   * the service standard's; by default the service standard's time, or the legal default.
   */
  legalCompletionTime?: ApplicationCompletionTime | null;
  calendar: ApplicationSiteCalendar;
  history: readonly ApplicationStateChange[];
  now: Date;
}

/** Not started (never complete), running, paused (with the citizen) or stopped. */
export type ApplicationClockPhase = 'not_started' | 'running' | 'paused' | 'stopped';

/** On time, due within the site's current working day, or overdue. */
export type ApplicationClockState = 'on_time' | 'due_soon' | 'overdue';

export interface ApplicationDeadline {
  completionTime: ApplicationCompletionTime;
  /** Where the time comes from. */
  source: 'service' | 'regulation' | 'legal_default';
  phase: ApplicationClockPhase;
  /** When it stopped (the result ready or rejected; for the legal clock, the decision). */
  stoppedAt: Date | null;
  /** The deadline; while paused, the deadline if the citizen resubmitted now. Null before the start. */
  due: Date | null;
  /**
   * In the unit of `completionTime`: working days (fractions of the site's working day), calendar
   * days, or working minutes. Null before the start.
   */
  used: number | null;
  left: number | null;
  /** Time with the citizen since the start, in the same unit. */
  paused: number;
  /**
   * Running: overdue after `due`, due_soon when `due` is within the site's current working day
   * (today's, or the next one when the site is closed now). Paused: overdue if it was when the
   * citizen got it back, else on time. Stopped: whether it stopped after `due`. Null before the start.
   */
  state: ApplicationClockState | null;
}

export interface ApplicationClock extends ApplicationDeadline {
  /** When the application was first complete: the clock's start. */
  startedAt: Date | null;
  /** The legal deadline for the decision, and its own clock. */
  legal: ApplicationDeadline;
  /**
   * Past the legal deadline while undecided (not approved, rejected, withdrawn or expired): at risk
   * of being deemed granted by law (dianggap dikabulkan secara hukum, Pasal 53 ayat (4)).
   */
  deemedGrantedRisk: boolean;
}

export const APPLICATION_CLOCK_STATE_LABELS: Readonly<Record<ApplicationClockState, { id: string; en: string }>> = {
  on_time: { id: 'sesuai waktu', en: 'on time' },
  due_soon: APPLICATION_FLAG_LABELS.due_soon,
  overdue: { id: 'melewati batas waktu', en: 'overdue' },
};

export const DEEMED_GRANTED_RISK_LABEL = {
  id: 'berisiko dianggap dikabulkan secara hukum',
  en: 'at risk of being deemed granted by law',
} as const;

/** States that stop the service clock: the result exists, or there will be none. */
const SERVICE_STOP: ReadonlySet<ApplicationState> = new Set(['ready', 'done', 'rejected', 'withdrawn', 'expired']);
/** States that stop the legal clock: the decision is made, or there is nothing to decide. */
const LEGAL_STOP: ReadonlySet<ApplicationState> = new Set(['approved', 'ready', 'done', 'rejected', 'withdrawn', 'expired']);

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const EPSILON = 1e-9;
/** How far the clock looks for working time before deciding the calendar has none. */
const HORIZON_DAYS = 3_660;

interface Period {
  start: number;
  /** Exclusive; Infinity for a period that has not ended. */
  end: number;
}

/** One site-local day: its working segments as epoch-ms ranges, and its bounds. */
interface DayInfo {
  date: string;
  midnight: number;
  nextMidnight: number;
  segments: Period[];
  workingMs: number;
  /** Closing time as an instant; null when the site is closed that day. */
  close: number | null;
}

/** Local midnights already found, by zone and date (bounded: cleared when it grows large). */
const MIDNIGHTS = new Map<string, number>();
const MIDNIGHTS_MAX = 20_000;
/** The offset of each zone at the last midnight found, to guess the next one. */
const LAST_OFFSET = new Map<string, number>();

/**
 * The instant of local midnight starting `date` in `timeZone`. zonedToUtc reads the zone about
 * four times (~80 µs); a clock walks dozens of days, so a midnight is guessed with the zone's last
 * offset and checked with one reading, and zonedToUtc answers only when the guess is wrong (a clock
 * change, or the first day seen).
 */
function localMidnight(date: string, timeZone: string): number {
  const key = `${timeZone} ${date}`;
  const known = MIDNIGHTS.get(key);
  if (known !== undefined) return known;
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const offset = LAST_OFFSET.get(timeZone);
  let midnight: number;
  const guess = offset === undefined ? null : new Date(utcMidnight - offset);
  if (guess && localDate(guess, timeZone) === date && localTime(guess, timeZone) === '00:00') midnight = guess.getTime();
  else midnight = zonedToUtc(date, '00:00', timeZone).getTime();
  LAST_OFFSET.set(timeZone, utcMidnight - midnight);
  if (MIDNIGHTS.size >= MIDNIGHTS_MAX) MIDNIGHTS.clear();
  MIDNIGHTS.set(key, midnight);
  return midnight;
}

class SiteDays {
  private readonly cache = new Map<string, DayInfo>();
  private readonly midnights = new Map<string, number>();
  private readonly closuresByDate = new Map<string, SiteClosure[]>();
  private readonly openingHours: OpeningHours[];

  constructor(readonly calendar: ApplicationSiteCalendar) {
    this.openingHours = [...calendar.openingHours];
    for (const closure of calendar.closures) {
      if (closure.kind === 'cuti_bersama' && !calendar.closesOnCutiBersama) continue;
      const list = this.closuresByDate.get(closure.date) ?? [];
      list.push(closure);
      this.closuresByDate.set(closure.date, list);
    }
  }

  private midnightOf(date: string): number {
    let midnight = this.midnights.get(date);
    if (midnight === undefined) {
      midnight = localMidnight(date, this.calendar.timeZone);
      this.midnights.set(date, midnight);
    }
    return midnight;
  }

  get timeZone(): string {
    return this.calendar.timeZone;
  }

  day(date: string): DayInfo {
    const cached = this.cache.get(date);
    if (cached) return cached;
    const zone = this.calendar.timeZone;
    const midnight = this.midnightOf(date);
    const nextMidnight = this.midnightOf(addDaysToLocalDate(date, 1));
    const status = dayStatus(date, this.openingHours, this.closuresByDate.get(date) ?? []);
    let segments: Period[] = [];
    let close: number | null = null;
    if (status.open) {
      // A day of 24 hours has one offset throughout (every Indonesian day): local times are read
      // from its midnight, which costs no Intl call. A day with a clock change asks the zone.
      const steady = nextMidnight - midnight === DAY_MS;
      const at = (time: string): number => (steady ? midnight + localTimeToMinutes(time) * MINUTE_MS : zonedToUtc(date, time, zone).getTime());
      const breaks = [...status.hours.breaks].sort((a, b) => at(a.start) - at(b.start));
      let cursor = at(status.hours.open);
      close = at(status.hours.close);
      for (const pause of breaks) {
        if (at(pause.start) > cursor) segments.push({ start: cursor, end: at(pause.start) });
        cursor = Math.max(cursor, at(pause.end));
      }
      if (close > cursor) segments.push({ start: cursor, end: close });
      segments = segments.filter((s) => s.end > s.start);
    }
    const info: DayInfo = {
      date,
      midnight,
      nextMidnight,
      segments,
      workingMs: segments.reduce((sum, s) => sum + (s.end - s.start), 0),
      close: segments.length > 0 ? close : null,
    };
    this.cache.set(date, info);
    return info;
  }

  /** The first day on or after `date` with working time. */
  firstWorkingDayFrom(date: string): DayInfo {
    for (let i = 0; i <= HORIZON_DAYS; i++) {
      const day = this.day(addDaysToLocalDate(date, i));
      if (day.close !== null) return day;
    }
    throw new RangeError(`The site has no working day within ${HORIZON_DAYS} days of ${date}`);
  }
}

/** How much of `unit` the part [a, b) of one day counts. */
function amountOn(day: DayInfo, a: number, b: number, unit: ApplicationClockUnit): number {
  if (unit === 'calendar_days') {
    return Math.max(0, Math.min(b, day.nextMidnight) - Math.max(a, day.midnight)) / (day.nextMidnight - day.midnight);
  }
  let ms = 0;
  for (const s of day.segments) ms += Math.max(0, Math.min(b, s.end) - Math.max(a, s.start));
  if (unit === 'minutes') return ms / MINUTE_MS;
  return day.workingMs === 0 ? 0 : ms / day.workingMs;
}

/** The instant within [a, b) of `day` at which `need` of `unit` has been counted. */
function instantWithin(day: DayInfo, a: number, b: number, need: number, unit: ApplicationClockUnit): number {
  if (unit === 'calendar_days') {
    const start = Math.max(a, day.midnight);
    return start + need * (day.nextMidnight - day.midnight);
  }
  let needMs = unit === 'minutes' ? need * MINUTE_MS : need * day.workingMs;
  for (const s of day.segments) {
    const from = Math.max(a, s.start);
    const to = Math.min(b, s.end);
    if (to <= from) continue;
    if (needMs <= to - from + EPSILON) return from + Math.round(needMs);
    needMs -= to - from;
  }
  return Math.min(b, day.nextMidnight);
}

/**
 * Walks `periods` day by day, counting `unit`. Returns the total counted (up to each period's
 * end) and, when `budget` is reached, the day and the instant it was reached.
 */
function walk(
  days: SiteDays,
  periods: readonly Period[],
  unit: ApplicationClockUnit,
  budget: number,
): { counted: number; reached: { day: DayInfo; at: number } | null } {
  let counted = 0;
  for (const period of periods) {
    if (period.end <= period.start) continue;
    let date = localDate(new Date(period.start), days.timeZone);
    let idle = 0;
    for (;;) {
      const day = days.day(date);
      if (day.midnight >= period.end) break;
      const amount = amountOn(day, period.start, period.end, unit);
      if (counted + amount >= budget - EPSILON && budget - counted > -EPSILON) {
        return { counted: budget, reached: { day, at: instantWithin(day, period.start, period.end, Math.max(0, budget - counted), unit) } };
      }
      counted += amount;
      idle = amount > 0 ? 0 : idle + 1;
      if (period.end === Infinity && idle > HORIZON_DAYS) {
        throw new RangeError(`The site has no working time within ${HORIZON_DAYS} days after ${date}`);
      }
      date = addDaysToLocalDate(date, 1);
    }
  }
  return { counted, reached: null };
}

function checkCompletionTime(time: ApplicationCompletionTime): void {
  if (!Number.isInteger(time.value) || time.value <= 0) {
    throw new RangeError(`A completion time must be a positive whole number, got ${String(time.value)}`);
  }
  if (time.unit !== 'working_days' && time.unit !== 'calendar_days' && time.unit !== 'minutes') {
    throw new RangeError(`Unknown completion time unit ${String(time.unit)}`);
  }
}

interface Trail {
  startedAt: number | null;
  /** Periods the clock ran, from the start; the last one ends at the stop or is open (Infinity). */
  running: Period[];
  stoppedAt: number | null;
  paused: boolean;
  /** Periods with the citizen after the start, for reporting the paused time. */
  pauses: Period[];
}

function readTrail(history: readonly ApplicationStateChange[], now: number, stopStates: ReadonlySet<ApplicationState>): Trail {
  let previous = -Infinity;
  for (const change of history) {
    const at = change.at instanceof Date ? change.at.getTime() : NaN;
    if (Number.isNaN(at)) throw new RangeError(`A state change has no valid time: ${String(change.at)}`);
    if (at < previous) throw new RangeError('The history must be in order of time');
    previous = at;
  }
  const known = history.filter((change) => change.at.getTime() <= now);
  const startIndex = known.findIndex((change) => change.state === 'complete');
  if (startIndex < 0) return { startedAt: null, running: [], stoppedAt: null, paused: false, pauses: [] };

  const startedAt = known[startIndex].at.getTime();
  const running: Period[] = [];
  const pauses: Period[] = [];
  let runningSince: number | null = startedAt;
  let pausedSince: number | null = null;
  for (const change of known.slice(startIndex + 1)) {
    const at = change.at.getTime();
    if (stopStates.has(change.state)) {
      if (runningSince !== null) running.push({ start: runningSince, end: at });
      if (pausedSince !== null) pauses.push({ start: pausedSince, end: at });
      return { startedAt, running, stoppedAt: at, paused: false, pauses };
    }
    if (change.state === 'returned') {
      if (runningSince !== null) {
        running.push({ start: runningSince, end: at });
        runningSince = null;
        pausedSince = at;
      }
    } else if (pausedSince !== null) {
      pauses.push({ start: pausedSince, end: at });
      pausedSince = null;
      runningSince = at;
    }
  }
  if (runningSince !== null) running.push({ start: runningSince, end: Infinity });
  if (pausedSince !== null) pauses.push({ start: pausedSince, end: now });
  return { startedAt, running, stoppedAt: null, paused: pausedSince !== null, pauses };
}

/** Where counting begins: the start itself for minutes, else the midnight after the start's day. */
function countFrom(days: SiteDays, startedAt: number, unit: ApplicationClockUnit): number {
  if (unit === 'minutes') return startedAt;
  return days.day(addDaysToLocalDate(localDate(new Date(startedAt), days.timeZone), 1)).midnight;
}

function clip(periods: readonly Period[], from: number, to: number): Period[] {
  return periods
    .map((p) => ({ start: Math.max(p.start, from), end: Math.min(p.end, to) }))
    .filter((p) => p.end > p.start);
}

function roundAmount(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function deadline(
  days: SiteDays,
  history: readonly ApplicationStateChange[],
  now: number,
  completionTime: ApplicationCompletionTime,
  source: ApplicationDeadline['source'],
  stopStates: ReadonlySet<ApplicationState>,
): { deadline: ApplicationDeadline; startedAt: number | null } {
  checkCompletionTime(completionTime);
  const trail = readTrail(history, now, stopStates);
  if (trail.startedAt === null) {
    return {
      startedAt: null,
      deadline: { completionTime, source, phase: 'not_started', stoppedAt: null, due: null, used: null, left: null, paused: 0, state: null },
    };
  }
  const unit = completionTime.unit;
  const budget = completionTime.value;
  const from = countFrom(days, trail.startedAt, unit);
  const runningSoFar = clip(trail.running, from, now);
  const used = Math.min(budget, walk(days, runningSoFar, unit, Infinity).counted);
  const paused = walk(days, clip(trail.pauses, from, now), unit, Infinity).counted;

  // The due date: the periods so far, then the clock running on (from the stop, or from now when
  // paused) until the budget is spent.
  const resumeAt = trail.stoppedAt ?? now;
  const projected = trail.running.length > 0 && trail.running[trail.running.length - 1].end === Infinity
    ? clip(trail.running, from, Infinity)
    : [...clip(trail.running, from, Infinity), ...clip([{ start: resumeAt, end: Infinity }], from, Infinity)];
  const reached = walk(days, projected, unit, budget).reached;
  if (!reached) throw new RangeError('The clock found no due date');
  let due: number;
  if (unit === 'minutes') due = reached.at;
  else if (unit === 'working_days') due = reached.day.close ?? days.firstWorkingDayFrom(reached.day.date).close!;
  else due = days.firstWorkingDayFrom(reached.day.date).close!;

  const phase: ApplicationClockPhase = trail.stoppedAt !== null ? 'stopped' : trail.paused ? 'paused' : 'running';
  let state: ApplicationClockState;
  if (phase === 'stopped') state = trail.stoppedAt! > due ? 'overdue' : 'on_time';
  else if (phase === 'paused') state = used >= budget - EPSILON && now > due ? 'overdue' : 'on_time';
  else if (now > due) state = 'overdue';
  // The flags' rule (application-flags.ts), so the clock, the inbox and the flag job agree.
  else state = isDueSoon(new Date(due), new Date(now), currentWorkingDayClose(new Date(now), days.calendar)) ? 'due_soon' : 'on_time';
  return {
    startedAt: trail.startedAt,
    deadline: {
      completionTime,
      source,
      phase,
      stoppedAt: trail.stoppedAt === null ? null : new Date(trail.stoppedAt),
      due: new Date(due),
      used: roundAmount(used),
      left: roundAmount(Math.max(0, budget - used)),
      paused: roundAmount(paused),
      state,
    },
  };
}

/**
 * The application's clock at `now`: its service deadline (the standard's completion time, or the
 * legal default), the legal deadline for the decision, and whether it is at risk of being deemed
 * granted. Throws a RangeError for a malformed completion time, a history out of order, an
 * unknown zone, or a calendar with no working day in ten years.
 */
export function applicationClock(input: ApplicationClockInput): ApplicationClock {
  const now = input.now instanceof Date ? input.now.getTime() : NaN;
  if (Number.isNaN(now)) throw new RangeError(`Expected a valid Date for now, got ${String(input.now)}`);
  const days = new SiteDays(input.calendar);

  const service = input.completionTime
    ? deadline(days, input.history, now, input.completionTime, 'service', SERVICE_STOP)
    : deadline(days, input.history, now, LEGAL_DEFAULT_COMPLETION_TIME, 'legal_default', SERVICE_STOP);
  const legalTime = input.legalCompletionTime ?? input.completionTime;
  const legalSource: ApplicationDeadline['source'] = input.legalCompletionTime ? 'regulation' : input.completionTime ? 'service' : 'legal_default';
  const legal = deadline(days, input.history, now, legalTime ?? LEGAL_DEFAULT_COMPLETION_TIME, legalSource, LEGAL_STOP).deadline;

  const undecided = legal.phase === 'running' || legal.phase === 'paused';
  return {
    ...service.deadline,
    startedAt: service.startedAt === null ? null : new Date(service.startedAt),
    legal,
    deemedGrantedRisk: undecided && legal.due !== null && now > legal.due.getTime(),
  };
}

/**
 * The due date of `completionTime` counted from `from` on the site's calendar, by the clock's rules
 * (for days, day 1 is the next day and the due date is the close of the last working day): e.g. a
 * correction deadline to propose to the citizen, or the date a receipt promises before any pause.
 */
export function dueDateFrom(from: Date, completionTime: ApplicationCompletionTime, calendar: ApplicationSiteCalendar): Date {
  if (!(from instanceof Date) || Number.isNaN(from.getTime())) throw new RangeError(`Expected a valid Date, got ${String(from)}`);
  const history: ApplicationStateChange[] = [{ state: 'complete', at: from }];
  const { deadline: result } = deadline(new SiteDays(calendar), history, from.getTime(), completionTime, 'service', SERVICE_STOP);
  return result.due!;
}
