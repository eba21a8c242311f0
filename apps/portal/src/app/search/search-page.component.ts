import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, type Params } from '@angular/router';
import { PORTAL_SITE_COOKIE, type AgencyResponse, type SiteSummaryResponse } from '@mpp/contracts';
import { CatalogueApi, ErrorAlertComponent, TranslatePipe, readStorage, writeStorage } from '@mpp/ui';
import { catchError, of, switchMap } from 'rxjs';

import { LastSearchService } from './last-search.service';
import { PrerenderedHome } from './prerendered-home';
import { PORTAL_SITE_STORAGE_KEY, criteriaFromParams, sameCriteria } from './search-criteria';
import { SearchBoxComponent } from './search-box.component';
import { ServiceResultsComponent } from './service-results.component';
import { ServiceSearchStore } from './service-search.store';

/**
 * Home: choose the MPP, search its services, filter by agency. The URL (?site=&q=&agency=) is the
 * single source of the search, so a search can be shared and survives a reload.
 */
@Component({
  selector: 'portal-search-page',
  imports: [ErrorAlertComponent, SearchBoxComponent, ServiceResultsComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './search-page.component.html',
  styleUrl: './search-page.component.css',
})
export class SearchPageComponent {
  private readonly api = inject(CatalogueApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly store = inject(ServiceSearchStore);
  private readonly lastSearch = inject(LastSearchService);
  private readonly prerendered = inject(PrerenderedHome);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  private readonly queryParams = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly criteria = computed(() => criteriaFromParams(this.queryParams()), {
    equal: sameCriteria,
  });

  protected readonly sites = signal<SiteSummaryResponse[] | null>(null);
  protected readonly sitesError = signal<unknown>(null);

  /** The criteria, once the URL names a known site: nothing is searched before that. */
  private readonly activeCriteria = computed(
    () => {
      const criteria = this.criteria();
      return this.sites()?.some((site) => site.code === criteria.site) ? criteria : null;
    },
    { equal: sameCriteria },
  );
  private readonly activeSite = computed(() => this.activeCriteria()?.site ?? null);

  protected readonly agencies = toSignal(
    toObservable(this.activeSite).pipe(
      switchMap((site) =>
        site
          ? of(this.prerendered.agenciesFor(site)).pipe(
              switchMap((known) =>
                known ? of(known) : this.api.listAgencies(site).pipe(catchError(() => of<AgencyResponse[]>([]))),
              ),
            )
          : of([]),
      ),
    ),
    { initialValue: [] },
  );

  /** Whether the page has something to show in place of the home the API rendered. */
  private readonly settled = computed(() => {
    const status = this.store.status();
    return this.sitesError() !== null || this.sites()?.length === 0 || status === 'ready' || status === 'error';
  });

  constructor() {
    this.loadSites();

    // A missing or unknown site in the URL becomes the remembered one, else the first.
    effect(() => {
      const sites = this.sites();
      const requested = this.criteria().site;
      if (!sites || sites.length === 0 || sites.some((site) => site.code === requested)) {
        return;
      }
      const remembered = readStorage('local', PORTAL_SITE_STORAGE_KEY);
      const site = sites.find((candidate) => candidate.code === remembered) ?? sites[0];
      untracked(() => this.updateUrl({ site: site.code, agency: null }));
    });

    effect(() => {
      const criteria = this.activeCriteria();
      if (criteria) {
        untracked(() => {
          writeStorage('local', PORTAL_SITE_STORAGE_KEY, criteria.site);
          this.rememberSiteForServer(criteria.site);
          this.lastSearch.remember(criteria);
          this.store.search(criteria);
        });
      }
    });

    // Once this page shows its results, the copy the API rendered into index.html gives way to it.
    const revealWhenSettled = effect(() => {
      if (this.settled()) {
        revealWhenSettled.destroy();
        afterNextRender(() => this.revealApp(), { injector: this.injector });
      }
    });
  }

  protected loadSites(): void {
    const inlined = this.prerendered.takeSites();
    if (inlined) {
      this.sites.set(inlined);
      return;
    }
    this.sitesError.set(null);
    this.api.listSites().subscribe({
      next: (sites) => this.sites.set(sites),
      error: (error: unknown) => this.sitesError.set(error),
    });
  }

  protected onSearch(q: string): void {
    if (q !== this.criteria().q) {
      this.updateUrl({ q: q || null });
    }
  }

  protected onSiteChange(site: string): void {
    this.updateUrl({ site, agency: null });
  }

  protected onAgencyChange(agency: string): void {
    this.updateUrl({ agency: agency || null });
  }

  private revealApp(): void {
    const { typed, focused } = this.prerendered.reveal(this.criteria().q);
    if (typed !== null) this.onSearch(typed);
    if (focused) this.document.querySelector<HTMLInputElement>('[data-testid="search-input"]')?.focus();
  }

  /** A cookie the API reads to inline this MPP's services into the home next time (not personal). */
  private rememberSiteForServer(site: string): void {
    this.document.cookie = `${PORTAL_SITE_COOKIE}=${encodeURIComponent(site)}; path=/; max-age=31536000; samesite=lax`;
  }

  /** Search changes replace the history entry: Back leaves the page rather than undoing a letter. */
  private updateUrl(queryParams: Params): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams,
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }
}
