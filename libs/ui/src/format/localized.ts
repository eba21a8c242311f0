import { Pipe, inject, type PipeTransform } from '@angular/core';
import type { LocalizedText } from '@mpp/contracts';

import { I18nService } from '../i18n/i18n.service';
import type { Lang } from '../i18n/lang';

/**
 * Picks the English variant of catalogue text when English is chosen and one exists; the
 * Indonesian text otherwise (the catalogue is written in Indonesian first).
 */
export function pickLocalized(lang: Lang, id: string, en: string | null | undefined): string {
  return lang === 'en' && en ? en : id;
}

/** A bilingual text of the domain's label tables or an API message, in the chosen language. */
export function pickText(lang: Lang, text: LocalizedText): string {
  return pickLocalized(lang, text.id, text.en);
}

/** `{{ service.name | localized: service.nameEn }}` */
@Pipe({ name: 'localized', pure: false })
export class LocalizedPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(id: string, en: string | null | undefined): string {
    return pickLocalized(this.i18n.lang(), id, en);
  }
}

/** `{{ statusLabels[ticket.status] | bilingual }}`, for `{ id, en }` texts such as libs/domain's label tables. */
@Pipe({ name: 'bilingual', pure: false })
export class BilingualPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(text: LocalizedText): string {
    return pickText(this.i18n.lang(), text);
  }
}
