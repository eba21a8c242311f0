import { DOCUMENT } from '@angular/common';
import {
  Injectable,
  InjectionToken,
  computed,
  inject,
  isDevMode,
  makeEnvironmentProviders,
  provideEnvironmentInitializer,
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
 * Registers dictionaries when the injector holding these providers is created: in a lazy route's
 * `providers` (in the feature's own `*.routes.ts`, so the words are in that route's chunk, not in
 * the app's first load), the dictionaries join the app's when the route is first matched (or
 * preloaded). Registering the same dictionary twice does nothing.
 *
 * ```ts
 * export const BOOKING_ROUTES: Routes = [
 *   { path: '', providers: [provideDictionary(BOOKING_DICTIONARY)], children: [...] },
 * ];
 * ```
 */
export function provideDictionary(...dictionaries: Dictionary[]): EnvironmentProviders {
  return makeEnvironmentProviders([provideEnvironmentInitializer(() => inject(I18nService).register(...dictionaries))]);
}

/**
 * The current language as a signal, and lookups that read it, so templates re-render when the
 * language changes, or when a dictionary registered later (`provideDictionary`) brings their keys.
 * Persisted in localStorage (`mpp.lang`); sets `<html lang>`.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT);
  private readonly entries: Record<Lang, Map<string, string>> = { id: new Map(), en: new Map() };
  private readonly registered = new Set<Dictionary>();
  /** Bumped by each registration; lookups read it, so what was shown before is shown again. */
  private readonly revision = signal(0);
  private readonly reported = new Set<string>();
  private readonly current = signal<Lang>(initialLang());

  /** The language in use: 'id' (default) or 'en'. */
  readonly lang = this.current.asReadonly();
  /** BCP 47 locale for Intl formatting in the current language. */
  readonly locale = computed(() => LANG_LOCALES[this.current()]);

  constructor() {
    this.register(...(inject(I18N_DICTIONARIES, { optional: true }) ?? [UI_DICTIONARY]));
    this.document.documentElement.lang = this.current();
  }

  /**
   * Adds dictionaries to the ones in use (a later one wins on a clash, as in `provideI18n`); views
   * that read a text re-render. Usually through `provideDictionary` in a lazy route.
   */
  register(...dictionaries: readonly Dictionary[]): void {
    const added = dictionaries.filter((dictionary) => !this.registered.has(dictionary));
    if (added.length === 0) {
      return;
    }
    for (const dictionary of added) {
      this.registered.add(dictionary);
      for (const lang of Object.keys(this.entries) as Lang[]) {
        for (const [key, text] of Object.entries(dictionary[lang])) {
          this.entries[lang].set(key, text);
        }
      }
    }
    this.revision.update((n) => n + 1);
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
    this.revision();
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
