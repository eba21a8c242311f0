import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslatePipe } from '@mpp/ui';

import type { ConsoleAction } from '../queue/shortcuts';

/** One action of the console (the ticket's or the counter's), with its shortcut key shown. */
@Component({
  selector: 'counter-console-action-button',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="mpp-button"
      [class.mpp-button--primary]="primary()"
      [attr.data-testid]="'action-' + action()"
      [attr.aria-keyshortcuts]="shortcut()"
      [attr.aria-busy]="busy()"
      [disabled]="!enabled()"
      (click)="pressed.emit(action())"
    >
      <span>{{ (busy() ? 'console.working' : 'console.action.' + action()) | t }}</span>
      <kbd>{{ shortcut() }}</kbd>
    </button>
  `,
  styles: `
    kbd {
      display: inline-block;
      min-width: 1.5rem;
      padding: 0 var(--mpp-space-1);
      border: 1px solid currentColor;
      border-radius: 0.25rem;
      font-family: var(--mpp-font-mono);
      font-size: 0.8125rem;
      text-align: center;
    }
  `,
})
export class ConsoleActionButtonComponent {
  readonly action = input.required<ConsoleAction>();
  readonly shortcut = input.required<string>();
  readonly busy = input(false);
  readonly enabled = input(true);
  readonly primary = input(false);
  readonly pressed = output<ConsoleAction>();
}
