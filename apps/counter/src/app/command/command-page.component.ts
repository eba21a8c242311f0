import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ComplaintSummaryResponse, RedFlagListResponse } from '@mpp/contracts';
import { BilingualPipe, ErrorAlertComponent, formatClock, I18nService, TranslatePipe } from '@mpp/ui';
import type { Subscription } from 'rxjs';

import { AdminScope } from '../admin/admin-scope.service';
import { ScopeLineComponent } from '../admin/scope-line.component';
import { SiteSelectComponent } from '../admin/site-select.component';
import { CommandApi } from './command-api.service';
import { ComplaintCountsComponent } from './complaint-counts.component';
import { byUrgency } from './red-flag-order';
import { RedFlagSettingsFormComponent } from './red-flag-settings-form.component';

/** How often the flags are read again while the page is open (and on the window's focus). */
export const COMMAND_REFRESH_MS = 45_000;

/**
 * `komando`: the site's command view. Every admin sees the red flags that hold now (an agency
 * admin only their agency's: the API filters); site and system admins also set the thresholds.
 */
@Component({
  selector: 'counter-command-page',
  imports: [BilingualPipe, ComplaintCountsComponent, ErrorAlertComponent, RedFlagSettingsFormComponent, RouterLink, ScopeLineComponent, SiteSelectComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './command-page.component.html',
  styleUrl: './command-page.component.css',
})
export class CommandPageComponent {
  private readonly api = inject(CommandApi);
  private readonly i18n = inject(I18nService);
  private readonly document = inject(DOCUMENT);
  protected readonly scope = inject(AdminScope);

  protected readonly list = signal<RedFlagListResponse | null>(null);
  protected readonly loadError = signal<unknown>(null);
  protected readonly flags = computed(() => byUrgency(this.list()?.items ?? []));
  protected readonly setsThresholds = computed(() => this.scope.role() === 'site_admin' || this.scope.role() === 'system_admin');
  /** Raised at each refresh: the complaint counts are read again with the flags. */
  protected readonly tick = signal(0);
  /** Tracking code → id of the open complaints the summary lists (the red flag names codes). */
  protected readonly complaintIds = signal<ReadonlyMap<string, string>>(new Map());
  private request: Subscription | null = null;

  constructor() {
    effect(() => {
      const code = this.scope.siteCode();
      untracked(() => {
        this.list.set(null);
        this.refresh(code);
      });
    });
    const timer = setInterval(() => this.refresh(this.scope.siteCode()), COMMAND_REFRESH_MS);
    const onFocus = () => this.refresh(this.scope.siteCode());
    const onVisible = () => {
      if (this.document.visibilityState === 'visible') onFocus();
    };
    this.document.defaultView?.addEventListener('focus', onFocus);
    this.document.addEventListener('visibilitychange', onVisible);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      this.document.defaultView?.removeEventListener('focus', onFocus);
      this.document.removeEventListener('visibilitychange', onVisible);
      this.request?.unsubscribe();
    });
  }

  protected refresh(code: string | null): void {
    this.request?.unsubscribe();
    if (!code) return;
    this.tick.update((n) => n + 1);
    this.request = this.api.redFlags(code).subscribe({
      next: (list) => {
        this.loadError.set(null);
        this.list.set(list);
      },
      error: (error: unknown) => this.loadError.set(error),
    });
  }

  protected time(iso: string): string {
    const lang = this.i18n.lang();
    const zone = this.list()?.timeZone ?? this.scope.timeZone();
    const at = formatClock(new Date(iso), zone, lang, { seconds: false });
    return `${at.date} ${at.time}`;
  }

  protected complaintsLoaded(summary: ComplaintSummaryResponse): void {
    this.complaintIds.set(new Map(summary.oldestOpen.map((c) => [c.code, c.id])));
  }

  /** The first characters of an application's id, as the inbox shows it. */
  protected shortId(id: string): string {
    return id.slice(0, 8);
  }
}
