import type { ParamMap, Params } from '@angular/router';

/** What the citizen searched for; mirrored in the URL as ?site=&q=&agency= so it can be shared. */
export interface SearchCriteria {
  site: string;
  q: string;
  agency: string;
}

export function criteriaFromParams(params: ParamMap): SearchCriteria {
  return {
    site: params.get('site') ?? '',
    q: (params.get('q') ?? '').trim(),
    agency: params.get('agency') ?? '',
  };
}

/** Query params for the URL; empty values are dropped so URLs stay short. */
export function criteriaToParams(criteria: SearchCriteria): Params {
  return {
    site: criteria.site || null,
    q: criteria.q || null,
    agency: criteria.agency || null,
  };
}

export function sameCriteria(a: SearchCriteria | null, b: SearchCriteria | null): boolean {
  if (a === null || b === null) {
    return a === b;
  }
  return a.site === b.site && a.q === b.q && a.agency === b.agency;
}

/** localStorage key of the MPP the citizen picked last. */
export const PORTAL_SITE_STORAGE_KEY = 'mpp.portal.site';
