import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import type { AgencyResponse, RetiredServiceResponse, ServiceResponse } from '@mpp/contracts';
import { CompletionTimePipe, ErrorAlertComponent, I18nService, LocalizedPipe, RupiahPipe, TranslatePipe } from '@mpp/ui';
import { type Observable, forkJoin, map, of, switchMap } from 'rxjs';

import { AdminScope } from '../admin-scope.service';
import { AdminDialogComponent } from '../confirm-dialog.component';
import { ServicesAdminApi } from './services-admin-api.service';
import {
  type AgencyDraft,
  type ServiceDraft,
  agencyBodyOf,
  agencyDraftOf,
  emptyAgencyDraft,
  emptyServiceDraft,
  serviceBodyOf,
  serviceDraftOf,
} from './service-draft';
import { ServiceFormComponent } from './service-form.component';

export interface AgencyBlock {
  agency: AgencyResponse;
  services: ServiceResponse[];
  retired: RetiredServiceResponse[];
}

type Editing =
  | { kind: 'agency'; agency: AgencyResponse | null; draft: AgencyDraft }
  | { kind: 'service'; agency: AgencyResponse; service: ServiceResponse | null; draft: ServiceDraft };

type Retiring = { kind: 'agency'; agency: AgencyResponse } | { kind: 'service'; service: ServiceResponse };

/**
 * `admin/layanan`: the agencies of the MPP with their active services (an agency admin: their
 * agency only). Site and system admins create, edit and retire agencies; every admin in scope
 * creates, edits (the full service standard, with a citizen's preview) and retires services. The
 * API decides; the page offers only what the role may do and shows the API's words when it refuses.
 */
@Component({
  selector: 'counter-admin-services',
  imports: [AdminDialogComponent, CompletionTimePipe, ErrorAlertComponent, LocalizedPipe, RupiahPipe, ServiceFormComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './services-page.component.html',
  styleUrls: ['../admin-page.css', './services-page.css'],
})
export class ServicesPageComponent {
  private readonly api = inject(ServicesAdminApi);
  private readonly i18n = inject(I18nService);
  protected readonly scope = inject(AdminScope);

  protected readonly managesAgencies = computed(() => this.scope.role() === 'site_admin' || this.scope.role() === 'system_admin');
  protected readonly blocks = signal<AgencyBlock[] | null>(null);
  protected readonly loadError = signal<unknown>(null);
  protected readonly announcement = signal('');

  protected readonly editing = signal<Editing | null>(null);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<unknown>(null);

  protected readonly retiring = signal<Retiring | null>(null);
  protected readonly acting = signal(false);
  protected readonly retireError = signal<unknown>(null);
  protected readonly retireHeading = computed(() => {
    const r = this.retiring();
    return r?.kind === 'agency' ? this.i18n.t('admin.services.retireAgencyHeading') : this.i18n.t('admin.services.retireHeading');
  });

  constructor() {
    effect(() => {
      const site = this.scope.siteCode();
      const agencyId = this.scope.agencyId();
      untracked(() => this.load(site, agencyId));
    });
  }

  protected reload(then?: () => void): void {
    this.load(this.scope.siteCode(), this.scope.agencyId(), then);
  }

  private load(site: string | null, agencyId: string | null, then?: () => void): void {
    this.loadError.set(null);
    if (!site) {
      this.blocks.set([]);
      return;
    }
    this.api
      .agencies(site)
      .pipe(
        map((list) => list.filter((a) => !agencyId || a.id === agencyId).sort((a, b) => a.name.localeCompare(b.name))),
        switchMap((agencies) => (agencies.length === 0 ? of<AgencyBlock[]>([]) : forkJoin(agencies.map((agency) => this.blockOf(site, agency))))),
      )
      .subscribe({
        next: (blocks) => {
          this.blocks.set(blocks);
          then?.();
        },
        error: (error: unknown) => this.loadError.set(error),
      });
  }

  private blockOf(site: string, agency: AgencyResponse): Observable<AgencyBlock> {
    const active = this.api.services(site, agency.code).pipe(
      switchMap((page) => (page.items.length === 0 ? of<ServiceResponse[]>([]) : forkJoin(page.items.map((s) => this.api.service(s.id))))),
      map((services) => services.sort((a, b) => a.queue.ticketPrefix.localeCompare(b.queue.ticketPrefix) || a.name.localeCompare(b.name))),
    );
    return forkJoin({ services: active, retired: this.api.retiredServices(agency.id) }).pipe(map(({ services, retired }) => ({ agency, services, retired })));
  }

  protected newAgency(): void {
    this.open({ kind: 'agency', agency: null, draft: emptyAgencyDraft() });
  }

  protected editAgency(agency: AgencyResponse): void {
    this.open({ kind: 'agency', agency, draft: agencyDraftOf(agency) });
  }

  protected newService(agency: AgencyResponse): void {
    this.open({ kind: 'service', agency, service: null, draft: emptyServiceDraft() });
  }

  protected editService(agency: AgencyResponse, service: ServiceResponse): void {
    this.open({ kind: 'service', agency, service, draft: serviceDraftOf(service) });
  }

  private open(editing: Editing): void {
    this.saveError.set(null);
    this.editing.set(editing);
    // The form's heading takes the focus: the keyboard goes on from the top of the form.
    setTimeout(() => document.getElementById(editing.kind === 'agency' ? 'agency-form-title' : 'service-form-title')?.focus());
  }

  protected closeForm(): void {
    this.editing.set(null);
  }

  protected setAgencyField(key: keyof AgencyDraft, value: string): void {
    this.editing.update((e) => (e?.kind === 'agency' ? { ...e, draft: { ...e.draft, [key]: value } } : e));
  }

  protected saveAgency(event: Event): void {
    event.preventDefault();
    const e = this.editing();
    const site = this.scope.siteCode();
    if (e?.kind !== 'agency' || !site || this.saving()) return;
    const body = agencyBodyOf(e.draft);
    const request = e.agency ? this.api.updateAgency(e.agency.id, body) : this.api.createAgency(site, { ...body, code: e.draft.code.trim() });
    this.saving.set(true);
    this.saveError.set(null);
    request.subscribe({
      next: (agency) => this.saved(this.i18n.t('admin.services.agencySaved', { name: agency.name })),
      error: (error: unknown) => this.failed(error),
    });
  }

  protected saveService(draft: ServiceDraft): void {
    const e = this.editing();
    if (e?.kind !== 'service' || this.saving()) return;
    const body = serviceBodyOf(draft);
    const request = e.service
      ? this.api.updateService(e.service.id, { ...body, requirementsVersion: e.service.requirementsVersion })
      : this.api.createService(e.agency.id, { ...body, code: draft.code.trim() });
    this.saving.set(true);
    this.saveError.set(null);
    request.subscribe({
      next: (service) => this.saved(this.i18n.t('admin.services.saved', { name: service.name })),
      error: (error: unknown) => this.failed(error),
    });
  }

  private saved(message: string): void {
    this.saving.set(false);
    this.editing.set(null);
    this.reload(() => this.announcement.set(message));
  }

  private failed(error: unknown): void {
    this.saving.set(false);
    this.saveError.set(error);
  }

  protected askRetireAgency(agency: AgencyResponse): void {
    this.retireError.set(null);
    this.retiring.set({ kind: 'agency', agency });
  }

  protected askRetireService(service: ServiceResponse): void {
    this.retireError.set(null);
    this.retiring.set({ kind: 'service', service });
  }

  protected closeDialog(): void {
    this.retiring.set(null);
  }

  protected retire(): void {
    const r = this.retiring();
    if (!r || this.acting()) return;
    const name = r.kind === 'agency' ? r.agency.name : r.service.name;
    const request = r.kind === 'agency' ? this.api.retireAgency(r.agency.id) : this.api.retireService(r.service.id);
    this.acting.set(true);
    this.retireError.set(null);
    request.subscribe({
      next: () => {
        this.acting.set(false);
        this.retiring.set(null);
        const editing = this.editing();
        if (editing && ((editing.kind === 'service' && editing.service?.id === (r.kind === 'service' ? r.service.id : null)) || (r.kind === 'agency' && editing.agency?.id === r.agency.id))) {
          this.editing.set(null);
        }
        this.reload(() => this.announcement.set(this.i18n.t('admin.services.retired', { name })));
      },
      error: (error: unknown) => {
        this.acting.set(false);
        this.retireError.set(error);
      },
    });
  }

  protected formatDate(iso: string): string {
    return new Intl.DateTimeFormat(this.i18n.locale(), { timeZone: this.scope.timeZone(), day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
  }

  protected timeOf(s: ServiceResponse): string {
    return s.completionTimeSource === 'service' ? '' : this.i18n.t('admin.services.completion.legalShort');
  }
}
