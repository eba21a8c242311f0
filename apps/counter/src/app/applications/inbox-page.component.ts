import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { ApplicationFlagKindName, ApplicationInboxItem, ApplicationInboxResponse } from '@mpp/contracts';
import { APPLICATION_STATE_LABELS } from '@mpp/domain';
import { BilingualPipe, ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';
import { catchError, of, switchMap, type Subscription } from 'rxjs';

import { AuthSession } from '../auth/auth-session.service';
import { SiteServices } from '../queue/site-services.service';
import { AgencyApplicationsApi, type InboxFilter } from './agency-applications-api.service';
import { FALLBACK_TIME_ZONE, formatSiteMoment } from './application-format';
import { HELP_KEY, INBOX_KEYS, inboxKeydown } from './application-shortcuts';

/** The inbox's tabs, in the order an officer works them. */
export const INBOX_TABS = ['new', 'resubmitted', 'verification', 'returned', 'due_soon', 'overdue', 'at_risk', 'all'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export const INBOX_TAB_FILTERS: Readonly<Record<InboxTab, InboxFilter>> = {
  new: { state: 'submitted' },
  resubmitted: { state: 'resubmitted' },
  verification: { state: 'in_verification' },
  returned: { state: 'returned' },
  due_soon: { due: 'due_soon' },
  overdue: { due: 'overdue' },
  at_risk: { due: 'at_risk' },
  all: {},
};

const PAGE_SIZE = 20;

function isInboxTab(value: unknown): value is InboxTab {
  return typeof value === 'string' && (INBOX_TABS as readonly string[]).includes(value);
}

/**
 * `/permohonan`: the agency's applications, by tab (a state, or the clock's flags), newest first,
 * paged by cursor. Keyboard: j/k or the arrows move between rows, Enter opens one, `/` goes to the
 * tabs, M loads more, `?` lists the keys.
 */
@Component({
  selector: 'counter-application-inbox-page',
  imports: [BilingualPipe, ErrorAlertComponent, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKeydown($event)' },
  templateUrl: './inbox-page.component.html',
  styleUrl: './applications.css',
})
export class ApplicationInboxPageComponent {
  private readonly api = inject(AgencyApplicationsApi);
  private readonly catalogue = inject(SiteServices);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly session = inject(AuthSession);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** Query parameter `tab`. */
  readonly tab = input<string | undefined>();

  protected readonly tabs = INBOX_TABS;
  protected readonly stateLabels = APPLICATION_STATE_LABELS;
  protected readonly keys = INBOX_KEYS;
  protected readonly helpKey = HELP_KEY;
  protected readonly currentTab = computed<InboxTab>(() => {
    const tab = this.tab();
    return isInboxTab(tab) ? tab : 'new';
  });

  protected readonly rows = signal<ApplicationInboxItem[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly loadingMore = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly active = signal(0);
  protected readonly showHelp = signal(false);
  protected readonly announcement = signal('');

  private readonly me = computed(() => this.session.user()?.id ?? null);
  private readonly site = toSignal(
    toObservable(computed(() => this.session.user()?.siteCode ?? null)).pipe(
      switchMap((code) => (code ? this.catalogue.site(code).pipe(catchError(() => of(null))) : of(null))),
    ),
    { initialValue: null },
  );
  protected readonly timeZone = computed(() => this.site()?.timeZone ?? FALLBACK_TIME_ZONE);

  private request: Subscription | null = null;

  constructor() {
    effect(() => {
      const tab = this.currentTab();
      untracked(() => this.load(tab, null));
    });
  }

  // ---- what the template shows ---------------------------------------------------------

  protected due(iso: string | null): string {
    return formatSiteMoment(iso, this.timeZone(), this.i18n.lang());
  }

  protected claimKey(row: ApplicationInboxItem): string {
    if (!row.assignedOfficerId) return 'applications.claim.none';
    return row.assignedOfficerId === this.me() ? 'applications.claim.me' : 'applications.claim.other';
  }

  /** Past the legal deadline and still undecided: at risk of being deemed granted (UU 30/2014 Pasal 53). */
  /** The row's flags as the API raised them (libs/domain applicationFlagsAt, the flag job's rule), most urgent first. */
  protected flagsOf(row: ApplicationInboxItem): readonly ApplicationFlagKindName[] {
    return row.flags;
  }

  // ---- keyboard --------------------------------------------------------------------------

  protected onKeydown(event: KeyboardEvent): void {
    // Enter on a row's link opens it natively; elsewhere (nothing focused) it opens the active row.
    inboxKeydown(event, {
      helpShown: () => this.showHelp(),
      setHelp: (shown) => this.showHelp.set(shown),
      focusFilter: () => this.focus(`[data-tab="${this.currentTab()}"]`),
      hasMore: () => this.nextCursor() !== null,
      more: () => this.more(),
      rowCount: () => this.rows().length,
      active: () => this.active(),
      moveTo: (index) => this.moveTo(index),
      openActive: () => void this.router.navigate(['/permohonan', this.rows()[this.active()].id]),
    });
  }

  protected moveTo(index: number): void {
    const last = this.rows().length - 1;
    const next = Math.max(0, Math.min(last, index));
    this.active.set(next);
    this.focus(`[data-testid="inbox-open"][data-index="${next}"]`);
  }

  // ---- loading ---------------------------------------------------------------------------

  protected retry(): void {
    this.load(this.currentTab(), null);
  }

  protected more(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    this.load(this.currentTab(), cursor);
  }

  private load(tab: InboxTab, cursor: string | null): void {
    this.request?.unsubscribe();
    this.error.set(null);
    if (cursor) {
      this.loadingMore.set(true);
    } else {
      this.status.set('loading');
      this.rows.set([]);
      this.nextCursor.set(null);
      this.active.set(0);
    }
    this.request = this.api.inbox(INBOX_TAB_FILTERS[tab], cursor, PAGE_SIZE).subscribe({
      next: (page) => this.loaded(page, cursor !== null),
      error: (error: unknown) => {
        this.loadingMore.set(false);
        this.error.set(error);
        if (!cursor) this.status.set('error');
      },
    });
  }

  private loaded(page: ApplicationInboxResponse, appended: boolean): void {
    const before = appended ? this.rows().length : 0;
    this.rows.set(appended ? [...this.rows(), ...page.items] : page.items);
    this.nextCursor.set(page.nextCursor);
    this.status.set('ready');
    this.loadingMore.set(false);
    this.announcement.set(this.i18n.t(appended ? 'applications.inbox.loadedMore' : 'applications.inbox.loaded', { n: page.items.length, total: this.rows().length }));
    // "Muat lagi" disappears on the last page: the focus goes to the first new row, not to the page.
    if (appended && page.items.length > 0) afterNextRender(() => this.moveTo(before), { injector: this.injector });
  }

  /** Focuses at once (a key press: the rows are on screen), so a key pressed right after acts on it. */
  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
