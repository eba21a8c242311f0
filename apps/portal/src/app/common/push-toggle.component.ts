import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslatePipe } from '@mpp/ui';

/** Where a page's Web Push stands on this phone. */
export type PushToggleState = 'unsupported' | 'denied' | 'off' | 'enabling' | 'on' | 'failed';

/**
 * The notifications panel of a page (the ticket page, the complaint tracking page): a heading, the
 * state in words, and the button to turn them on or off; the state comes from a `PushSwitch`.
 * Words come from `<keys>.heading`, `.intro`, `.enable`, `.enabling`, `.on`, `.disable`, `.denied`,
 * `.unsupported`, `.failed`; test ids from `testIds` (`<testIds>-on`, `-enable`, …).
 */
@Component({
  selector: 'portal-push-toggle',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="notify" [attr.aria-labelledby]="testIds() + '-heading'" [attr.data-testid]="sectionTestId()">
      <h2 [id]="testIds() + '-heading'" class="notify__heading">{{ keys() + '.heading' | t }}</h2>
      @switch (state()) {
        @case ('on') {
          <p class="notify__on" [attr.data-testid]="testIds() + '-on'"><span aria-hidden="true">✓ </span>{{ keys() + '.on' | t }}</p>
          <button type="button" class="mpp-button notify__button" (click)="disable.emit()" [attr.data-testid]="testIds() + '-disable'">{{ keys() + '.disable' | t }}</button>
        }
        @case ('denied') {
          <p class="mpp-muted" [attr.data-testid]="testIds() + '-denied'">{{ keys() + '.denied' | t }}</p>
        }
        @case ('unsupported') {
          <p class="mpp-muted" [attr.data-testid]="testIds() + '-unsupported'">{{ keys() + '.unsupported' | t }}</p>
        }
        @default {
          <p class="mpp-muted">{{ keys() + '.intro' | t }}</p>
          <button
            type="button"
            class="mpp-button mpp-button--primary notify__button"
            [disabled]="state() === 'enabling'"
            (click)="enable.emit()"
            [attr.data-testid]="testIds() + '-enable'"
          >
            {{ keys() + (state() === 'enabling' ? '.enabling' : '.enable') | t }}
          </button>
        }
      }
      <div role="alert">
        @if (state() === 'failed') {
          <p class="notify__failed" [attr.data-testid]="testIds() + '-failed'">{{ keys() + '.failed' | t }}</p>
        }
      </div>
    </section>
  `,
  styles: `
    .notify {
      margin-block: var(--mpp-space-4, 1.5rem);
    }
    .notify__heading {
      font-size: 1.1rem;
      margin: 0 0 var(--mpp-space-2, 0.5rem);
    }
    .notify__button {
      min-height: 48px;
      width: 100%;
    }
    .notify__on,
    .notify__failed {
      font-weight: 600;
    }
    .notify__failed {
      margin: var(--mpp-space-2, 0.5rem) 0 0;
    }
  `,
})
export class PushToggleComponent {
  readonly state = input.required<PushToggleState>();
  /** The dictionary prefix, e.g. `portal.notify`. */
  readonly keys = input.required<string>();
  /** The test ids' prefix (and the heading's id), e.g. `notify`. */
  readonly testIds = input.required<string>();
  readonly sectionTestId = input.required<string>();
  readonly enable = output<void>();
  readonly disable = output<void>();
}
