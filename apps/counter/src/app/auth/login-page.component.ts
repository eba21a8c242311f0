import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { Router } from '@angular/router';
import { ErrorAlertComponent, TranslatePipe } from '@mpp/ui';

import { AuthApi } from './auth-api.service';
import { AuthSession } from './auth-session.service';

/** Staff sign-in. Enter submits; the button is disabled while a request is in flight. */
@Component({
  selector: 'counter-login-page',
  imports: [ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login-page.component.html',
  styleUrl: './login-page.component.css',
})
export class LoginPageComponent {
  private readonly authApi = inject(AuthApi);
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);

  /** Query params, bound by the router. */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();

  protected readonly email = signal('');
  protected readonly password = signal('');
  protected readonly submitting = signal(false);
  protected readonly error = signal<unknown>(null);
  private readonly attempted = signal(false);

  protected readonly emailMissing = computed(() => this.attempted() && this.email().trim() === '');
  protected readonly passwordMissing = computed(() => this.attempted() && this.password() === '');
  protected readonly sessionExpired = computed(() => this.reason() === 'expired' && !this.error());

  private readonly emailInput = viewChild.required<ElementRef<HTMLInputElement>>('emailInput');
  private readonly passwordInput = viewChild.required<ElementRef<HTMLInputElement>>('passwordInput');

  constructor() {
    afterNextRender(() => this.emailInput().nativeElement.focus());
  }

  protected submit(event: Event): void {
    event.preventDefault();
    // The DOM may not show the disabled button yet when a double click lands: check here too.
    if (this.submitting()) {
      return;
    }
    this.attempted.set(true);
    if (this.emailMissing()) {
      this.emailInput().nativeElement.focus();
      return;
    }
    if (this.passwordMissing()) {
      this.passwordInput().nativeElement.focus();
      return;
    }

    this.submitting.set(true);
    this.error.set(null);
    this.authApi.login({ email: this.email().trim(), password: this.password() }).subscribe({
      next: (response) => {
        this.session.start(response);
        void this.router.navigateByUrl(this.destination());
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.error.set(error);
        // Ask for the password again, without flagging the now-empty field as a mistake.
        this.attempted.set(false);
        this.password.set('');
        this.passwordInput().nativeElement.focus();
      },
    });
  }

  /** Only paths inside this app; anything else goes home. */
  private destination(): string {
    const url = this.returnUrl();
    return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/login') ? url : '/';
  }
}
