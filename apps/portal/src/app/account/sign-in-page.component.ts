import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { catchError, of } from 'rxjs';

import { AccountTextPipe } from './account-text.pipe';
import { CitizenSessionService } from './citizen-session.service';
import { OneTimeCodeFormComponent } from './one-time-code-form.component';

/**
 * `akun/masuk`: a mobile number or an email, then the 6-digit code sent to it; or the OpenID
 * Connect provider's button when one is configured (a plain link: the API redirects to the
 * provider and back to `akun/riwayat`, or here with `?gagal=oidc`).
 */
@Component({
  selector: 'portal-sign-in-page',
  imports: [AccountTextPipe, OneTimeCodeFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="mpp-container account">
      <section class="mpp-card" aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">{{ 'account.signIn.heading' | at }}</h1>
        <p class="mpp-muted">{{ 'account.signIn.intro' | at }}</p>
        @if (gagal() === 'oidc') {
          <p class="account__failed" role="alert" data-testid="sign-in-oidc-failed">{{ 'account.signIn.oidcFailed' | at }}</p>
        }

        <portal-one-time-code-form
          prefix="sign-in"
          hintKey="account.signIn.recipientHint"
          autocomplete="username"
          [resend]="true"
          [request]="requestCode"
          [confirm]="signIn"
        />

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
    .account__submit {
      width: 100%;
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

  /** `?gagal=oidc` after a failed OpenID Connect sign-in. */
  readonly gagal = input<string | undefined>();

  private readonly providers = toSignal(this.session.providers().pipe(catchError(() => of({ oidc: null }))), { initialValue: { oidc: null } });
  protected readonly oidc = computed(() => this.providers().oidc);
  protected readonly requestCode = (recipient: string) => this.session.requestCode(recipient);
  protected readonly signIn = async (recipient: string, code: string): Promise<void> => {
    await this.session.verifyCode(recipient, code);
    await this.router.navigateByUrl('/akun/riwayat');
  };
}
