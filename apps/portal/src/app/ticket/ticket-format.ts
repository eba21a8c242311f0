import { LANG_LOCALES, timeZoneLabel, type Lang } from '@mpp/ui';

export interface IssuedAtText {
  /** "09.05" (id) / "09:05" (en), 24-hour, at the site. */
  time: string;
  /** "Senin, 23 November 2026" / "Monday, 23 November 2026", at the site. */
  date: string;
  /** "WIB", "WITA", "WIT". */
  zone: string;
}

/**
 * When the ticket was taken, on the site's clock (a phone set to another zone still reads the
 * hall's time).
 */
export function formatIssuedAt(iso: string, timeZone: string, lang: Lang): IssuedAtText {
  const instant = new Date(iso);
  const locale = LANG_LOCALES[lang];
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  const date = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(instant);
  return { time, date, zone: timeZoneLabel(timeZone) };
}
