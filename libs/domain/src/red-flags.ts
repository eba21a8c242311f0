/**
 * Red flags of a site (issue 15, docs/red-flags.md): the defaults an MPP starts with, the limits
 * of each threshold, and each flag's rule and wording. Pure: the API reads the figures, these
 * decide whether a flag holds, since when, and what it says.
 */
import type { LocalizedText, RedFlagIkmBand, RedFlagKind, RedFlagSettings, RedFlagSeverity } from '@mpp/contracts';
import { addDaysToLocalDate } from './calendar';
import { ikmBand, type IkmBand } from './ikm';

/** What a site starts with until its admin changes it. */
export const DEFAULT_RED_FLAG_SETTINGS: Readonly<RedFlagSettings> = Object.freeze({
  waitMinutes: 60,
  idleMinutes: 15,
  pickedSharePercent: 20,
  pickedMinCalls: 20,
  overdueApplications: 1,
  ikmMinBand: 'B',
  ikmDays: 90,
  ikmMinRespondents: 30,
  calendarDaysBefore: 60,
  summaryHour: 17,
});

/** The accepted range of each whole-number setting (the API's validation and the admin form). */
export const RED_FLAG_SETTING_LIMITS = {
  waitMinutes: { min: 5, max: 480 },
  idleMinutes: { min: 5, max: 240 },
  pickedSharePercent: { min: 1, max: 100 },
  pickedMinCalls: { min: 1, max: 1000 },
  overdueApplications: { min: 1, max: 1000 },
  ikmDays: { min: 7, max: 365 },
  ikmMinRespondents: { min: 1, max: 1000 },
  calendarDaysBefore: { min: 1, max: 365 },
  summaryHour: { min: 0, max: 23 },
} as const satisfies Partial<Record<keyof RedFlagSettings, { min: number; max: number }>>;

/** The order flags are listed in: critical first, then by kind. */
export const RED_FLAG_KIND_ORDER: readonly RedFlagKind[] = ['overdue_applications', 'untouched_complaints', 'long_wait', 'idle_counter', 'picked_calls', 'low_ikm', 'national_calendar'];

const MINUTE_MS = 60_000;

export interface FlagHold {
  since: Date;
  severity: RedFlagSeverity;
  /** The measured value (minutes, %, count, IKM). */
  value: number;
}

/**
 * Long wait: the longest-waiting ticket of a service has waited more than `minutes` since it was
 * issued (exactly `minutes` is not over). Critical from twice the threshold.
 */
export function longWaitFlag(oldestIssuedAt: Date | null, now: Date, minutes: number | null): FlagHold | null {
  if (minutes === null || !oldestIssuedAt) return null;
  const waited = now.getTime() - oldestIssuedAt.getTime();
  if (waited <= minutes * MINUTE_MS) return null;
  return { since: new Date(oldestIssuedAt.getTime() + minutes * MINUTE_MS), severity: waited >= 2 * minutes * MINUTE_MS ? 'critical' : 'warning', value: Math.floor(waited / MINUTE_MS) };
}

/**
 * Idle counter: open, nothing called or being served, people waiting for its services, and its
 * last activity (the last call, start or finish there, or its opening) more than `minutes` ago.
 */
export function idleCounterFlag(lastActiveAt: Date, waiting: number, now: Date, minutes: number | null): FlagHold | null {
  if (minutes === null || waiting <= 0) return null;
  const idle = now.getTime() - lastActiveAt.getTime();
  if (idle <= minutes * MINUTE_MS) return null;
  return { since: new Date(lastActiveAt.getTime() + minutes * MINUTE_MS), severity: idle >= 2 * minutes * MINUTE_MS ? 'critical' : 'warning', value: Math.floor(idle / MINUTE_MS) };
}

/** Share of picked calls, in % (one decimal), or 0 without calls. */
export function pickedShare(calls: number, picked: number): number {
  return calls > 0 ? Math.round((picked * 1000) / calls) / 10 : 0;
}

/**
 * Picked calls: an officer who has made at least `minCalls` calls today picked more than
 * `sharePercent` % of them (exactly the share is not above it). Compared in whole numbers.
 */
export function pickedCallsHold(calls: number, picked: number, sharePercent: number | null, minCalls: number): boolean {
  if (sharePercent === null || calls < minCalls || calls <= 0) return false;
  return picked * 100 > sharePercent * calls;
}

/**
 * Since when the picked-calls flag holds, from an officer's calls of the day in time order: the
 * call after which the rule last began to hold and held at every later call; null when it does
 * not hold after the last call.
 */
export function pickedCallsSince(calls: readonly { at: Date; picked: boolean }[], sharePercent: number | null, minCalls: number): Date | null {
  let since: Date | null = null;
  let picked = 0;
  calls.forEach((call, i) => {
    if (call.picked) picked++;
    const holds = pickedCallsHold(i + 1, picked, sharePercent, minCalls);
    if (!holds) since = null;
    else since ??= call.at;
  });
  return since;
}

/** Overdue applications: at least `min` of a service's open applications are past their service due date. */
export function overdueApplicationsHold(count: number, min: number | null): boolean {
  return min !== null && count >= min;
}

const BAND_RANK: Record<IkmBand, number> = { A: 4, B: 3, C: 2, D: 1 };

/**
 * Low IKM: with at least `minRespondents` answers in the period, the index's band (rounded to two
 * decimals first, libs/domain ikm.ts) is below `minBand`. Critical for band D.
 */
export function lowIkmHold(ikm: number, respondents: number, minBand: RedFlagIkmBand | null, minRespondents: number): { band: IkmBand; severity: RedFlagSeverity } | null {
  if (minBand === null || respondents < minRespondents) return null;
  const band = ikmBand(ikm);
  if (BAND_RANK[band] >= BAND_RANK[minBand]) return null;
  return { band, severity: band === 'D' ? 'critical' : 'warning' };
}

/**
 * National calendar: the first year, from today's, that has no national calendar and that the
 * booking horizon (today + `horizonDays`) reaches within `daysBefore` days; and the local date from
 * which the flag holds (1 January of that year − horizon − daysBefore). Null when every such year
 * has its calendar, or the flag is off.
 */
export function missingCalendarYear(
  today: string,
  horizonDays: number,
  daysBefore: number | null,
  yearsWithCalendar: readonly number[],
): { year: number; since: string } | null {
  if (daysBefore === null) return null;
  const reach = addDaysToLocalDate(today, Math.max(0, horizonDays) + daysBefore);
  const have = new Set(yearsWithCalendar);
  for (let year = Number(today.slice(0, 4)); year <= Number(reach.slice(0, 4)); year++) {
    if (have.has(year)) continue;
    const firstDay = `${String(year).padStart(4, '0')}-01-01`;
    const since = addDaysToLocalDate(firstDay, -(Math.max(0, horizonDays) + daysBefore));
    return { year, since };
  }
  return null;
}

/** The words of each flag: what is wrong (with its figures) and what to do, Indonesian and English. */
export const RED_FLAG_TEXTS = {
  longWait: (service: LocalizedText, waiting: number, longest: number, threshold: number) => ({
    title: {
      id: `${service.id}: ${waiting} orang menunggu lebih dari ${threshold} menit (terlama ${longest} menit).`,
      en: `${service.en}: ${waiting} ${waiting === 1 ? 'person has' : 'people have'} waited over ${threshold} minutes (longest ${longest} minutes).`,
    },
    action: {
      id: 'Buka loket tambahan untuk layanan ini atau pindahkan petugas dari loket yang sepi.',
      en: 'Open another counter for this service or move an officer from a quiet counter.',
    },
  }),
  idleCounter: (counter: string, idle: number, waiting: number, threshold: number) => ({
    title: {
      id: `${counter} terbuka tetapi tidak memanggil selama ${idle} menit, sementara ${waiting} orang menunggu layanannya (batas ${threshold} menit).`,
      en: `${counter} is open but has called no one for ${idle} minutes while ${waiting} ${waiting === 1 ? 'person waits' : 'people wait'} for its services (limit ${threshold} minutes).`,
    },
    action: {
      id: 'Hubungi petugas loket ini: panggil antrean berikutnya, atau jeda/tutup loket bila petugas sedang tidak di tempat.',
      en: 'Contact the officer at this counter: call the next ticket, or pause/close the counter if nobody is there.',
    },
  }),
  pickedCalls: (officer: string, share: number, picked: number, calls: number, threshold: number) => ({
    title: {
      id: `${officer} memilih sendiri ${picked} dari ${calls} panggilan hari ini (${formatShare(share, 'id')}%, batas ${threshold}%).`,
      en: `${officer} picked ${picked} of ${calls} calls today themselves (${formatShare(share, 'en')}%, limit ${threshold}%).`,
    },
    action: {
      id: 'Periksa alasan pemilihan nomor di riwayat panggilan; ingatkan petugas memakai "Panggil berikutnya" agar urutan antrean adil.',
      en: 'Check the reasons in the call history; remind the officer to use "Call next" so the queue order stays fair.',
    },
  }),
  overdueApplications: (service: LocalizedText, count: number, threshold: number) => ({
    title: {
      id: `${service.id}: ${count} permohonan melewati batas waktu layanan (batas bendera ${threshold}).`,
      en: `${service.en}: ${count} ${count === 1 ? 'application is' : 'applications are'} past the service's due date (flag from ${threshold}).`,
    },
    action: {
      id: 'Minta admin instansi menugaskan petugas untuk menyelesaikan permohonan yang terlambat, yang paling lama lebih dulu.',
      en: "Ask the agency's admin to assign officers to the late applications, the oldest first.",
    },
  }),
  untouchedComplaints: (agency: string, count: number, days: number, oldestDays: number) => ({
    title: {
      id: `${agency}: ${count} pengaduan belum disentuh petugas selama ${days} hari atau lebih (terlama ${oldestDays} hari).`,
      en: `${agency}: ${count} ${count === 1 ? 'complaint has' : 'complaints have'} not been touched by a handler for ${days} days or more (longest ${oldestDays} days).`,
    },
    action: {
      id: 'Minta instansi ini memverifikasi dan menanggapi pengaduan tersebut hari ini, yang paling lama lebih dulu; alihkan bila bukan wewenangnya.',
      en: 'Ask this agency to verify and answer those complaints today, the oldest first; re-route any that are not theirs.',
    },
  }),
  lowIkm: (subject: LocalizedText, ikm: number, band: IkmBand, minBand: RedFlagIkmBand, days: number, respondents: number) => ({
    title: {
      id: `${subject.id}: IKM ${ikm.toFixed(2).replace('.', ',')} (mutu ${band}) dalam ${days} hari terakhir dari ${respondents} responden, di bawah mutu ${minBand}.`,
      en: `${subject.en}: IKM ${ikm.toFixed(2)} (band ${band}) over the last ${days} days from ${respondents} respondents, below band ${minBand}.`,
    },
    action: {
      id: 'Buka laporan SKM: tindak lanjuti unsur dengan nilai terendah dan catat rencana perbaikannya.',
      en: 'Open the SKM report: follow up the lowest-scoring elements and record the improvement plan.',
    },
  }),
  nationalCalendar: (year: number, reachesOn: string) => ({
    title: {
      id: `Kalender nasional ${year} (hari libur nasional dan cuti bersama) belum diisi; pemesanan akan menjangkau ${year} mulai ${reachesOn}.`,
      en: `The ${year} national calendar (public holidays and cuti bersama) is missing; bookings will reach ${year} from ${reachesOn}.`,
    },
    action: {
      id: `Minta admin sistem memasukkan hari libur nasional dan cuti bersama ${year} sesuai SKB tiga menteri.`,
      en: `Ask a system admin to enter the ${year} public holidays and cuti bersama from the joint ministerial decree (SKB).`,
    },
  }),
} satisfies Record<string, (...args: never[]) => { title: LocalizedText; action: LocalizedText }>;

function formatShare(share: number, lang: 'id' | 'en'): string {
  const text = Number.isInteger(share) ? String(share) : share.toFixed(1);
  return lang === 'id' ? text.replace('.', ',') : text;
}

/** The local date on which the booking horizon first reaches 1 January of `year`. */
export function horizonReachesYearOn(year: number, horizonDays: number): string {
  return addDaysToLocalDate(`${String(year).padStart(4, '0')}-01-01`, -Math.max(0, horizonDays));
}
