import { Pipe, inject, type PipeTransform } from '@angular/core';
import type { CompletionTime, CompletionTimeUnit } from '@mpp/contracts';

import { interpolate } from '../i18n/dictionary';
import { I18nService } from '../i18n/i18n.service';
import type { Lang } from '../i18n/lang';
import { uiText, type UiTranslationKey } from '../i18n/ui.dictionary';

type UnitWords = (lang: Lang, one: boolean) => string;

const fromDictionary =
  (one: UiTranslationKey, other: UiTranslationKey): UnitWords =>
  (lang, isOne) =>
    uiText(lang, isOne ? one : other);

/**
 * Calendar days ("BPHTB: paling lama 30 hari") count every day, holidays and weekends included;
 * their words are kept here, beside the only code that shows them.
 */
const CALENDAR_DAYS: Readonly<Record<Lang, { one: string; other: string }>> = {
  id: { one: '{n} hari kalender', other: '{n} hari kalender' },
  en: { one: '{n} calendar day', other: '{n} calendar days' },
};

const UNIT_WORDS: Readonly<Record<CompletionTimeUnit, UnitWords>> = {
  minutes: fromDictionary('time.minutes.one', 'time.minutes'),
  working_days: fromDictionary('time.workingDays.one', 'time.workingDays'),
  calendar_days: (lang, isOne) => CALENDAR_DAYS[lang][isOne ? 'one' : 'other'],
};

/** "30 menit", "3 hari kerja", "30 hari kalender" / "30 minutes", "1 working day", "30 calendar days". */
export function formatCompletionTime(time: Pick<CompletionTime, 'value' | 'unit'>, lang: Lang): string {
  return interpolate(UNIT_WORDS[time.unit](lang, time.value === 1), { n: time.value });
}

/** `{{ service.completionTime | completionTime }}` */
@Pipe({ name: 'completionTime', pure: false })
export class CompletionTimePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(time: Pick<CompletionTime, 'value' | 'unit'> | null | undefined): string {
    return time ? formatCompletionTime(time, this.i18n.lang()) : '';
  }
}
