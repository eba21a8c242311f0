import { DOCUMENT } from '@angular/common';
import {
  Injectable,
  InjectionToken,
  computed,
  inject,
  isDevMode,
  makeEnvironmentProviders,
  signal,
  type EnvironmentProviders,
} from '@angular/core';

import { readStorage, writeStorage } from '../storage/browser-storage';
import { interpolate, type Dictionary, type TranslationParams } from './dictionary';
import { DEFAULT_LANG, LANG_LOCALES, LANG_STORAGE_KEY, isLang, type Lang } from './lang';
import { UI_DICTIONARY } from './ui.dictionary';

/** Dictionaries an app adds on top of the shared one (multi provider, see `provideI18n`). */
export const I18N_DICTIONARIES = new InjectionToken<readonly Dictionary[]>('I18N_DICTIONARIES');

/**
 * Registers the shared dictionary plus the app's own. Later dictionaries win on a clash, so an
 * app may reword a shared key.
 */
export function provideI18n(...dictionaries: Dictionary[]): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: I18N_DICTIONARIES, useValue: [UI_DICTIONARY, ...dictionaries] },
  ]);
}

/**
 * The current language as a signal, and lookups that read it, so templates re-render when the
 * language changes. Persisted in localStorage (`mpp.lang`); sets `<html lang>`.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT);
  private readonly entries = mergeDictionaries(
    inject(I18N_DICTIONARIES, { optional: true }) ?? [UI_DICTIONARY],
  );
  private readonly reported = new Set<string>();
  private readonly current = signal<Lang>(initialLang());

  /** The language in use: 'id' (default) or 'en'. */
  readonly lang = this.current.asReadonly();
  /** BCP 47 locale for Intl formatting in the current language. */
  readonly locale = computed(() => LANG_LOCALES[this.current()]);

  constructor() {
    this.document.documentElement.lang = this.current();
  }

  setLang(lang: Lang): void {
    this.current.set(lang);
    this.document.documentElement.lang = lang;
    writeStorage('local', LANG_STORAGE_KEY, lang);
  }

  /** Text for the key in the current language; reads the `lang` signal. */
  t(key: string, params?: TranslationParams): string {
    return this.translate(this.current(), key, params);
  }

  /** Text for the key in a given language, falling back to Indonesian, then to the key. */
  translate(lang: Lang, key: string, params?: TranslationParams): string {
    const template = this.entries[lang].get(key) ?? this.entries.id.get(key);
    if (template === undefined) {
      this.reportMissing(key);
      return key;
    }
    return interpolate(template, params);
  }

  private reportMissing(key: string): void {
    if (isDevMode() && !this.reported.has(key)) {
      this.reported.add(key);
      console.warn(`[i18n] missing key "${key}"`);
    }
  }
}

function initialLang(): Lang {
  const stored = readStorage('local', LANG_STORAGE_KEY);
  return isLang(stored) ? stored : DEFAULT_LANG;
}

function mergeDictionaries(dictionaries: readonly Dictionary[]): Record<Lang, Map<string, string>> {
  const merged: Record<Lang, Map<string, string>> = { id: new Map(), en: new Map() };
  for (const dictionary of dictionaries) {
    for (const lang of Object.keys(merged) as Lang[]) {
      for (const [key, text] of Object.entries(dictionary[lang])) {
        merged[lang].set(key, text);
      }
    }
  }
  return merged;
}
