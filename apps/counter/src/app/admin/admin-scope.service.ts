import { Injectable, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { AgencyResponse, SiteResponse, SiteSummaryResponse } from '@mpp/contracts';
import { CatalogueApi, readStorage, writeStorage } from '@mpp/ui';
import { catchError, map, of, switchMap } from 'rxjs';

import { AuthSession } from '../auth/auth-session.service';

/** The system admin's chosen MPP, kept for the tab like the session. */
export const ADMIN_SITE_STORAGE_KEY = 'mpp.counter.admin.site';

/**
 * Who administers what on the admin pages: a site admin their MPP, an agency admin their agency
 * (in its MPP), a system admin the MPP they pick. Provided by the admin route, so every admin page
 * shares it.
 */
@Injectable()
export class AdminScope {
  private readonly catalogue = inject(CatalogueApi);
  private readonly session = inject(AuthSession);
  private readonly chosenSite = signal<string | null>(readStorage('session', ADMIN_SITE_STORAGE_KEY));

  readonly user = this.session.user;
  readonly role = computed(() => this.user()?.role ?? null);
  readonly choosesSite = computed(() => this.role() === 'system_admin');
  /** The MPP the pages work on; null while a system admin has not picked one. */
  readonly siteCode = computed(() => (this.choosesSite() ? this.chosenSite() : (this.user()?.siteCode ?? null)));
  /** The agency an agency admin is limited to; null for the others. */
  readonly agencyId = computed(() => (this.role() === 'agency_admin' ? (this.user()?.agencyId ?? null) : null));

  readonly sites = toSignal(
    toObservable(this.choosesSite).pipe(
      switchMap((choose) => (choose ? this.catalogue.listSites().pipe(catchError(() => of<SiteSummaryResponse[]>([]))) : of<SiteSummaryResponse[]>([]))),
    ),
    { initialValue: [] as SiteSummaryResponse[] },
  );
  private readonly loadedSite = toSignal(
    toObservable(this.siteCode).pipe(switchMap((code) => (code ? this.catalogue.getSite(code).pipe(catchError(() => of(null))) : of(null)))),
    { initialValue: null },
  );
  /** The MPP as last saved on these pages, so a rename shows in the scope line without a reload. */
  private readonly savedSite = signal<SiteResponse | null>(null);
  readonly site = computed(() => {
    const saved = this.savedSite();
    return saved && saved.code === this.siteCode() ? saved : this.loadedSite();
  });
  /** The MPP's agencies (all of them; `agencyId` says which one an agency admin may touch). */
  readonly agencies = toSignal(
    toObservable(this.siteCode).pipe(
      switchMap((code) => (code ? this.catalogue.listAgencies(code).pipe(catchError(() => of<AgencyResponse[]>([]))) : of<AgencyResponse[]>([]))),
      map((list) => [...list].sort((a, b) => a.name.localeCompare(b.name))),
    ),
    { initialValue: [] as AgencyResponse[] },
  );
  readonly agency = computed(() => this.agencies().find((a) => a.id === this.agencyId()) ?? null);
  readonly timeZone = computed(() => this.site()?.timeZone ?? 'Asia/Jakarta');

  /** Called by a page after the API saved the MPP. */
  siteSaved(site: SiteResponse): void {
    this.savedSite.set(site);
  }

  chooseSite(code: string | null): void {
    this.chosenSite.set(code || null);
    writeStorage('session', ADMIN_SITE_STORAGE_KEY, code || null);
  }

  agencyName(id: string | null): string | null {
    if (!id) return null;
    return this.agencies().find((a) => a.id === id)?.name ?? null;
  }
}
