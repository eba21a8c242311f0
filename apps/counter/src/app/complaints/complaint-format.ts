import type { ComplaintInboxItem, ComplaintStatusName, SiteResponse } from '@mpp/contracts';
import { currentWorkingDayClose, isDueSoon } from '@mpp/domain';

/** What a clock shows in the inbox: its state while it runs, else why it does not. */
export type ComplaintDueMark = 'on_time' | 'due_soon' | 'overdue' | 'given' | 'paused' | 'stopped';

/**
 * The state of a running clock at `now`, by the rule of the applications clock (application-flags:
 * overdue after the due time; due soon when it falls within the site's current working day).
 */
export function dueState(dueAt: string, now: Date, site: SiteResponse | null): 'on_time' | 'due_soon' | 'overdue' {
  const due = new Date(dueAt);
  if (now.getTime() > due.getTime()) return 'overdue';
  if (!site) return 'on_time';
  const close = currentWorkingDayClose(now, {
    timeZone: site.timeZone,
    openingHours: site.openingHours,
    closures: site.upcomingClosures.map((c) => ({ date: c.date, name: c.name, kind: c.kind })),
    closesOnCutiBersama: site.closesOnCutiBersama,
  });
  return isDueSoon(due, now, close) ? 'due_soon' : 'on_time';
}

const DONE: readonly ComplaintStatusName[] = ['answered', 'closed'];

/** The first-response clock runs only while the complaint is still `received`. */
export function firstResponseMark(row: Pick<ComplaintInboxItem, 'status' | 'firstResponseDueAt'>, now: Date, site: SiteResponse | null): ComplaintDueMark {
  if (row.status !== 'received') return 'given';
  return dueState(row.firstResponseDueAt, now, site);
}

/** The resolution clock stops when answered or closed and pauses while waiting for the reporter. */
export function resolutionMark(row: Pick<ComplaintInboxItem, 'status' | 'resolutionDueAt'>, now: Date, site: SiteResponse | null): ComplaintDueMark {
  if (DONE.includes(row.status)) return 'stopped';
  if (row.status === 'waiting_for_citizen') return 'paused';
  return dueState(row.resolutionDueAt, now, site);
}

/** Whole days since `iso` (the oldest open complaint's age on the command view). */
export function ageInDays(iso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000));
}

/** An OpenStreetMap link centred on the point. */
export function openStreetMapUrl(lat: number, lng: number): string {
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=18/${lat}/${lng}`;
}
