import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { IsoWeekday, OpeningHours, SitePageResponse } from '@mpp/contracts';
import { WEEKDAY_NAMES, localTimeToMinutes, timeZoneAbbreviation } from '@mpp/domain';
import {
  ErrorAlertComponent,
  I18nService,
  PageTitleService,
  TranslatePipe,
  interpolate,
  loadError,
  loadedValue,
  pickText,
  toLoadState,
  type LoadState,
  type TranslationParams,
} from '@mpp/ui';
import { Subject, filter, map, merge, startWith, switchMap } from 'rxjs';

import { SitePageApi } from './site-api.service';
import { formatLocalDate, formatLocalTime, mapsLink } from './site-format';
import { SITE_PAGE_TEXTS } from './site-texts';

interface WeekRow {
  weekday: IsoWeekday;
  name: string;
  hours: OpeningHours | null;
  today: boolean;
}

/** `mpp/:code`: where the MPP is, whether it is open now, when it closes, what is there. */
@Component({
  selector: 'portal-site-page',
  imports: [ErrorAlertComponent, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './site-page.component.html',
  styleUrl: './site-page.component.css',
})
export class SitePageComponent {
  private readonly api = inject(SitePageApi);
  private readonly i18n = inject(I18nService);
  private readonly pageTitle = inject(PageTitleService);

  /** Route parameter `:code`. */
  readonly code = input.required<string>();

  private readonly reloads = new Subject<void>();
  /** Quiet re-reads when "open now" may have changed: the page keeps what it shows until the answer comes. */
  private readonly refreshes = new Subject<void>();

  protected readonly state = toSignal(
    toObservable(this.code).pipe(
      switchMap((code) =>
        merge(
          this.reloads.pipe(
            startWith(undefined),
            map(() => this.api.get(code).pipe(toLoadState())),
          ),
          this.refreshes.pipe(map(() => this.api.get(code).pipe(toLoadState(), filter((s) => s.status === 'ready')))),
        ).pipe(switchMap((read) => read)),
      ),
    ),
    { initialValue: { status: 'loading' } as LoadState<SitePageResponse> },
  );

  protected readonly site = computed(() => loadedValue(this.state()));
  protected readonly error = computed(() => loadError(this.state()));
  protected readonly zone = computed(() => {
    const site = this.site();
    return site ? timeZoneAbbreviation(site.timeZone) : '';
  });

  /** The sentence under the open/closed badge. */
  protected readonly nowDetail = computed(() => {
    const site = this.site();
    if (!site) return '';
    const lang = this.i18n.lang();
    const zone = this.zone();
    const { now } = site;
    const time = (t: string) => formatLocalTime(t, lang);
    if (now.state === 'open' && now.until) return this.tx('now.openUntil', { time: time(now.until), zone });
    if (now.state === 'on_break' && now.until) return this.tx('now.breakUntil', { time: time(now.until), zone });
    if (!now.nextOpen) return this.tx('now.noNext');
    if (now.nextOpen.date === site.today.date) return this.tx('now.opensToday', { time: time(now.nextOpen.time), zone });
    return this.tx('now.opensNext', {
      date: formatLocalDate(now.nextOpen.date, lang, { year: false }),
      time: time(now.nextOpen.time),
      zone,
    });
  });

  /** Why the site is closed all day today, e.g. "Libur nasional: Kelahiran Yesus Kristus". */
  protected readonly closureText = computed(() => {
    const closure = this.site()?.today.closure;
    if (!closure) return null;
    const kind = this.tx(`closure.${closure.kind}`);
    return closure.name ? `${kind}: ${closure.name}` : kind;
  });

  protected readonly todayLabel = computed(() => {
    const site = this.site();
    return site ? this.tx('today', { date: formatLocalDate(site.today.date, this.i18n.lang()) }) : '';
  });

  protected readonly week = computed((): WeekRow[] => {
    const site = this.site();
    if (!site) return [];
    const lang = this.i18n.lang();
    return ([1, 2, 3, 4, 5, 6, 7] as IsoWeekday[]).map((weekday) => ({
      weekday,
      name: pickText(lang, WEEKDAY_NAMES[weekday]),
      hours: site.openingHours.find((h) => h.weekday === weekday) ?? null,
      today: weekday === site.today.weekday,
    }));
  });

  protected readonly closures = computed(() => {
    const site = this.site();
    if (!site) return [];
    const lang = this.i18n.lang();
    return site.upcomingClosures.map((c) => ({
      id: c.id,
      date: formatLocalDate(c.date, lang),
      kind: this.tx(`closure.${c.kind}`),
      name: c.name,
    }));
  });

  protected readonly mapUrl = computed(() => {
    const site = this.site();
    return site ? mapsLink(site.name, site.address) : null;
  });

  constructor() {
    effect(() => this.pageTitle.setOverride(this.site()?.name ?? null));
    // Read again when the state changes today (by the site's clock, not the phone's), and when
    // the citizen comes back to the page after a while.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let loadedAt = Date.now();
    effect(() => {
      const site = this.site();
      clearTimeout(timer);
      loadedAt = Date.now();
      if (!site?.now.until) return;
      const minutes = localTimeToMinutes(site.now.until) - localTimeToMinutes(site.now.localTime);
      if (minutes > 0) timer = setTimeout(() => this.refreshes.next(), minutes * 60_000 + 5_000);
    });
    const document = inject(DOCUMENT);
    const onVisible = (): void => {
      if (document.visibilityState === 'visible' && Date.now() - loadedAt > 60_000) this.refreshes.next();
    };
    document.addEventListener('visibilitychange', onVisible);
    inject(DestroyRef).onDestroy(() => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
      this.pageTitle.setOverride(null);
    });
  }

  /** The page's text for the key in the chosen language, with `{name}` placeholders filled. */
  protected tx(key: string, params?: TranslationParams): string {
    const text = SITE_PAGE_TEXTS[key];
    return text ? interpolate(pickText(this.i18n.lang(), text), params) : key;
  }

  protected time(t: string): string {
    return formatLocalTime(t, this.i18n.lang());
  }

  protected reload(): void {
    this.reloads.next();
  }
}
