import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Router } from '@angular/router';
import type { DeviceResponse } from '@mpp/contracts';
import { ErrorAlertComponent, TranslatePipe } from '@mpp/ui';

import { DeviceSession } from './device-session.service';

/**
 * `/perangkat`: the device account is set up once. An admin creates the device for an MPP and
 * gets a token `mppd_…`, pasted here (or passed once as `?token=…`, removed from the address at
 * once); the API confirms it, and from then on the kiosk or display works for the device's MPP.
 */
@Component({
  selector: 'kiosk-device-setup-page',
  imports: [ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="kiosk-page setup">
      <h1>{{ 'kiosk.device.heading' | t }}</h1>
      @if (session.signOutReason() === 'revoked' && !error()) {
        <p class="setup__notice" role="alert" data-testid="device-error">{{ 'kiosk.device.revoked' | t }}</p>
      }
      @if (session.device(); as device) {
        <p class="mpp-status" data-testid="device-current">
          {{ 'kiosk.device.current' | t: { name: device.name, site: device.siteCode } }}
        </p>
      }
      <p class="kiosk-hint">{{ 'kiosk.device.hint' | t }}</p>
      <form class="setup__form" novalidate (submit)="submit($event)">
        <div class="mpp-field">
          <label class="mpp-label" for="device-token">{{ 'kiosk.device.token' | t }}</label>
          <input
            #tokenInput
            id="device-token"
            class="mpp-input setup__input"
            data-testid="device-token"
            type="password"
            autocomplete="off"
            autocapitalize="off"
            spellcheck="false"
            [attr.aria-invalid]="missing() || error() ? 'true' : null"
            [attr.aria-describedby]="missing() ? 'device-token-missing' : null"
            [value]="token()"
            (input)="token.set(tokenInput.value)"
          />
          @if (missing()) {
            <p id="device-token-missing" class="mpp-field-error">{{ 'kiosk.device.tokenMissing' | t }}</p>
          }
        </div>
        @if (error()) {
          <div data-testid="device-error">
            @if (refused()) {
              <p class="setup__notice" role="alert">{{ 'kiosk.device.invalid' | t }}</p>
            } @else {
              <ui-error-alert [error]="error()" />
            }
          </div>
        }
        <button
          type="submit"
          class="mpp-button mpp-button--primary kiosk-big-button"
          data-testid="device-submit"
          [disabled]="submitting()"
        >
          {{ (submitting() ? 'kiosk.device.checking' : 'kiosk.device.submit') | t }}
        </button>
      </form>
    </section>
  `,
  styles: `
    .setup {
      max-width: 48rem;
    }
    .setup__notice {
      padding: var(--mpp-space-4);
      border-left: 6px solid var(--mpp-color-danger);
      border-radius: var(--mpp-radius);
      background: var(--mpp-color-danger-soft);
      font-weight: 600;
    }
    .setup__input {
      min-height: 4rem;
      font-family: var(--mpp-font-mono);
      user-select: text;
      -webkit-user-select: text;
    }
    .setup__form ui-error-alert {
      display: block;
      margin-bottom: var(--mpp-space-4);
    }
  `,
})
export class DeviceSetupPageComponent {
  protected readonly session = inject(DeviceSession);
  private readonly router = inject(Router);

  /** Query param `token` (a setup link), bound by the router; used once, then removed. */
  readonly tokenParam = input<string>(undefined, { alias: 'token' });

  protected readonly token = signal('');
  protected readonly submitting = signal(false);
  protected readonly error = signal<unknown>(null);
  private readonly attempted = signal(false);
  protected readonly missing = computed(() => this.attempted() && this.token().trim() === '');
  /** The API does not know the token, or it was revoked (the API's own words speak of "sessions"). */
  protected readonly refused = computed(() => {
    const error = this.error();
    return error instanceof HttpErrorResponse && error.status === 401;
  });

  private readonly tokenInput = viewChild.required<ElementRef<HTMLInputElement>>('tokenInput');

  constructor() {
    afterNextRender(() => this.tokenInput().nativeElement.focus());
    effect(() => {
      const fromUrl = this.tokenParam();
      if (fromUrl) {
        untracked(() => {
          void this.router.navigate([], { queryParams: { token: null }, replaceUrl: true });
          this.token.set(fromUrl);
          this.signIn(fromUrl);
        });
      }
    });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    this.attempted.set(true);
    if (this.missing()) {
      this.tokenInput().nativeElement.focus();
      return;
    }
    this.signIn(this.token());
  }

  private signIn(token: string): void {
    if (this.submitting()) {
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    this.session.signIn(token).subscribe({
      next: (device) => {
        this.submitting.set(false);
        this.token.set('');
        void this.router.navigateByUrl(homeOf(device));
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.error.set(error);
        this.tokenInput().nativeElement.focus();
      },
    });
  }
}

/** A display device goes to the hall display, a kiosk to its start screen. */
function homeOf(device: DeviceResponse): string {
  return device.kind === 'display' ? '/display' : '/';
}
