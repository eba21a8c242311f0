import { makeEnvironmentProviders, type EnvironmentProviders } from '@angular/core';
import { TitleStrategy } from '@angular/router';

import type { Dictionary } from './i18n/dictionary';
import { provideI18n } from './i18n/i18n.service';
import { I18nTitleStrategy } from './i18n/page-title';

/** What every app needs from @mpp/ui: i18n with the app's dictionaries and translated titles. */
export function provideMppUi(...dictionaries: Dictionary[]): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideI18n(...dictionaries),
    { provide: TitleStrategy, useClass: I18nTitleStrategy },
  ]);
}
