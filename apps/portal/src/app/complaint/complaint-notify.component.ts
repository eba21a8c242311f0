import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { ComplaintStatusName } from '@mpp/contracts';
import { I18nService } from '@mpp/ui';

import { PushSwitch } from '../common/push-switch';
import { PushToggleComponent } from '../common/push-toggle.component';
import { ComplaintApi } from './complaint-api.service';

/** This phone's endpoint per complaint code (the code alone opens nothing; the secret is never stored here). */
const STORAGE_PREFIX = 'mpp.complaint-push.';

/**
 * On the tracking page while the complaint is open: "Beri tahu saya saat ada tanggapan" (permission
 * asked only when pressed), subscribing this phone through Angular's service worker to the
 * complaint's status changes (`POST /complaints/{code}/push-subscription` with the secret header).
 * How an anonymous reporter, who gets no SMS, hears of an answer. The message opens
 * `/pengaduan/lacak?kode=CODE`.
 */
@Component({
  selector: 'portal-complaint-notify',
  imports: [PushToggleComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (visible()) {
      <portal-push-toggle [state]="push.state()" keys="complaint.notify" testIds="complaint-notify" sectionTestId="complaint-notify" (enable)="push.enable()" (disable)="push.disable()" />
    }
  `,
})
export class ComplaintNotifyComponent {
  private readonly api = inject(ComplaintApi);
  private readonly i18n = inject(I18nService);

  readonly code = input.required<string>();
  readonly secret = input.required<string>();
  readonly status = input.required<ComplaintStatusName>();

  protected readonly push = new PushSwitch({
    storageKey: () => STORAGE_PREFIX + this.code(),
    publicKey: () => this.api.pushPublicKey(),
    subscribe: (subscription) => this.api.subscribePush(this.code(), this.secret(), subscription, this.i18n.lang() === 'en' ? 'en' : 'id'),
    unsubscribe: (endpoint) => this.api.unsubscribePush(this.code(), this.secret(), endpoint),
  });
  /** Closed complaints take no subscription (the API answers 409). */
  protected readonly visible = computed(() => this.status() !== 'closed');
}
