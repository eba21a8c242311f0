import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import type { ClosureResponse, SiteResponse } from '@mpp/contracts';
import { CatalogueApi, ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';

import { AdminApi } from './admin-api.service';
import { AdminScope } from './admin-scope.service';
import { SiteHoursFormComponent } from './site-hours-form.component';

/**
 * `admin/situs` (site and system admins): the MPP's name and address, whether it closes on cuti
 * bersama, and its local closure days (added and removed here; national holidays and cuti bersama
 * come from the national calendar), the weekly hours with breaks and the facilities
 * (SiteHoursFormComponent). A rename shows at once in the pages' scope line (AdminScope.siteSaved).
 */
@Component({
  selector: 'counter-admin-site-page',
  imports: [ErrorAlertComponent, SiteHoursFormComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './site-page.component.html',
  styleUrl: './admin-page.css',
})
export class SitePageComponent {
  private readonly api = inject(AdminApi);
  private readonly catalogue = inject(CatalogueApi);
  private readonly i18n = inject(I18nService);
  protected readonly scope = inject(AdminScope);

  protected readonly site = signal<SiteResponse | null>(null);
  protected readonly loadError = signal<unknown>(null);
  protected readonly announcement = signal('');

  protected readonly name = signal('');
  protected readonly address = signal('');
  protected readonly cutiBersama = signal(false);
  protected readonly timeZone = signal('');
  /** The zones the API accepts (CreateSiteDto), with the name people use for them. */
  protected readonly zones = [
    { id: 'Asia/Jakarta', label: 'WIB (Asia/Jakarta)' },
    { id: 'Asia/Pontianak', label: 'WIB (Asia/Pontianak)' },
    { id: 'Asia/Makassar', label: 'WITA (Asia/Makassar)' },
    { id: 'Asia/Jayapura', label: 'WIT (Asia/Jayapura)' },
  ];
  protected readonly saving = signal(false);
  protected readonly saveError = signal<unknown>(null);

  protected readonly closureDate = signal('');
  protected readonly closureName = signal('');
  protected readonly adding = signal(false);
  protected readonly closureError = signal<unknown>(null);

  constructor() {
    effect(() => {
      const code = this.scope.siteCode();
      untracked(() => this.load(code));
    });
  }

  protected reload(): void {
    this.load(this.scope.siteCode());
  }

  private load(code: string | null, then?: () => void): void {
    this.loadError.set(null);
    if (!code) {
      this.site.set(null);
      return;
    }
    this.catalogue.getSite(code).subscribe({
      next: (site) => {
        this.show(site);
        then?.();
      },
      error: (error: unknown) => this.loadError.set(error),
    });
  }

  private show(site: SiteResponse): void {
    this.site.set(site);
    this.name.set(site.name);
    this.address.set(site.address);
    this.cutiBersama.set(site.closesOnCutiBersama);
    this.timeZone.set(site.timeZone);
  }

  protected formatDate(date: string): string {
    return new Intl.DateTimeFormat(this.i18n.locale(), { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T00:00:00Z`));
  }

  protected save(event: Event): void {
    event.preventDefault();
    const code = this.scope.siteCode();
    if (!code || this.saving()) return;
    this.saving.set(true);
    this.saveError.set(null);
    this.api.updateSite(code, { name: this.name().trim(), address: this.address().trim(), closesOnCutiBersama: this.cutiBersama(), timeZone: this.timeZone() }).subscribe({
      next: (site) => {
        this.saving.set(false);
        this.show(site);
        this.scope.siteSaved(site);
        this.announcement.set(this.i18n.t('admin.site.saved', { name: site.name }));
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.saveError.set(error);
      },
    });
  }

  protected hoursSaved(site: SiteResponse): void {
    this.show(site);
    this.scope.siteSaved(site);
    this.announcement.set(this.i18n.t('admin.site.hoursSaved', { days: site.openingHours.length, facilities: site.facilities.length }));
  }

  protected addClosure(event: Event): void {
    event.preventDefault();
    const code = this.scope.siteCode();
    if (!code || this.adding()) return;
    this.adding.set(true);
    this.closureError.set(null);
    this.api.addClosure(code, { date: this.closureDate(), name: this.closureName().trim() }).subscribe({
      next: (closure) => {
        this.adding.set(false);
        this.closureDate.set('');
        this.closureName.set('');
        this.load(code, () => this.announcement.set(this.i18n.t('admin.site.closureAdded', { name: closure.name, date: this.formatDate(closure.date) })));
      },
      error: (error: unknown) => {
        this.adding.set(false);
        this.closureError.set(error);
      },
    });
  }

  protected removeClosure(closure: ClosureResponse): void {
    const code = this.scope.siteCode();
    if (!code) return;
    this.closureError.set(null);
    this.api.removeClosure(code, closure.id).subscribe({
      next: () => this.load(code, () => this.announcement.set(this.i18n.t('admin.site.closureRemoved', { name: closure.name, date: this.formatDate(closure.date) }))),
      error: (error: unknown) => this.closureError.set(error),
    });
  }
}
