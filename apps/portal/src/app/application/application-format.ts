import { normalizeBookingCode } from '@mpp/domain';
import { LANG_LOCALES, formatClock, timeZoneLabel, type Lang } from '@mpp/ui';

/** "ABCD-2345", as the application's messages and receipt print it; what is not a code stays as it came. */
export function displayApplicationCode(code: string): string {
  const canonical = normalizeBookingCode(code);
  return canonical === null ? code : `${canonical.slice(0, 4)}-${canonical.slice(4)}`;
}

/** An instant in the site's zone: "Kamis, 20 Agustus 2026 pukul 16.00 WITA" / "Thursday, 20 August 2026 at 16:00 WITA". */
export function formatSiteInstant(at: string, timeZone: string, lang: Lang): string {
  const clock = formatClock(new Date(at), timeZone, lang, { seconds: false });
  return `${clock.date} ${lang === 'en' ? 'at' : 'pukul'} ${clock.time} ${timeZoneLabel(timeZone)}`;
}

/** A day in the site's zone, short: "Jum, 14 Agu 2026". */
export function formatSiteDay(at: string, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LANG_LOCALES[lang], { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(at));
}

/** Bytes in the MB the service's upload limit is stated in (the API counts 1 MB as 1,048,576 bytes). */
export const BYTES_PER_MB = 1024 * 1024;

/** A file's size as a person reads it: "850 kB", "4,2 MB", in the API's units (1 MB = 1,048,576 bytes). */
export function formatFileSize(bytes: number, lang: Lang): string {
  const locale = LANG_LOCALES[lang];
  if (bytes < BYTES_PER_MB) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1024)))} kB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / BYTES_PER_MB)} MB`;
}
