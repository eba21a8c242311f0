import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { I18nService, PageTitleService, TranslatePipe } from '@mpp/ui';

import { NetworkStatus } from './network-status.service';

/**
 * What the citizen sees when a page cannot be opened for want of a network: in words, with what
 * still works offline (the tickets this phone opened, the last search) and a way to try again.
 */
@Component({
  selector: 'portal-offline-page',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="mpp-container offline" aria-labelledby="offline-heading" data-testid="offline-page">
      <p class="offline__icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="56" height="56" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
          <path d="M2 8.8a15 15 0 0 1 20 0M5 12.9a10 10 0 0 1 14 0M8.5 16.4a5 5 0 0 1 7 0" />
          <circle cx="12" cy="20" r="1" fill="currentColor" />
          <path d="M3 3l18 18" />
        </svg>
      </p>
      <h1 id="offline-heading" class="offline__title">{{ (online() ? 'portal.offline.serverTitle' : 'portal.offline.title') | t }}</h1>
      <p class="offline__body">{{ (online() ? 'portal.offline.serverBody' : 'portal.offline.body') | t }}</p>
      <button type="button" class="mpp-button mpp-button--primary offline__retry" (click)="retry()" data-testid="offline-retry">
        {{ 'portal.offline.retry' | t }}
      </button>
      <h2 class="offline__subtitle">{{ 'portal.offline.available' | t }}</h2>
      <ul class="offline__list">
        @for (ticket of tickets; track ticket.code) {
          <li><a [routerLink]="['/tiket', ticket.code]" data-testid="offline-ticket">{{ 'portal.offline.ticket' | t: { number: ticket.number } }}</a></li>
        }
        <li><a routerLink="/">{{ 'portal.offline.search' | t }}</a></li>
      </ul>
      <p class="mpp-muted offline__keep">{{ 'portal.offline.keep' | t }}</p>
    </section>
  `,
  styles: `
    .offline {
      padding-block: var(--mpp-space-5, 2rem);
      max-width: 36rem;
    }
    .offline__icon {
      color: var(--mpp-color-muted, #555);
      margin: 0 0 var(--mpp-space-3, 1rem);
    }
    .offline__title {
      margin-top: 0;
    }
    .offline__retry {
      min-height: 48px;
      margin-block: var(--mpp-space-3, 1rem);
    }
    .offline__list a {
      display: inline-block;
      min-height: 44px;
      padding-block: 0.6rem;
    }
  `,
})
export class OfflinePageComponent {
  private readonly document = inject(DOCUMENT);
  private readonly network = inject(NetworkStatus);
  protected readonly online = this.network.online;
  protected readonly tickets = this.network.rememberedTickets();

  constructor() {
    const pageTitle = inject(PageTitleService);
    const i18n = inject(I18nService);
    effect(() => pageTitle.setOverride(i18n.t(this.online() ? 'portal.offline.serverTitle' : 'portal.offline.title')));
    inject(DestroyRef).onDestroy(() => pageTitle.setOverride(null));
  }

  protected retry(): void {
    this.document.defaultView?.location.reload();
  }
}
