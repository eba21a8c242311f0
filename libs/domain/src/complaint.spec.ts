import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IsoWeekday, OpeningHours } from '@mpp/contracts';
import type { ApplicationSiteCalendar } from './application-clock';
import { zonedToUtc, type SiteClosure } from './calendar';
import {
  checkComplaintTransition,
  complaintSettingsProblem,
  DEFAULT_COMPLAINT_SETTINGS,
  COMPLAINT_ACTIONS,
  COMPLAINT_ACTORS,
  COMPLAINT_REOPEN_DAYS,
  COMPLAINT_STATUSES,
  COMPLAINT_TRANSITIONS,
  complaintClocks,
  complaintTransitionsFrom,
  isComplaintUntouched,
  LEGAL_DEFAULT_FIRST_RESPONSE,
  LEGAL_DEFAULT_RESOLUTION,
  type ComplaintStatus,
  type ComplaintStatusChange,
} from './complaint';

const WITA = 'Asia/Makassar';
const HOLIDAYS_2026 = JSON.parse(readFileSync(join(__dirname, '../../../apps/api/src/database/seeds/data/holidays-2026.json'), 'utf8')) as {
  national: { date: string; name: string }[];
  cutiBersama: { date: string; name: string }[];
};
const CLOSURES: SiteClosure[] = [
  ...HOLIDAYS_2026.national.map((d) => ({ ...d, kind: 'national_holiday' as const })),
  ...HOLIDAYS_2026.cutiBersama.map((d) => ({ ...d, kind: 'cuti_bersama' as const })),
];
const holiday = (date: string): boolean => CLOSURES.some((c) => c.date === date);

function officeWeek(): OpeningHours[] {
  return ([1, 2, 3, 4, 5] as IsoWeekday[]).map((weekday) => ({ weekday, open: '08:00', close: '16:00', breaks: [{ start: '12:00', end: '13:00' }] }));
}
function newCalendar(): ApplicationSiteCalendar {
  return { timeZone: WITA, openingHours: officeWeek(), closures: CLOSURES, closesOnCutiBersama: true };
}
const at = (date: string, time: string): Date => zonedToUtc(date, time, WITA);
function newHistory(rows: [ComplaintStatus, string, string][]): ComplaintStatusChange[] {
  return rows.map(([status, date, time]) => ({ status, at: at(date, time) }));
}

describe(checkComplaintTransition.name, () => {
  const now = at('2026-06-10', '10:00');

  it('should allow each step in the table to its actors and refuse it to the others', () => {
    for (const rule of COMPLAINT_TRANSITIONS) {
      for (const actor of COMPLAINT_ACTORS) {
        const result = checkComplaintTransition({ from: rule.from, action: rule.action, actor, text: 'Teks', answeredAt: now, now });
        if (rule.actors.includes(actor)) expect(result).toEqual({ ok: true, to: rule.to, rule });
        else expect(result).toEqual({ ok: false, refusal: 'not_allowed_for_actor' });
      }
    }
  });

  it('should refuse every (status, action) pair the table does not list', () => {
    let refused = 0;
    for (const from of COMPLAINT_STATUSES) {
      for (const action of COMPLAINT_ACTIONS) {
        if (COMPLAINT_TRANSITIONS.some((r) => r.from === from && r.action === action)) continue;
        for (const actor of COMPLAINT_ACTORS) {
          expect(checkComplaintTransition({ from, action, actor, text: 'x', answeredAt: now, now })).toEqual({ ok: false, refusal: 'no_such_step' });
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('should list each (status, action) pair once and leave no status a dead end except closed to handlers', () => {
    const keys = COMPLAINT_TRANSITIONS.map((r) => `${r.from}:${r.action}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const status of COMPLAINT_STATUSES) expect(complaintTransitionsFrom(status).length).toBeGreaterThan(0);
    expect(complaintTransitionsFrom('closed', 'handler')).toEqual([]);
  });

  it('should need a text for the steps that speak to the citizen', () => {
    for (const rule of COMPLAINT_TRANSITIONS.filter((r) => r.needs.includes('text'))) {
      const actor = rule.actors[0];
      expect(checkComplaintTransition({ from: rule.from, action: rule.action, actor, text: '   ', answeredAt: now, now })).toEqual({ ok: false, refusal: 'text_required' });
    }
  });

  it('should let the citizen reopen only within the reopen period after the answer', () => {
    const answeredAt = at('2026-06-01', '10:00');
    const lastMoment = new Date(answeredAt.getTime() + COMPLAINT_REOPEN_DAYS * 86_400_000);
    const request = { from: 'answered' as const, action: 'reopen' as const, actor: 'citizen' as const, text: 'Belum selesai', answeredAt };
    expect(checkComplaintTransition({ ...request, now: lastMoment })).toMatchObject({ ok: true, to: 'reopened' });
    expect(checkComplaintTransition({ ...request, now: new Date(lastMoment.getTime() + 1) })).toEqual({ ok: false, refusal: 'reopen_period_over' });
    expect(checkComplaintTransition({ ...request, answeredAt: null, now })).toEqual({ ok: false, refusal: 'reopen_period_over' });
  });

  it("should use the site's reopen period when given", () => {
    const answeredAt = at('2026-06-01', '10:00');
    const request = { from: 'closed' as const, action: 'reopen' as const, actor: 'citizen' as const, text: 'Belum selesai', answeredAt, reopenDays: 3 };
    expect(checkComplaintTransition({ ...request, now: new Date(answeredAt.getTime() + 3 * 86_400_000) })).toMatchObject({ ok: true });
    expect(checkComplaintTransition({ ...request, now: new Date(answeredAt.getTime() + 3 * 86_400_000 + 1) })).toEqual({ ok: false, refusal: 'reopen_period_over' });
    expect(checkComplaintTransition({ ...request, reopenDays: 30, now: new Date(answeredAt.getTime() + 20 * 86_400_000) })).toMatchObject({ ok: true });
  });

  it('should refuse settings whose first response is due after the resolution', () => {
    expect(complaintSettingsProblem({ ...DEFAULT_COMPLAINT_SETTINGS, firstResponseDays: 10, resolutionDays: 5 })).toBe('first_response_after_resolution');
    expect(complaintSettingsProblem({ ...DEFAULT_COMPLAINT_SETTINGS, firstResponseDays: 5, resolutionDays: 5 })).toBeNull();
    expect(complaintSettingsProblem({ ...DEFAULT_COMPLAINT_SETTINGS, firstResponseDays: 10, resolutionDays: null })).toBeNull();
  });

  it('should flag an open complaint untouched for seven days, but not one waiting for the citizen or answered', () => {
    const last = at('2026-06-01', '10:00');
    const week = new Date(last.getTime() + 7 * 86_400_000);
    expect(isComplaintUntouched('received', last, new Date(week.getTime() - 1))).toBe(false);
    expect(isComplaintUntouched('received', last, week)).toBe(true);
    expect(isComplaintUntouched('in_progress', last, week)).toBe(true);
    expect(isComplaintUntouched('waiting_for_citizen', last, week)).toBe(false);
    expect(isComplaintUntouched('answered', last, week)).toBe(false);
    expect(isComplaintUntouched('received', last, at('2026-06-04', '10:00'), 3)).toBe(true);
  });
});

describe(complaintClocks.name, () => {
  it('should count a site setting in working days across a weekend', () => {
    // Friday 5 June 2026: day 1 is Monday 8 June.
    const clocks = complaintClocks({
      firstResponse: { value: 1, unit: 'working_days' },
      resolution: { value: 1, unit: 'working_days' },
      calendar: newCalendar(),
      history: newHistory([['received', '2026-06-05', '10:00']]),
      now: at('2026-06-05', '10:05'),
    });
    expect(clocks.firstResponse.due).toEqual(at('2026-06-08', '16:00'));
    expect(clocks.firstResponse.source).toBe('site');
    expect(clocks.resolution.phase).toBe('running');
  });

  it('should skip cuti bersama, a holiday and the weekend (Christmas 2026)', () => {
    // Wednesday 23 December: 24 (cuti bersama), 25 (Christmas), 26–27 (weekend) do not count.
    expect(holiday('2026-12-24') && holiday('2026-12-25')).toBe(true);
    const clocks = complaintClocks({
      firstResponse: { value: 3, unit: 'working_days' },
      resolution: null,
      calendar: newCalendar(),
      history: newHistory([['received', '2026-12-23', '10:00']]),
      now: at('2026-12-23', '10:05'),
    });
    expect(clocks.firstResponse.due).toEqual(at('2026-12-30', '16:00'));
  });

  it('should apply the legal default (UU 25/2009 Pasal 50) where the site sets none, moving a deadline off a holiday', () => {
    // Monday 3 August 2026 + 14 days = Monday 17 August (Independence Day): the next working day's close.
    expect(holiday('2026-08-17')).toBe(true);
    const clocks = complaintClocks({
      firstResponse: null,
      resolution: null,
      calendar: newCalendar(),
      history: newHistory([['received', '2026-08-03', '09:00']]),
      now: at('2026-08-03', '09:05'),
    });
    expect(clocks.firstResponse).toMatchObject({ source: 'legal_default', completionTime: LEGAL_DEFAULT_FIRST_RESPONSE });
    expect(clocks.firstResponse.due).toEqual(at('2026-08-18', '16:00'));
    expect(clocks.resolution.completionTime).toEqual(LEGAL_DEFAULT_RESOLUTION);
    // + 60 days = Friday 2 October 2026.
    expect(clocks.resolution.due).toEqual(at('2026-10-02', '16:00'));
  });

  it('should stop the first-response clock at the first handler step and pause resolution while waiting for the citizen', () => {
    const clocks = complaintClocks({
      firstResponse: { value: 2, unit: 'working_days' },
      resolution: { value: 5, unit: 'working_days' },
      calendar: newCalendar(),
      history: newHistory([
        ['received', '2026-06-08', '09:00'],
        ['in_progress', '2026-06-08', '10:00'],
        ['waiting_for_citizen', '2026-06-09', '08:00'],
        ['in_progress', '2026-06-11', '08:00'],
      ]),
      now: at('2026-06-11', '09:00'),
    });
    expect(clocks.firstResponse).toMatchObject({ phase: 'stopped', state: 'on_time', stoppedAt: at('2026-06-08', '10:00') });
    // Counted: Thu 11, Fri 12, Mon 15, (Tue 16: 1 Muharam), Wed 17, Thu 18; Tue 9 and Wed 10 were paused.
    expect(holiday('2026-06-16')).toBe(true);
    expect(clocks.resolution.phase).toBe('running');
    expect(clocks.resolution.paused).toBe(2);
    expect(clocks.resolution.due).toEqual(at('2026-06-18', '16:00'));
  });

  it('should stop resolution at the answer and start it anew at a reopen', () => {
    const base: [ComplaintStatus, string, string][] = [
      ['received', '2026-06-08', '09:00'],
      ['verified', '2026-06-08', '10:00'],
      ['answered', '2026-06-10', '11:00'],
    ];
    const answered = complaintClocks({ firstResponse: null, resolution: { value: 5, unit: 'working_days' }, calendar: newCalendar(), history: newHistory(base), now: at('2026-06-12', '09:00') });
    expect(answered.resolution).toMatchObject({ phase: 'stopped', state: 'on_time', stoppedAt: at('2026-06-10', '11:00') });

    const reopened = complaintClocks({
      firstResponse: null,
      resolution: { value: 5, unit: 'working_days' },
      calendar: newCalendar(),
      history: newHistory([...base, ['reopened', '2026-06-12', '10:00']]),
      now: at('2026-06-12', '10:05'),
    });
    // From Friday 12: Mon 15, Wed 17, Thu 18, Fri 19, Mon 22 (Tue 16 is a holiday).
    expect(reopened.resolution.phase).toBe('running');
    expect(reopened.resolution.due).toEqual(at('2026-06-22', '16:00'));
    expect(reopened.firstResponse.phase).toBe('stopped');
  });

  it('should mark a running clock overdue after its due date', () => {
    const clocks = complaintClocks({
      firstResponse: { value: 1, unit: 'working_days' },
      resolution: null,
      calendar: newCalendar(),
      history: newHistory([['received', '2026-06-08', '09:00']]),
      now: at('2026-06-10', '08:30'),
    });
    expect(clocks.firstResponse).toMatchObject({ phase: 'running', state: 'overdue', due: at('2026-06-09', '16:00') });
  });
});
