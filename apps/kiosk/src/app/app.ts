import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { AppShellComponent, TranslatePipe } from '@mpp/ui';
import { filter, map } from 'rxjs';

import { FULL_SCREEN_PATHS } from './app.routes';
import { DeviceSession } from './device/device-session.service';
import { DEVICE_SETUP_PATH } from './device/device.guards';
import { IdleResetService } from './idle/idle-reset.service';
import { KioskSiteStore } from './site/kiosk-site.store';

@Component({
  selector: 'kiosk-root',
  imports: [AppShellComponent, RouterOutlet, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-app-shell size="large" [bare]="fullScreen()" [subtitle]="store.siteName() ?? ('kiosk.subtitle' | t)">
      <router-outlet />
    </ui-app-shell>
  `,
})
export class KioskApp {
  private readonly router = inject(Router);
  protected readonly store = inject(KioskSiteStore);

  protected readonly fullScreen = toSignal(
    this.router.events.pipe(
      filter((event): event is NavigationEnd => event instanceof NavigationEnd),
      map((event) => FULL_SCREEN_PATHS.some((path) => event.urlAfterRedirects.startsWith(path))),
    ),
    { initialValue: false },
  );

  constructor() {
    inject(IdleResetService).watch(inject(DestroyRef));
    this.restoreDevice();
  }

  /** A stored device token is checked again at start: a revoked one goes back to the setup screen. */
  private restoreDevice(): void {
    const session = inject(DeviceSession);
    if (!session.token()) {
      return;
    }
    session.restore().subscribe((device) => {
      if (!device && !this.router.url.startsWith(DEVICE_SETUP_PATH)) {
        void this.router.navigateByUrl(DEVICE_SETUP_PATH);
      }
    });
  }
}
