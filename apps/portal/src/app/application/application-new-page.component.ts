import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import type { LocalizedText } from '@mpp/contracts';
import { ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';

import { CitizenIdentityFieldsComponent } from '../citizen-form/citizen-identity-fields.component';
import { injectCitizenIdentityForm } from '../citizen-form/citizen-identity-form';
import { ServiceFormFrameComponent } from '../citizen-form/service-form-frame.component';
import { injectServiceFormPage } from '../citizen-form/service-form-page';
import { ApplicationApi } from './application-api.service';
import { ApplicationChecklistComponent } from './application-checklist.component';
import { keepApplicationSecret } from './application-secrets';

/** What the application's page is told by the navigation that opens it after creating. */
export interface ApplicationCreatedState {
  applicationCreated: 'secret' | 'account';
}

/**
 * `permohonan/baru/:serviceId`: the requirements as the checklist of documents to prepare (what
 * each must show, the size limit), then the applicant's NIK, name, mobile and optional email
 * (CitizenIdentityFieldsComponent: filled in from the account when signed in, checked by the
 * same libs/domain rules as the API); creating the draft opens its page, where the documents are
 * uploaded. The secret given to a citizen without an account is kept on this phone
 * (application-secrets.ts), never put in the URL.
 */
@Component({
  selector: 'portal-application-new-page',
  imports: [ApplicationChecklistComponent, CitizenIdentityFieldsComponent, ErrorAlertComponent, ServiceFormFrameComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './application-new-page.component.html',
  styleUrls: ['../citizen-form/form-page.css', './application-new-page.component.css'],
})
export class ApplicationNewPageComponent {
  private readonly api = inject(ApplicationApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  /** Route parameter `:serviceId`. */
  readonly serviceId = input.required<string>();

  private readonly page = injectServiceFormPage(this.serviceId, 'application.new.title');
  protected readonly service = this.page.service;
  protected readonly loadFailure = this.page.loadFailure;
  protected readonly identity = injectCitizenIdentityForm({ withEmail: true });
  protected readonly phoneHint: LocalizedText = {
    id: 'Kode permohonan dan kode rahasia untuk membukanya dikirim lewat SMS ke nomor ini.',
    en: "The application's code and the secret that opens it are sent by SMS to this number.",
  };
  protected readonly pending = signal(false);
  protected readonly submitError = signal<unknown>(null);

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.pending()) return;
    this.submitError.set(null);
    const first = this.identity.check();
    if (first) {
      this.page.focus(`#application-${first}`);
      return;
    }
    this.pending.set(true);
    this.api
      .create({ serviceId: this.serviceId(), ...this.identity.identity(), language: this.i18n.lang() === 'en' ? 'en' : 'id' })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ application, secret }) => {
          this.pending.set(false);
          if (secret) keepApplicationSecret(application.code, secret);
          const state: ApplicationCreatedState = { applicationCreated: secret ? 'secret' : 'account' };
          void this.router.navigate(['/permohonan', application.code], { replaceUrl: true, state });
        },
        error: (error: unknown) => {
          this.pending.set(false);
          this.identity.refused(error);
          this.submitError.set(error);
          this.page.focus('#application-submit-error');
        },
      });
  }
}
