import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { ComplaintStaffEvent, ComplaintStaffResponse, ServiceResponse, StaffUserResponse } from '@mpp/contracts';
import {
  COMPLAINT_KIND_LABELS,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_SUBJECT_LABELS,
  complaintTransitionRule,
  isComplaintOpen,
  type ComplaintAction,
} from '@mpp/domain';
import { BilingualPipe, ErrorAlertComponent, I18nService, LocalizedPipe, TranslatePipe, pickText } from '@mpp/ui';
import { catchError, of, switchMap, type Observable, type Subscription } from 'rxjs';

import { AdminScope } from '../admin/admin-scope.service';
import { formatSiteMoment } from '../applications/application-format';
import { HELP_KEY } from '../applications/application-shortcuts';
import { AuthSession } from '../auth/auth-session.service';
import { PendingFocus } from '../common/pending-focus';
import { isTyping } from '../queue/shortcuts';
import { SiteServices } from '../queue/site-services.service';
import { openStreetMapUrl } from './complaint-format';
import { COMPLAINT_ACTIONS, COMPLAINT_KEYS, complaintActionForKey, type ComplaintUiAction } from './complaint-shortcuts';
import { staffAccounts } from './complaint-staff-names';
import { ComplaintsApi, type ComplaintStep } from './complaints-api.service';

/** The status steps, with the lifecycle action behind each (libs/domain decides when it is possible). */
const STEP_ACTION: Readonly<Record<ComplaintStep, ComplaintAction>> = {
  verify: 'verify',
  start: 'start',
  'ask-citizen': 'ask_citizen',
  answer: 'answer',
  close: 'close',
};
export const STEP_BUTTONS: readonly ComplaintStep[] = ['verify', 'start', 'ask-citizen', 'answer', 'close'];
/** The handling buttons beside the steps (the note has its own field). */
export const HANDLING_BUTTONS: readonly ComplaintUiAction[] = ['assign', 'reroute', 'merge'];

/** Forms a button opens: a text to send, a choice to make. */
type Form = 'ask-citizen' | 'answer' | 'close' | 'assign' | 'reroute' | 'merge' | 'help' | null;
const OUTSIDE_MPP = 'outside';

/**
 * `/pengaduan/:id`: one complaint as its handler sees it: the text, what it is about, the reporter
 * as the API allows (a confidential one only for the site admin), photos (fetched with the staff
 * token as blobs, shown as data: URLs), the location, both clocks and the trail with internal notes marked.
 * The steps the lifecycle allows now (libs/domain), an internal note, assign, "bukan wewenang"
 * re-route and merge; each answer of the API replaces the page's complaint, each refusal is shown
 * in the user's language with the complaint read again.
 */
@Component({
  selector: 'counter-complaint-detail-page',
  imports: [BilingualPipe, ErrorAlertComponent, LocalizedPipe, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKeydown($event)' },
  templateUrl: './detail-page.component.html',
  styleUrls: ['../applications/applications.css', './complaints.css'],
})
export class ComplaintDetailPageComponent {
  private readonly api = inject(ComplaintsApi);
  private readonly catalogue = inject(SiteServices);
  private readonly i18n = inject(I18nService);
  protected readonly session = inject(AuthSession);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly scope = inject(AdminScope);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly keys = COMPLAINT_KEYS;
  protected readonly allActions = COMPLAINT_ACTIONS;
  protected readonly helpKey = HELP_KEY;
  protected readonly stepButtons = STEP_BUTTONS;
  protected readonly handlingButtons = HANDLING_BUTTONS;
  protected readonly statusLabels = COMPLAINT_STATUS_LABELS;
  protected readonly kindLabels = COMPLAINT_KIND_LABELS;
  protected readonly subjectLabels = COMPLAINT_SUBJECT_LABELS;
  protected readonly outside = OUTSIDE_MPP;

  protected readonly detail = signal<ComplaintStaffResponse | null>(null);
  protected readonly loadError = signal<unknown>(null);
  protected readonly inFlight = signal<ComplaintUiAction | null>(null);
  protected readonly actionError = signal<unknown>(null);
  protected readonly announcement = signal('');
  protected readonly form = signal<Form>(null);
  /** The focus once rendered: a form's field, an action's button; the help's close button while it is open. */
  private readonly focus = new PendingFocus(this.host, () => (this.form() === 'help' ? '#complaint-help-close' : null));

  protected readonly formText = signal('');
  protected readonly noteText = signal('');
  protected readonly assignee = signal('');
  protected readonly rerouteAgency = signal('');
  protected readonly rerouteReason = signal('');
  protected readonly mergeCode = signal('');
  protected readonly missing = signal(false);

  private readonly me = computed(() => this.session.user() ?? null);
  private readonly staff = staffAccounts();
  private readonly service = toSignal(
    toObservable(computed(() => this.detail()?.serviceId ?? null)).pipe(
      switchMap((id) => (id ? this.catalogue.detail(id).pipe(catchError(() => of<ServiceResponse | null>(null))) : of<ServiceResponse | null>(null))),
    ),
    { initialValue: null },
  );
  protected readonly serviceName = computed(() => {
    const service = this.service();
    return service ? { name: service.name, nameEn: service.nameEn } : null;
  });

  /** Who the complaint may be assigned to: a staff member of its agency or a site admin of its site (the API's rule). */
  protected readonly assignable = computed<StaffUserResponse[]>(() => {
    const complaint = this.detail();
    if (!complaint) return [];
    return this.staff().filter(
      (u) => u.active && ((complaint.agencyId !== null && u.agencyId === complaint.agencyId) || (u.role === 'site_admin' && u.siteCode === complaint.siteCode)),
    );
  });
  /** The signed-in staff member, offered when the list does not hold them (an officer cannot list accounts). */
  protected readonly meOffered = computed(() => {
    const me = this.me();
    return !!me && !this.assignable().some((u) => u.id === me.id);
  });
  protected readonly rerouteTargets = computed(() => this.scope.agencies().filter((a) => a.id !== this.detail()?.agencyId));
  protected readonly events = computed(() => [...(this.detail()?.events ?? [])].reverse());
  /** Agency staff whose agency no longer holds the complaint (re-routed away): it left their inbox. */
  protected readonly gone = computed(() => {
    const complaint = this.detail();
    const me = this.me();
    if (!complaint || !me || me.role === 'site_admin' || me.role === 'system_admin') return false;
    return !!me.agencyId && complaint.agencyId !== me.agencyId;
  });

  /** Photo id → the photo as a data: URL, fetched with the staff token. */
  protected readonly photoUrls = signal<Record<string, string>>({});
  protected readonly photoErrors = signal<Record<string, boolean>>({});
  private readonly photoRequests = new Map<string, Subscription>();

  private request: Subscription | null = null;

  constructor() {
    effect(() => {
      const id = this.id();
      const site = this.scope.siteCode();
      untracked(() => {
        this.form.set(null);
        this.noteText.set('');
        this.actionError.set(null);
        this.load(site, id);
      });
    });
    effect(() => {
      const complaint = this.detail();
      const site = this.scope.siteCode();
      untracked(() => {
        if (complaint && site) this.loadPhotos(site, complaint);
      });
    });
    inject(DestroyRef).onDestroy(() => {
      this.request?.unsubscribe();
      for (const request of this.photoRequests.values()) request.unsubscribe();
    });
  }

  // ---- what the template shows ---------------------------------------------------------

  protected moment(iso: string | null): string {
    return iso ? formatSiteMoment(iso, this.scope.timeZone(), this.i18n.lang()) : '';
  }

  protected agencyText(id: string | null): string {
    if (!id) return this.i18n.t('complaints.mpp');
    return this.scope.agencyName(id) ?? '';
  }

  protected staffName(id: string | null): string {
    if (!id) return this.i18n.t('complaints.assignee.none');
    if (id === this.me()?.id) return this.i18n.t('complaints.assignee.me');
    return this.staff().find((u) => u.id === id)?.fullName ?? this.i18n.t('complaints.assignee.other');
  }

  protected actorText(event: ComplaintStaffEvent): string {
    if (event.actorKind === 'citizen') return this.i18n.t('complaints.trail.citizen');
    if (event.actorKind === 'system') return this.i18n.t('complaints.trail.system');
    if (event.actorId && event.actorId === this.me()?.id) return this.i18n.t('complaints.trail.you');
    return this.staff().find((u) => u.id === event.actorId)?.fullName ?? this.i18n.t('complaints.trail.staff');
  }

  protected actionText(event: ComplaintStaffEvent): string {
    const key = `complaints.trail.action.${event.action}`;
    const text = this.i18n.t(key);
    return text === key ? event.action.replace(/_/g, ' ') : text;
  }

  /** The detail of a trail entry worth a line: the agencies of a re-route, the rating, a merged code. */
  protected eventDetail(event: ComplaintStaffEvent): string | null {
    const d = event.details ?? {};
    if (event.action === 'reroute') return `${this.agencyText((d['fromAgencyId'] as string | null) ?? null)} → ${this.agencyText((d['toAgencyId'] as string | null) ?? null)}`;
    if (event.action === 'assign') return `${this.staffName((d['from'] as string | null) ?? null)} → ${this.staffName((d['to'] as string | null) ?? null)}`;
    if (event.action === 'rate' && typeof d['rating'] === 'number') return this.i18n.t('complaints.detail.ratingValue', { n: d['rating'] });
    if (event.action === 'merge_in' && typeof d['duplicate'] === 'string') return d['duplicate'];
    if (event.action === 'escalated' && (d['clock'] === 'first_response' || d['clock'] === 'resolution')) return this.i18n.t(`complaints.escalated.${d['clock']}`);
    return null;
  }

  protected statusText(complaint: ComplaintStaffResponse): string {
    return pickText(this.i18n.lang(), COMPLAINT_STATUS_LABELS[complaint.status]);
  }

  protected osm(lat: number, lng: number): string {
    return openStreetMapUrl(lat, lng);
  }

  /** A step the lifecycle allows from the complaint's status (shown; the API has the last word). */
  protected offered(action: ComplaintUiAction): boolean {
    const complaint = this.detail();
    if (!complaint || this.gone()) return false;
    switch (action) {
      case 'note':
        return true;
      case 'assign':
      case 'merge':
        return isComplaintOpen(complaint.status);
      case 'reroute':
        return complaint.status !== 'closed';
      default:
        return complaintTransitionRule(complaint.status, STEP_ACTION[action])?.actors.includes('handler') ?? false;
    }
  }

  protected enabled(action: ComplaintUiAction): boolean {
    return this.offered(action) && this.inFlight() === null;
  }

  protected busy(action: ComplaintUiAction): boolean {
    return this.inFlight() === action;
  }

  /** Close needs a reason unless the complaint is answered (accepting the answer). */
  protected readonly closeNeedsText = computed(() => this.detail()?.status !== 'answered');

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
    const action = complaintActionForKey(event);
    if (!action) return;
    event.preventDefault();
    if (form === 'help') this.form.set(null);
    this.trigger(action);
  }

  // ---- actions ---------------------------------------------------------------------------

  protected trigger(action: ComplaintUiAction): void {
    if (!this.enabled(action)) return;
    this.actionError.set(null);
    this.missing.set(false);
    switch (action) {
      case 'verify':
      case 'start':
        this.runStep(action);
        return;
      case 'close':
        this.formText.set('');
        this.openForm('close');
        return;
      case 'ask-citizen':
      case 'answer':
        this.formText.set('');
        this.openForm(action);
        return;
      case 'note': {
        // Focused at once: nothing on the screen changes, so no render would run a deferred focus.
        const field = this.host.nativeElement.querySelector<HTMLElement>('#complaint-note-text');
        field?.focus();
        field?.scrollIntoView({ block: 'nearest' });
        return;
      }
      case 'assign':
        this.assignee.set(this.detail()?.assignedStaffId ?? '');
        this.openForm('assign');
        return;
      case 'reroute':
        this.rerouteAgency.set(this.rerouteTargets()[0]?.id ?? OUTSIDE_MPP);
        this.rerouteReason.set('');
        this.openForm('reroute');
        return;
      case 'merge':
        this.mergeCode.set('');
        this.openForm('merge');
        return;
    }
  }

  /** Sends the open text form (ask, answer, close). */
  protected submitText(event: Event, step: 'ask-citizen' | 'answer' | 'close'): void {
    event.preventDefault();
    const text = this.formText().trim();
    if (!text && (step !== 'close' || this.closeNeedsText())) {
      this.missing.set(true);
      this.focus.later(`#complaint-form-${step} textarea`);
      return;
    }
    this.runStep(step, text || undefined);
  }

  protected submitAssign(event: Event): void {
    event.preventDefault();
    const staffId = this.assignee() || null;
    this.run('assign', this.api.assign(this.site(), this.id(), staffId), () => this.i18n.t('complaints.announce.assigned'));
  }

  protected submitReroute(event: Event): void {
    event.preventDefault();
    const reason = this.rerouteReason().trim();
    if (!reason) {
      this.missing.set(true);
      this.focus.later('#complaint-reroute-reason');
      return;
    }
    const agencyId = this.rerouteAgency() === OUTSIDE_MPP ? null : this.rerouteAgency();
    this.run('reroute', this.api.reroute(this.site(), this.id(), agencyId, reason), () => this.i18n.t('complaints.announce.rerouted'));
  }

  protected submitMerge(event: Event): void {
    event.preventDefault();
    const code = this.mergeCode().trim().toUpperCase();
    if (!code) {
      this.missing.set(true);
      this.focus.later('#complaint-merge-code');
      return;
    }
    this.run('merge', this.api.merge(this.site(), this.id(), code), (c) => this.i18n.t('complaints.announce.merged', { code: c.mergedIntoCode ?? code }));
  }

  /** Saves the internal note (Ctrl+Enter in the field, or the button); the focus stays in the field. */
  protected saveNote(event: Event): void {
    event.preventDefault();
    if (this.inFlight() !== null) return;
    this.run(
      'note',
      this.api.addNote(this.site(), this.id(), this.noteText()),
      () => {
        this.noteText.set('');
        return this.i18n.t('complaints.announce.note');
      },
      '#complaint-note-text',
    );
  }

  protected noteKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) this.saveNote(event);
    // Esc leaves the field, so the letter keys act again.
    if (event.key === 'Escape' && this.form() === null) {
      event.preventDefault();
      this.focus.now('#complaint-status');
    }
  }

  protected closeForm(): void {
    const form = this.form();
    this.form.set(null);
    this.missing.set(false);
    if (form && form !== 'help') this.focus.later(`[data-testid="complaint-action-${form}"]`);
  }

  protected reload(): void {
    this.load(this.scope.siteCode(), this.id());
  }

  private openForm(form: Exclude<Form, null>): void {
    this.form.set(form);
    this.focus.later(`#complaint-form-${form} [data-autofocus]`);
  }

  private runStep(step: ComplaintStep, text?: string): void {
    this.run(step, this.api.step(this.site(), this.id(), step, text), (c) => this.i18n.t('complaints.announce.step', { code: c.code, status: this.statusText(c) }));
  }

  /**
   * One request at a time; the API's answer is the complaint as it is now (the page shows it). A
   * refusal (409, 400, 403, 404, 422) is shown in the user's language and the complaint read again.
   */
  private run(action: ComplaintUiAction, request: Observable<ComplaintStaffResponse>, done: (complaint: ComplaintStaffResponse) => string, focus = '#complaint-status'): void {
    this.inFlight.set(action);
    this.actionError.set(null);
    request.subscribe({
      next: (complaint) => {
        this.detail.set(complaint);
        this.inFlight.set(null);
        this.form.set(null);
        this.missing.set(false);
        this.announcement.set(done(complaint));
        this.focus.later(focus);
      },
      error: (error: unknown) => {
        this.inFlight.set(null);
        this.actionError.set(error);
        this.focus.later('#complaint-error');
        this.api.detail(this.site(), this.id()).subscribe({ next: (complaint) => this.detail.set(complaint), error: () => undefined });
      },
    });
  }

  private site(): string {
    return this.scope.siteCode() ?? this.detail()?.siteCode ?? '';
  }

  private load(site: string | null, id: string): void {
    this.request?.unsubscribe();
    this.loadError.set(null);
    if (!site) return;
    this.request = this.api.detail(site, id).subscribe({
      next: (complaint) => this.detail.set(complaint),
      error: (error: unknown) => this.loadError.set(error),
    });
  }

  private loadPhotos(site: string, complaint: ComplaintStaffResponse): void {
    for (const photo of complaint.photos ?? []) {
      if (this.photoRequests.has(photo.id)) continue;
      this.photoRequests.set(
        photo.id,
        this.api.photo(site, complaint.id, photo.id).subscribe({
          next: (blob) => {
            // Shown as a data: URL (the apps' CSP allows img-src 'self' data:, not blob:), as the document viewer does.
            const reader = new FileReader();
            reader.onload = () => this.photoUrls.update((urls) => ({ ...urls, [photo.id]: String(reader.result) }));
            reader.onerror = () => this.photoErrors.update((errors) => ({ ...errors, [photo.id]: true }));
            reader.readAsDataURL(blob);
          },
          error: () => this.photoErrors.update((errors) => ({ ...errors, [photo.id]: true })),
        }),
      );
    }
  }

}
