import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { SwPush } from '@angular/service-worker';
import type { PublicTicketResponse } from '@mpp/contracts';
import { I18nService, TranslatePipe, readStorage, writeStorage } from '@mpp/ui';
import { firstValueFrom } from 'rxjs';

import { NetworkStatus } from '../offline/network-status.service';
import { TicketPushApi } from './ticket-push-api.service';

type NotifyState = 'unsupported' | 'denied' | 'off' | 'enabling' | 'on' | 'failed';

/** What the push message carries (apps/api/src/push/push-messages.ts) that the open page reads. */
interface PushData {
  kind?: string;
  ticket?: string;
  counter?: number | null;
}

/** Long-short-long, as the push notification itself vibrates (push-messages.ts CALL_VIBRATION). */
const CALL_VIBRATION = [400, 150, 400, 150, 800];
/** A call heard twice (the push message and the live update) vibrates once. */
const SAME_CALL_MS = 15_000;
const STORAGE_PREFIX = 'mpp.push.';

/**
 * On the ticket page: a button (never a prompt on load) that asks for notification permission and
 * subscribes this phone to the ticket's Web Push messages through Angular's service worker
 * (SwPush), so "3 orang lagi sebelum Anda" and "Dipanggil: menuju loket 3" arrive with the page
 * closed. While the page is open, a call (from the live update or a push message) vibrates the
 * phone and puts "Dipanggil: menuju loket 3" in the tab's title, blinking while the tab is hidden.
 */
@Component({
  selector: 'portal-ticket-notify',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (visible()) {
      <section class="notify" aria-labelledby="notify-heading" data-testid="ticket-notify">
        <h2 id="notify-heading" class="notify__heading">{{ 'portal.notify.heading' | t }}</h2>
        @switch (state()) {
          @case ('on') {
            <p class="notify__on" data-testid="notify-on"><span aria-hidden="true">✓ </span>{{ 'portal.notify.on' | t }}</p>
            <button type="button" class="mpp-button notify__button" (click)="disable()" data-testid="notify-disable">{{ 'portal.notify.disable' | t }}</button>
          }
          @case ('denied') {
            <p class="mpp-muted" data-testid="notify-denied">{{ 'portal.notify.denied' | t }}</p>
          }
          @case ('unsupported') {
            <p class="mpp-muted" data-testid="notify-unsupported">{{ 'portal.notify.unsupported' | t }}</p>
          }
          @default {
            <p class="mpp-muted">{{ 'portal.notify.intro' | t }}</p>
            <button
              type="button"
              class="mpp-button mpp-button--primary notify__button"
              [disabled]="state() === 'enabling'"
              (click)="enable()"
              data-testid="notify-enable"
            >
              {{ (state() === 'enabling' ? 'portal.notify.enabling' : 'portal.notify.enable') | t }}
            </button>
          }
        }
        <div role="alert">
          @if (state() === 'failed') {
            <p class="notify__failed" data-testid="notify-failed">{{ 'portal.notify.failed' | t }}</p>
          }
        </div>
      </section>
    }
  `,
  styles: `
    .notify {
      margin-block: var(--mpp-space-4, 1.5rem);
    }
    .notify__heading {
      font-size: 1.1rem;
      margin: 0 0 var(--mpp-space-2, 0.5rem);
    }
    .notify__button {
      min-height: 48px;
      width: 100%;
    }
    .notify__on {
      font-weight: 600;
    }
    .notify__failed {
      margin: var(--mpp-space-2, 0.5rem) 0 0;
      font-weight: 600;
    }
  `,
})
export class TicketNotifyComponent {
  private readonly api = inject(TicketPushApi);
  private readonly document = inject(DOCUMENT);
  private readonly i18n = inject(I18nService);
  private readonly network = inject(NetworkStatus);
  private readonly swPush = inject(SwPush);
  private readonly title = inject(Title);
  private readonly window = this.document.defaultView;

  readonly ticket = input.required<PublicTicketResponse>();

  protected readonly state = signal<NotifyState>(this.initialState());
  protected readonly visible = computed(() => ['waiting', 'called'].includes(this.ticket().status));

  private lastCall: { counter: number; at: number } | null = null;
  private titleBefore: string | null = null;
  private callTitle: string | null = null;
  private blink: ReturnType<typeof setInterval> | null = null;

  constructor() {
    effect(() => {
      const { publicCode, number } = this.ticket();
      untracked(() => this.network.remember({ code: publicCode, number }));
    });
    effect(() => {
      const ticket = this.ticket();
      untracked(() => {
        if (ticket.status === 'called' && ticket.counter) this.announceCall(ticket.counter.number);
        else this.endCallTitle();
      });
    });
    if (this.swPush.isEnabled) {
      // This phone's subscription is the one this ticket was given: notifications are on.
      this.swPush.subscription.pipe(takeUntilDestroyed()).subscribe((subscription) => {
        if (this.state() === 'enabling') return;
        const stored = readStorage('local', this.storageKey());
        if (subscription && stored === subscription.endpoint) this.state.set('on');
        else if (this.state() === 'on') this.state.set('off');
      });
      // A push that arrives while the page is open: the same reaction as the live update.
      this.swPush.messages.pipe(takeUntilDestroyed()).subscribe((message) => {
        const data = (message as { notification?: { data?: PushData } } | null)?.notification?.data;
        if (data?.kind === 'called' && data.ticket === this.ticket().publicCode && typeof data.counter === 'number') this.announceCall(data.counter);
      });
    }
    const visibility = () => {
      if (!this.document.hidden) this.stopBlinking();
    };
    this.document.addEventListener('visibilitychange', visibility);
    inject(DestroyRef).onDestroy(() => {
      this.document.removeEventListener('visibilitychange', visibility);
      this.endCallTitle();
    });
  }

  protected async enable(): Promise<void> {
    this.state.set('enabling');
    try {
      const permission = await this.window!.Notification.requestPermission();
      if (permission !== 'granted') {
        this.state.set(permission === 'denied' ? 'denied' : 'off');
        return;
      }
      const { publicKey } = await firstValueFrom(this.api.publicKey());
      const subscription = await this.swPush.requestSubscription({ serverPublicKey: publicKey });
      const json = subscription.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
      await firstValueFrom(this.api.subscribe(this.ticket().publicCode, { endpoint: json.endpoint, keys: json.keys }, this.i18n.lang()));
      writeStorage('local', this.storageKey(), json.endpoint);
      this.state.set('on');
    } catch (error) {
      // 404 PUSH_DISABLED: this server sends no Web Push (docs/portal.md).
      this.state.set(error instanceof HttpErrorResponse && error.status === 404 ? 'unsupported' : 'failed');
    }
  }

  protected async disable(): Promise<void> {
    const endpoint = readStorage('local', this.storageKey());
    writeStorage('local', this.storageKey(), null);
    this.state.set('off');
    // The phone's subscription stays: other tickets opened on it may still use it.
    if (endpoint) await firstValueFrom(this.api.unsubscribe(this.ticket().publicCode, endpoint)).catch(() => undefined);
  }

  private initialState(): NotifyState {
    const w = this.document.defaultView;
    if (!this.swPush.isEnabled || !w || !('Notification' in w) || !('PushManager' in w)) return 'unsupported';
    if (w.Notification.permission === 'denied') return 'denied';
    return 'off';
  }

  private storageKey(): string {
    return STORAGE_PREFIX + this.ticket().publicCode;
  }

  /** Vibrates (once per call) and puts the call in the tab's title. */
  private announceCall(counter: number): void {
    const now = Date.now();
    const repeated = this.lastCall?.counter === counter && now - this.lastCall.at < SAME_CALL_MS;
    this.lastCall = { counter, at: now };
    if (!repeated) this.window?.navigator.vibrate?.(CALL_VIBRATION);
    const callTitle = `🔔 ${this.i18n.t('portal.notify.calledTitle', { n: counter })}`;
    if (this.titleBefore === null) this.titleBefore = this.title.getTitle();
    this.callTitle = callTitle;
    this.title.setTitle(callTitle);
    if (this.document.hidden && this.blink === null) {
      let on = true;
      this.blink = setInterval(() => {
        on = !on;
        this.title.setTitle(on ? callTitle : (this.titleBefore ?? callTitle));
      }, 1000);
    }
  }

  private stopBlinking(): void {
    if (this.blink !== null) clearInterval(this.blink);
    this.blink = null;
    if (this.callTitle) this.title.setTitle(this.callTitle);
  }

  private endCallTitle(): void {
    if (this.blink !== null) clearInterval(this.blink);
    this.blink = null;
    if (this.titleBefore !== null && this.callTitle !== null) {
      const current = this.title.getTitle();
      if (current === this.callTitle || current === this.titleBefore) this.title.setTitle(this.titleBefore);
    }
    this.titleBefore = null;
    this.callTitle = null;
  }
}
