import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Injector,
  afterNextRender,
  inject,
  input,
  output,
  signal,
  viewChild,
  type ElementRef,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { PublicTicketResponse } from '@mpp/contracts';
import { ErrorAlertComponent, TranslatePipe } from '@mpp/ui';

import { TicketApi } from './ticket-api.service';

/**
 * "Batalkan antrean" in two steps: the first tap only asks (and says what cancelling means), the
 * second cancels. Focus follows the question, and returns to the button when the citizen keeps
 * their place. The API's refusal (the ticket was called meanwhile) is shown in words.
 */
@Component({
  selector: 'portal-ticket-cancel',
  imports: [ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!confirming()) {
      <button #start type="button" class="mpp-button cancel__start" data-testid="ticket-cancel" (click)="ask()">
        {{ 'portal.ticket.cancel' | t }}
      </button>
    } @else {
      <div
        #question
        class="cancel__confirm"
        role="group"
        tabindex="-1"
        aria-labelledby="ticket-cancel-question"
        aria-describedby="ticket-cancel-explain"
        [attr.aria-busy]="pending()"
        data-testid="ticket-cancel-confirm-step"
      >
        <p id="ticket-cancel-question" class="cancel__question">
          {{ 'portal.ticket.cancel.question' | t: { number: number() } }}
        </p>
        <p id="ticket-cancel-explain">{{ 'portal.ticket.cancel.explain' | t }}</p>
        <div class="cancel__actions">
          <button
            type="button"
            class="mpp-button cancel__confirm-button"
            data-testid="ticket-cancel-confirm"
            [disabled]="pending()"
            (click)="confirm()"
          >
            {{ (pending() ? 'portal.ticket.cancel.pending' : 'portal.ticket.cancel.confirm') | t }}
          </button>
          <button type="button" class="mpp-button" data-testid="ticket-cancel-keep" [disabled]="pending()" (click)="keep()">
            {{ 'portal.ticket.cancel.keep' | t }}
          </button>
        </div>
      </div>
    }
    @if (error() !== null) {
      <div class="cancel__error" data-testid="ticket-cancel-error">
        <ui-error-alert [error]="error()" />
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .cancel__start {
      width: 100%;
      border-color: var(--mpp-color-danger);
      color: var(--mpp-color-danger);
    }
    .cancel__start:hover {
      background: var(--mpp-color-danger-soft);
      color: var(--mpp-color-danger);
    }
    .cancel__confirm {
      padding: var(--mpp-space-4);
      border: 2px solid var(--mpp-color-danger);
      border-radius: var(--mpp-radius);
      background: var(--mpp-color-danger-soft);
    }
    .cancel__question {
      font-size: 1.125rem;
      font-weight: 700;
    }
    .cancel__actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--mpp-space-3);
    }
    .cancel__actions .mpp-button {
      flex: 1 1 10rem;
    }
    .cancel__confirm-button {
      border-color: var(--mpp-color-danger);
      background: var(--mpp-color-danger);
      color: var(--mpp-color-on-primary);
    }
    .cancel__confirm-button:hover {
      background: #8a0019;
      color: var(--mpp-color-on-primary);
    }
    .cancel__error {
      margin-top: var(--mpp-space-3);
    }
  `,
})
export class TicketCancelComponent {
  private readonly api = inject(TicketApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);

  readonly code = input.required<string>();
  /** "A001", for the question. */
  readonly number = input.required<string>();
  /** The ticket as the API left it after cancelling. */
  readonly cancelled = output<PublicTicketResponse>();

  protected readonly confirming = signal(false);
  protected readonly pending = signal(false);
  protected readonly error = signal<unknown>(null);

  private readonly startButton = viewChild<ElementRef<HTMLButtonElement>>('start');
  private readonly question = viewChild<ElementRef<HTMLElement>>('question');

  protected ask(): void {
    this.error.set(null);
    this.confirming.set(true);
    afterNextRender(() => this.question()?.nativeElement.focus(), { injector: this.injector });
  }

  protected keep(): void {
    this.confirming.set(false);
    afterNextRender(() => this.startButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected confirm(): void {
    if (this.pending()) return;
    this.pending.set(true);
    this.error.set(null);
    this.api
      .cancel(this.code())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (ticket) => {
          this.pending.set(false);
          this.confirming.set(false);
          this.cancelled.emit(ticket);
        },
        error: (error: unknown) => {
          this.pending.set(false);
          this.confirming.set(false);
          this.error.set(error);
          // The alert is announced by itself; the focus goes back where the citizen started.
          afterNextRender(() => this.startButton()?.nativeElement.focus(), { injector: this.injector });
        },
      });
  }
}
