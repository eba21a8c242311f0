import type { Lang } from '@mpp/ui';

/** A figure with the given decimals in the page's language (1.234,56 or 1,234.56); "–" when there is none. */
export function formatNumber(value: number | null | undefined, lang: Lang, decimals = 0): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** A rate 0..1 as a percentage with one decimal. */
export function formatRate(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '–';
  return `${formatNumber(value * 100, lang, 1)}%`;
}

/** Whole seconds as minutes with one decimal. */
export function formatMinutes(seconds: number | null | undefined, lang: Lang): string {
  if (seconds === null || seconds === undefined) return '–';
  return formatNumber(seconds / 60, lang, 1);
}
