import { ChangeDetectionStrategy, Component, inject } from '@angular/core';

import { I18nService } from './i18n.service';
import type { Lang } from './lang';
import { TranslatePipe } from './translate.pipe';

interface LanguageOption {
  lang: Lang;
  /** Each language is named in itself, so a reader finds their own. */
  label: string;
}

@Component({
  selector: 'ui-language-switcher',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="switcher" role="group" [attr.aria-label]="'lang.label' | t">
      @for (option of options; track option.lang) {
        <button
          type="button"
          class="switcher__option"
          [attr.lang]="option.lang"
          [attr.aria-pressed]="i18n.lang() === option.lang"
          [attr.data-testid]="'lang-' + option.lang"
          (click)="i18n.setLang(option.lang)"
        >
          {{ option.label }}
        </button>
      }
    </div>
  `,
  styles: `
    .switcher {
      display: inline-flex;
      border: 2px solid currentColor;
      border-radius: var(--mpp-radius);
      overflow: hidden;
    }
    .switcher__option {
      min-height: var(--mpp-target);
      padding: var(--mpp-space-1) var(--mpp-space-3);
      border: 0;
      background: transparent;
      color: inherit;
      font: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    .switcher__option + .switcher__option {
      border-left: 2px solid currentColor;
    }
    .switcher__option[aria-pressed='true'] {
      background: var(--mpp-color-bg);
      color: var(--mpp-color-primary);
    }
  `,
})
export class LanguageSwitcherComponent {
  protected readonly i18n = inject(I18nService);
  protected readonly options: readonly LanguageOption[] = [
    { lang: 'id', label: 'Bahasa Indonesia' },
    { lang: 'en', label: 'English' },
  ];
}
