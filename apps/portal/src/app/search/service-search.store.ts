import { Injectable, computed, inject, signal } from '@angular/core';
import { PORTAL_SEARCH_PAGE_SIZE, type ServiceSummaryResponse } from '@mpp/contracts';
import { CatalogueApi } from '@mpp/ui';
import type { Subscription } from 'rxjs';

import { PrerenderedHome } from './prerendered-home';
import { sameCriteria, type SearchCriteria } from './search-criteria';

/** The same as the page the API inlines into the home (apps/api/src/portal-home.ts). */
export const SEARCH_PAGE_SIZE = PORTAL_SEARCH_PAGE_SIZE;

export type SearchStatus = 'idle' | 'loading' | 'loadingMore' | 'ready' | 'error';

interface SearchState {
  criteria: SearchCriteria | null;
  items: ServiceSummaryResponse[];
  /** Last page loaded, from 1. */
  page: number;
  total: number;
  status: SearchStatus;
  error: unknown;
}

const INITIAL_STATE: SearchState = {
  criteria: null,
  items: [],
  page: 0,
  total: 0,
  status: 'idle',
  error: null,
};

/**
 * Search results with "load more" paging. Lives at the root so that coming back from a service
 * page shows the same results (and pages) without asking the server again.
 */
@Injectable({ providedIn: 'root' })
export class ServiceSearchStore {
  private readonly api = inject(CatalogueApi);
  private readonly prerendered = inject(PrerenderedHome);
  private readonly state = signal<SearchState>(INITIAL_STATE);
  private request: Subscription | null = null;

  readonly items = computed(() => this.state().items);
  readonly total = computed(() => this.state().total);
  readonly status = computed(() => this.state().status);
  readonly error = computed(() => this.state().error);
  readonly hasMore = computed(() => this.state().items.length < this.state().total);

  /** Starts a new search, unless these criteria are already loaded or loading. */
  search(criteria: SearchCriteria): void {
    const current = this.state();
    if (sameCriteria(current.criteria, criteria) && current.status !== 'error' && current.status !== 'idle') {
      return;
    }
    // The first page inlined into the home by the API: shown at once, not asked again.
    const first = this.prerendered.takeResults(criteria);
    if (first) {
      this.request?.unsubscribe();
      this.state.set({ criteria, items: first.items, page: first.page, total: first.total, status: 'ready', error: null });
      return;
    }
    this.fetch(criteria, 1, []);
  }

  loadMore(): void {
    const { criteria, status, page, items } = this.state();
    if (criteria && status === 'ready' && this.hasMore()) {
      this.fetch(criteria, page + 1, items);
    }
  }

  /** Repeats whatever failed: the first page or the next one. */
  retry(): void {
    const { criteria, page, items } = this.state();
    if (criteria) {
      this.fetch(criteria, items.length > 0 ? page + 1 : 1, items);
    }
  }

  private fetch(criteria: SearchCriteria, page: number, previous: ServiceSummaryResponse[]): void {
    this.request?.unsubscribe();
    this.state.update((state) => ({
      ...state,
      criteria,
      items: previous,
      total: page === 1 ? 0 : state.total,
      page: page - 1,
      status: page === 1 ? 'loading' : 'loadingMore',
      error: null,
    }));
    this.request = this.api
      .searchServices({
        site: criteria.site,
        agency: criteria.agency,
        q: criteria.q,
        page,
        pageSize: SEARCH_PAGE_SIZE,
      })
      .subscribe({
        next: (result) =>
          this.state.set({
            criteria,
            items: [...previous, ...result.items],
            page: result.page,
            total: result.total,
            status: 'ready',
            error: null,
          }),
        error: (error: unknown) => this.state.update((state) => ({ ...state, status: 'error', error })),
      });
  }
}
