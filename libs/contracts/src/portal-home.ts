import type { AgencyResponse, Page, ServiceSummaryResponse, SiteSummaryResponse } from './catalogue';

/**
 * The portal's home page as the API inlines it into index.html (apps/api/src/portal-home.ts), so a
 * phone on a slow network sees the first services with the HTML itself and the app starts from
 * them instead of asking again: the same answers as GET /sites, /sites/{site}/agencies and
 * /services?site=&q=&agency=&page=1&pageSize=20. Public catalogue data only, never personal data.
 */
export interface PortalHomeState {
  /** The search these answers are for: the URL's, or the site the server chose when it named none. */
  criteria: { site: string; q: string; agency: string };
  sites: SiteSummaryResponse[];
  /** The agencies of `criteria.site`. */
  agencies: AgencyResponse[];
  /** The first page of the search. */
  results: Page<ServiceSummaryResponse>;
}

/** Ids in the served index.html: the JSON (a `<script type="application/json">`) and the rendered page. */
export const PORTAL_HOME_STATE_ID = 'portal-home-state';
export const PORTAL_HOME_PRERENDER_ID = 'portal-prerender';
/** The cookie the portal sets with the MPP last chosen, so the server can inline that one (not personal). */
export const PORTAL_SITE_COOKIE = 'mpp_site';
/** Results per page, the same for the server's first page and the portal's "load more". */
export const PORTAL_SEARCH_PAGE_SIZE = 20;
