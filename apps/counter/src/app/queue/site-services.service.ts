import { Injectable, inject } from '@angular/core';
import type { ServiceResponse, ServiceSummaryResponse, SiteResponse } from '@mpp/contracts';
import { CatalogueApi } from '@mpp/ui';
import { shareReplay, type Observable } from 'rxjs';

import { QueueApi } from './queue-api.service';

/**
 * The catalogue as the counter app needs it: a site (name, time zone), its services (names, agencies) and a service's
 * standard (its requirements). Both change rarely, so each is read once per session; a failed
 * read is forgotten so the next asks again.
 */
@Injectable({ providedIn: 'root' })
export class SiteServices {
  private readonly api = inject(QueueApi);
  private readonly catalogue = inject(CatalogueApi);
  private readonly sites = new Map<string, Observable<ServiceSummaryResponse[]>>();
  private readonly details = new Map<string, Observable<ServiceResponse>>();
  private readonly siteInfo = new Map<string, Observable<SiteResponse>>();

  /** The site itself: its name and time zone. */
  site(siteCode: string): Observable<SiteResponse> {
    return this.cached(this.siteInfo, siteCode, () => this.catalogue.getSite(siteCode));
  }

  ofSite(siteCode: string): Observable<ServiceSummaryResponse[]> {
    return this.cached(this.sites, siteCode, () => this.api.siteServices(siteCode));
  }

  detail(serviceId: string): Observable<ServiceResponse> {
    return this.cached(this.details, serviceId, () => this.catalogue.getService(serviceId));
  }

  private cached<T>(cache: Map<string, Observable<T>>, key: string, load: () => Observable<T>): Observable<T> {
    let entry = cache.get(key);
    if (!entry) {
      entry = load().pipe(shareReplay({ bufferSize: 1, refCount: false }));
      cache.set(key, entry);
      entry.subscribe({ error: () => cache.delete(key) });
    }
    return entry;
  }
}
