import { LANG_LOCALES, timeZoneLabel, type Lang } from '@mpp/ui';

/** A moment at the site, in its zone: "Kam, 11 Jun 2026, 16.00 WITA" / "Thu, 11 Jun 2026, 16:00 WITA". */
export function formatSiteMoment(iso: string | null, timeZone: string, lang: Lang): string {
  if (!iso) return '';
  const text = new Intl.DateTimeFormat(LANG_LOCALES[lang], {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
  return `${text} ${timeZoneLabel(timeZone)}`;
}

/** "1,2 MB", "350 kB" (decimal units, as the upload limits are stated). */
export function formatBytes(size: number, lang: Lang): string {
  const number = (value: number, digits: number) => new Intl.NumberFormat(LANG_LOCALES[lang], { maximumFractionDigits: digits }).format(value);
  if (size >= 1_000_000) return `${number(size / 1_000_000, 1)} MB`;
  if (size >= 1_000) return `${number(size / 1_000, 0)} kB`;
  return `${number(size, 0)} B`;
}

/** The zone used when the officer's site is not known yet (or not readable). */
export const FALLBACK_TIME_ZONE = 'Asia/Jakarta';
