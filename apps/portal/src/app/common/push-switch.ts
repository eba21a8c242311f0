import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { SwPush } from '@angular/service-worker';
import { readStorage, writeStorage } from '@mpp/ui';
import { firstValueFrom, type Observable } from 'rxjs';

import type { PushToggleState } from './push-toggle.component';

/** The browser's push subscription as the API keeps it (PushSubscription.toJSON()). */
export interface BrowserPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** What a page's switch needs: where this phone's endpoint is remembered, and the API's three calls. */
export interface PushSwitchTarget {
  /** The localStorage key of this phone's endpoint for the page's ticket or complaint. */
  storageKey(): string;
  publicKey(): Observable<{ publicKey: string }>;
  subscribe(subscription: BrowserPushSubscription): Observable<unknown>;
  unsubscribe(endpoint: string): Observable<unknown>;
}

/**
 * The state behind a page's `PushToggleComponent` (the ticket page, the complaint tracking page).
 * "On" while this phone's subscription is the endpoint remembered for the page's ticket or
 * complaint; `enable` asks for permission (after a tap, never on load), subscribes through
 * Angular's service worker with the server's VAPID key, tells the API and remembers the endpoint;
 * `disable` forgets it and tells the API (the phone's subscription stays: other pages may use it).
 * A 404 from the API means this server sends no Web Push (docs/portal.md). Made in an injection
 * context: a component's field.
 */
export class PushSwitch {
  private readonly swPush = inject(SwPush);
  private readonly window = inject(DOCUMENT).defaultView;
  readonly state = signal<PushToggleState>(this.initialState());
  private readonly target: PushSwitchTarget;

  constructor(target: PushSwitchTarget) {
    this.target = target;
    if (this.swPush.isEnabled) {
      this.swPush.subscription.pipe(takeUntilDestroyed()).subscribe((subscription) => {
        if (this.state() === 'enabling') return;
        const stored = readStorage('local', this.target.storageKey());
        if (subscription && stored === subscription.endpoint) this.state.set('on');
        else if (this.state() === 'on') this.state.set('off');
      });
    }
  }

  async enable(): Promise<void> {
    this.state.set('enabling');
    try {
      const permission = await this.window!.Notification.requestPermission();
      if (permission !== 'granted') {
        this.state.set(permission === 'denied' ? 'denied' : 'off');
        return;
      }
      const { publicKey } = await firstValueFrom(this.target.publicKey());
      const json = (await this.swPush.requestSubscription({ serverPublicKey: publicKey })).toJSON() as BrowserPushSubscription;
      await firstValueFrom(this.target.subscribe({ endpoint: json.endpoint, keys: json.keys }));
      writeStorage('local', this.target.storageKey(), json.endpoint);
      this.state.set('on');
    } catch (error) {
      this.state.set(error instanceof HttpErrorResponse && error.status === 404 ? 'unsupported' : 'failed');
    }
  }

  async disable(): Promise<void> {
    const endpoint = readStorage('local', this.target.storageKey());
    writeStorage('local', this.target.storageKey(), null);
    this.state.set('off');
    if (endpoint) await firstValueFrom(this.target.unsubscribe(endpoint)).catch(() => undefined);
  }

  /** What this browser can do before anyone taps: no service worker or Push API, blocked, or not yet asked. */
  private initialState(): PushToggleState {
    const win = this.window;
    if (!this.swPush.isEnabled || !win || !('Notification' in win) || !('PushManager' in win)) return 'unsupported';
    if (win.Notification.permission === 'denied') return 'denied';
    return 'off';
  }
}
