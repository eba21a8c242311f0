import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';
import {
  PORTAL_HOME_PRERENDER_ID,
  PORTAL_HOME_STATE_ID,
  type AgencyResponse,
  type Page,
  type PortalHomeState,
  type ServiceSummaryResponse,
  type SiteSummaryResponse,
} from '@mpp/contracts';

import { sameCriteria, type SearchCriteria } from './search-criteria';

/**
 * The home page the API inlined into index.html (apps/api/src/portal-home.ts): the answers as JSON,
 * and the page rendered as plain HTML beside `<portal-root>`, which stays hidden while it is there.
 * Read once, when the script starts (before Angular renders): the search page starts from these
 * answers instead of asking the API, then `reveal()` swaps the rendered copy for the app in one
 * frame, carrying over what the citizen typed into it meanwhile.
 */
@Injectable({ providedIn: 'root' })
export class PrerenderedHome {
  private readonly document = inject(DOCUMENT);
  private state: PortalHomeState | null = readState(this.document);

  /** The sites, once. */
  takeSites(): SiteSummaryResponse[] | null {
    return this.state?.sites ?? null;
  }

  agenciesFor(site: string): AgencyResponse[] | null {
    return this.state && this.state.criteria.site === site ? this.state.agencies : null;
  }

  /** The first page of this search if the server answered exactly it; used once. */
  takeResults(criteria: SearchCriteria): Page<ServiceSummaryResponse> | null {
    const state = this.state;
    if (!state || !sameCriteria(state.criteria, criteria)) return null;
    const results = state.results;
    this.state = { ...state, results: { ...results, items: [] }, criteria: { site: '', q: '\u0000', agency: '' } };
    return results;
  }

  /**
   * Removes the rendered copy, so the app shows instead. Returns what the citizen had typed in its
   * search box if it differs from the search shown, and whether that box had the focus.
   */
  reveal(shownQuery: string): { typed: string | null; focused: boolean } {
    const copy = this.document.getElementById(PORTAL_HOME_PRERENDER_ID);
    this.document.getElementById(PORTAL_HOME_STATE_ID)?.remove();
    if (!copy) return { typed: null, focused: false };
    const input = copy.querySelector<HTMLInputElement>('input[name="q"]');
    const focused = input !== null && this.document.activeElement === input;
    const typed = input ? input.value.trim() : '';
    copy.remove();
    return { typed: input && typed !== shownQuery ? typed : null, focused };
  }
}

function readState(document: Document): PortalHomeState | null {
  const script = document.getElementById(PORTAL_HOME_STATE_ID);
  if (!script?.textContent) return null;
  try {
    // No age check: the page is revalidated on every load (no-cache), and a phone's clock may be off.
    const state = JSON.parse(script.textContent) as PortalHomeState;
    return Array.isArray(state.sites) && Array.isArray(state.results?.items) ? state : null;
  } catch {
    return null;
  }
}
