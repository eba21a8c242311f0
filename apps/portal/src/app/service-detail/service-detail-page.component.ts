import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { ServiceResponse } from '@mpp/contracts';
import {
  CatalogueApi,
  CompletionTimePipe,
  ErrorAlertComponent,
  I18nService,
  LocalizedPipe,
  PageTitleService,
  RupiahPipe,
  TranslatePipe,
  loadError,
  loadedValue,
  pickLocalized,
  toLoadState,
  type LoadState,
} from '@mpp/ui';
import { Subject, startWith, switchMap } from 'rxjs';

import { ApplicationLinkComponent } from '../application/application-link.component';
import { OnlineTicketLinkComponent } from '../online-ticket/online-ticket-link.component';
import { LastSearchService } from '../search/last-search.service';
import { RequirementListComponent } from './requirement-list.component';

/** `layanan/:id`: the service standard (Standar Pelayanan) as citizens need it. */
@Component({
  selector: 'portal-service-detail-page',
  imports: [
    ApplicationLinkComponent,
    CompletionTimePipe,
    ErrorAlertComponent,
    LocalizedPipe,
    OnlineTicketLinkComponent,
    RequirementListComponent,
    RouterLink,
    RupiahPipe,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './service-detail-page.component.html',
  styleUrl: './service-detail-page.component.css',
})
export class ServiceDetailPageComponent {
  private readonly api = inject(CatalogueApi);
  private readonly i18n = inject(I18nService);
  private readonly lastSearch = inject(LastSearchService);
  private readonly pageTitle = inject(PageTitleService);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  private readonly reloads = new Subject<void>();

  protected readonly state = toSignal(
    toObservable(this.id).pipe(
      switchMap((id) =>
        this.reloads.pipe(
          startWith(undefined),
          switchMap(() => this.api.getService(id).pipe(toLoadState())),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } as LoadState<ServiceResponse> },
  );

  protected readonly service = computed(() => loadedValue(this.state()));
  protected readonly error = computed(() => loadError(this.state()));

  protected readonly backParams = computed(() =>
    this.lastSearch.backParams(this.service()?.siteCode ?? null),
  );

  constructor() {
    effect(() => {
      const service = this.service();
      const lang = this.i18n.lang();
      this.pageTitle.setOverride(service ? pickLocalized(lang, service.name, service.nameEn) : null);
    });
    inject(DestroyRef).onDestroy(() => this.pageTitle.setOverride(null));
  }

  protected reload(): void {
    this.reloads.next();
  }
}
