import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';

import { I18nService } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/translate.pipe';
import { describeApiError } from './api-error';

/** An error from the API, in the current language, with an optional "Try again" button. */
@Component({
  selector: 'ui-error-alert',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="alert" role="alert">
      <p class="alert__message">{{ description().message }}</p>
      @if (description().fields.length > 0) {
        <ul class="alert__fields">
          @for (entry of description().fields; track entry.field) {
            <li>{{ entry.message }}</li>
          }
        </ul>
      }
      @if (retryable()) {
        <button type="button" class="mpp-button" (click)="retry.emit()">{{ 'common.retry' | t }}</button>
      }
    </div>
  `,
  styles: `
    .alert {
      padding: var(--mpp-space-4);
      border-left: 6px solid var(--mpp-color-danger);
      border-radius: var(--mpp-radius);
      background: var(--mpp-color-danger-soft);
      color: var(--mpp-color-text);
    }
    .alert__message {
      font-weight: 600;
    }
    .alert__fields {
      margin: 0 0 var(--mpp-space-3);
    }
    .alert > :last-child {
      margin-bottom: 0;
    }
  `,
})
export class ErrorAlertComponent {
  private readonly i18n = inject(I18nService);

  readonly error = input.required<unknown>();
  /** Shows the "Try again" button. */
  readonly retryable = input(false);
  readonly retry = output<void>();

  protected readonly description = computed(() => describeApiError(this.error(), this.i18n.lang()));
}
