import { timeZoneAbbreviation } from '@mpp/domain';
import { LANG_LOCALES, type Lang } from '../i18n/lang';

/** "WIB", "WITA", "WIT" for Indonesian zones; the IANA name otherwise (one table, in libs/domain). */
export const timeZoneLabel = timeZoneAbbreviation;

export interface ClockText {
  /** "14.05.09" (id) / "14:05:09" (en), 24-hour. */
  time: string;
  /** "Senin, 2 Maret 2026" / "Monday, 2 March 2026". */
  date: string;
}

/**
 * The wall-clock time and date at a site, in the site's time zone (not the device's); with
 * `seconds: false` the time is "14.05" / "14:05".
 */
export function formatClock(instant: Date, timeZone: string, lang: Lang, options: { seconds?: boolean } = {}): ClockText {
  const locale = LANG_LOCALES[lang];
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds === false ? {} : { second: '2-digit' as const }),
    hourCycle: 'h23',
  }).format(instant);
  const date = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(instant);
  return { time, date };
}
