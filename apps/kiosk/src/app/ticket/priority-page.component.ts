import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { PRIORITY_CLASSES, type PriorityClass, type ServiceResponse } from '@mpp/contracts';
import {
  CatalogueApi,
  ErrorAlertComponent,
  LocalizedPipe,
  TranslatePipe,
  loadError,
  loadedValue,
  toLoadState,
  type LoadState,
} from '@mpp/ui';
import { switchMap, type Subscription } from 'rxjs';

import { KioskQueueApi, newIdempotencyKey } from './kiosk-queue-api.service';
import { KioskTicketStore } from './kiosk-ticket.store';
import { PriorityIconComponent } from './priority-icon.component';

/** One ticket the person asked for: the key stays the same for every retry of it. */
interface IssueAttempt {
  serviceId: string;
  priority: PriorityClass;
  key: string;
}

/**
 * `antrean/:serviceId`: "Umum" or one of the priority groups of UU 25/2009 Pasal 29, then the
 * kiosk issues the ticket and shows it. A failed request is retried with the same
 * Idempotency-Key (automatically, then by "Coba lagi"), so it can never make two tickets.
 */
@Component({
  selector: 'kiosk-priority-page',
  imports: [ErrorAlertComponent, LocalizedPipe, PriorityIconComponent, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './priority-page.component.html',
  styleUrl: './priority-page.component.css',
})
export class PriorityPageComponent {
  private readonly catalogue = inject(CatalogueApi);
  private readonly queue = inject(KioskQueueApi);
  private readonly tickets = inject(KioskTicketStore);
  private readonly router = inject(Router);

  /** Route parameter `:serviceId`. */
  readonly serviceId = input.required<string>();

  protected readonly priorities = PRIORITY_CLASSES;

  private readonly serviceState = toSignal(
    toObservable(this.serviceId).pipe(switchMap((id) => this.catalogue.getService(id).pipe(toLoadState()))),
    { initialValue: { status: 'loading' } as LoadState<ServiceResponse> },
  );
  protected readonly service = computed(() => loadedValue(this.serviceState()));
  protected readonly serviceError = computed(() => loadError(this.serviceState()));

  private readonly attempt = signal<IssueAttempt | null>(null);
  protected readonly issuing = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly chosen = computed(() => this.attempt()?.priority ?? null);
  private request: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  /**
   * A new ticket gets a new Idempotency-Key. Touching the same choice again after a failure is
   * the same ticket request (it may have reached the server), so it keeps its key.
   */
  protected choose(priority: PriorityClass): void {
    if (this.issuing()) {
      return;
    }
    const serviceId = this.serviceId();
    const pending = this.attempt();
    if (!pending || pending.serviceId !== serviceId || pending.priority !== priority) {
      this.attempt.set({ serviceId, priority, key: newIdempotencyKey() });
    }
    this.send();
  }

  /** "Coba lagi": the same ticket request, the same key. */
  protected retry(): void {
    if (!this.issuing()) {
      this.send();
    }
  }

  private send(): void {
    const attempt = this.attempt();
    if (!attempt) {
      return;
    }
    this.issuing.set(true);
    this.error.set(null);
    this.request = this.queue
      .issue({ serviceId: attempt.serviceId, priority: attempt.priority }, attempt.key)
      .subscribe({
        next: (ticket) => {
          this.issuing.set(false);
          this.attempt.set(null);
          this.tickets.show(ticket);
          void this.router.navigateByUrl('/tiket');
        },
        error: (error: unknown) => {
          this.issuing.set(false);
          this.error.set(error);
        },
      });
  }
}
