import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { Router } from '@angular/router';
import type { LoginResponse, LoginResult, TotpEnrolmentResponse } from '@mpp/contracts';
import { ErrorAlertComponent, TranslatePipe } from '@mpp/ui';
import type { Observable } from 'rxjs';

import { AuthApi } from './auth-api.service';
import { AuthSession } from './auth-session.service';

/**
 * The sign-in's steps: the password; then, for administrators only, the enrolment of an
 * authenticator app (once) or its code.
 */
type Step =
  | { kind: 'password' }
  | { kind: 'code'; challengeToken: string }
  | { kind: 'enrol'; enrolmentToken: string; enrolment: TotpEnrolmentResponse | null };

/** Staff sign-in. Enter submits each step; the button is disabled while a request is in flight. */
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
  private readonly injector = inject(Injector);

  /** Query params, bound by the router. */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();

  protected readonly step = signal<Step>({ kind: 'password' });
  protected readonly email = signal('');
  protected readonly password = signal('');
  protected readonly code = signal('');
  protected readonly submitting = signal(false);
  protected readonly error = signal<unknown>(null);
  private readonly attempted = signal(false);

  protected readonly emailMissing = computed(() => this.attempted() && this.email().trim() === '');
  protected readonly passwordMissing = computed(() => this.attempted() && this.password() === '');
  protected readonly codeMissing = computed(() => this.attempted() && !/^\d{6}$/.test(this.code()));
  protected readonly sessionExpired = computed(() => this.reason() === 'expired' && !this.error() && this.step().kind === 'password');
  /** The secret in groups of four, as people read it aloud and type it. */
  protected readonly secretGroups = computed(() => {
    const step = this.step();
    return step.kind === 'enrol' && step.enrolment ? (step.enrolment.secret.match(/.{1,4}/g) ?? []) : [];
  });

  private readonly emailInput = viewChild<ElementRef<HTMLInputElement>>('emailInput');
  private readonly passwordInput = viewChild<ElementRef<HTMLInputElement>>('passwordInput');
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');
  private readonly stepHeading = viewChild<ElementRef<HTMLHeadingElement>>('stepHeading');

  constructor() {
    afterNextRender(() => this.emailInput()?.nativeElement.focus());
  }

  protected submit(event: Event): void {
    event.preventDefault();
    // The DOM may not show the disabled button yet when a double click lands: check here too.
    if (this.submitting()) {
      return;
    }
    this.attempted.set(true);
    const step = this.step();
    if (step.kind === 'password') {
      this.submitPassword();
    } else if (step.kind === 'code') {
      this.submitCode(this.authApi.verifyCode({ challengeToken: step.challengeToken, code: this.code() }));
    } else if (step.enrolment) {
      this.submitCode(this.authApi.confirmEnrolment({ enrolmentToken: step.enrolmentToken, code: this.code() }));
    }
  }

  /** Back to the first step (another account, or a step token that expired). */
  protected restart(): void {
    this.step.set({ kind: 'password' });
    this.password.set('');
    this.code.set('');
    this.error.set(null);
    this.attempted.set(false);
    this.submitting.set(false);
    this.focusSoon(() => this.passwordInput());
  }

  /** Digits only, as typed or pasted ("123 456" from some apps). */
  protected typeCode(value: string): void {
    const digits = value.replace(/\D/g, '').slice(0, 6);
    this.code.set(digits);
    const input = this.codeInput()?.nativeElement;
    if (input && input.value !== digits) {
      input.value = digits;
    }
  }

  private submitPassword(): void {
    if (this.emailMissing()) {
      this.emailInput()?.nativeElement.focus();
      return;
    }
    if (this.passwordMissing()) {
      this.passwordInput()?.nativeElement.focus();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    this.authApi.login({ email: this.email().trim(), password: this.password() }).subscribe({
      next: (result) => this.afterPassword(result),
      error: (error: unknown) => {
        this.submitting.set(false);
        this.error.set(error);
        // Ask for the password again, without flagging the now-empty field as a mistake.
        this.attempted.set(false);
        this.password.set('');
        this.passwordInput()?.nativeElement.focus();
      },
    });
  }

  private afterPassword(result: LoginResult): void {
    this.attempted.set(false);
    this.password.set('');
    this.code.set('');
    switch (result.status) {
      case 'signed_in':
        this.signIn(result);
        return;
      case 'second_factor_required':
        this.submitting.set(false);
        this.step.set({ kind: 'code', challengeToken: result.challengeToken });
        this.focusSoon(() => this.codeInput());
        return;
      case 'second_factor_enrolment_required':
        this.step.set({ kind: 'enrol', enrolmentToken: result.enrolmentToken, enrolment: null });
        this.authApi.startEnrolment(result.enrolmentToken).subscribe({
          next: (enrolment) => {
            this.submitting.set(false);
            this.step.set({ kind: 'enrol', enrolmentToken: result.enrolmentToken, enrolment });
            // The heading first: the QR and the secret come before the code field.
            this.focusSoon(() => this.stepHeading());
          },
          error: (error: unknown) => {
            this.submitting.set(false);
            this.error.set(error);
            this.focusSoon(() => this.stepHeading());
          },
        });
        return;
    }
  }

  private submitCode(request: Observable<LoginResponse>): void {
    if (this.codeMissing()) {
      this.codeInput()?.nativeElement.focus();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    request.subscribe({
      next: (response) => this.signIn(response),
      error: (error: unknown) => {
        this.submitting.set(false);
        this.error.set(error);
        this.attempted.set(false);
        this.typeCode('');
        this.codeInput()?.nativeElement.focus();
      },
    });
  }

  private signIn(response: LoginResponse): void {
    this.session.start(response);
    void this.router.navigateByUrl(this.destination());
  }

  /** Focus an element of the step just shown, once Angular has rendered it. */
  private focusSoon(target: () => ElementRef<HTMLElement> | undefined): void {
    afterNextRender(() => target()?.nativeElement.focus(), { injector: this.injector });
  }

  /** Only paths inside this app; anything else goes home. */
  private destination(): string {
    const url = this.returnUrl();
    return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/login') ? url : '/';
  }
}
