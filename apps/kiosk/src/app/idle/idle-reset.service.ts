import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { DEFAULT_LANG, I18nService } from '@mpp/ui';
import { fromEvent, merge, startWith, switchMap, timer } from 'rxjs';

/** After this long without a touch, the kiosk returns to its start screen for the next person. */
export const KIOSK_IDLE_MS = 60_000;

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'scroll'] as const;

/** Paths that are watched, not touched (the hall display): never reset. */
const UNATTENDED_PATHS = ['/display'];

@Injectable({ providedIn: 'root' })
export class IdleResetService {
  private readonly document = inject(DOCUMENT);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);

  /** Starts watching for inactivity until `destroyRef` is destroyed. */
  watch(destroyRef: DestroyRef, idleMs = KIOSK_IDLE_MS): void {
    const activity = ACTIVITY_EVENTS.map((name) =>
      fromEvent(this.document, name, { capture: true, passive: true }),
    );
    merge(...activity)
      .pipe(
        startWith(null),
        switchMap(() => timer(idleMs)),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(() => this.reset());
  }

  /** Back to the start screen in Indonesian, scrolled to the top. */
  reset(): void {
    const path = this.router.url.split(/[?#]/)[0];
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
}
