import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { ComplaintInboxItem, ComplaintInboxResponse, ComplaintStatusName } from '@mpp/contracts';
import { COMPLAINT_KIND_LABELS, COMPLAINT_STATUSES, COMPLAINT_STATUS_LABELS, COMPLAINT_SUBJECT_LABELS } from '@mpp/domain';
import { BilingualPipe, ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';
import type { Subscription } from 'rxjs';

import { AdminScope } from '../admin/admin-scope.service';
import { SiteSelectComponent } from '../admin/site-select.component';
import { formatSiteMoment } from '../applications/application-format';
import { HELP_KEY, INBOX_KEYS, inboxKeydown } from '../applications/application-shortcuts';
import { AuthSession } from '../auth/auth-session.service';
import { firstResponseMark, resolutionMark, type ComplaintDueMark } from './complaint-format';
import { staffAccounts } from './complaint-staff-names';
import { ComplaintsApi, type ComplaintInboxFilter } from './complaints-api.service';

const PAGE_SIZE = 20;

function isStatus(value: unknown): value is ComplaintStatusName {
  return typeof value === 'string' && (COMPLAINT_STATUSES as readonly string[]).includes(value);
}

/**
 * `/pengaduan`: the complaints of the staff member's site (agency staff: their agency's, the API
 * filters), oldest first, paged by cursor, filtered by status and (site handlers) agency. No
 * personal data: the inbox API has none. Keyboard: j/k or the arrows move, Enter opens, `/` goes
 * to the filters, M loads more, `?` lists the keys.
 */
@Component({
  selector: 'counter-complaint-inbox-page',
  imports: [BilingualPipe, ErrorAlertComponent, RouterLink, SiteSelectComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKeydown($event)' },
  templateUrl: './inbox-page.component.html',
  styleUrls: ['../applications/applications.css', './complaints.css'],
})
export class ComplaintInboxPageComponent {
  private readonly api = inject(ComplaintsApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly session = inject(AuthSession);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly scope = inject(AdminScope);

  /** Query parameters `status` and `agency`. */
  readonly status = input<string | undefined>();
  readonly agency = input<string | undefined>();

  protected readonly statuses = COMPLAINT_STATUSES;
  protected readonly statusLabels = COMPLAINT_STATUS_LABELS;
  protected readonly kindLabels = COMPLAINT_KIND_LABELS;
  protected readonly subjectLabels = COMPLAINT_SUBJECT_LABELS;
  protected readonly keys = INBOX_KEYS;
  protected readonly helpKey = HELP_KEY;

  /** Site handlers (site and system admins) see every agency's and may filter by one. */
  protected readonly handlesSite = computed(() => this.scope.role() === 'site_admin' || this.scope.role() === 'system_admin');
  private readonly ownAgencyId = computed(() => (this.handlesSite() ? null : (this.session.user()?.agencyId ?? null)));
  protected readonly ownAgencyName = computed(() => this.scope.agencyName(this.ownAgencyId()));
  protected readonly filter = computed<ComplaintInboxFilter>(() => {
    const status = this.status();
    const agency = this.agency();
    return { status: isStatus(status) ? status : null, agencyId: this.handlesSite() && agency ? agency : null };
  });
  private readonly staff = staffAccounts();
  private readonly me = computed(() => this.session.user()?.id ?? null);

  protected readonly rows = signal<ComplaintInboxItem[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly loadingMore = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly active = signal(0);
  protected readonly showHelp = signal(false);
  protected readonly announcement = signal('');
  /** "Now" for the due marks, taken at each load. */
  private readonly now = signal(new Date());

  private request: Subscription | null = null;

  constructor() {
    effect(() => {
      const site = this.scope.siteCode();
      const filter = this.filter();
      untracked(() => this.load(site, filter, null));
    });
  }

  // ---- what the template shows ---------------------------------------------------------

  protected moment(iso: string): string {
    return formatSiteMoment(iso, this.scope.timeZone(), this.i18n.lang());
  }

  protected agencyText(id: string | null): string {
    if (!id) return this.i18n.t('complaints.mpp');
    return this.scope.agencyName(id) ?? '';
  }

  protected assigneeText(id: string | null): string {
    if (!id) return this.i18n.t('complaints.assignee.none');
    if (id === this.me()) return this.i18n.t('complaints.assignee.me');
    return this.staff().find((u) => u.id === id)?.fullName ?? this.i18n.t('complaints.assignee.other');
  }

  protected firstMark(row: ComplaintInboxItem): ComplaintDueMark {
    return firstResponseMark(row, this.now(), this.scope.site());
  }

  protected resolutionMark(row: ComplaintInboxItem): ComplaintDueMark {
    return resolutionMark(row, this.now(), this.scope.site());
  }

  // ---- filters ---------------------------------------------------------------------------

  protected setStatus(value: string): void {
    void this.router.navigate(['/pengaduan'], { queryParams: { status: value || null }, queryParamsHandling: 'merge' });
  }

  protected setAgency(value: string): void {
    void this.router.navigate(['/pengaduan'], { queryParams: { agency: value || null }, queryParamsHandling: 'merge' });
  }

  // ---- keyboard --------------------------------------------------------------------------

  protected onKeydown(event: KeyboardEvent): void {
    inboxKeydown(event, {
      helpShown: () => this.showHelp(),
      setHelp: (shown) => this.showHelp.set(shown),
      focusFilter: () => this.focus('#complaint-status'),
      hasMore: () => this.nextCursor() !== null,
      more: () => this.more(),
      rowCount: () => this.rows().length,
      active: () => this.active(),
      moveTo: (index) => this.moveTo(index),
      openActive: () => void this.router.navigate(['/pengaduan', this.rows()[this.active()].id]),
    });
  }

  protected moveTo(index: number): void {
    const next = Math.max(0, Math.min(this.rows().length - 1, index));
    this.active.set(next);
    this.focus(`[data-testid="complaint-open"][data-index="${next}"]`);
  }

  // ---- loading ---------------------------------------------------------------------------

  protected retry(): void {
    this.load(this.scope.siteCode(), this.filter(), null);
  }

  protected more(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    this.load(this.scope.siteCode(), this.filter(), cursor);
  }

  private load(site: string | null, filter: ComplaintInboxFilter, cursor: string | null): void {
    this.request?.unsubscribe();
    this.error.set(null);
    if (cursor) {
      this.loadingMore.set(true);
    } else {
      this.state.set('loading');
      this.rows.set([]);
      this.nextCursor.set(null);
      this.active.set(0);
    }
    if (!site) return;
    this.request = this.api.inbox(site, filter, cursor, PAGE_SIZE).subscribe({
      next: (page) => this.loaded(page, cursor !== null),
      error: (error: unknown) => {
        this.loadingMore.set(false);
        this.error.set(error);
        if (!cursor) this.state.set('error');
      },
    });
  }

  private loaded(page: ComplaintInboxResponse, appended: boolean): void {
    const before = appended ? this.rows().length : 0;
    this.now.set(new Date());
    this.rows.set(appended ? [...this.rows(), ...page.items] : page.items);
    this.nextCursor.set(page.nextCursor);
    this.state.set('ready');
    this.loadingMore.set(false);
    this.announcement.set(this.i18n.t(appended ? 'complaints.inbox.loadedMore' : 'complaints.inbox.loaded', { n: page.items.length, total: this.rows().length }));
    if (appended && page.items.length > 0) afterNextRender(() => this.moveTo(before), { injector: this.injector });
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
