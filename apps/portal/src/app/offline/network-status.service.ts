import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { NavigationError, NavigationStart, Router } from '@angular/router';
import { readStorage, writeStorage } from '@mpp/ui';

/** A ticket this phone has opened: listed on the offline page (its page and last read are cached). */
export interface RememberedTicket {
  code: string;
  number: string;
}

const TICKETS_KEY = 'mpp.tickets';
const MAX_TICKETS = 5;

/**
 * Whether the phone is online, and whether what the citizen asked for failed because it is not:
 * then the app shows the offline page instead of a half-empty page (or, without the service worker,
 * the browser's own error). A read the service worker answers from its cache is no failure: those
 * pages (open tickets, the last search) keep working offline, under a banner.
 */
@Injectable({ providedIn: 'root' })
export class NetworkStatus {
  private readonly document = inject(DOCUMENT);
  private readonly window = this.document.defaultView;
  private readonly onlineState = signal(this.window?.navigator.onLine ?? true);
  private readonly failed = signal(false);

  /** The browser's own idea (navigator.onLine, 'online'/'offline' events). */
  readonly online = this.onlineState.asReadonly();
  /** What the current page needs could not be fetched for want of a network. */
  readonly failedOffline = this.failed.asReadonly();

  constructor() {
    const update = () => {
      const online = this.window?.navigator.onLine ?? true;
      this.onlineState.set(online);
      if (online) this.failed.set(false);
    };
    this.window?.addEventListener('online', update);
    this.window?.addEventListener('offline', update);
    inject(DestroyRef).onDestroy(() => {
      this.window?.removeEventListener('online', update);
      this.window?.removeEventListener('offline', update);
    });
    const router = inject(Router);
    router.events.subscribe((event) => {
      if (event instanceof NavigationStart) this.failed.set(false);
      // A page's code that could not be loaded (no service worker yet, or a new build's chunk).
      if (event instanceof NavigationError && this.isNetworkFailure(event.error)) this.failed.set(true);
    });
  }

  /** Called by offlineInterceptor for a request that got no answer. */
  requestFailed(): void {
    this.failed.set(true);
  }

  /**
   * No answer at all: status 0 from the browser, or the 504 Angular's service worker makes up when
   * its own fetch fails and it has nothing cached, while the browser says it is offline.
   */
  isNoAnswer(status: number): boolean {
    return status === 0 || (status === 504 && !(this.window?.navigator.onLine ?? true));
  }

  remember(ticket: RememberedTicket): void {
    const others = this.rememberedTickets().filter((t) => t.code !== ticket.code);
    writeStorage('local', TICKETS_KEY, JSON.stringify([ticket, ...others].slice(0, MAX_TICKETS)));
  }

  rememberedTickets(): RememberedTicket[] {
    try {
      const value = JSON.parse(readStorage('local', TICKETS_KEY) ?? '[]') as unknown;
      return Array.isArray(value) ? value.filter((t): t is RememberedTicket => typeof t?.code === 'string' && typeof t?.number === 'string') : [];
    } catch {
      return [];
    }
  }

  private isNetworkFailure(error: unknown): boolean {
    const offline = !(this.window?.navigator.onLine ?? true);
    const message = error instanceof Error ? error.message : String(error);
    return offline || /Failed to fetch dynamically imported module|Loading chunk|error loading dynamically imported module/i.test(message);
  }
}
