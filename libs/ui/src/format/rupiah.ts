import { Pipe, inject, type PipeTransform } from '@angular/core';
import type { Fee } from '@mpp/contracts';

import { I18nService } from '../i18n/i18n.service';
import type { Lang } from '../i18n/lang';
import { uiText } from '../i18n/ui.dictionary';

/**
 * Rupiah as printed in Indonesia, "Rp30.000", in both languages (the fee notices on the counters
 * use this form); "Gratis" / "Free" when the fee is free or zero. Whole rupiah only.
 */
export function formatRupiah(value: Fee | number, lang: Lang): string {
  const free = typeof value === 'number' ? value === 0 : value.free || value.amount === 0;
  if (free) {
    return uiText(lang, 'fee.free');
  }
  const amount = typeof value === 'number' ? value : value.amount;
  return `${amount < 0 ? '-' : ''}Rp${groupThousands(Math.round(Math.abs(amount)))}`;
}

function groupThousands(amount: number): string {
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** `{{ service.fee | rupiah }}` */
@Pipe({ name: 'rupiah', pure: false })
export class RupiahPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(value: Fee | number | null | undefined): string {
    return value === null || value === undefined ? '' : formatRupiah(value, this.i18n.lang());
  }
}
