import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { DisplayCall, DisplaySnapshot } from '@mpp/contracts';
import { callAnnouncement, hallGrid, localDate, type DisplayCounter } from '@mpp/domain';
import { ErrorAlertComponent, I18nService, TranslatePipe, formatClock, timeZoneLabel } from '@mpp/ui';

import { DeviceSession } from '../device/device-session.service';
import { DEVICE_SETUP_PATH } from '../device/device.guards';
import { AnnouncerService } from './announcer.service';
import { DisplayLiveService } from './display-live.service';
import { DisplayNoDeviceComponent } from './display-no-device.component';
import { DisplaySoundPromptComponent } from './display-sound-prompt.component';

/** How long a new call stays highlighted, on the big panel and on its counter. */
export const FRESH_CALL_MS = 10_000;
/** The counter grid has room for this many cells on a 1920×1080 screen (7 × 6). */
const MAX_COUNTER_CELLS = 42;
/** Width / height of the counter area, divided by a cell's (wider than tall) proportions. */
const GRID_ASPECT = 1.1;
/** Rows of the last-calls list and cells of the waiting strip that fit on the screen. */
const LAST_CALLS_SHOWN = 6;
const WAITING_SHOWN = 12;

/**
 * The hall display (TV, 1920×1080, read from 10 m): the newest call very large, every counter's
 * current number, the last calls, how many wait per service, and a clock in the MPP's own time
 * zone. Live over socket.io (DisplayLiveService); every live call is announced with a chime and
 * an Indonesian voice (AnnouncerService). Signed in as the device's MPP (DeviceSession); it shows
 * no personal data, only ticket numbers, counters and services.
 */
@Component({
  selector: 'kiosk-display-page',
  imports: [DisplayNoDeviceComponent, DisplaySoundPromptComponent, ErrorAlertComponent, RouterLink, TranslatePipe],
  providers: [DisplayLiveService, AnnouncerService],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './display-page.component.html',
  styleUrl: './display-page.component.css',
})
export class DisplayPageComponent {
  private readonly i18n = inject(I18nService);
  private readonly session = inject(DeviceSession);
  private readonly live = inject(DisplayLiveService);
  protected readonly announcer = inject(AnnouncerService);

  protected readonly setupPath = DEVICE_SETUP_PATH;
  protected readonly signedIn = computed(() => !!this.session.token() && !!this.session.siteCode());

  protected readonly snapshot = this.live.snapshot;
  protected readonly connection = this.live.connection;
  protected readonly error = this.live.error;

  protected readonly latest = computed<DisplayCall | null>(() => this.snapshot()?.lastCalls[0] ?? null);
  protected readonly lastCalls = computed(() => (this.snapshot()?.lastCalls ?? []).slice(0, LAST_CALLS_SHOWN));
  protected readonly grid = computed(() =>
    hallGrid(this.snapshot()?.counters ?? [], { aspect: GRID_ASPECT, maxCells: MAX_COUNTER_CELLS }),
  );
  protected readonly waiting = computed(() => {
    const all = this.snapshot()?.waiting ?? [];
    const fits = all.length <= WAITING_SHOWN;
    return { shown: fits ? all : all.slice(0, WAITING_SHOWN - 1), more: fits ? 0 : all.length - (WAITING_SHOWN - 1) };
  });

  /** The call that just came in (highlighted for FRESH_CALL_MS); the snapshot's calls never are. */
  private readonly fresh = signal<DisplayCall | null>(null);
  protected readonly latestIsFresh = computed(() => {
    const fresh = this.fresh();
    return fresh !== null && fresh === this.latest();
  });
  protected readonly freshCounter = computed(() => this.fresh()?.counterNumber ?? null);

  private readonly now = signal(new Date());
  private resyncedFor: string | null = null;
  protected readonly clock = computed(() => {
    const snapshot = this.snapshot();
    return snapshot ? formatClock(this.now(), snapshot.timeZone, this.i18n.lang(), { seconds: false }) : null;
  });
  protected readonly zone = computed(() => {
    const snapshot = this.snapshot();
    return snapshot ? timeZoneLabel(snapshot.timeZone) : '';
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    const clockTimer = setInterval(() => this.tick(), 1000);
    let freshTimer: ReturnType<typeof setTimeout> | undefined;
    destroyRef.onDestroy(() => {
      clearInterval(clockTimer);
      clearTimeout(freshTimer);
    });

    this.live.onCall((call) => {
      this.fresh.set(call);
      clearTimeout(freshTimer);
      freshTimer = setTimeout(() => this.fresh.set(null), FRESH_CALL_MS);
      this.announcer.announce(callAnnouncement(call.ticketNumber, call.counterNumber));
    });

    // Follow the device's MPP; a new device (set up again) starts over.
    effect(() => {
      const token = this.session.token();
      const siteCode = this.session.siteCode();
      if (token && siteCode) untracked(() => this.live.watch(siteCode, token));
    });
  }

  protected enableSound(): void {
    this.announcer.enable();
  }

  /** What an idle counter shows instead of a number. */
  protected counterState(counter: DisplayCounter): string {
    switch (counter.state) {
      case 'open':
        return 'display.counterIdle';
      case 'paused':
        return 'display.counterPaused';
      case 'closed':
        return 'display.counterClosed';
    }
  }

  private tick(): void {
    const now = new Date();
    this.now.set(now);
    // Past the MPP's midnight the day's calls and counts start afresh: ask for today's snapshot.
    // Once per day: a server whose clock disagrees must not be asked every second.
    const snapshot: DisplaySnapshot | null = this.snapshot();
    if (!snapshot || this.connection() !== 'live') return;
    const today = localDate(now, snapshot.timeZone);
    if (today > snapshot.localDate && today !== this.resyncedFor) {
      this.resyncedFor = today;
      this.live.resync();
    }
  }
}
