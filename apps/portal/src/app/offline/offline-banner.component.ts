import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslatePipe } from '@mpp/ui';

import { NetworkStatus } from './network-status.service';

/** While the phone is offline: the page shows what was saved, and says so. */
@Component({
  selector: 'portal-offline-banner',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div role="status">
      @if (!online()) {
        <p class="offline-banner" data-testid="offline-banner">{{ 'portal.offline.banner' | t }}</p>
      }
    </div>
  `,
  styles: `
    .offline-banner {
      margin: 0;
      padding: 0.6rem 1rem;
      background: #fff4d6;
      color: #3d2e00;
      border-bottom: 1px solid #e0c36a;
      font-weight: 600;
    }
  `,
})
export class OfflineBannerComponent {
  protected readonly online = inject(NetworkStatus).online;
}
