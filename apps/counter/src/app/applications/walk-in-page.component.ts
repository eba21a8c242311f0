import { ChangeDetectionStrategy, Component, ElementRef, inject, input, signal, viewChild, afterNextRender } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';

import { AgencyApplicationsApi } from './agency-applications-api.service';

/**
 * `/permohonan/baru?tiket=…&nomor=…&loket=…`: a walk-in's application, opened from the ticket the officer
 * is serving (the console's "Buat permohonan"). The API checks the ticket (serving, at the
 * officer's counter, a service of their agency that takes applications); the citizen gets the code
 * and a secret by SMS. The draft then opens in the review screen, where the officer uploads the
 * documents and submits it.
 */
@Component({
  selector: 'counter-walk-in-page',
  imports: [ErrorAlertComponent, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="apps">
      <p class="apps__back"><a [routerLink]="loket() ? ['/loket', loket()] : ['/loket']" data-testid="walk-in-back">← {{ 'applications.walkIn.back' | t }}</a></p>
      <h1>{{ 'applications.walkIn.heading' | t }}</h1>
      @if (!tiket()) {
        <p class="apps__notice" role="status" data-testid="walk-in-no-ticket">{{ 'applications.walkIn.noTicket' | t }}</p>
      } @else {
        <p>{{ (nomor() ? 'applications.walkIn.introNumber' : 'applications.walkIn.intro') | t: { number: nomor() ?? '' } }}</p>
        <form class="apps__form mpp-card" (submit)="create($event)" aria-labelledby="walk-in-title" data-testid="walk-in-form" autocomplete="off">
          <h2 id="walk-in-title">{{ 'applications.walkIn.applicant' | t }}</h2>
          <div class="mpp-field">
            <label class="mpp-label" for="walk-in-nik">{{ 'applications.walkIn.nik' | t }}</label>
            <input #nik id="walk-in-nik" class="mpp-input" inputmode="numeric" maxlength="16" required data-testid="walk-in-nik" [value]="form.nik()" (input)="form.nik.set(nik.value)" />
          </div>
          <div class="mpp-field">
            <label class="mpp-label" for="walk-in-name">{{ 'applications.walkIn.name' | t }}</label>
            <input #name id="walk-in-name" class="mpp-input" maxlength="100" required data-testid="walk-in-name" [value]="form.fullName()" (input)="form.fullName.set(name.value)" />
          </div>
          <div class="mpp-field">
            <label class="mpp-label" for="walk-in-phone">{{ 'applications.walkIn.phone' | t }}</label>
            <input #phone id="walk-in-phone" class="mpp-input" type="tel" inputmode="tel" required data-testid="walk-in-phone" aria-describedby="walk-in-phone-hint" [value]="form.phone()" (input)="form.phone.set(phone.value)" />
            <p id="walk-in-phone-hint" class="mpp-muted">{{ 'applications.walkIn.phoneHint' | t }}</p>
          </div>
          <div class="mpp-field">
            <label class="mpp-label" for="walk-in-email">{{ 'applications.walkIn.email' | t }}</label>
            <input #email id="walk-in-email" class="mpp-input" type="email" data-testid="walk-in-email" [value]="form.email()" (input)="form.email.set(email.value)" />
          </div>
          <fieldset class="apps__choices">
            <legend>{{ 'applications.walkIn.language' | t }}</legend>
            @for (lang of languages; track lang) {
              <label>
                <input type="radio" name="walk-in-language" [value]="lang" [checked]="form.language() === lang" (change)="form.language.set(lang)" [attr.data-testid]="'walk-in-language-' + lang" />
                {{ 'applications.walkIn.language.' + lang | t }}
              </label>
            }
          </fieldset>
          <div #errorBox tabindex="-1">
            @if (error()) {
              <ui-error-alert data-testid="walk-in-error" [error]="error()" />
            }
          </div>
          <div class="apps__form-actions">
            <button type="submit" class="mpp-button mpp-button--primary" data-testid="walk-in-create" [disabled]="busy()" [attr.aria-busy]="busy()">
              {{ (busy() ? 'applications.working' : 'applications.walkIn.create') | t }}
            </button>
          </div>
        </form>
      }
    </div>
  `,
  styleUrl: './applications.css',
})
export class WalkInPageComponent {
  private readonly api = inject(AgencyApplicationsApi);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);

  /** Query parameters: the ticket being served, and its number to show. */
  readonly tiket = input<string | undefined>();
  readonly nomor = input<string | undefined>();
  /** The loket the officer came from: "Kembali ke loket" returns there. */
  readonly loket = input<string | undefined>();

  protected readonly languages = ['id', 'en'] as const;
  protected readonly form = {
    nik: signal(''),
    fullName: signal(''),
    phone: signal(''),
    email: signal(''),
    language: signal<'id' | 'en'>('id'),
  };
  protected readonly busy = signal(false);
  protected readonly error = signal<unknown>(null);
  private readonly errorBox = viewChild<ElementRef<HTMLElement>>('errorBox');
  private readonly nikField = viewChild<ElementRef<HTMLInputElement>>('nik');

  constructor() {
    afterNextRender(() => this.nikField()?.nativeElement.focus());
  }

  protected create(event: Event): void {
    event.preventDefault();
    const ticketId = this.tiket();
    if (!ticketId || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    const email = this.form.email().trim();
    this.api
      .createWalkIn({
        ticketId,
        nik: this.form.nik().trim(),
        fullName: this.form.fullName().trim(),
        phone: this.form.phone().trim(),
        ...(email ? { email } : {}),
        language: this.form.language(),
      })
      .subscribe({
        next: (application) => {
          this.busy.set(false);
          void this.router.navigate(['/permohonan', application.id], { replaceUrl: true, state: { announce: this.i18n.t('applications.walkIn.created', { code: application.code }) } });
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.error.set(error);
          setTimeout(() => this.errorBox()?.nativeElement.focus());
        },
      });
  }
}
