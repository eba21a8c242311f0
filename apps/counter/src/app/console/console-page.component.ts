import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterRenderEffect,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { BOOKING_NEED_LABELS, type BookingNeed, type CounterResponse, type TicketAction, type TicketResponse } from '@mpp/contracts';
import { PRIORITY_LABELS, TICKET_STATUS_LABELS, nextStatus } from '@mpp/domain';
import {
  BilingualPipe,
  ErrorAlertComponent,
  I18nService,
  LocalizedPipe,
  TranslatePipe,
  formatClock,
  loadError,
  loadedValue,
  pickLocalized,
  pickText,
  toLoadState,
  type LoadState,
} from '@mpp/ui';
import { catchError, map, of, switchMap, type Observable } from 'rxjs';

import { AuthSession } from '../auth/auth-session.service';
import { CounterLiveService, type LiveConnection } from '../queue/counter-live.service';
import { COUNTER_STATE_KEYS } from '../queue/counter-state-keys';
import { QueueApi, type TicketActionPath } from '../queue/queue-api.service';
import { HELP_KEY, SHORTCUT_KEYS, actionForKey, isTyping, type ConsoleAction } from '../queue/shortcuts';
import { SiteServices } from '../queue/site-services.service';
import { BookingPanelComponent } from './booking-panel.component';
import { ConsoleActionButtonComponent } from './console-action-button.component';
import { RequirementsChecklistComponent } from './requirements-checklist.component';

/** The state-machine action behind each ticket button. */
const TICKET_ACTION_OF: Readonly<Partial<Record<ConsoleAction, TicketAction>>> = {
  recall: 'recall',
  start: 'start',
  finish: 'finish',
  'no-show': 'no_show',
  transfer: 'transfer',
  return: 'return',
};

/** The buttons in the order they are shown: the ticket's, then the counter's. */
export const TICKET_BUTTONS: readonly ConsoleAction[] = ['call-next', 'recall', 'start', 'finish', 'no-show', 'transfer', 'return'];
export const COUNTER_BUTTONS: readonly ConsoleAction[] = ['pause', 'close', 'open'];
/** The ticket's main steps, drawn as primary buttons. */
const PRIMARY_BUTTONS: ReadonlySet<ConsoleAction> = new Set(['call-next', 'start', 'finish']);

const CONNECTION_KEYS: Readonly<Record<LiveConnection, string>> = {
  connecting: 'console.live.connecting',
  live: 'console.live.on',
  reconnecting: 'console.live.reconnecting',
};

type Form = 'finish' | 'transfer' | 'help' | null;

/**
 * `loket/:counterId`: the officer's working screen. The current ticket with its service standard
 * (and the booking, for booked tickets), the waiting line, and the actions the ticket's state
 * allows, by button or by key. One request at a time: while one is out, every action waits.
 */
@Component({
  selector: 'counter-console-page',
  imports: [BilingualPipe, BookingPanelComponent, ConsoleActionButtonComponent, ErrorAlertComponent, LocalizedPipe, RequirementsChecklistComponent, RouterLink, TranslatePipe],
  providers: [CounterLiveService],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKeydown($event)' },
  templateUrl: './console-page.component.html',
  styleUrl: './console-page.component.css',
})
export class ConsolePageComponent {
  private readonly api = inject(QueueApi);
  private readonly catalogue = inject(SiteServices);
  private readonly i18n = inject(I18nService);
  private readonly live = inject(CounterLiveService);
  private readonly session = inject(AuthSession);

  /** Route parameter `:counterId`. */
  readonly counterId = input.required<string>();

  protected readonly keys = SHORTCUT_KEYS;
  protected readonly helpKey = HELP_KEY;
  protected readonly ticketButtons = TICKET_BUTTONS;
  protected readonly counterButtons = COUNTER_BUTTONS;
  protected readonly primaryButtons = PRIMARY_BUTTONS;
  protected readonly allButtons = [...TICKET_BUTTONS, ...COUNTER_BUTTONS];
  protected readonly statusLabels = TICKET_STATUS_LABELS;
  protected readonly priorityLabels = PRIORITY_LABELS;
  protected readonly needLabels = BOOKING_NEED_LABELS;
  /** What the called ticket's booking asks to have ready (from the booking panel). */
  protected readonly bookingNeeds = signal<BookingNeed[]>([]);

  protected readonly snapshot = this.live.snapshot;
  protected readonly loadError = this.live.loadError;
  protected readonly connectionKey = computed(() => CONNECTION_KEYS[this.live.connection()]);
  protected readonly counter = computed(() => this.snapshot()?.counter ?? null);
  protected readonly current = computed(() => this.counter()?.current ?? null);
  protected readonly waiting = computed(() => this.snapshot()?.waiting ?? []);
  protected readonly stateKey = computed(() => {
    const counter = this.counter();
    return counter ? COUNTER_STATE_KEYS[counter.state] : '';
  });
  /** The signed-in officer sits at this counter. */
  protected readonly atCounter = computed(() => {
    const counter = this.counter();
    const user = this.session.user();
    return !!counter && !!user && counter.officer?.id === user.id;
  });
  protected readonly otherOfficer = computed(() => {
    const officer = this.counter()?.officer;
    return officer && !this.atCounter() ? officer.fullName : null;
  });

  /** The action whose request is out; every action waits for it. */
  protected readonly inFlight = signal<ConsoleAction | 'pick' | null>(null);
  protected readonly actionError = signal<unknown>(null);
  /** What just happened, for the screen reader's status line. */
  protected readonly announcement = signal('');
  protected readonly form = signal<Form>(null);

  protected readonly finishNote = signal('');
  protected readonly transferServiceId = signal('');
  protected readonly transferCounterId = signal('');

  private readonly siteCode = computed(() => this.counter()?.siteCode ?? null);
  private readonly site = toSignal(
    toObservable(this.siteCode).pipe(
      switchMap((code) => (code ? this.catalogue.site(code).pipe(catchError(() => of(null))) : of(null))),
    ),
    { initialValue: null },
  );
  /** The site's services: names for the line, and where a ticket can be transferred. */
  protected readonly services = toSignal(
    toObservable(this.siteCode).pipe(
      switchMap((code) => (code ? this.catalogue.ofSite(code).pipe(catchError(() => of([]))) : of([]))),
    ),
    { initialValue: [] },
  );
  protected readonly counterServices = computed(() => {
    const ids = new Set(this.counter()?.serviceIds ?? []);
    return this.services().filter((s) => ids.has(s.id));
  });
  /** Other counters of the site, read when the transfer form opens. */
  private readonly transferCounters = signal<LoadState<CounterResponse[]>>({ status: 'loading' });
  protected readonly transferCounterOptions = computed(() =>
    (loadedValue(this.transferCounters()) ?? []).filter((c) => c.id !== this.counter()?.id),
  );
  protected readonly transferCountersError = computed(() => loadError(this.transferCounters()));

  protected readonly requirements = toSignal(
    toObservable(computed(() => this.current()?.service.id ?? null)).pipe(
      switchMap((id) => (id ? this.catalogue.detail(id).pipe(map((s) => s.requirements), toLoadState()) : of(null))),
    ),
    { initialValue: null },
  );

  private readonly noteInput = viewChild<ElementRef<HTMLTextAreaElement>>('noteInput');
  private readonly transferServiceInput = viewChild<ElementRef<HTMLSelectElement>>('transferServiceInput');
  private readonly helpClose = viewChild<ElementRef<HTMLButtonElement>>('helpClose');

  constructor() {
    effect(() => {
      const id = this.counterId();
      untracked(() => this.live.watch(id));
    });
    // A form that closes because its ticket moved on (another tab, a no-show by recall) stays closed.
    effect(() => {
      const current = this.current();
      untracked(() => {
        const form = this.form();
        if ((form === 'finish' && current?.status !== 'serving') || (form === 'transfer' && !current)) this.form.set(null);
      });
    });
    // Focus the first field of a form when it opens.
    afterRenderEffect(() => {
      const form = this.form();
      if (form === 'finish') this.noteInput()?.nativeElement.focus();
      if (form === 'transfer') this.transferServiceInput()?.nativeElement.focus();
      if (form === 'help') this.helpClose()?.nativeElement.focus();
    });
  }

  // ---- what the template shows ---------------------------------------------------------

  protected enabled(action: ConsoleAction): boolean {
    const counter = this.counter();
    if (!counter || this.inFlight() !== null) return false;
    const current = counter.current;
    const mine = this.atCounter();
    switch (action) {
      case 'call-next':
        return mine && counter.state === 'open' && !current;
      case 'recall':
      case 'start':
      case 'finish':
      case 'no-show':
      case 'transfer':
      case 'return':
        return mine && !!current && nextStatus(current.status, TICKET_ACTION_OF[action]!) !== null;
      case 'pause':
        return mine && counter.state === 'open';
      case 'close':
        return mine && counter.state !== 'closed' && !current;
      case 'open':
        return counter.state !== 'open' && (mine || !counter.officer);
    }
  }

  protected busy(action: ConsoleAction | 'pick'): boolean {
    return this.inFlight() === action;
  }

  protected serviceName(serviceId: string, fallback: string): string {
    const service = this.services().find((s) => s.id === serviceId);
    return service ? pickLocalized(this.i18n.lang(), service.name, service.nameEn) : fallback;
  }

  /** "10.02" in the site's zone. */
  protected clock(iso: string | null): string {
    const timeZone = this.site()?.timeZone ?? this.current()?.timeZone;
    if (!iso || !timeZone) return '';
    return formatClock(new Date(iso), timeZone, this.i18n.lang(), { seconds: false }).time;
  }

  // ---- keyboard --------------------------------------------------------------------------

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.form() !== null) {
      event.preventDefault();
      this.closeForm();
      return;
    }
    if (event.defaultPrevented || isTyping(event.target) || this.form() === 'finish' || this.form() === 'transfer') return;
    if (event.key === HELP_KEY) {
      event.preventDefault();
      this.form.set(this.form() === 'help' ? null : 'help');
      return;
    }
    const action = actionForKey(event);
    if (!action) return;
    event.preventDefault();
    if (this.form() === 'help') this.form.set(null);
    this.trigger(action);
  }

  // ---- actions ---------------------------------------------------------------------------

  /** A button or its key. Ignored while another request is out or when the state forbids it. */
  protected trigger(action: ConsoleAction): void {
    if (!this.enabled(action)) return;
    switch (action) {
      case 'finish':
        this.finishNote.set('');
        this.form.set('finish');
        return;
      case 'transfer':
        this.openTransfer();
        return;
      case 'pause':
      case 'close':
      case 'open':
        this.run(action, this.api.setCounterState(this.counter()!.id, action), (counter) => this.live.applyCounter(counter));
        return;
      default:
        this.runTicket(action, action);
    }
  }

  protected confirmFinish(event: Event): void {
    event.preventDefault();
    if (this.inFlight() !== null) return;
    const note = this.finishNote().trim();
    this.runTicket('finish', 'finish', note ? { outcomeNote: note } : {}, () => this.form.set(null));
  }

  protected confirmTransfer(event: Event): void {
    event.preventDefault();
    const serviceId = this.transferServiceId();
    const counterId = this.transferCounterId();
    if (this.inFlight() !== null || (!serviceId && !counterId)) return;
    this.runTicket('transfer', 'transfer', { ...(serviceId ? { serviceId } : {}), ...(counterId ? { counterId } : {}) }, () =>
      this.form.set(null),
    );
  }

  protected pick(ticketId: string): void {
    if (!this.enabled('call-next')) return;
    this.run('pick', this.api.pick(this.counter()!.id, ticketId), (ticket) => {
      this.live.applyTicket(ticket);
      this.announce(ticket);
    });
  }

  protected reload(): void {
    this.live.reload();
  }

  protected closeForm(): void {
    this.form.set(null);
  }

  protected toggleHelp(): void {
    this.form.set(this.form() === 'help' ? null : 'help');
  }

  private openTransfer(): void {
    this.transferServiceId.set('');
    this.transferCounterId.set('');
    this.transferCounters.set({ status: 'loading' });
    this.form.set('transfer');
    const siteCode = this.siteCode();
    if (!siteCode) return;
    this.api
      .siteCounters(siteCode)
      .pipe(toLoadState())
      .subscribe((state) => this.transferCounters.set(state));
  }

  private runTicket(action: ConsoleAction, path: TicketActionPath, body: object = {}, done?: () => void): void {
    this.run(action, this.api.act(this.counter()!.id, path, body), (ticket) => {
      this.live.applyTicket(ticket);
      this.announce(ticket);
      done?.();
    });
  }

  private run<T>(action: ConsoleAction | 'pick', request: Observable<T>, next: (value: T) => void): void {
    // Set before the request leaves: a second click or key press in the same tick finds it.
    this.inFlight.set(action);
    this.actionError.set(null);
    request.subscribe({
      next: (value) => {
        this.inFlight.set(null);
        next(value);
      },
      error: (error: unknown) => {
        this.inFlight.set(null);
        this.actionError.set(error);
        // Whatever the refusal was about, show the counter as the server has it now.
        this.live.reload();
      },
    });
  }

  private announce(ticket: TicketResponse): void {
    this.announcement.set(this.i18n.t('console.announce', { number: ticket.number, status: pickText(this.i18n.lang(), TICKET_STATUS_LABELS[ticket.status]) }));
  }
}
