/**
 * The two clocks of a complaint (issue 16; sources in docs/complaints.md), counted on the site's
 * calendar by the applications clock itself (application-clock.ts: the same working days, closing
 * times, holidays and local closures; nothing is copied here, a complaint's trail is read as an
 * application's):
 *
 * - first response: from receipt until the first handler step (verify, start, ask, answer, close);
 * - resolution: from receipt until answered or closed, paused while waiting for the citizen; a
 *   reopen starts a new resolution clock of the same length from the reopen.
 *
 * The site sets each in working days; where it sets none the law applies: UU 25/2009 Pasal 50
 * ayat (2) (a written complaint answered within 14 days of receipt) and ayat (5) (settled within
 * 60 days). The law says "hari", not "hari kerja": the default counts calendar days, a deadline
 * falling on a closed day moving to the next working day's close.
 */
import type { ApplicationState } from './application-state';
import { applicationClock, type ApplicationCompletionTime, type ApplicationDeadline, type ApplicationSiteCalendar, type ApplicationStateChange } from './application-clock';
import type { ComplaintStatus } from './complaint';

/** UU 25/2009 Pasal 50 ayat (2): the first response within 14 days of receipt. */
export const LEGAL_DEFAULT_FIRST_RESPONSE: Readonly<ApplicationCompletionTime> = { value: 14, unit: 'calendar_days' };
/** UU 25/2009 Pasal 50 ayat (5): settled within 60 days. */
export const LEGAL_DEFAULT_RESOLUTION: Readonly<ApplicationCompletionTime> = { value: 60, unit: 'calendar_days' };

export interface ComplaintStatusChange {
  status: ComplaintStatus;
  at: Date;
}

export interface ComplaintClockInput {
  /** The site's settings, in working days; null where it sets none (the legal default applies). */
  firstResponse: ApplicationCompletionTime | null;
  resolution: ApplicationCompletionTime | null;
  calendar: ApplicationSiteCalendar;
  /** The trail's statuses in order of time, the first being `received`. */
  history: readonly ComplaintStatusChange[];
  now: Date;
}

export type ComplaintDeadline = Omit<ApplicationDeadline, 'source'> & { source: 'site' | 'legal_default' };

export interface ComplaintClocks {
  firstResponse: ComplaintDeadline;
  resolution: ComplaintDeadline;
}

function firstResponseState(status: ComplaintStatus): ApplicationState {
  return status === 'received' ? 'complete' : 'done';
}

function resolutionState(status: ComplaintStatus): ApplicationState {
  switch (status) {
    case 'received':
    case 'reopened':
      return 'complete';
    case 'verified':
    case 'in_progress':
      return 'in_process';
    case 'waiting_for_citizen':
      return 'returned';
    case 'answered':
    case 'closed':
      return 'done';
  }
}

function run(time: ApplicationCompletionTime | null, legal: Readonly<ApplicationCompletionTime>, calendar: ApplicationSiteCalendar, history: ApplicationStateChange[], now: Date): ComplaintDeadline {
  const clock = applicationClock({ completionTime: time ?? { ...legal }, calendar, history, now });
  const { startedAt: _startedAt, legal: _legal, deemedGrantedRisk: _risk, source: _source, ...deadline } = clock;
  return { ...deadline, source: time ? 'site' : 'legal_default' };
}

/** Both clocks at `now`. Throws a RangeError for a malformed time, a history out of order or a calendar with no working day. */
export function complaintClocks(input: ComplaintClockInput): ComplaintClocks {
  const history = input.history;
  // First response: received, then the first other status stops it (a reopen does not restart it).
  const firstStop = history.findIndex((change, i) => i > 0 && change.status !== 'received');
  const first = (firstStop < 0 ? history : history.slice(0, firstStop + 1)).map((change) => ({ state: firstResponseState(change.status), at: change.at }));
  // Resolution: from the last receipt or reopen.
  let lastStart = 0;
  history.forEach((change, i) => {
    if (change.status === 'reopened') lastStart = i;
  });
  const resolution = history.slice(lastStart).map((change, i) => ({ state: i === 0 ? 'complete' : resolutionState(change.status), at: change.at }));
  return {
    firstResponse: run(input.firstResponse, LEGAL_DEFAULT_FIRST_RESPONSE, input.calendar, first, input.now),
    resolution: run(input.resolution, LEGAL_DEFAULT_RESOLUTION, input.calendar, resolution, input.now),
  };
}
