import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { SwPush } from '@angular/service-worker';
import type { PublicTicketResponse } from '@mpp/contracts';
import { I18nService } from '@mpp/ui';

import { PushSwitch } from '../common/push-switch';
import { PushToggleComponent } from '../common/push-toggle.component';
import { NetworkStatus } from '../offline/network-status.service';
import { TicketPushApi } from './ticket-push-api.service';

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
  imports: [PushToggleComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (visible()) {
      <portal-push-toggle [state]="push.state()" keys="portal.notify" testIds="notify" sectionTestId="ticket-notify" (enable)="push.enable()" (disable)="push.disable()" />
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

  protected readonly push = new PushSwitch({
    storageKey: () => STORAGE_PREFIX + this.ticket().publicCode,
    publicKey: () => this.api.publicKey(),
    subscribe: (subscription) => this.api.subscribe(this.ticket().publicCode, subscription, this.i18n.lang()),
    unsubscribe: (endpoint) => this.api.unsubscribe(this.ticket().publicCode, endpoint),
  });
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
