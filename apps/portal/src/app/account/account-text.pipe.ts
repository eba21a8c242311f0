import { Pipe, inject, type PipeTransform } from '@angular/core';
import { I18nService, interpolate, type TranslationParams } from '@mpp/ui';

import { ACCOUNT_DICTIONARY } from './account.dictionary';

const WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = ACCOUNT_DICTIONARY;

/**
 * `{{ 'account.signIn.send' | at }}`: the account's own words (ACCOUNT_DICTIONARY, in this lazy
 * chunk) in the current language, with Indonesian as the fallback; any other key goes to the
 * app's dictionaries, as the `t` pipe does. Impure like `t`: it reads the language signal.
 */
@Pipe({ name: 'at', pure: false })
export class AccountTextPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: string, params?: TranslationParams): string {
    const template = WORDS[this.i18n.lang()]?.[key] ?? WORDS['id'][key];
    return template === undefined ? this.i18n.t(key, params) : interpolate(template, params);
  }
}
