import { formatClock, timeZoneLabel, type Lang } from '@mpp/ui';

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
  return { ...formatClock(new Date(iso), timeZone, lang, { seconds: false }), zone: timeZoneLabel(timeZone) };
}
