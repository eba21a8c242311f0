import type { AgencyResponse, Page, PortalHomeState, ServiceSummaryResponse, SiteSummaryResponse } from '@mpp/contracts';
import { PORTAL_HOME_PRERENDER_ID, PORTAL_HOME_STATE_ID, PORTAL_SEARCH_PAGE_SIZE, PORTAL_SITE_COOKIE } from '@mpp/contracts';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { CATALOGUE_CACHE_TTL_MS, type CatalogueCache } from './catalogue/catalogue-cache';
import type { ServiceCatalogService } from './catalogue/service-catalog.service';
import type { SitesService } from './catalogue/sites.service';
import { TtlCache } from './common/ttl-cache';

/**
 * The portal's home page with its first services in the HTML itself (issue 13: on Slow 3G each
 * round trip costs 2 s, so results fetched after the script came ~16 s after the tap).
 *
 * For a page request of `/` the API takes the built index.html and inserts, before `<portal-root>`:
 * - the page rendered as plain HTML (`#portal-prerender`): the header, a real GET form (MPP, search
 *   words, agency: it works without JavaScript) and the first 20 services as real links to their
 *   pages, with its few component styles; the app's own element stays hidden while it is there;
 * - the same answers as JSON (`<script type="application/json" id="portal-home-state">`), which
 *   the portal's search page starts from instead of asking the API again; it then removes the
 *   rendered copy and shows itself (apps/portal/src/app/search/prerendered-home.ts).
 * The global stylesheet (4 kB) is inlined too, so the first paint is styled without waiting for it.
 *
 * Only public catalogue data, the same for everyone: the URL's site/q/agency, else the MPP the
 * browser chose last (cookie `mpp_site`, set by the portal), else the first. `Cache-Control:
 * no-cache` with a weak ETag of the page (304 when unchanged), `Vary: Accept-Encoding, Cookie`.
 * The answers are kept in the catalogue's cache (5 s, forgotten when a catalogue row changes)
 * and each page's br/gzip bytes by its ETag. The texts are the portal dictionary's Indonesian ones
 * (the app re-renders in English when that is the citizen's choice);
 * tests/browser/portal-first-load.browser-spec.ts checks that both render the same services.
 */
export interface PortalHomeSources {
  sites: Pick<SitesService, 'list' | 'listAgencies'>;
  services: Pick<ServiceCatalogService, 'search'>;
  /** The catalogue's cache, forgotten with every catalogue change (by default a 5-second cache of its own). */
  cache?: Pick<CatalogueCache, 'get'>;
}

export interface RenderedPortalHome {
  html: Buffer;
  etag: string;
  br: Buffer;
  gzip: Buffer;
}

interface Criteria {
  site: string;
  q: string;
  agency: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_QUERY = 200;
/** A page's compressed bytes kept by ETag: the home of each site and the searches shared as links. */
const COMPRESSED_ENTRIES = 200;

/** The portal's Indonesian texts this page uses (apps/portal/src/app/portal.dictionary.ts, site/site.dictionary.ts, libs/ui's ui.dictionary.ts). */
const TEXT = {
  title: 'MPP Digital',
  subtitle: 'Informasi layanan Mal Pelayanan Publik',
  skip: 'Langsung ke konten utama',
  heading: 'Layanan apa yang Anda perlukan?',
  siteLabel: 'Pilih MPP',
  sitePage: 'Jam buka, lokasi dan fasilitas MPP',
  searchLabel: 'Cari layanan',
  placeholder: 'Contoh: KTP, paspor, SKCK',
  submit: 'Cari',
  agencyLabel: 'Instansi',
  allAgencies: 'Semua instansi',
  resultsHeading: 'Hasil pencarian',
  count: (n: number) => `${n} layanan ditemukan`,
  shown: (shown: number, total: number) => `Menampilkan ${shown} dari ${total} layanan`,
  empty: 'Layanan tidak ditemukan',
  emptyHint: 'Coba kata lain, periksa ejaan, atau pilih semua instansi.',
  fee: 'Biaya',
  time: 'Waktu',
  free: 'Gratis',
  minutes: (n: number) => `${n} menit`,
  workingDays: (n: number) => `${n} hari kerja`,
  calendarDays: (n: number) => `${n} hari kalender`,
};

/**
 * The styles of the app's components this page imitates (app shell header, search page, result
 * card). Cards below the first screen are laid out only when scrolled to (content-visibility), which
 * shortens the first paint on a slow phone.
 */
const PRERENDER_CSS = `#${PORTAL_HOME_PRERENDER_ID}~portal-root{display:none}
.pre{display:flex;flex-direction:column;min-height:100vh}
.pre-skip{position:absolute;left:.5rem;top:-10rem;z-index:10;padding:.5rem 1rem;background:var(--mpp-color-focus);color:var(--mpp-color-text);font-weight:700}
.pre-skip:focus{top:.5rem}
.pre-header{background:var(--mpp-color-primary);color:var(--mpp-color-on-primary)}
.pre-bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem;max-width:72rem;margin:0 auto;padding:.5rem 1rem}
.pre-brand{display:flex;flex-direction:column;line-height:1.2}.pre-langs{width:17.375rem;height:3rem}
.pre-title{font-size:1.25rem;font-weight:700}.pre-sub{font-size:.9375rem}
.pre-main{flex:1;width:100%}.pre-h1{margin-top:.5rem}
.pre-controls{display:grid;gap:.75rem}.pre-controls .mpp-field{margin-bottom:0}
.pre-box{display:flex;gap:.5rem}.pre-box .mpp-input{flex:1;min-width:0;font-size:1.125rem}
@media (min-width:40rem){.pre-controls{grid-template-columns:1fr 1fr}.pre-box{grid-column:1/-1;order:-1}}
.pre-status{margin:1rem 0 .75rem;color:var(--mpp-color-muted)}
.pre-status--empty{margin-bottom:.25rem;color:var(--mpp-color-text);font-size:1.125rem;font-weight:700}
.pre-list{display:grid;gap:.75rem}.pre-result{position:relative}
.pre-list>li:nth-child(n+4){content-visibility:auto;contain-intrinsic-size:auto 11rem}
.pre-result h3{margin-bottom:.25rem}.pre-result h3 a::after{content:'';position:absolute;inset:0}
.pre-agency{margin-bottom:.5rem;color:var(--mpp-color-muted);font-weight:600}.pre-summary{margin-bottom:.5rem}
.pre-facts{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:0}.pre-facts div{display:flex;gap:.5rem}
.pre-facts dt{color:var(--mpp-color-muted)}.pre-facts dt::after{content:':'}.pre-facts dd{margin:0;font-weight:700}`;

export class PortalHome {
  private readonly answers: Pick<CatalogueCache, 'get'>;
  private readonly compressed = new Map<string, { br: Buffer; gzip: Buffer }>();
  private readonly template: { head: string; beforeRoot: string; rest: string };

  constructor(
    indexHtml: string,
    private readonly sources: PortalHomeSources,
    /** The global stylesheet the build links to, inlined into the page (null: left linked). */
    readStylesheet: (href: string) => string | null,
  ) {
    this.template = splitTemplate(indexHtml, readStylesheet);
    const own = new TtlCache<string, unknown>(CATALOGUE_CACHE_TTL_MS, 1000);
    this.answers = sources.cache ?? { get: <T>(key: string, load: () => Promise<T>) => own.get(key, load) as Promise<T> };
  }

  /**
   * The home page for this request, or null when it has nothing to add (no site, an unknown one,
   * a malformed URL): the caller then serves the plain index.html, and the app asks the API.
   */
  async render(query: Record<string, unknown>, cookieHeader: string | undefined, pageUrl: string): Promise<RenderedPortalHome | null> {
    const criteria = criteriaOf(query, siteFromCookie(cookieHeader));
    if (!criteria) return null;
    const state = await this.answers.get(`portal-home:${JSON.stringify(criteria)}`, () => this.read(criteria));
    if (!state) return null;
    const html = Buffer.from(this.page(state, pageUrl), 'utf8');
    const etag = `W/"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
    let bytes = this.compressed.get(etag);
    if (!bytes) {
      bytes = {
        br: brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: html.length } }),
        gzip: gzipSync(html, { level: 9 }),
      };
      if (this.compressed.size >= COMPRESSED_ENTRIES) this.compressed.delete(this.compressed.keys().next().value as string);
      this.compressed.set(etag, bytes);
    }
    return { html, etag, ...bytes };
  }

  private async read(criteria: Criteria & { cookieSite: string | null }): Promise<PortalHomeState | null> {
    const sites = await this.sources.sites.list();
    if (sites.length === 0) return null;
    let site: SiteSummaryResponse | undefined;
    if (criteria.site) {
      site = sites.find((s) => s.code === criteria.site);
      if (!site) return null; // an unknown site in the URL: the app says so itself
    } else {
      site = sites.find((s) => s.code === criteria.cookieSite) ?? sites[0];
    }
    const agencies: AgencyResponse[] = await this.sources.sites.listAgencies(site.code);
    if (criteria.agency && !agencies.some((a) => a.code === criteria.agency)) return null;
    const results: Page<ServiceSummaryResponse> = await this.sources.services.search({
      site: site.code,
      agency: criteria.agency || undefined,
      q: criteria.q || undefined,
      page: 1,
      pageSize: PORTAL_SEARCH_PAGE_SIZE,
    });
    // Nothing that changes by itself (no time of reading): the same catalogue gives the same bytes, so the ETag holds.
    return { criteria: { site: site.code, q: criteria.q, agency: criteria.agency }, sites, agencies, results };
  }

  private page(state: PortalHomeState, pageUrl: string): string {
    const { head, beforeRoot, rest } = this.template;
    return `${head}${beforeRoot}${prerender(state, pageUrl)}${stateScript(state)}${rest}`;
  }
}

/** The URL's search, or the cookie's site for a home without one; null for a URL the app alone should answer. */
function criteriaOf(query: Record<string, unknown>, cookieSite: string | null): (Criteria & { cookieSite: string | null }) | null {
  const one = (name: string): string | null => {
    const value = query[name];
    if (value === undefined) return '';
    return typeof value === 'string' ? value : null;
  };
  const site = one('site');
  const q = one('q');
  const agency = one('agency');
  if (site === null || q === null || agency === null) return null;
  if ((site && !SLUG.test(site)) || (agency && !SLUG.test(agency)) || q.length > MAX_QUERY) return null;
  // An agency means nothing without its site (the API answers 400).
  if (agency && !site) return null;
  return { site, q: q.trim(), agency, cookieSite };
}

function siteFromCookie(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === PORTAL_SITE_COOKIE) {
      const site = value.join('=');
      return SLUG.test(site) && site.length <= 64 ? site : null;
    }
  }
  return null;
}

/**
 * The built index.html cut where the page goes (before `<portal-root>`), with the global
 * stylesheet's `<link>` (and its `<noscript>` twin) replaced by the stylesheet itself.
 */
function splitTemplate(indexHtml: string, readStylesheet: (href: string) => string | null): { head: string; beforeRoot: string; rest: string } {
  let html = indexHtml;
  const link = /<link rel="stylesheet" href="(styles-[A-Za-z0-9]+\.css)"[^>]*>(<noscript><link rel="stylesheet" href="\1"><\/noscript>)?/.exec(html);
  const css = link ? readStylesheet(link[1]) : null;
  if (link && css !== null) html = html.replace(link[0], `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`);
  const headEnd = html.indexOf('</head>');
  const root = html.indexOf('<portal-root');
  if (headEnd < 0 || root < headEnd) throw new Error('the portal index.html has no </head> before <portal-root>');
  return {
    head: `${html.slice(0, headEnd)}<style>${PRERENDER_CSS}</style>`,
    beforeRoot: html.slice(headEnd, root),
    rest: html.slice(root),
  };
}

function prerender(state: PortalHomeState, pageUrl: string): string {
  const { criteria, sites, agencies, results } = state;
  const siteOptions = sites.map((s) => `<option value="${attr(s.code)}"${s.code === criteria.site ? ' selected' : ''}>${text(s.name)}</option>`).join('');
  const agencyOptions =
    `<option value=""${criteria.agency ? '' : ' selected'}>${TEXT.allAgencies}</option>` +
    agencies.map((a) => `<option value="${attr(a.code)}"${a.code === criteria.agency ? ' selected' : ''}>${text(a.shortName)} · ${text(a.name)}</option>`).join('');
  const shown = results.items.length;
  const status = results.total === 0 ? TEXT.empty : shown < results.total ? TEXT.shown(shown, results.total) : TEXT.count(results.total);
  const list = results.items.map((s, i) => `<li>${serviceCard(s, i === 0)}</li>`).join('');
  return (
    `<div id="${PORTAL_HOME_PRERENDER_ID}" class="pre">` +
    `<a class="pre-skip" href="${attr(pageUrl)}#pre-main">${TEXT.skip}</a>` +
    // The language switcher's place kept empty (it needs the app), so the page does not move when the app shows.
    `<header class="pre-header"><div class="pre-bar"><div class="pre-brand"><span class="pre-title">${TEXT.title}</span><span class="pre-sub">${TEXT.subtitle}</span></div><div class="pre-langs"></div></div></header>` +
    `<main id="pre-main" class="pre-main" tabindex="-1"><section class="mpp-container">` +
    `<h1 class="pre-h1">${TEXT.heading}</h1>` +
    `<form class="pre-controls" action="/" method="get" role="search">` +
    `<div class="mpp-field"><label class="mpp-label" for="pre-site">${TEXT.siteLabel}</label><select id="pre-site" name="site" class="mpp-select">${siteOptions}</select>` +
    `<a href="/mpp/${attr(criteria.site)}">${TEXT.sitePage}</a></div>` +
    `<div class="pre-box"><input type="search" name="q" class="mpp-input" autocomplete="off" enterkeyhint="search" aria-label="${TEXT.searchLabel}" placeholder="${TEXT.placeholder}" value="${attr(criteria.q)}">` +
    `<button type="submit" class="mpp-button mpp-button--primary">${TEXT.submit}</button></div>` +
    `<div class="mpp-field"><label class="mpp-label" for="pre-agency">${TEXT.agencyLabel}</label><select id="pre-agency" name="agency" class="mpp-select">${agencyOptions}</select></div>` +
    `</form>` +
    `<section aria-labelledby="pre-results-heading"><h2 id="pre-results-heading" class="mpp-visually-hidden">${TEXT.resultsHeading}</h2>` +
    `<p class="pre-status${results.total === 0 ? ' pre-status--empty' : ''}" role="status">${text(status)}</p>` +
    (results.total === 0 ? `<p>${TEXT.emptyHint}</p>` : `<ul class="mpp-list-plain pre-list">${list}</ul>`) +
    `</section></section></main></div>`
  );
}

function serviceCard(s: ServiceSummaryResponse, first: boolean): string {
  // elementtiming: the bench reads when the first service was painted (Element Timing API; Chromium
  // reports text by its block, so the heading carries it, not the link).
  return (
    `<article class="mpp-card pre-result"><h3${first ? ' elementtiming="service"' : ''}><a href="/layanan/${encodeURIComponent(s.id)}">${text(s.name)}</a></h3>` +
    `<p class="pre-agency" title="${attr(s.agency.name)}">${text(s.agency.shortName)}</p>` +
    `<p class="pre-summary">${text(s.summary)}</p>` +
    `<dl class="pre-facts"><div><dt>${TEXT.fee}</dt><dd>${text(fee(s.fee))}</dd></div><div><dt>${TEXT.time}</dt><dd>${text(completionTime(s.completionTime))}</dd></div></dl></article>`
  );
}

/** libs/ui's formatRupiah in Indonesian: "Gratis", "Rp30.000". */
function fee(value: ServiceSummaryResponse['fee']): string {
  if (value.free || value.amount === 0) return TEXT.free;
  const amount = Math.round(Math.abs(value.amount));
  return `${value.amount < 0 ? '-' : ''}Rp${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}

/** libs/ui's formatCompletionTime in Indonesian. */
function completionTime(time: ServiceSummaryResponse['completionTime']): string {
  switch (time.unit) {
    case 'minutes':
      return TEXT.minutes(time.value);
    case 'working_days':
      return TEXT.workingDays(time.value);
    case 'calendar_days':
      return TEXT.calendarDays(time.value);
  }
}

/** The JSON as a data block: `<` escaped so no text in it can close the script element. */
function stateScript(state: PortalHomeState): string {
  const json = JSON.stringify(state).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<script type="application/json" id="${PORTAL_HOME_STATE_ID}">${json}</script>`;
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;');
}
