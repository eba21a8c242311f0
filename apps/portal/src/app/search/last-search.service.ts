import { Injectable, signal } from '@angular/core';
import type { Params } from '@angular/router';

import { criteriaToParams, type SearchCriteria } from './search-criteria';

/** The last search the citizen ran, so a service page can link back to the same results. */
@Injectable({ providedIn: 'root' })
export class LastSearchService {
  private readonly last = signal<SearchCriteria | null>(null);

  readonly criteria = this.last.asReadonly();

  remember(criteria: SearchCriteria): void {
    this.last.set(criteria);
  }

  /** Query params for a link back to the results; falls back to the given site. */
  backParams(fallbackSite: string | null): Params {
    const last = this.last();
    if (last && (fallbackSite === null || last.site === fallbackSite)) {
      return criteriaToParams(last);
    }
    return fallbackSite ? { site: fallbackSite } : {};
  }
}
