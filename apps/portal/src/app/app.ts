import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { AppShellComponent, TranslatePipe } from '@mpp/ui';

import { AccountLinkComponent } from './app-account-link';
import { NetworkStatus } from './offline/network-status.service';
import { OfflineBannerComponent } from './offline/offline-banner.component';
import { OfflinePageComponent } from './offline/offline-page.component';

@Component({
  selector: 'portal-root',
  imports: [AccountLinkComponent, AppShellComponent, OfflineBannerComponent, OfflinePageComponent, RouterLink, RouterOutlet, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-app-shell [subtitle]="'portal.subtitle' | t">
      <portal-account-link uiShellNav />
      <portal-offline-banner />
      @if (network.failedOffline()) {
        <portal-offline-page />
      }
      <div class="portal-page" [hidden]="network.failedOffline()">
        <router-outlet />
      </div>
      <footer uiShellFooter class="portal-footer">
        <a routerLink="/pengaduan/baru" data-testid="footer-complaints">{{ 'portal.footer.complaints' | t }}</a>
      </footer>
    </ui-app-shell>
  `,
  styles: `
    .portal-page:not([hidden]) {
      display: contents;
    }
    .portal-footer {
      padding: var(--mpp-space-4);
      text-align: center;
      border-top: 1px solid var(--mpp-color-border-soft);
    }
    .portal-footer a {
      display: inline-block;
      padding-block: var(--mpp-space-2);
    }
  `,
})
export class PortalApp {
  /** A page that could not load offline is replaced by the offline page (docs/portal.md). */
  protected readonly network = inject(NetworkStatus);
}
