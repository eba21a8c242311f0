import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import type { CitizenOtpSentResponse } from '@mpp/contracts';
import { ErrorAlertComponent } from '@mpp/ui';
import { catchError, of } from 'rxjs';

import { AccountTextPipe } from './account-text.pipe';
import { CitizenSessionService } from './citizen-session.service';

/**
 * `akun/masuk`: a mobile number or an email, then the 6-digit code sent to it; or the OpenID
 * Connect provider's button when one is configured (a plain link: the API redirects to the
 * provider and back to `akun/riwayat`, or here with `?gagal=oidc`).
 */
@Component({
  selector: 'portal-sign-in-page',
  imports: [ErrorAlertComponent, AccountTextPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="mpp-container account">
      <section class="mpp-card" aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">{{ 'account.signIn.heading' | at }}</h1>
        <p class="mpp-muted">{{ 'account.signIn.intro' | at }}</p>
        @if (gagal() === 'oidc') {
          <p class="account__failed" role="alert" data-testid="sign-in-oidc-failed">{{ 'account.signIn.oidcFailed' | at }}</p>
        }

        @if (!sent()) {
          <form (submit)="send($event)" novalidate>
            <div class="mpp-field">
              <label class="mpp-label" for="sign-in-recipient">{{ 'account.signIn.recipient' | at }}</label>
              <p id="sign-in-recipient-hint" class="mpp-muted account__hint">{{ 'account.signIn.recipientHint' | at }}</p>
              <input
                id="sign-in-recipient"
                class="mpp-input"
                type="text"
                inputmode="email"
                autocomplete="username"
                maxlength="254"
                required
                aria-describedby="sign-in-recipient-hint"
                data-testid="sign-in-recipient"
                [value]="recipient()"
                (input)="recipient.set($any($event.target).value)"
              />
            </div>
            <button class="mpp-button mpp-button--primary account__submit" type="submit" [disabled]="pending()" data-testid="sign-in-send">
              {{ (pending() ? 'account.signIn.sending' : 'account.signIn.send') | at }}
            </button>
          </form>
        } @else {
          <form (submit)="verify($event)" novalidate>
            <p role="status" data-testid="sign-in-sent">{{ 'account.signIn.sentTo' | at: { to: sent()!.sentTo, minutes: sent()!.expiresInSeconds / 60 } }}</p>
            <div class="mpp-field">
              <label class="mpp-label" for="sign-in-code">{{ 'account.signIn.code' | at }}</label>
              <input
                id="sign-in-code"
                class="mpp-input account__code"
                type="text"
                inputmode="numeric"
                autocomplete="one-time-code"
                pattern="[0-9]*"
                maxlength="6"
                required
                data-testid="sign-in-code"
                [value]="code()"
                (input)="code.set($any($event.target).value)"
              />
            </div>
            <button class="mpp-button mpp-button--primary account__submit" type="submit" [disabled]="pending()" data-testid="sign-in-verify">
              {{ (pending() ? 'account.signIn.verifying' : 'account.signIn.verify') | at }}
            </button>
            <p class="account__links">
              <button class="mpp-button" type="button" [disabled]="resendIn() > 0 || pending()" (click)="resend()" data-testid="sign-in-resend">
                @if (resendIn() > 0) {
                  {{ 'account.signIn.resendIn' | at: { s: resendIn() } }}
                } @else {
                  {{ 'account.signIn.resend' | at }}
                }
              </button>
              <button class="mpp-button" type="button" (click)="restart()">{{ 'account.signIn.change' | at }}</button>
            </p>
          </form>
        }

        @if (error()) {
          <ui-error-alert [error]="error()" data-testid="sign-in-error" />
        }

        @if (oidc(); as provider) {
          <p class="account__or mpp-muted">{{ 'account.signIn.or' | at }}</p>
          <a class="mpp-button account__submit" [href]="provider.startUrl" data-testid="sign-in-oidc">
            {{ 'account.signIn.oidc' | at: { name: provider.name } }}
          </a>
        }
      </section>
    </article>
  `,
  styles: `
    .account__hint {
      margin: 0;
    }
    .account__submit {
      width: 100%;
    }
    .account__code {
      font-size: 1.5rem;
      letter-spacing: 0.3em;
    }
    .account__links {
      display: flex;
      flex-wrap: wrap;
      gap: var(--mpp-space-2);
      margin-top: var(--mpp-space-4);
    }
    .account__or {
      text-align: center;
    }
    .account__failed {
      color: var(--mpp-color-danger);
      font-weight: 600;
    }
  `,
})
export class SignInPageComponent {
  private readonly session = inject(CitizenSessionService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  /** `?gagal=oidc` after a failed OpenID Connect sign-in. */
  readonly gagal = input<string | undefined>();

  protected readonly recipient = signal('');
  protected readonly code = signal('');
  protected readonly sent = signal<CitizenOtpSentResponse | null>(null);
  protected readonly pending = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly resendIn = signal(0);
  private readonly providers = toSignal(this.session.providers().pipe(catchError(() => of({ oidc: null }))), { initialValue: { oidc: null } });
  protected readonly oidc = computed(() => this.providers().oidc);
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    this.destroyRef.onDestroy(() => this.stopTimer());
  }

  protected send(event: Event): void {
    event.preventDefault();
    this.ask();
  }

  protected resend(): void {
    this.code.set('');
    this.ask();
  }

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
      await this.session.verifyCode(this.recipient(), this.code().replace(/\s/g, ''));
      await this.router.navigateByUrl('/akun/riwayat');
    } catch (error) {
      this.error.set(error);
    } finally {
      this.pending.set(false);
    }
  }

  private ask(): void {
    this.pending.set(true);
    this.error.set(null);
    this.session.requestCode(this.recipient()).subscribe({
      next: (sent) => {
        this.pending.set(false);
        this.sent.set(sent);
        this.countDown(sent.resendInSeconds);
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.error.set(error);
      },
    });
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
