import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, InjectionToken, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { DEFAULT_LANG, I18nService } from '@mpp/ui';
import { filter, fromEvent, merge, startWith, switchMap, timer } from 'rxjs';

/** After this long without a touch, the kiosk returns to its start screen for the next person. */
export const KIOSK_IDLE_MS = new InjectionToken<number>('KIOSK_IDLE_MS', {
  providedIn: 'root',
  factory: () => 60_000,
});

/** The ticket screen returns sooner: the person has their ticket and usually just walks away. */
export const KIOSK_TICKET_IDLE_MS = new InjectionToken<number>('KIOSK_TICKET_IDLE_MS', {
  providedIn: 'root',
  factory: () => 25_000,
});

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'scroll'] as const;

/** Paths that are watched, not touched (the hall display), or set up by staff: never reset. */
const UNATTENDED_PATHS = ['/display', '/perangkat'];

/** The ticket screen, which resets after `KIOSK_TICKET_IDLE_MS`. */
const TICKET_PATH = '/tiket';

@Injectable({ providedIn: 'root' })
export class IdleResetService {
  private readonly document = inject(DOCUMENT);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly idleMs = inject(KIOSK_IDLE_MS);
  private readonly ticketIdleMs = inject(KIOSK_TICKET_IDLE_MS);

  /** Starts watching for inactivity until `destroyRef` is destroyed. Each new screen restarts it. */
  watch(destroyRef: DestroyRef): void {
    const activity = ACTIVITY_EVENTS.map((name) =>
      fromEvent(this.document, name, { capture: true, passive: true }),
    );
    const navigations = this.router.events.pipe(filter((event) => event instanceof NavigationEnd));
    merge(...activity, navigations)
      .pipe(
        startWith(null),
        switchMap(() => timer(this.currentPath() === TICKET_PATH ? this.ticketIdleMs : this.idleMs)),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(() => this.reset());
  }

  /** Back to the start screen in Indonesian, scrolled to the top. */
  reset(): void {
    const path = this.currentPath();
    if (UNATTENDED_PATHS.some((unattended) => path.startsWith(unattended))) {
      return;
    }
    if (this.i18n.lang() !== DEFAULT_LANG) {
      this.i18n.setLang(DEFAULT_LANG);
    }
    if (path !== '/') {
      void this.router.navigateByUrl('/');
    }
    this.document.defaultView?.scrollTo(0, 0);
  }

  private currentPath(): string {
    return this.router.url.split(/[?#]/)[0];
  }
}
