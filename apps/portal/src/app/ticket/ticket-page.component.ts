import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  untracked,
  viewChild,
  type ElementRef,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { PublicTicketResponse, TicketStatus } from '@mpp/contracts';
import { PRIORITY_LABELS, TICKET_STATUS_LABELS } from '@mpp/domain';
import {
  ErrorAlertComponent,
  I18nService,
  LocalizedPipe,
  PageTitleService,
  TranslatePipe,
  describeApiError,
  loadError,
  loadedValue,
  pickText,
} from '@mpp/ui';

import { OnlineDepartureComponent } from '../online-ticket/online-departure.component';
import { TicketApi } from './ticket-api.service';
import { TicketCancelComponent } from './ticket-cancel.component';
import { formatIssuedAt } from './ticket-format';
import { TicketLiveService, type LiveConnection } from './ticket-live.service';
import { TicketNotifyComponent } from './ticket-notify.component';
import { TicketSurveyComponent } from './ticket-survey.component';

/** What a ticket that can no longer change tells the citizen. */
const FINAL_MESSAGE_KEYS: Readonly<Partial<Record<TicketStatus, string>>> = {
  done: 'portal.ticket.final.done',
  no_show: 'portal.ticket.final.no_show',
  cancelled: 'portal.ticket.final.cancelled',
  not_served: 'portal.ticket.final.not_served',
};

const CONNECTION_KEYS: Readonly<Record<LiveConnection, string>> = {
  connecting: 'portal.ticket.live.connecting',
  live: 'portal.ticket.live.on',
  reconnecting: 'portal.ticket.live.reconnecting',
};

/**
 * `tiket/:code`, where the printed ticket's QR code leads: the number, where the citizen stands in
 * the line and, once called, which counter to go to. Kept current by TicketLiveService.
 */
@Component({
  selector: 'portal-ticket-page',
  imports: [ErrorAlertComponent, LocalizedPipe, OnlineDepartureComponent, RouterLink, TicketCancelComponent, TicketNotifyComponent, TicketSurveyComponent, TranslatePipe],
  providers: [TicketLiveService],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './ticket-page.component.html',
  styleUrl: './ticket-page.component.css',
})
export class TicketPageComponent {
  private readonly api = inject(TicketApi);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly live = inject(TicketLiveService);
  private readonly pageTitle = inject(PageTitleService);

  /** Route parameter `:code`: the ticket's public code. */
  readonly code = input.required<string>();

  protected readonly ticket = computed(() => loadedValue(this.live.state()));
  protected readonly error = computed(() => loadError(this.live.state()));
  protected readonly notFound = computed(() => {
    const error = this.error();
    return error !== null && describeApiError(error, this.i18n.lang()).status === 404;
  });

  protected readonly connection = this.live.connection;
  protected readonly connectionKey = computed(() => CONNECTION_KEYS[this.connection()]);

  protected readonly statusText = computed(() => {
    const ticket = this.ticket();
    return ticket ? pickText(this.i18n.lang(), TICKET_STATUS_LABELS[ticket.status]) : '';
  });
  protected readonly priorityText = computed(() => {
    const ticket = this.ticket();
    return ticket && ticket.priority !== 'regular' ? pickText(this.i18n.lang(), PRIORITY_LABELS[ticket.priority]) : null;
  });
  protected readonly issuedAt = computed(() => {
    const ticket = this.ticket();
    return ticket ? formatIssuedAt(ticket.issuedAt, ticket.timeZone, this.i18n.lang()) : null;
  });
  protected readonly printUrl = computed(() => this.api.printUrl(this.code()));

  private readonly now = viewChild<ElementRef<HTMLElement>>('now');

  constructor() {
    effect(() => {
      const code = this.code();
      untracked(() => this.live.watch(code));
    });
    effect(() => {
      const ticket = this.ticket();
      this.pageTitle.setOverride(ticket ? this.i18n.t('portal.ticket.pageTitle', { number: ticket.number }) : null);
    });
    inject(DestroyRef).onDestroy(() => this.pageTitle.setOverride(null));
  }

  /** "2 orang di depan Anda"; "Anda berikutnya" only when it is certain (`position` is then 1). */
  protected aheadText(position: number): string {
    const ahead = position - 1;
    if (ahead <= 0) return this.i18n.t('portal.ticket.ahead.none');
    return this.i18n.t(ahead === 1 ? 'portal.ticket.ahead.one' : 'portal.ticket.ahead', { n: ahead });
  }

  /** "± 12 menit"; "Sebentar lagi" when the estimate rounds to nothing. */
  protected waitText(minutes: number): string {
    if (minutes <= 0) return this.i18n.t('portal.ticket.wait.soon');
    return this.i18n.t(minutes === 1 ? 'portal.ticket.wait.one' : 'portal.ticket.wait', { n: minutes });
  }

  /** Null while the ticket is still in the day's queue. */
  protected finalMessageKey(status: TicketStatus): string | null {
    return FINAL_MESSAGE_KEYS[status] ?? null;
  }

  protected reload(): void {
    this.live.reload();
  }

  protected onCancelled(ticket: PublicTicketResponse): void {
    this.live.replace(ticket);
    // The cancel button is gone: the focus moves to what the ticket now says.
    afterNextRender(() => this.now()?.nativeElement.focus(), { injector: this.injector });
  }

}
