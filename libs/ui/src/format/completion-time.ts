import { Pipe, inject, type PipeTransform } from '@angular/core';
import type { CompletionTime, CompletionTimeUnit } from '@mpp/contracts';

import { interpolate } from '../i18n/dictionary';
import { I18nService } from '../i18n/i18n.service';
import type { Lang } from '../i18n/lang';
import { uiText, type UiTranslationKey } from '../i18n/ui.dictionary';

const UNIT_KEYS: Readonly<Record<CompletionTimeUnit, { one: UiTranslationKey; other: UiTranslationKey }>> = {
  minutes: { one: 'time.minutes.one', other: 'time.minutes' },
  working_days: { one: 'time.workingDays.one', other: 'time.workingDays' },
};

/** "30 menit", "3 hari kerja" / "30 minutes", "1 working day". */
export function formatCompletionTime(time: Pick<CompletionTime, 'value' | 'unit'>, lang: Lang): string {
  const keys = UNIT_KEYS[time.unit];
  const template = uiText(lang, time.value === 1 ? keys.one : keys.other);
  return interpolate(template, { n: time.value });
}

/** `{{ service.completionTime | completionTime }}` */
@Pipe({ name: 'completionTime', pure: false })
export class CompletionTimePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(time: Pick<CompletionTime, 'value' | 'unit'> | null | undefined): string {
    return time ? formatCompletionTime(time, this.i18n.lang()) : '';
  }
}
