import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { LocalizedText, ServiceResponse } from '@mpp/contracts';
import { BilingualPipe } from '@mpp/ui';

/** Its two lines stay here: the service page's chunk does not carry the applications' dictionary. */
const TEXT = {
  link: { id: 'Ajukan permohonan online', en: 'Apply online' },
  hint: { id: 'Unggah dokumen persyaratan dari rumah; datang ke MPP hanya untuk mengambil hasil.', en: 'Upload the required documents from home; come to the MPP only to collect the result.' },
} satisfies Record<string, LocalizedText>;

/**
 * On the service page: "Ajukan permohonan online", for a service that takes applications
 * (`applicationsEnabled`) and asks for documents (at least one requirement): to
 * `/permohonan/baru/{serviceId}`.
 */
@Component({
  selector: 'portal-application-link',
  imports: [BilingualPipe, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (offered()) {
      <p class="application-link">
        <a class="mpp-button mpp-button--primary application-link__button" [routerLink]="['/permohonan/baru', service().id]" data-testid="service-apply">
          {{ text.link | bilingual }}
        </a>
        <span class="mpp-muted application-link__hint">{{ text.hint | bilingual }}</span>
      </p>
    }
  `,
  styles: `
    .application-link {
      display: flex;
      flex-direction: column;
      gap: var(--mpp-space-1);
      margin: 0 0 var(--mpp-space-3);
    }
    .application-link__button {
      width: 100%;
    }
    .application-link__hint {
      font-size: 0.875rem;
    }
  `,
})
export class ApplicationLinkComponent {
  readonly service = input.required<ServiceResponse>();

  protected readonly text = TEXT;
  protected readonly offered = computed(() => this.service().applicationsEnabled && this.service().requirements.length > 0);
}
