import { Pipe, inject, type PipeTransform } from '@angular/core';

import { I18nService } from '../i18n/i18n.service';
import type { Lang } from '../i18n/lang';

/**
 * Picks the English variant of catalogue text when English is chosen and one exists; the
 * Indonesian text otherwise (the catalogue is written in Indonesian first).
 */
export function pickLocalized(lang: Lang, id: string, en: string | null | undefined): string {
  return lang === 'en' && en ? en : id;
}

/** `{{ service.name | localized: service.nameEn }}` */
@Pipe({ name: 'localized', pure: false })
export class LocalizedPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(id: string, en: string | null | undefined): string {
    return pickLocalized(this.i18n.lang(), id, en);
  }
}
