import { Location } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { ApplicationItemResponse, ApplicationResponse, ApplicationStateName, IssuedDocumentSummary, RequirementResponse } from '@mpp/contracts';
import { APPLICATION_STATE_LABELS, WITHDRAWABLE_APPLICATION_STATES } from '@mpp/domain';
import { BilingualPipe, CatalogueApi, ErrorAlertComponent, I18nService, LocalizedPipe, TranslatePipe, pickLocalized } from '@mpp/ui';
import { catchError, map, of, switchMap, type Observable, type Subscription } from 'rxjs';

import { ApplicationApi, type ApplicationAction, type ApplicationFile } from './application-api.service';
import { ApplicationDownloads } from './application-downloads';
import { displayApplicationCode, formatSiteInstant } from './application-format';
import { ApplicationItemComponent } from './application-item.component';
import type { ApplicationCreatedState } from './application-new-page.component';
import { injectFocusAfterRender } from '../common/focus-after-render';
import { injectPageTitle } from '../common/page-title';
import { forgetApplicationSecret, keepApplicationSecret, readApplicationSecret } from './application-secrets';

/** The steps a citizen follows on the timeline, and where each state stands on it (-1: before or off it). */
const STEPS = ['submitted', 'verification', 'complete', 'process', 'decision', 'ready', 'done'] as const;
const STEP_OF: Readonly<Record<ApplicationStateName, number>> = {
  draft: -1,
  submitted: 0,
  in_verification: 1,
  returned: 1,
  resubmitted: 1,
  complete: 2,
  in_process: 3,
  approved: 4,
  rejected: 4,
  ready: 5,
  done: 6,
  withdrawn: -1,
  expired: -1,
};

type View = 'loading' | 'proof' | 'error' | 'ready';

/** What the page shows with the application: the catalogue's requirements (what each must show). */
interface Context {
  serviceId: string;
  requirements: ReadonlyMap<string, RequirementResponse>;
  /** How the citizen may come to collect: a booked visit, a ticket taken from home (the service's settings). */
  collect: { booking: boolean; onlineTicket: boolean };
}

/**
 * `permohonan/:code`, the citizen's application: opened by the account's session cookie, or by
 * the secret kept on this phone when it was created (or typed from the SMS), sent only in the
 * `X-Application-Secret` header. Shows the state (the API's words), the due date in the site's
 * zone, the timeline; the checklist with an upload per requirement (ApplicationItemComponent);
 * "Kirim permohonan" once every mandatory item has a document (the button says what is missing);
 * when returned, the officer's reasons and deadline and "Kirim perbaikan"; the receipt, result
 * and letter to download with a link to verify each; and withdrawal with a confirmation.
 */
@Component({
  selector: 'portal-application-page',
  imports: [ApplicationItemComponent, BilingualPipe, ErrorAlertComponent, LocalizedPipe, RouterLink, TranslatePipe],
  providers: [ApplicationDownloads],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './application-page.component.html',
  styleUrl: './application-page.component.css',
})
export class ApplicationPageComponent {
  private readonly api = inject(ApplicationApi);
  private readonly catalogue = inject(CatalogueApi);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly focus = injectFocusAfterRender();
  protected readonly downloads = inject(ApplicationDownloads);

  /** Route parameter `:code`. */
  readonly code = input.required<string>();

  protected readonly view = signal<View>('loading');
  protected readonly loadFailure = signal<unknown>(null);
  protected readonly application = signal<ApplicationResponse | null>(null);
  protected readonly context = signal<Context | null>(null);
  /** How the result can be collected at the MPP besides walking in: null when the service offers neither. */
  protected readonly collectBy = computed(() => {
    const collect = this.context()?.collect;
    return collect && (collect.booking || collect.onlineTicket) ? collect : null;
  });
  protected readonly issued = signal<IssuedDocumentSummary[]>([]);
  protected readonly secret = signal<string | null>(null);
  /** Set by the new application's page: how the citizen will open it again. */
  protected readonly created = signal<ApplicationCreatedState['applicationCreated'] | null>(null);

  protected readonly typedSecret = signal('');
  protected readonly proofPending = signal(false);
  protected readonly proofError = signal<unknown>(null);

  protected readonly acting = signal<ApplicationAction | null>(null);
  protected readonly actionError = signal<unknown>(null);
  /** The last action's outcome, announced (aria-live). */
  protected readonly announced = signal<string | null>(null);
  protected readonly showMissing = signal(false);
  protected readonly confirmingWithdraw = signal(false);
  /** Items given a new document since they were returned, on this visit. */
  protected readonly replaced = signal<ReadonlySet<string>>(new Set());

  protected readonly steps = STEPS;
  protected readonly displayCode = computed(() => displayApplicationCode(this.application()?.code ?? this.code()));
  /** The site's zone, as the API answers it: every date on the page is shown in it. */
  protected readonly timeZone = computed(() => this.application()?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  protected readonly currentStep = computed(() => {
    const a = this.application();
    return a ? STEP_OF[a.state] : -1;
  });
  protected readonly editable = computed(() => {
    const a = this.application();
    return a?.state === 'draft' || a?.state === 'returned';
  });
  /** Mandatory items without a document: what keeps the draft (or a correction) from being sent. */
  protected readonly missing = computed<ApplicationItemResponse[]>(() => {
    const a = this.application();
    return a && this.editable() ? a.items.filter((i) => i.mandatory && i.documents.length === 0) : [];
  });
  /** While returned: items marked for correction not given a new document on this visit. */
  protected readonly notReplaced = computed<ApplicationItemResponse[]>(() => {
    const a = this.application();
    const replaced = this.replaced();
    return a?.state === 'returned' ? a.items.filter((i) => i.state === 'needs_revision' && !replaced.has(i.requirementId)) : [];
  });
  protected readonly canWithdraw = computed(() => {
    const a = this.application();
    return !!a && WITHDRAWABLE_APPLICATION_STATES.includes(a.state);
  });
  protected readonly dueText = computed(() => {
    const a = this.application();
    if (!a?.clock.dueAt || (a.clock.phase !== 'running' && a.clock.phase !== 'paused')) return null;
    return this.i18n.t('application.progress.due', { when: formatSiteInstant(a.clock.dueAt, this.timeZone(), this.i18n.lang()) });
  });
  protected readonly deadlineText = computed(() => {
    const a = this.application();
    return a?.state === 'returned' && a.citizenDeadline
      ? this.i18n.t('application.returned.deadline', { when: formatSiteInstant(a.citizenDeadline, this.timeZone(), this.i18n.lang()) })
      : null;
  });
  protected readonly submittedText = computed(() => {
    const a = this.application();
    return a?.submittedAt ? this.i18n.t('application.progress.submittedAt', { when: formatSiteInstant(a.submittedAt, this.timeZone(), this.i18n.lang()) }) : null;
  });
  /** The state changes so far (the API's timeline, oldest first), each with its date in the site's zone. */
  protected readonly timeline = computed(() => {
    const lang = this.i18n.lang();
    return (this.application()?.timeline ?? []).map((e) => ({ key: `${e.state}@${e.at}`, at: e.at, label: APPLICATION_STATE_LABELS[e.state], when: formatSiteInstant(e.at, this.timeZone(), lang) }));
  });
  protected readonly latestResult = computed(() => this.issued().findLast((d) => d.kind === 'result') ?? null);
  protected readonly latestLetter = computed(() => this.issued().findLast((d) => d.kind === 'decision_letter') ?? null);

  private loading: Subscription | null = null;
  /** When the application was last read: coming back to the page after a minute reads it again, quietly. */
  private readAt = 0;

  constructor() {
    const onVisible = () => {
      if (document.visibilityState === 'visible' && this.view() === 'ready' && Date.now() - this.readAt > 60_000) this.refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    this.destroyRef.onDestroy(() => document.removeEventListener('visibilitychange', onVisible));
    const state = inject(Location).getState() as Partial<ApplicationCreatedState> | null;
    if (state?.applicationCreated) this.created.set(state.applicationCreated);
    effect(() => {
      const code = this.code();
      untracked(() => this.open(code, readApplicationSecret(code)));
    });
    injectPageTitle(() => {
      const a = this.application();
      return a ? `${this.i18n.t('application.page.heading', { code: this.displayCode() })}: ${pickLocalized(this.i18n.lang(), a.service.name, a.service.nameEn)}` : null;
    });
  }

  protected requirementOf(item: ApplicationItemResponse): RequirementResponse | null {
    return this.context()?.requirements.get(item.requirementId) ?? null;
  }

  protected itemEditable(item: ApplicationItemResponse): boolean {
    const a = this.application();
    return a?.state === 'draft' || (a?.state === 'returned' && item.state === 'needs_revision');
  }

  protected names(items: ApplicationItemResponse[]): string {
    const lang = this.i18n.lang();
    return items.map((i) => pickLocalized(lang, i.name, i.nameEn)).join('; ');
  }

  protected stepState(index: number): 'done' | 'current' | 'todo' {
    const current = this.currentStep();
    return index < current ? 'done' : index === current ? 'current' : 'todo';
  }

  protected issuedLine(doc: IssuedDocumentSummary): string {
    return this.i18n.t('application.downloads.issued', {
      kind: this.i18n.t(`application.downloads.kind.${doc.kind}`),
      number: doc.number,
      when: formatSiteInstant(doc.issuedAt, this.timeZone(), this.i18n.lang()),
    });
  }

  protected setTypedSecret(event: Event): void {
    this.typedSecret.set((event.target as HTMLInputElement).value);
  }

  /** The secret typed from the SMS: kept on this phone once the API accepts it. */
  protected openWithSecret(event: Event): void {
    event.preventDefault();
    const typed = this.typedSecret().trim();
    if (!typed || this.proofPending()) return;
    this.proofPending.set(true);
    this.proofError.set(null);
    this.withContext(this.api.get(this.code(), typed))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (loaded) => {
          this.proofPending.set(false);
          keepApplicationSecret(this.code(), typed);
          this.secret.set(typed);
          this.show(loaded);
        },
        error: (error: unknown) => {
          this.proofPending.set(false);
          this.proofError.set(error);
          this.focus('#application-proof-error');
        },
      });
  }

  protected reload(): void {
    this.open(this.code(), this.secret());
  }

  /** An upload answered: the application as it is now. */
  protected uploaded(application: ApplicationResponse, item: ApplicationItemResponse): void {
    if (application.state === 'returned') this.replaced.update((set) => new Set(set).add(item.requirementId));
    this.application.set(application);
    if (this.missing().length === 0) this.showMissing.set(false);
  }

  protected send(action: 'submit' | 'resubmit'): void {
    if (this.acting()) return;
    if (this.missing().length > 0) {
      this.showMissing.set(true);
      this.focus('#application-missing');
      return;
    }
    this.act(action, action === 'submit' ? 'application.submit.done' : 'application.resubmit.done');
  }

  protected askWithdraw(): void {
    this.confirmingWithdraw.set(true);
    this.focus('#application-withdraw-question');
  }

  protected cancelWithdraw(): void {
    this.confirmingWithdraw.set(false);
    this.focus('#application-withdraw');
  }

  protected withdraw(): void {
    this.act('withdraw', 'application.withdraw.done');
  }

  protected download(file: Exclude<ApplicationFile, { kind: 'document' }>): void {
    const fallback = `${file.kind}-${this.displayCode()}.pdf`;
    this.downloads.download(this.code(), file, this.secret(), file.kind, fallback, () => {
      // The receipt is issued at its first download: list it (its number, its verification link).
      if (file.kind === 'receipt') this.loadIssued();
    });
  }

  private act(action: ApplicationAction, doneKey: string): void {
    this.acting.set(action);
    this.actionError.set(null);
    this.announced.set(null);
    this.api
      .act(this.code(), action, this.secret())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (application) => {
          this.acting.set(null);
          this.confirmingWithdraw.set(false);
          this.showMissing.set(false);
          this.replaced.set(new Set());
          this.application.set(application);
          this.announced.set(this.i18n.t(doneKey));
          this.loadIssued();
          this.focus('#application-announce');
        },
        error: (error: unknown) => {
          this.acting.set(null);
          this.actionError.set(error);
          this.focus('#application-action-error');
        },
      });
  }

  private open(code: string, secret: string | null): void {
    this.loading?.unsubscribe();
    this.secret.set(secret);
    this.view.set('loading');
    this.loading = this.withContext(this.api.get(code, secret))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (loaded) => this.show(loaded),
        error: (error: unknown) => {
          if (error instanceof HttpErrorResponse && error.status === 404) {
            // Not this phone's secret, not this account's, or no such code: the API does not say which.
            if (secret) forgetApplicationSecret(code);
            this.secret.set(null);
            this.view.set('proof');
            return;
          }
          this.loadFailure.set(error);
          this.view.set('error');
        },
      });
  }

  /** The application, with its service's requirements read once (that may fail: the page still shows). */
  private withContext(read: Observable<ApplicationResponse>): Observable<{ application: ApplicationResponse; context: Context }> {
    const known = this.context();
    return read.pipe(
      switchMap((application) => {
        if (known?.serviceId === application.service.id) return of({ application, context: known });
        const service = this.catalogue.getService(application.service.id).pipe(
          map((s) => ({
            requirements: new Map(s.requirements.map((r) => [r.id, r] as const)) as ReadonlyMap<string, RequirementResponse>,
            collect: { booking: s.queue.onlineBookingEnabled, onlineTicket: s.queue.onlineTicketEnabled },
          })),
          catchError(() => of({ requirements: new Map<string, RequirementResponse>() as ReadonlyMap<string, RequirementResponse>, collect: { booking: false, onlineTicket: false } })),
        );
        return service.pipe(map((read) => ({ application, context: { serviceId: application.service.id, ...read } })));
      }),
    );
  }

  /** The application again (an officer may have acted meanwhile), keeping what the page shows on a failure. */
  private refresh(): void {
    this.readAt = Date.now();
    this.api
      .get(this.code(), this.secret())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (application) => {
          this.application.set(application);
          this.loadIssued();
        },
        error: () => undefined,
      });
  }

  private show(loaded: { application: ApplicationResponse; context: Context }): void {
    this.readAt = Date.now();
    this.context.set(loaded.context);
    this.application.set(loaded.application);
    this.view.set('ready');
    this.loadIssued();
  }

  private loadIssued(): void {
    const a = this.application();
    if (!a?.submittedAt) {
      this.issued.set([]);
      return;
    }
    this.api
      .issued(a.code, this.secret())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (list) => this.issued.set(list), error: () => this.issued.set([]) });
  }
}
