import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';

import { ServiceResultComponent } from './service-result.component';
import { ServiceSearchStore } from './service-search.store';

/** The results of the current search: loading, empty, error, the list and "load more". */
@Component({
  selector: 'portal-service-results',
  imports: [ErrorAlertComponent, ServiceResultComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="results" aria-labelledby="results-heading" [attr.aria-busy]="busy()">
      <h2 id="results-heading" class="mpp-visually-hidden">{{ 'portal.results.heading' | t }}</h2>
      <p
        class="results__status"
        role="status"
        data-testid="results-status"
        [class.results__status--empty]="empty()"
      >
        {{ statusText() }}
      </p>

      @if (store.status() === 'error' && store.items().length === 0) {
        <ui-error-alert [error]="store.error()" [retryable]="true" (retry)="store.retry()" />
      } @else if (empty()) {
        <p class="results__hint" data-testid="results-empty">{{ 'portal.results.emptyHint' | t }}</p>
      }

      @if (store.status() !== 'loading' && store.items().length > 0) {
        <ul class="mpp-list-plain results__list">
          @for (service of store.items(); track service.id) {
            <li data-testid="service-result">
              <portal-service-result [service]="service" />
            </li>
          }
        </ul>

        @if (store.status() === 'error') {
          <ui-error-alert [error]="store.error()" [retryable]="true" (retry)="store.retry()" />
        } @else if (store.hasMore()) {
          <button
            type="button"
            class="mpp-button results__more"
            data-testid="load-more"
            [disabled]="store.status() === 'loadingMore'"
            (click)="store.loadMore()"
          >
            {{ (store.status() === 'loadingMore' ? 'common.loading' : 'portal.results.loadMore') | t }}
          </button>
        }
      }
    </section>
  `,
  styles: `
    .results__status {
      margin: var(--mpp-space-4) 0 var(--mpp-space-3);
      color: var(--mpp-color-muted);
    }
    .results__status--empty {
      margin-bottom: var(--mpp-space-1);
      color: var(--mpp-color-text);
      font-size: 1.125rem;
      font-weight: 700;
    }
    .results__list {
      display: grid;
      gap: var(--mpp-space-3);
    }
    .results__more {
      width: 100%;
      margin-top: var(--mpp-space-4);
    }
  `,
})
export class ServiceResultsComponent {
  private readonly i18n = inject(I18nService);
  protected readonly store = inject(ServiceSearchStore);

  protected readonly busy = computed(() => {
    const status = this.store.status();
    return status === 'loading' || status === 'loadingMore';
  });

  protected readonly empty = computed(
    () => this.store.status() === 'ready' && this.store.items().length === 0,
  );

  protected readonly statusText = computed(() => {
    const status = this.store.status();
    if (status === 'loading' || status === 'idle') {
      return this.i18n.t('common.loading');
    }
    const total = this.store.total();
    const shown = this.store.items().length;
    if (status === 'error' && shown === 0) {
      return '';
    }
    if (total === 0) {
      return this.i18n.t('portal.results.empty');
    }
    if (shown < total) {
      return this.i18n.t('portal.results.shown', { shown, total });
    }
    return this.i18n.t(total === 1 ? 'portal.results.count.one' : 'portal.results.count', { n: total });
  });
}
