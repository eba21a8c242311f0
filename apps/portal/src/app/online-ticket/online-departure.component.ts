import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import type { OnlineTicketTiming, PublicTicketResponse } from '@mpp/contracts';
import { ARRIVE_BEFORE_MINUTES, TRAVEL_MINUTE_CHOICES, departureAdvice, estimatedCallAt } from '@mpp/domain';
import { I18nService, TranslatePipe, formatClock, readStorage, timeZoneLabel, writeStorage } from '@mpp/ui';

import { OnlineTicketApi } from './online-ticket-api.service';

const TRAVEL_KEY = 'mpp.onlineTicket.travelMinutes';
const DEFAULT_TRAVEL = 30;

/**
 * On the ticket page of a ticket taken from home, while it waits: the estimated call time and
 * "berangkat sekarang / berangkat pukul HH:MM" for the travel time the citizen picks (libs/domain
 * estimatedCallAt and departureAdvice). The server's clock and the site's hours are read once
 * (the estimate itself comes live with the ticket); the advice is worked out again every 30 s.
 */
@Component({
  selector: 'portal-online-departure',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (shown()) {
      <section class="mpp-card departure" aria-labelledby="departure-heading" data-testid="online-departure">
        <h2 id="departure-heading" class="departure__title">{{ 'daring.when' | t }}</h2>
        @if (advice(); as a) {
          <p data-testid="departure-call">{{ 'daring.call' | t: { time: a.callAt, zone: zone() } }}</p>
          <p class="departure__advice" data-testid="departure-advice">
            @if (a.leaveNow) {
              {{ 'daring.now' | t }}
            } @else {
              {{ 'daring.at' | t: { time: a.leaveAt, zone: zone() } }}
            }
          </p>
          <p class="mpp-muted departure__hint">{{ 'daring.hint' | t: { n: arriveBefore } }}</p>
        } @else {
          <p data-testid="departure-unknown">{{ 'daring.unknown' | t }}</p>
        }
        <fieldset class="departure__travel">
          <legend class="mpp-label">{{ 'daring.travel' | t }}</legend>
          @for (m of choices; track m) {
            <label class="departure__choice" [attr.data-testid]="'travel-' + m">
              <input type="radio" name="travelMinutes" [value]="m" [checked]="travel() === m" (change)="setTravel(m)" />
              {{ 'daring.min' | t: { n: m } }}
            </label>
          }
        </fieldset>
      </section>
    }
  `,
  styles: `
    .departure {
      display: flex;
      flex-direction: column;
      gap: var(--mpp-space-2);
    }
    .departure p {
      margin: 0;
    }
    .departure__title {
      margin: 0;
      font-size: 1.125rem;
    }
    .departure__advice {
      font-size: 1.375rem;
      font-weight: 700;
    }
    .departure__travel {
      display: flex;
      flex-wrap: wrap;
      gap: var(--mpp-space-2);
      border: 0;
      padding: 0;
      margin: 0;
    }
    .departure__choice {
      display: inline-flex;
      align-items: center;
      gap: var(--mpp-space-2);
      min-height: var(--mpp-target);
      padding: 0 var(--mpp-space-3);
      border: 1px solid currentColor;
      border-radius: 999px;
    }
  `,
})
export class OnlineDepartureComponent {
  private readonly api = inject(OnlineTicketApi);
  private readonly i18n = inject(I18nService);

  readonly ticket = input.required<PublicTicketResponse>();

  protected readonly choices = TRAVEL_MINUTE_CHOICES;
  protected readonly arriveBefore = ARRIVE_BEFORE_MINUTES;
  protected readonly travel = signal<number>(storedTravel());
  private readonly timing = signal<{ timing: OnlineTicketTiming; offsetMs: number } | null>(null);
  /** The device's clock, ticking; the server's is `now + offsetMs`. */
  private readonly tick = signal(Date.now());

  protected readonly shown = computed(() => this.ticket().source === 'online' && this.ticket().status === 'waiting');
  protected readonly zone = computed(() => timeZoneLabel(this.ticket().timeZone));
  protected readonly advice = computed(() => {
    const t = this.ticket();
    const timing = this.timing();
    if (!timing || t.estimatedWaitMinutes === null) return null;
    const now = new Date(this.tick() + timing.offsetMs);
    const callAt = estimatedCallAt({ now, timeZone: timing.timing.timeZone, hours: timing.timing.hours, closures: timing.timing.closures, waitMinutes: t.estimatedWaitMinutes });
    if (!callAt) return null;
    const advice = departureAdvice({ now, estimatedCallAt: callAt, travelMinutes: this.travel(), timeZone: timing.timing.timeZone });
    const lang = this.i18n.lang();
    const local = (d: Date) => formatClock(d, timing.timing.timeZone, lang, { seconds: false }).time;
    return { leaveNow: advice.leaveNow, leaveAt: local(advice.leaveAtInstant), callAt: local(callAt) };
  });

  constructor() {
    let asked = false;
    effect(() => {
      if (!this.shown() || asked) return;
      asked = true;
      const code = this.ticket().publicCode;
      untracked(() =>
        this.api.timing(code).subscribe({
          next: (timing) => {
            const at = Date.now();
            this.tick.set(at);
            this.timing.set({ timing, offsetMs: new Date(timing.now).getTime() - at });
          },
          error: () => (asked = false),
        }),
      );
    });
    const timer = setInterval(() => this.tick.set(Date.now()), 30_000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected setTravel(minutes: number): void {
    this.travel.set(minutes);
    writeStorage('local', TRAVEL_KEY, String(minutes));
  }
}

function storedTravel(): number {
  const stored = Number(readStorage('local', TRAVEL_KEY));
  return (TRAVEL_MINUTE_CHOICES as readonly number[]).includes(stored) ? stored : DEFAULT_TRAVEL;
}
