import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, effect, inject, signal, untracked, viewChild } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { CounterResponse, RetiredCounterResponse, ServiceSummaryResponse } from '@mpp/contracts';
import { ErrorAlertComponent, I18nService, TranslatePipe, pickLocalized } from '@mpp/ui';
import { catchError, of, switchMap } from 'rxjs';

import { COUNTER_STATE_KEYS } from '../queue/counter-state-keys';
import { SiteServices } from '../queue/site-services.service';
import { AdminApi } from './admin-api.service';
import { AdminScope } from './admin-scope.service';
import { AdminDialogComponent } from './confirm-dialog.component';
import { CountersStaffApi } from './counters-staff-api.service';
import { ServicePickerComponent } from './service-picker.component';

/**
 * `admin/loket` (site and system admins): the MPP's lokets in their number's order (the order of
 * the hall display), what each serves; add one (number, name, services of any agency), rename one
 * or change its services; move one up or down the display (it swaps numbers with its neighbour, in
 * one transaction of the API); retire a closed one after a confirmation (the API refuses an open
 * or busy loket, in its words).
 */
@Component({
  selector: 'counter-admin-counters-page',
  imports: [AdminDialogComponent, ErrorAlertComponent, ServicePickerComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './counters-page.component.html',
  styleUrl: './admin-page.css',
})
export class CountersPageComponent {
  private readonly api = inject(AdminApi);
  private readonly moves = inject(CountersStaffApi);
  private readonly injector = inject(Injector);
  private readonly i18n = inject(I18nService);
  private readonly catalogue = inject(SiteServices);
  protected readonly scope = inject(AdminScope);
  protected readonly stateKeys = COUNTER_STATE_KEYS;

  protected readonly counters = signal<CounterResponse[] | null>(null);
  protected readonly loadError = signal<unknown>(null);
  protected readonly announcement = signal('');
  protected readonly services = toSignal(
    toObservable(this.scope.siteCode).pipe(
      switchMap((code) => (code ? this.catalogue.ofSite(code).pipe(catchError(() => of<ServiceSummaryResponse[]>([]))) : of<ServiceSummaryResponse[]>([]))),
    ),
    { initialValue: [] as ServiceSummaryResponse[] },
  );
  protected readonly sorted = computed(() => {
    const counters = this.counters();
    return counters ? [...counters].sort((a, b) => a.number - b.number) : null;
  });
  /** The next free number, offered for a new loket. */
  protected readonly nextNumber = computed(() => Math.max(0, ...(this.counters() ?? []).map((c) => c.number)) + 1);

  protected readonly number = signal<string>('');
  protected readonly name = signal('');
  protected readonly serviceIds = signal<string[]>([]);
  protected readonly creating = signal(false);
  protected readonly createError = signal<unknown>(null);

  protected readonly editing = signal<CounterResponse | null>(null);
  protected readonly editName = signal('');
  protected readonly editServiceIds = signal<string[]>([]);
  protected readonly saving = signal(false);
  protected readonly editError = signal<unknown>(null);

  /** The loket being moved (its buttons wait), and the API's refusal of a move. */
  protected readonly moving = signal<string | null>(null);
  protected readonly moveError = signal<unknown>(null);

  /** The retired lokets (in no other list); empty while loading or if the API cannot say. */
  protected readonly retired = signal<RetiredCounterResponse[]>([]);

  protected readonly retiring = signal<CounterResponse | null>(null);
  protected readonly retiringBusy = signal(false);
  protected readonly retireError = signal<unknown>(null);

  private readonly editNameInput = viewChild<ElementRef<HTMLInputElement>>('editNameInput');

  constructor() {
    effect(() => {
      const code = this.scope.siteCode();
      untracked(() => this.load(code));
    });
  }

  protected reload(): void {
    this.load(this.scope.siteCode());
  }

  private load(code: string | null): void {
    this.counters.set(null);
    this.retired.set([]);
    this.loadError.set(null);
    if (!code) return;
    this.api.listCounters(code).subscribe({
      next: (counters) => this.counters.set(counters),
      error: (error: unknown) => this.loadError.set(error),
    });    this.loadRetired(code);
  }

  private loadRetired(code: string): void {
    this.moves.retiredCounters(code).subscribe({
      next: (retired) => this.retired.set(retired),
      error: () => this.retired.set([]),
    });
  }

  protected retiredOn(retired: RetiredCounterResponse): string {
    return new Date(retired.retiredAt).toLocaleString(this.i18n.lang() === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short' });
  }

  protected serviceNames(counter: CounterResponse): string {
    const lang = this.i18n.lang();
    const byId = new Map(this.services().map((s) => [s.id, s]));
    return counter.serviceIds
      .map((id) => byId.get(id))
      .filter((s): s is ServiceSummaryResponse => !!s)
      .map((s) => pickLocalized(lang, s.name, s.nameEn))
      .join(', ');
  }

  protected create(event: Event): void {
    event.preventDefault();
    const site = this.scope.siteCode();
    if (!site || this.creating()) return;
    const typed = this.number().trim();
    this.creating.set(true);
    this.createError.set(null);
    this.api.createCounter(site, { number: typed === '' ? this.nextNumber() : Number(typed), name: this.name().trim(), serviceIds: this.serviceIds() }).subscribe({
      next: (counter) => {
        this.creating.set(false);
        this.counters.update((counters) => [...(counters ?? []), counter]);
        this.number.set('');
        this.name.set('');
        this.serviceIds.set([]);
        this.announcement.set(this.i18n.t('admin.counters.created', { number: counter.number, name: counter.name }));
      },
      error: (error: unknown) => {
        this.creating.set(false);
        this.createError.set(error);
      },
    });
  }

  protected edit(counter: CounterResponse): void {
    this.editError.set(null);
    this.editName.set(counter.name);
    this.editServiceIds.set([...counter.serviceIds]);
    this.editing.set(counter);
    setTimeout(() => this.editNameInput()?.nativeElement.focus());
  }

  protected closeDialog(): void {
    if (!this.saving()) this.editing.set(null);
  }

  protected save(event: Event): void {
    event.preventDefault();
    const counter = this.editing();
    if (!counter || this.saving()) return;
    this.saving.set(true);
    this.editError.set(null);
    this.api.updateCounter(counter.id, { name: this.editName().trim(), serviceIds: this.editServiceIds() }).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.editing.set(null);
        this.counters.update((counters) => (counters ?? []).map((c) => (c.id === saved.id ? saved : c)));
        this.announcement.set(this.i18n.t('admin.counters.saved', { number: saved.number, name: saved.name }));
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.editError.set(error);
      },
    });
  }

  protected editHeading(): string {
    const counter = this.editing();
    return counter ? this.i18n.t('admin.counters.editTitle', { number: counter.number }) : '';
  }

  /**
   * Moves the loket one place up (-1) or down (+1) the display: it takes its neighbour's number
   * and the neighbour takes its own (the API swaps them). Focus stays on the button pressed.
   */
  protected move(counter: CounterResponse, step: -1 | 1, event: Event): void {
    const list = this.sorted() ?? [];
    const neighbour = list[list.findIndex((c) => c.id === counter.id) + step];
    if (!neighbour || this.moving()) return;
    const button = event.currentTarget as HTMLElement | null;
    const testId = button?.getAttribute('data-testid');
    this.moving.set(counter.id);
    this.moveError.set(null);
    this.moves.moveCounter(counter.id, neighbour.number).subscribe({
      next: (saved) => {
        this.moving.set(null);
        this.counters.update((counters) =>
          (counters ?? []).map((c) => (c.id === saved.id ? saved : c.id === neighbour.id ? { ...c, number: counter.number } : c)),
        );
        this.announcement.set(this.i18n.t('cs.counters.moved', { name: saved.name, number: saved.number, other: counter.number }));
        // The row moved: give focus back to the same button of the same loket, or the other one at an end.
        afterNextRender(
          () => {
            const row = document.querySelector<HTMLElement>(`[data-testid="counter-row"][data-counter-id="${saved.id}"]`);
            const same = row?.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]:not([disabled])`);
            (same ?? row?.querySelector<HTMLButtonElement>('[data-testid^="counter-move-"]:not([disabled])'))?.focus();
          },
          { injector: this.injector },
        );
      },
      error: (error: unknown) => {
        this.moving.set(null);
        this.moveError.set(error);
      },
    });
  }

  protected askRetire(counter: CounterResponse): void {
    this.retireError.set(null);
    this.retiring.set(counter);
  }

  protected closeRetire(): void {
    if (!this.retiringBusy()) this.retiring.set(null);
  }

  protected retire(event: Event): void {
    event.preventDefault();
    const counter = this.retiring();
    if (!counter || this.retiringBusy()) return;
    this.retiringBusy.set(true);
    this.retireError.set(null);
    this.moves.retireCounter(counter.id).subscribe({
      next: () => {
        this.retiringBusy.set(false);
        this.retiring.set(null);
        this.counters.update((counters) => (counters ?? []).filter((c) => c.id !== counter.id));
        const site = this.scope.siteCode();
        if (site) this.loadRetired(site);
        this.announcement.set(this.i18n.t('cs.counters.retired', { number: counter.number, name: counter.name }));
      },
      error: (error: unknown) => {
        this.retiringBusy.set(false);
        this.retireError.set(error);
      },
    });
  }

  protected retireHeading(): string {
    const counter = this.retiring();
    return counter ? this.i18n.t('cs.counters.retireTitle', { number: counter.number, name: counter.name }) : '';
  }
}
