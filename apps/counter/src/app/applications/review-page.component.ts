import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { ApplicationDocumentAccessResponse, ApplicationNoteResponse, ApplicationResultDeliveryName, SiteResponse, StaffUserResponse } from '@mpp/contracts';
import {
  APPLICATION_ACTION_LABELS,
  APPLICATION_ACTOR_LABELS,
  APPLICATION_STATE_LABELS,
  LEGAL_DEFAULT_COMPLETION_TIME,
  addDaysToLocalDate,
  applicationNextState,
  dueDateFrom,
  isApplicationFinal,
  isValidLocalDate,
  isValidLocalTime,
  localDate,
  zonedToUtc,
  type ApplicationAction,
} from '@mpp/domain';
import { BilingualPipe, ErrorAlertComponent, I18nService, LocalizedPipe, TranslatePipe, loadError, loadedValue, pickText, timeZoneLabel, toLoadState, type LoadState } from '@mpp/ui';
import { HttpClient } from '@angular/common/http';
import { API_BASE_URL } from '@mpp/ui';
import { catchError, of, switchMap, type Observable, type Subscription } from 'rxjs';

import { AuthSession } from '../auth/auth-session.service';
import { PendingFocus } from '../common/pending-focus';
import { isTyping } from '../queue/shortcuts';
import { SiteServices } from '../queue/site-services.service';
import { AgencyApplicationsApi, type AgencyApplicationDetail, type AgencyApplicationItem } from './agency-applications-api.service';
import { FALLBACK_TIME_ZONE, formatSiteMoment } from './application-format';
import { HELP_KEY, NOTE_KEY, REVIEW_ACTIONS, REVIEW_KEYS, listMove, reviewActionForKey, type ReviewAction } from './application-shortcuts';
import { DocumentViewerComponent } from './document-viewer.component';
import { IssuedDocumentsComponent } from './issued-documents.component';

/** The lifecycle action behind each step button (libs/domain decides when it is possible). */
const STEP_ACTION: Readonly<Partial<Record<ReviewAction, ApplicationAction>>> = {
  submit: 'submit',
  'start-verification': 'start_verification',
  return: 'return',
  resubmit: 'resubmit',
  accept: 'accept',
  'start-process': 'start_process',
  approve: 'approve',
  reject: 'reject',
  'mark-ready': 'mark_ready',
  finish: 'finish',
};

/** The application's steps, in the order of the lifecycle. */
export const STEP_BUTTONS: readonly ReviewAction[] = ['submit', 'claim', 'start-verification', 'return', 'resubmit', 'accept', 'start-process', 'approve', 'reject', 'mark-ready', 'finish'];
/** Steps that ask for something first (a reason, a deadline, how the result is handed over). */
type Form = 'revise' | 'return' | 'reject' | 'mark-ready' | 'help' | null;
/** Where each form, once open, puts the focus. */
const FORM_FIELD: Record<NonNullable<Form>, string> = {
  revise: '#revise-reason',
  return: '#return-date',
  reject: '#reject-reason',
  'mark-ready': 'input[name="delivery"]:checked',
  help: '#review-help-close',
};
const FORM_OF: Readonly<Partial<Record<ReviewAction, Exclude<Form, null>>>> = {
  'item-revise': 'revise',
  return: 'return',
  reject: 'reject',
  'mark-ready': 'mark-ready',
};
const REVIEWABLE_STATES = new Set(['in_verification', 'resubmitted', 'in_process']);
/** Trail entries that are not lifecycle actions, with words of their own. */
const TRAIL_ACTIONS = new Set(['create', 'claim', 'review_item', 'upload_document']);
/** The correction deadline offered by default: 5 working days of the site, at 16:00 site time. */
const DEFAULT_RETURN_TIME = '16:00';

/**
 * `/permohonan/:id`: one application. The checklist on one side, the chosen requirement's
 * document on the other; accept an item (A) or ask for a correction with a reason (R); then the
 * application's steps as the lifecycle allows them (libs/domain), by button or key. Someone else's
 * claim is shown and, for an officer, leaves the screen read-only (an agency admin may take over).
 */
@Component({
  selector: 'counter-application-review-page',
  imports: [BilingualPipe, DocumentViewerComponent, ErrorAlertComponent, IssuedDocumentsComponent, LocalizedPipe, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKeydown($event)' },
  templateUrl: './review-page.component.html',
  styleUrl: './applications.css',
})
export class ApplicationReviewPageComponent {
  private readonly api = inject(AgencyApplicationsApi);
  private readonly catalogue = inject(SiteServices);
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);
  private readonly i18n = inject(I18nService);
  private readonly session = inject(AuthSession);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly keys = REVIEW_KEYS;
  protected readonly helpKey = HELP_KEY;
  protected readonly noteKey = NOTE_KEY;
  protected readonly stepButtons = STEP_BUTTONS;
  protected readonly itemButtons: readonly ReviewAction[] = ['item-accept', 'item-revise'];
  protected readonly deliveries: readonly ApplicationResultDeliveryName[] = ['collect_at_site', 'download'];
  protected readonly allActions = REVIEW_ACTIONS;
  protected readonly stateLabels = APPLICATION_STATE_LABELS;
  protected readonly actionLabels = APPLICATION_ACTION_LABELS;
  protected readonly actorLabels = APPLICATION_ACTOR_LABELS;

  protected readonly detail = signal<AgencyApplicationDetail | null>(null);
  protected readonly loadError = signal<unknown>(null);
  protected readonly selected = signal(0);
  protected readonly inFlight = signal<ReviewAction | 'upload' | null>(null);
  protected readonly actionError = signal<unknown>(null);
  protected readonly announcement = signal('');
  protected readonly form = signal<Form>(null);
  /** Where the focus goes after the next render: a step's result, the next item; an open form's field. */
  private readonly focus = new PendingFocus(this.host, () => {
    const form = this.form();
    return form ? FORM_FIELD[form] : null;
  });

  protected readonly reviseReason = signal('');
  protected readonly returnDate = signal('');
  protected readonly returnTime = signal(DEFAULT_RETURN_TIME);
  protected readonly rejectReason = signal('');
  protected readonly delivery = signal<ApplicationResultDeliveryName>('collect_at_site');

  private readonly me = computed(() => this.session.user()?.id ?? null);
  private readonly role = computed(() => this.session.user()?.role ?? null);
  private readonly site = toSignal(
    toObservable(computed(() => this.detail()?.siteCode ?? null)).pipe(
      switchMap((code) => (code ? this.catalogue.site(code).pipe(catchError(() => of(null))) : of<SiteResponse | null>(null))),
    ),
    { initialValue: null },
  );
  protected readonly timeZone = computed(() => this.site()?.timeZone ?? FALLBACK_TIME_ZONE);
  protected readonly zoneLabel = computed(() => timeZoneLabel(this.timeZone()));
  /** Staff names of the agency, for an agency admin (officers cannot list accounts: they see "another officer"). */
  private readonly staffNames = toSignal(
    toObservable(computed(() => this.role() === 'agency_admin')).pipe(
      switchMap((admin) => (admin ? this.http.get<StaffUserResponse[]>(`${this.baseUrl}/admin/users`).pipe(catchError(() => of([]))) : of([]))),
    ),
    { initialValue: [] as StaffUserResponse[] },
  );

  protected readonly items = computed<AgencyApplicationItem[]>(() => [...(this.detail()?.items ?? [])].sort((a, b) => a.position - b.position));
  protected readonly item = computed(() => this.items()[this.selected()] ?? null);
  protected readonly reviewable = computed(() => REVIEWABLE_STATES.has(this.detail()?.state ?? ''));
  protected readonly claimedByOther = computed(() => {
    const owner = this.detail()?.assignedOfficerId;
    return !!owner && owner !== this.me();
  });
  protected readonly claimedByMe = computed(() => !!this.me() && this.detail()?.assignedOfficerId === this.me());
  /** An officer cannot act on another officer's application; the agency admin may. */
  protected readonly readOnly = computed(() => this.claimedByOther() && this.role() !== 'agency_admin');
  protected readonly ownerName = computed(() => {
    const owner = this.detail()?.assignedOfficerId;
    return (owner && this.staffNames().find((u) => u.id === owner)?.fullName) || null;
  });
  protected readonly revisionItems = computed(() => this.items().filter((i) => i.state === 'needs_revision'));
  protected readonly reviewed = computed(() => this.items().filter((i) => i.state !== 'pending').length);
  protected readonly events = computed(() => [...(this.detail()?.events ?? [])].reverse());

  /** The documents' access log, read when its panel is opened (and again on each opening). */
  protected readonly accessLog = signal<LoadState<ApplicationDocumentAccessResponse[]> | null>(null);

  protected readonly accessEntries = computed(() => loadedValue(this.accessLog()) ?? []);
  protected readonly accessError = computed(() => loadError(this.accessLog()));

  /** The officers' internal notes (append-only), read with the application. */
  protected readonly notesState = signal<LoadState<ApplicationNoteResponse[]> | null>(null);
  protected readonly notes = computed(() => loadedValue(this.notesState()) ?? []);
  protected readonly notesError = computed(() => loadError(this.notesState()));
  protected readonly noteText = signal('');
  protected readonly noteSaving = signal(false);
  protected readonly noteError = signal<unknown>(null);
  private notesRequest: Subscription | null = null;

  protected reloadNotes(): void {
    this.loadNotes(this.id());
  }

  /** Saves the note as typed (the API refuses a blank or too long one, in its own words); the focus stays in the field. */
  protected saveNote(event: Event): void {
    event.preventDefault();
    if (this.noteSaving()) return;
    const id = this.id();
    this.noteSaving.set(true);
    this.noteError.set(null);
    this.api.addNote(id, this.noteText()).subscribe({
      next: (note) => {
        this.noteSaving.set(false);
        this.noteText.set('');
        const current = loadedValue(this.notesState()) ?? [];
        if (!current.some((n) => n.id === note.id)) this.notesState.set({ status: 'ready', value: [...current, note] });
        this.announcement.set(this.i18n.t('applications.notes.saved'));
        this.focus.later('#note-text');
      },
      error: (error: unknown) => {
        this.noteSaving.set(false);
        this.noteError.set(error);
        this.focus.later('#note-text');
      },
    });
  }

  private loadNotes(id: string): void {
    this.notesRequest?.unsubscribe();
    this.notesRequest = this.api
      .notes(id)
      .pipe(toLoadState())
      .subscribe((state) => this.notesState.set(state));
  }

  protected toggleAccess(event: Event): void {
    if (!(event.target as HTMLDetailsElement).open) return;
    this.api
      .documentAccess(this.id())
      .pipe(toLoadState())
      .subscribe((state) => this.accessLog.set(state));
  }

  protected itemName(requirementId: string): string {
    const item = this.items().find((i) => i.requirementId === requirementId);
    if (!item) return '';
    return this.i18n.lang() === 'en' && item.nameEn ? item.nameEn : item.name;
  }

  private request: Subscription | null = null;

  constructor() {
    // A walk-in's draft just created says so (the create page passes the words in the history state).
    const created = (globalThis.history?.state as { announce?: unknown } | null)?.announce;
    if (typeof created === 'string') this.announcement.set(created);
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.load(id);
        this.noteText.set('');
        this.noteError.set(null);
        this.loadNotes(id);
      });
    });
  }

  // ---- what the template shows ---------------------------------------------------------

  protected moment(iso: string | null): string {
    return formatSiteMoment(iso, this.timeZone(), this.i18n.lang());
  }

  protected itemStateKey(item: AgencyApplicationItem): string {
    return `applications.item.${item.state}`;
  }

  protected actorText(actorKind: 'citizen' | 'officer' | 'system', actorId: string | null): string {
    if (actorKind === 'officer' && actorId && actorId === this.me()) return this.i18n.t('applications.trail.you');
    if (actorKind === 'officer' && actorId) {
      const name = this.staffNames().find((u) => u.id === actorId)?.fullName;
      if (name) return name;
    }
    return pickText(this.i18n.lang(), APPLICATION_ACTOR_LABELS[actorKind]);
  }

  protected actionText(action: string): string {
    const label = (APPLICATION_ACTION_LABELS as Record<string, { id: string; en: string } | undefined>)[action];
    if (label) return pickText(this.i18n.lang(), label);
    return TRAIL_ACTIONS.has(action) ? this.i18n.t(`applications.trail.action.${action}`) : action.replace(/_/g, ' ');
  }

  protected enabled(action: ReviewAction): boolean {
    const app = this.detail();
    if (!app || this.inFlight() !== null || this.readOnly() || isApplicationFinal(app.state)) return false;
    switch (action) {
      case 'claim':
        return !this.claimedByMe();
      case 'item-accept':
      case 'item-revise':
        return this.reviewable() && this.item() !== null;
      case 'return':
        return applicationNextState(app.state, 'return') !== null && this.revisionItems().length > 0;
      case 'accept':
        return applicationNextState(app.state, 'accept') !== null && this.items().every((i) => i.state === 'accepted');
      case 'submit':
        return app.state === 'draft' && this.isWalkIn();
      default:
        return applicationNextState(app.state, STEP_ACTION[action]!) !== null;
    }
  }

  /** A step the lifecycle offers now (shown), even while it is not yet possible (disabled). */
  protected offered(action: ReviewAction): boolean {
    const app = this.detail();
    if (!app) return false;
    if (action === 'claim') return !this.claimedByMe() && !isApplicationFinal(app.state);
    if (action === 'submit') return app.state === 'draft';
    const step = STEP_ACTION[action];
    return !!step && applicationNextState(app.state, step) !== null;
  }

  /** A walk-in's draft (the officer fills it in) — `walkIn` in the API's answer. */
  protected readonly isWalkIn = computed(() => (this.detail() as { walkIn?: boolean } | null)?.walkIn === true);
  /** The officer may upload for this item: any item of a walk-in's draft, a returned item brought to the counter. */
  protected readonly canUpload = computed(() => {
    const app = this.detail();
    const item = this.item();
    if (!app || !item || this.readOnly()) return false;
    return (app.state === 'draft' && this.isWalkIn()) || (app.state === 'returned' && item.state === 'needs_revision');
  });
  protected readonly maxUploadMb = computed(() => {
    const bytes = (this.detail() as { maxUploadBytes?: number } | null)?.maxUploadBytes;
    return bytes ? Math.floor(bytes / 1_048_576) : null;
  });
  protected readonly uploadProblem = signal<string | null>(null);

  protected upload(field: HTMLInputElement): void {
    const file = field.files?.[0];
    const item = this.item();
    if (!file || !item || this.inFlight() !== null) return;
    const max = (this.detail() as { maxUploadBytes?: number } | null)?.maxUploadBytes;
    this.uploadProblem.set(null);
    if (max && file.size > max) {
      this.uploadProblem.set(this.i18n.t('applications.upload.tooLarge', { mb: this.maxUploadMb() ?? '' }));
      field.value = '';
      return;
    }
    this.run('upload', this.api.uploadDocument(this.id(), item.requirementId, file), () => {
      field.value = '';
      const name = this.i18n.lang() === 'en' && item.nameEn ? item.nameEn : item.name;
      this.announcement.set(this.i18n.t('applications.announce.uploaded', { name }));
    });
  }

  protected busy(action: ReviewAction | 'upload'): boolean {
    return this.inFlight() === action;
  }

  // ---- keyboard --------------------------------------------------------------------------

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.form() !== null) {
      event.preventDefault();
      this.closeForm();
      return;
    }
    const form = this.form();
    if (event.defaultPrevented || isTyping(event.target) || (form !== null && form !== 'help')) return;
    if (event.key === HELP_KEY) {
      event.preventDefault();
      this.form.set(form === 'help' ? null : 'help');
      return;
    }
    if (event.key.toUpperCase() === NOTE_KEY && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const field = this.host.nativeElement.querySelector<HTMLElement>('#note-text');
      if (!field) return;
      event.preventDefault();
      if (form === 'help') this.form.set(null);
      field.focus();
      field.scrollIntoView({ block: 'nearest' });
      return;
    }
    const move = listMove(event);
    if (move !== 0 && this.items().length > 0) {
      event.preventDefault();
      this.select(this.selected() + move, true);
      return;
    }
    const action = reviewActionForKey(event);
    if (!action) return;
    event.preventDefault();
    if (form === 'help') this.form.set(null);
    this.trigger(action);
  }

  // ---- actions ---------------------------------------------------------------------------

  protected select(index: number, focus = false): void {
    const next = Math.max(0, Math.min(this.items().length - 1, index));
    this.selected.set(next);
    if (this.form() === 'revise') this.form.set(null);
    if (focus) this.focus.later(`[data-testid="review-item-select"][data-index="${next}"]`);
  }

  protected trigger(action: ReviewAction): void {
    if (!this.enabled(action)) return;
    const form = FORM_OF[action];
    if (form) {
      this.openForm(form);
      return;
    }
    if (action === 'item-accept') {
      this.reviewItem('accepted');
      return;
    }
    this.runStep(action, this.stepRequest(action, {}));
  }

  protected confirmRevise(event: Event): void {
    event.preventDefault();
    if (!this.reviseReason().trim()) return;
    this.reviewItem('needs_revision', this.reviseReason().trim());
  }

  protected confirmReturn(event: Event): void {
    event.preventDefault();
    const date = this.returnDate();
    const time = this.returnTime();
    if (!isValidLocalDate(date) || !isValidLocalTime(time)) return;
    const citizenDeadline = zonedToUtc(date, time, this.timeZone()).toISOString();
    this.runStep('return', this.api.step(this.id(), 'return', { citizenDeadline }));
  }

  protected confirmReject(event: Event): void {
    event.preventDefault();
    const reason = this.rejectReason().trim();
    if (!reason) return;
    this.runStep('reject', this.api.step(this.id(), 'reject', { reason }));
  }

  protected confirmMarkReady(event: Event): void {
    event.preventDefault();
    this.runStep('mark-ready', this.api.step(this.id(), 'mark-ready', { delivery: this.delivery() }));
  }

  protected closeForm(): void {
    const form = this.form();
    this.form.set(null);
    // Back to where the form was opened from.
    if (form === 'revise') this.focus.later(`[data-testid="review-action-item-revise"]`);
    else if (form && form !== 'help') this.focus.later(`[data-testid="review-action-${form}"]`);
  }

  protected reload(): void {
    this.load(this.id());
  }

  protected defaultReturnDate(): string {
    const site = this.site();
    const timeZone = this.timeZone();
    const now = new Date();
    if (!site) return addDaysToLocalDate(localDate(now, timeZone), 7);
    const due = dueDateFrom(now, LEGAL_DEFAULT_COMPLETION_TIME, {
      timeZone,
      openingHours: site.openingHours,
      closures: site.upcomingClosures,
      closesOnCutiBersama: site.closesOnCutiBersama,
    });
    return localDate(due, timeZone);
  }

  private openForm(form: Exclude<Form, null>): void {
    this.actionError.set(null);
    if (form === 'revise') this.reviseReason.set(this.item()?.reason ?? '');
    if (form === 'return') {
      this.returnDate.set(this.defaultReturnDate());
      this.returnTime.set(DEFAULT_RETURN_TIME);
    }
    if (form === 'reject') this.rejectReason.set('');
    if (form === 'mark-ready') this.delivery.set('collect_at_site');
    this.form.set(form);
  }

  private stepRequest(action: ReviewAction, body: object): Observable<unknown> {
    const id = this.id();
    switch (action) {
      case 'claim':
        return this.api.step(id, 'claim', {});
      case 'submit':
        return this.api.step(id, 'submit', {});
      case 'start-verification':
      case 'resubmit':
      case 'accept':
      case 'start-process':
      case 'approve':
      case 'finish':
        return this.api.step(id, action, {});
      default:
        throw new Error(`No plain request for ${action} (${JSON.stringify(body)})`);
    }
  }

  private reviewItem(state: 'accepted' | 'needs_revision', reason?: string): void {
    const item = this.item();
    if (!item) return;
    const action: ReviewAction = state === 'accepted' ? 'item-accept' : 'item-revise';
    this.run(action, this.api.reviewItem(this.id(), item.requirementId, state, reason), () => {
      this.form.set(null);
      const name = this.i18n.lang() === 'en' && item.nameEn ? item.nameEn : item.name;
      this.announcement.set(this.i18n.t(state === 'accepted' ? 'applications.announce.itemAccepted' : 'applications.announce.itemRevise', { name }));
      // On to the next requirement still to check, else stay.
      const items = this.items();
      const after = items.findIndex((i, index) => index > this.selected() && i.state === 'pending');
      const next = after >= 0 ? after : this.selected();
      this.selected.set(next);
      this.focus.later(`[data-testid="review-item-select"][data-index="${next}"]`);
    });
  }

  private runStep(action: ReviewAction, request: Observable<unknown>): void {
    this.run(action, request, () => {
      this.form.set(null);
      const app = this.detail()!;
      this.announcement.set(this.i18n.t(action === 'claim' ? 'applications.announce.claimed' : 'applications.announce.step', { code: app.code, state: pickText(this.i18n.lang(), APPLICATION_STATE_LABELS[app.state]) }));
      this.focus.later('#review-state');
    });
  }

  /** One request at a time; on success the application is read again (checklist, documents, trail). */
  private run(action: ReviewAction | 'upload', request: Observable<unknown>, done: () => void): void {
    this.inFlight.set(action);
    this.actionError.set(null);
    request.pipe(switchMap(() => this.api.detail(this.id()))).subscribe({
      next: (detail) => {
        this.detail.set(detail);
        this.inFlight.set(null);
        done();
      },
      error: (error: unknown) => {
        this.inFlight.set(null);
        this.actionError.set(error);
        this.focus.later('#review-error');
        // Whatever the refusal was about, show the application as the server has it now.
        this.api.detail(this.id()).subscribe({ next: (detail) => this.detail.set(detail), error: () => undefined });
      },
    });
  }

  private load(id: string): void {
    this.request?.unsubscribe();
    this.loadError.set(null);
    this.request = this.api.detail(id).subscribe({
      next: (detail) => {
        this.detail.set(detail);
        const sorted = [...detail.items].sort((a, b) => a.position - b.position);
        const firstOpen = sorted.findIndex((i) => i.state !== 'accepted');
        this.selected.set(firstOpen >= 0 ? firstOpen : 0);
      },
      error: (error: unknown) => this.loadError.set(error),
    });
  }
}
