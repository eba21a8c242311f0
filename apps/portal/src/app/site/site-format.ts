import type { LocalTime } from '@mpp/contracts';
import { LANG_LOCALES, type Lang } from '@mpp/ui';

/** "08.00" in Indonesian (as the KBBI writes times), "08:00" in English. */
export function formatLocalTime(time: LocalTime, lang: Lang): string {
  return lang === 'id' ? time.replace(':', '.') : time;
}

/** A site-local date "YYYY-MM-DD" as "Kamis, 24 Desember 2026" / "Thursday, 24 December 2026". */
export function formatLocalDate(date: string, lang: Lang, options: { year?: boolean } = {}): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(LANG_LOCALES[lang], {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(options.year === false ? {} : { year: 'numeric' as const }),
  }).format(new Date(Date.UTC(year, month - 1, day)));
}

/** A maps search for the site's address, opened in the phone's maps app or browser. */
export function mapsLink(name: string, address: string): string {
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(`${name}, ${address}`)}`;
}
