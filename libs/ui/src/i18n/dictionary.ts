import type { Lang } from './lang';

/** Parameters substituted into `{name}` placeholders. */
export type TranslationParams = Readonly<Record<string, string | number>>;

/** Text for every language, keyed alike. */
export type Dictionary<K extends string = string> = Readonly<Record<Lang, Readonly<Record<K, string>>>>;

/**
 * Declares a dictionary: the Indonesian entries fix the keys, and the English entries must have
 * exactly the same keys (a missing or extra key is a compile error).
 */
export function defineDictionary<const K extends string>(
  id: Record<K, string>,
  en: NoInfer<Record<K, string>>,
): Dictionary<K> {
  return { id, en };
}

/** Replaces `{name}` placeholders; unknown placeholders are left as they are. */
export function interpolate(template: string, params?: TranslationParams): string {
  if (!params) {
    return template;
  }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
