import { Pipe, inject, type PipeTransform } from '@angular/core';

import type { TranslationParams } from './dictionary';
import { I18nService } from './i18n.service';

/**
 * `{{ 'search.label' | t }}` or `{{ 'results.count' | t: { n: total } }}`.
 * Impure so it re-runs on every check; it reads the `lang` signal, so a language change marks
 * the view dirty (zoneless, OnPush).
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: string, params?: TranslationParams): string {
    return this.i18n.t(key, params);
  }
}
