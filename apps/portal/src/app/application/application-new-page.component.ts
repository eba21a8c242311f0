import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { Router } from '@angular/router';
import type { LocalizedText } from '@mpp/contracts';
import { ErrorAlertComponent, TranslatePipe } from '@mpp/ui';

import { CitizenIdentityFieldsComponent } from '../citizen-form/citizen-identity-fields.component';
import { injectCitizenIdentityForm } from '../citizen-form/citizen-identity-form';
import { ServiceFormFrameComponent } from '../citizen-form/service-form-frame.component';
import { injectServiceFormPage } from '../citizen-form/service-form-page';
import { injectCitizenFormSubmit } from '../common/citizen-form-submit';
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
  private readonly router = inject(Router);

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
  protected readonly submission = injectCitizenFormSubmit({ identity: this.identity, page: this.page, prefix: 'application' });

  protected submit(event: Event): void {
    if (!this.submission.start(event)) return;
    const request = { serviceId: this.serviceId(), ...this.identity.identity(), language: this.submission.language() };
    this.submission.send(this.api.create(request), ({ application, secret }) => {
      if (secret) keepApplicationSecret(application.code, secret);
      const state: ApplicationCreatedState = { applicationCreated: secret ? 'secret' : 'account' };
      void this.router.navigate(['/permohonan', application.code], { replaceUrl: true, state });
    });
  }
}
