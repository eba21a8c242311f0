import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { Router, RouterLink } from '@angular/router';
import type { CitizenHistoryApplication, CitizenHistoryItem, CitizenHistoryResponse, CitizenMeResponse, LocalizedText } from '@mpp/contracts';
import { BilingualPipe, ErrorAlertComponent, I18nService, LANG_LOCALES, LocalizedPipe, type LoadState } from '@mpp/ui';
import { firstValueFrom } from 'rxjs';

import { displayApplicationCode, formatSiteDay, formatSiteInstant } from '../application/application-format';
import { AccountSettingsComponent } from './account-settings.component';
import { AccountTextPipe } from './account-text.pipe';
import { CitizenSessionService } from './citizen-session.service';

const TICKET_STATUSES_SHOWN = ['waiting', 'called', 'serving', 'done'];

/** The words of an application's row: here, in the account's chunk, not in a dictionary of the first load. */
const APPLICATION_TEXT = {
  kind: { id: 'Permohonan', en: 'Application' },
  due: { id: 'Target selesai {when}', en: 'Due {when}' },
  deadline: { id: 'Perbaiki paling lambat {when}', en: 'Correct by {when}' },
} satisfies Record<string, LocalizedText>;

/** The link to a complaint about one item (`/pengaduan/baru?mpp=…&ref=…`): the reference is its printed code or number. */
const COMPLAINT_TEXT: LocalizedText = { id: 'Adukan', en: 'Complain about it' };

/**
 * `akun/riwayat`, "Riwayat saya": the signed-in citizen's bookings, tickets and applications
 * (code, service, state, due date or correction deadline in the site's zone), newest first,
 * each a link to its page, then the account's settings (AccountSettingsComponent). Signed out, it
 * sends the citizen to `akun/masuk`.
 */
@Component({
  selector: 'portal-history-page',
  imports: [BilingualPipe, ErrorAlertComponent, LocalizedPipe, RouterLink, AccountTextPipe, AccountSettingsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="mpp-container history">
      <header class="history__header">
        <h1>{{ 'account.history.heading' | at }}</h1>
        @if (me(); as m) {
          <p class="mpp-muted" data-testid="history-who">{{ 'account.history.signedInAs' | at: { who: who(m) } }}</p>
          <button class="mpp-button" type="button" (click)="signOut()" data-testid="history-sign-out">{{ 'account.history.signOut' | at }}</button>
        }
      </header>
      @switch (state().status) {
        @case ('loading') {
          <p class="mpp-muted" role="status">…</p>
        }
        @case ('error') {
          <ui-error-alert [error]="errorOf(state())" />
        }
        @case ('ready') {
          @if (items().length === 0) {
            <p class="mpp-card" data-testid="history-empty">{{ 'account.history.empty' | at }}</p>
          } @else {
            <ul class="history__list" data-testid="history-list">
              @for (item of items(); track key(item)) {
                <li class="mpp-card history__item" data-testid="history-item">
                  @if (item.kind === 'application') {
                    <p class="history__kind mpp-muted">
                      {{ applicationText.kind | bilingual }} ·
                      <strong data-testid="history-application-state">{{ item.stateLabel | bilingual }}</strong>
                    </p>
                    <h2 class="history__service">{{ item.service.name | localized: item.service.nameEn }}</h2>
                    <p class="history__when">
                      {{ item.siteName }} · {{ siteDay(item) }}
                      @if (applicationWhen(item); as when) {
                        <br /><span data-testid="history-application-due">{{ when }}</span>
                      }
                    </p>
                    <a class="mpp-button" [routerLink]="['/permohonan', item.code]" data-testid="history-application-link">
                      {{ 'account.history.open' | at }} {{ printedCode(item.code) }}
                    </a>
                  } @else {
                  <p class="history__kind mpp-muted">
                    {{ (item.kind === 'booking' ? 'account.history.booking' : 'account.history.ticket') | at }} ·
                    <strong>{{ statusKey(item) | at }}</strong>
                  </p>
                  <h2 class="history__service">{{ item.service.name | localized: item.service.nameEn }}</h2>
                  <p class="history__when">{{ item.siteName }} · {{ date(item.date) }}{{ item.kind === 'booking' ? ' · ' + item.start + '–' + item.end : '' }}</p>
                  @if (item.kind === 'booking') {
                    <a class="mpp-button" [routerLink]="['/pemesanan', item.code]" data-testid="history-booking-link">
                      {{ 'account.history.open' | at }} {{ item.code.slice(0, 4) }}-{{ item.code.slice(4) }}
                    </a>
                  } @else {
                    <a class="mpp-button" [routerLink]="['/tiket', item.publicCode]" data-testid="history-ticket-link">{{ 'account.history.open' | at }} {{ item.number }}</a>
                  }
                  }
                  <a class="history__complain" routerLink="/pengaduan/baru" [queryParams]="complaintQuery(item)" data-testid="history-complaint-link">{{ complaintText | bilingual }}</a>
                </li>
              }
            </ul>
          }
        }
      }
      @if (me()) {
        <portal-account-settings (merged)="reload()" />
      }
    </article>
  `,
  styles: `
    .history__header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--mpp-space-2);
    }
    .history__list {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: var(--mpp-space-3);
    }
    .history__service {
      font-size: 1.1rem;
      margin: var(--mpp-space-1) 0;
    }
    .history__complain {
      display: inline-block;
      margin-left: var(--mpp-space-3);
      padding-block: var(--mpp-space-2);
    }
    .history__kind,
    .history__when {
      margin: 0 0 var(--mpp-space-2);
    }
  `,
})
export class HistoryPageComponent {
  private readonly session = inject(CitizenSessionService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);

  /** Who is signed in, as the session last heard it (a contact added shows at once). */
  protected readonly me = computed(() => this.session.me() ?? null);
  protected readonly state = signal<LoadState<CitizenHistoryResponse>>({ status: 'loading' });
  protected readonly items = computed(() => {
    const s = this.state();
    return s.status === 'ready' ? s.value.items : [];
  });

  constructor() {
    void this.load();
  }

  protected who(me: CitizenMeResponse): string {
    return me.identities.map((i) => i.label).join(', ');
  }

  protected readonly applicationText = APPLICATION_TEXT;
  protected readonly complaintText = COMPLAINT_TEXT;

  /** The complaint form's query for an item: its MPP and its reference as printed (no personal data). */
  protected complaintQuery(item: CitizenHistoryItem): { mpp: string; ref: string } {
    const ref = item.kind === 'ticket' ? `ticket:${item.number}` : `${item.kind}:${item.code}`;
    return { mpp: item.siteCode, ref };
  }

  protected key(item: CitizenHistoryItem): string {
    if (item.kind === 'application') return `a:${item.code}`;
    return item.kind === 'booking' ? `b:${item.code}` : `t:${item.publicCode}`;
  }

  /** "ABCD-2345", as the application's messages print it. */
  protected printedCode(code: string): string {
    return displayApplicationCode(code);
  }

  /** The day the application was made, in its site's zone. */
  protected siteDay(item: CitizenHistoryApplication): string {
    return formatSiteDay(item.createdAt, item.timeZone, this.i18n.lang());
  }

  /** While returned, the correction deadline; else the due date once the clock runs; in the site's zone. */
  protected applicationWhen(item: CitizenHistoryApplication): string | null {
    const lang = this.i18n.lang();
    const at = item.state === 'returned' && item.citizenDeadline ? item.citizenDeadline : item.dueAt;
    if (!at) return null;
    const when = formatSiteInstant(at, item.timeZone, lang);
    const template = item.state === 'returned' && item.citizenDeadline ? APPLICATION_TEXT.deadline : APPLICATION_TEXT.due;
    return (lang === 'en' ? template.en : template.id).replace('{when}', when);
  }

  /** A booking's status in the booking page's words; a ticket's in ours. */
  protected statusKey(item: CitizenHistoryItem): string {
    if (item.kind === 'application') return '';
    if (item.kind === 'booking') return `portal.booking.status.${item.status}`;
    return TICKET_STATUSES_SHOWN.includes(item.status) ? `account.status.${item.status}` : 'account.status.other';
  }

  protected date(date: string): string {
    return new Intl.DateTimeFormat(LANG_LOCALES[this.i18n.lang()], { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(
      new Date(`${date}T00:00:00Z`),
    );
  }

  protected errorOf(state: LoadState<CitizenHistoryResponse>): unknown {
    return state.status === 'error' ? state.error : null;
  }

  protected async signOut(): Promise<void> {
    await this.session.signOut();
    await this.router.navigateByUrl('/akun/masuk');
  }

  /** After another account was merged into this one: its contacts and history are ours now. */
  protected reload(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    const me = await this.session.load(true);
    if (!me) {
      await this.router.navigateByUrl('/akun/masuk');
      return;
    }
    try {
      this.state.set({ status: 'ready', value: await firstValueFrom(this.session.history()) });
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 401) await this.router.navigateByUrl('/akun/masuk');
      else this.state.set({ status: 'error', error });
    }
  }
}
