import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { RequirementResponse, ServiceSummaryResponse } from '@mpp/contracts';
import {
  CatalogueApi,
  ErrorAlertComponent,
  TranslatePipe,
  loadError,
  loadedValue,
  toLoadState,
  type LoadState,
} from '@mpp/ui';
import { EMPTY, Subject, catchError, from, map, mergeMap, of, scan, startWith, switchMap } from 'rxjs';

import { KioskSiteStore } from '../site/kiosk-site.store';
import { ServiceTileComponent, type MandatoryRequirements } from './service-tile.component';

/** How many service details are fetched at once. */
const DETAIL_CONCURRENCY = 4;
/** The API's largest page: an agency at one MPP has far fewer services. */
const SERVICES_PAGE_SIZE = 100;

/** `instansi/:agencyCode`: the agency's services as tiles, each with what to bring. */
@Component({
  selector: 'kiosk-agency-services-page',
  imports: [ErrorAlertComponent, RouterLink, ServiceTileComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agency-services-page.component.html',
  styleUrl: './agency-services-page.component.css',
})
export class AgencyServicesPageComponent {
  private readonly api = inject(CatalogueApi);
  private readonly store = inject(KioskSiteStore);
  private readonly reloads = new Subject<void>();

  /** Route parameter `:agencyCode`. */
  readonly agencyCode = input.required<string>();

  protected readonly agency = computed(() =>
    (loadedValue(this.store.agencies()) ?? []).find((agency) => agency.code === this.agencyCode()),
  );

  private readonly query = computed(() => ({ site: this.store.siteCode(), agency: this.agencyCode() }));

  protected readonly services = toSignal(
    toObservable(this.query).pipe(
      switchMap(({ site, agency }) =>
        this.reloads.pipe(
          startWith(undefined),
          switchMap(() =>
            this.api
              .searchServices({ site: site ?? undefined, agency, pageSize: SERVICES_PAGE_SIZE })
              .pipe(
                map((page) => page.items),
                toLoadState(),
              ),
          ),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } as LoadState<ServiceSummaryResponse[]> },
  );

  protected readonly list = computed(() => loadedValue(this.services()));
  protected readonly error = computed(() => loadError(this.services()));

  /**
   * Mandatory requirements per service id, filled in as each service's standard arrives (the
   * list endpoint does not carry requirements). Missing = loading, null = could not load.
   */
  protected readonly requirements = toSignal(
    toObservable(this.list).pipe(
      switchMap((services) =>
        services
          ? from(services).pipe(
              mergeMap(
                (service) =>
                  this.api.getService(service.id).pipe(
                    map((detail): [string, MandatoryRequirements] => [
                      service.id,
                      detail.requirements.filter((requirement) => requirement.mandatory),
                    ]),
                    catchError(() => of<[string, MandatoryRequirements]>([service.id, null])),
                  ),
                DETAIL_CONCURRENCY,
              ),
              scan(
                (known, [id, requirements]) => new Map(known).set(id, requirements),
                new Map<string, RequirementResponse[] | null>(),
              ),
              startWith(new Map<string, MandatoryRequirements>()),
            )
          : EMPTY,
      ),
    ),
    { initialValue: new Map<string, MandatoryRequirements>() },
  );

  protected reload(): void {
    this.reloads.next();
  }
}
