import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, output, signal } from '@angular/core';
import type { CitizenOtpSentResponse } from '@mpp/contracts';
import { ErrorAlertComponent } from '@mpp/ui';
import { firstValueFrom, type Observable } from 'rxjs';

import { AccountTextPipe } from './account-text.pipe';

/**
 * A mobile number or an email, then the 6-digit code sent to it: the one-time-code flow of the
 * sign-in page and of "add a number or email" on Riwayat saya. The page says what a code is asked
 * with (`request`) and what a typed code does (`confirm`, spaces taken out); this form keeps the
 * steps, the waiting state and the error. Ids and test ids start with `prefix`
 * (`<prefix>-recipient`, `-send`, `-sent`, `-code`, `-verify`, `-resend`, `-error`).
 */
@Component({
  selector: 'portal-one-time-code-form',
  imports: [ErrorAlertComponent, AccountTextPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!sent()) {
      <form (submit)="send($event)" novalidate>
        <div class="mpp-field">
          <label class="mpp-label" [for]="prefix() + '-recipient'">{{ 'account.signIn.recipient' | at }}</label>
          @if (hintKey(); as hint) {
            <p [id]="prefix() + '-recipient-hint'" class="mpp-muted otp__hint">{{ hint | at }}</p>
          }
          <input
            [id]="prefix() + '-recipient'"
            class="mpp-input"
            type="text"
            inputmode="email"
            [attr.autocomplete]="autocomplete()"
            maxlength="254"
            required
            [attr.aria-describedby]="hintKey() ? prefix() + '-recipient-hint' : null"
            [attr.data-testid]="prefix() + '-recipient'"
            [value]="recipient()"
            (input)="recipient.set($any($event.target).value)"
          />
        </div>
        <button class="mpp-button mpp-button--primary otp__submit" type="submit" [disabled]="pending()" [attr.data-testid]="prefix() + '-send'">
          {{ (pending() ? 'account.signIn.sending' : 'account.signIn.send') | at }}
        </button>
      </form>
    } @else {
      <form (submit)="verify($event)" novalidate>
        <p role="status" [attr.data-testid]="prefix() + '-sent'">{{ 'account.signIn.sentTo' | at: { to: sent()!.sentTo, minutes: sent()!.expiresInSeconds / 60 } }}</p>
        <div class="mpp-field">
          <label class="mpp-label" [for]="prefix() + '-code'">{{ 'account.signIn.code' | at }}</label>
          <input
            [id]="prefix() + '-code'"
            class="mpp-input otp__code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            pattern="[0-9]*"
            maxlength="6"
            required
            [attr.data-testid]="prefix() + '-code'"
            [value]="code()"
            (input)="code.set($any($event.target).value)"
          />
        </div>
        <button class="mpp-button mpp-button--primary otp__submit" type="submit" [disabled]="pending()" [attr.data-testid]="prefix() + '-verify'">
          {{ (pending() ? 'account.signIn.verifying' : verifyKey()) | at }}
        </button>
        <p class="otp__links">
          @if (resend()) {
            <button class="mpp-button" type="button" [disabled]="resendIn() > 0 || pending()" (click)="sendAgain()" [attr.data-testid]="prefix() + '-resend'">
              @if (resendIn() > 0) {
                {{ 'account.signIn.resendIn' | at: { s: resendIn() } }}
              } @else {
                {{ 'account.signIn.resend' | at }}
              }
            </button>
          }
          <button class="mpp-button" type="button" (click)="restart()">{{ 'account.signIn.change' | at }}</button>
        </p>
      </form>
    }
    @if (error()) {
      <ui-error-alert [error]="error()" [attr.data-testid]="prefix() + '-error'" />
    }
  `,
  styles: `
    .otp__hint {
      margin: 0;
    }
    .otp__submit {
      width: 100%;
    }
    .otp__code {
      font-size: 1.5rem;
      letter-spacing: 0.3em;
    }
    .otp__links {
      display: flex;
      flex-wrap: wrap;
      gap: var(--mpp-space-2);
      margin-top: var(--mpp-space-4);
    }
  `,
})
export class OneTimeCodeFormComponent {
  private readonly destroyRef = inject(DestroyRef);

  /** Start of the element ids and test ids (`sign-in`, `contact`). */
  readonly prefix = input.required<string>();
  /** Asks the API to send a code to what was typed. */
  readonly request = input.required<(recipient: string) => Observable<CitizenOtpSentResponse>>();
  /** Uses the typed code (spaces taken out); a rejection is shown as the error. */
  readonly confirm = input.required<(recipient: string, code: string) => Promise<void>>();
  /** Dictionary key of a hint under the recipient's label, if any. */
  readonly hintKey = input<string | null>(null);
  readonly autocomplete = input('off');
  /** Dictionary key of the verify button. */
  readonly verifyKey = input('account.signIn.verify');
  /** Offer "send again" once the API's wait (`resendInSeconds`) is over. */
  readonly resend = input(false);
  /** A code was asked for (the page may clear what it showed of an earlier one). */
  readonly requested = output<void>();

  protected readonly recipient = signal('');
  protected readonly code = signal('');
  protected readonly sent = signal<CitizenOtpSentResponse | null>(null);
  protected readonly pending = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly resendIn = signal(0);
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    this.destroyRef.onDestroy(() => this.stopTimer());
  }

  protected async send(event: Event): Promise<void> {
    event.preventDefault();
    await this.ask();
  }

  protected async sendAgain(): Promise<void> {
    this.code.set('');
    await this.ask();
  }

  /** Back to the first step, the typed number or email kept to change it. */
  protected restart(): void {
    this.sent.set(null);
    this.code.set('');
    this.error.set(null);
    this.stopTimer();
  }

  protected async verify(event: Event): Promise<void> {
    event.preventDefault();
    this.pending.set(true);
    this.error.set(null);
    try {
      await this.confirm()(this.recipient(), this.code().replace(/\s/g, ''));
      this.restart();
      this.recipient.set('');
    } catch (error) {
      this.error.set(error);
    } finally {
      this.pending.set(false);
    }
  }

  private async ask(): Promise<void> {
    this.pending.set(true);
    this.error.set(null);
    this.requested.emit();
    try {
      const sent = await firstValueFrom(this.request()(this.recipient()));
      this.sent.set(sent);
      if (this.resend()) this.countDown(sent.resendInSeconds);
    } catch (error) {
      this.error.set(error);
    } finally {
      this.pending.set(false);
    }
  }

  private countDown(seconds: number): void {
    this.stopTimer();
    this.resendIn.set(seconds);
    this.timer = setInterval(() => {
      this.resendIn.update((s) => Math.max(0, s - 1));
      if (this.resendIn() === 0) this.stopTimer();
    }, 1000);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
