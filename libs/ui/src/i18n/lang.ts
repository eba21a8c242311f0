/** The languages every screen is written in: Bahasa Indonesia first, English complete. */
export const LANGS = ['id', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const DEFAULT_LANG: Lang = 'id';

/** localStorage key holding the chosen language. */
export const LANG_STORAGE_KEY = 'mpp.lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** BCP 47 locale used with Intl for each language. */
export const LANG_LOCALES: Readonly<Record<Lang, string>> = {
  id: 'id-ID',
  en: 'en-GB',
};
