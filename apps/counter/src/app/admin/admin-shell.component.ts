import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@mpp/ui';

import { AdminScope } from './admin-scope.service';
import { ScopeLineComponent } from './scope-line.component';
import { SiteSelectComponent } from './site-select.component';

interface AdminSection {
  path: string;
  key: string;
  /** Sections an agency admin does not administer (the API refuses them too). */
  siteOnly: boolean;
  /** Sections only a system admin administers (the national calendar). */
  systemOnly?: boolean;
}

/** The administration sections built so far, in the order of the issue. */
export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { path: 'situs', key: 'admin.nav.site', siteOnly: true },
  { path: 'layanan', key: 'admin.nav.services', siteOnly: false },
  { path: 'loket', key: 'admin.nav.counters', siteOnly: true },
  { path: 'petugas', key: 'admin.nav.staff', siteOnly: false },
  { path: 'perangkat', key: 'admin.nav.devices', siteOnly: true },
  { path: 'kebijakan', key: 'admin.nav.policies', siteOnly: true },
  { path: 'kalender', key: 'admin.nav.calendar', siteOnly: true, systemOnly: true },
];

/**
 * `admin`: the administration pages' frame: the sections' menu, whose MPP (and agency) the pages
 * work on, and the system admin's choice of MPP.
 */
@Component({
  selector: 'counter-admin-shell',
  imports: [RouterLink, RouterLinkActive, RouterOutlet, ScopeLineComponent, SiteSelectComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="admin">
      <header class="admin__head">
        <div>
          <h1 class="admin__title">{{ 'admin.heading' | t }}</h1>
          <p class="mpp-muted admin__scope" data-testid="admin-scope">
            <counter-scope-line agencyKey="admin.scope.agency" siteKey="admin.scope.site" systemKey="admin.scope.system" />
          </p>
        </div>
        @if (scope.choosesSite()) {
          <div class="admin__site-pick">
            <counter-site-select selectId="admin-site" label="admin.site" placeholder="admin.chooseSite" />
          </div>
        }
      </header>
      <nav class="admin__nav" [attr.aria-label]="'admin.nav' | t">
        <ul class="mpp-list-plain admin__nav-list">
          @for (section of sections(); track section.path) {
            <li>
              <a [routerLink]="section.path" routerLinkActive="admin__nav--active" ariaCurrentWhenActive="page" [attr.data-testid]="'admin-nav-' + section.path">{{ section.key | t }}</a>
            </li>
          }
        </ul>
      </nav>
      <div class="admin__body">
        <router-outlet />
      </div>
    </div>
  `,
  styles: `
    :host {
      display: block;
      max-width: 80rem;
      margin: 0 auto;
      padding: var(--mpp-space-4);
    }
    .admin__head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: flex-end;
      gap: var(--mpp-space-3);
    }
    .admin__title {
      margin-bottom: var(--mpp-space-1);
    }
    .admin__scope {
      margin: 0;
    }
    .admin__nav {
      margin: var(--mpp-space-4) 0;
      border-bottom: 2px solid var(--mpp-color-border);
    }
    .admin__nav-list {
      display: flex;
      flex-wrap: wrap;
      gap: var(--mpp-space-1);
    }
    .admin__nav-list a {
      display: inline-block;
      padding: var(--mpp-space-2) var(--mpp-space-3);
      color: var(--mpp-color-primary);
      font-weight: 600;
      text-decoration: none;
      border-bottom: 4px solid transparent;
      margin-bottom: -2px;
    }
    .admin__nav-list a:hover,
    .admin__nav-list a:focus-visible {
      text-decoration: underline;
    }
    .admin__nav-list a.admin__nav--active {
      border-bottom-color: var(--mpp-color-primary);
    }
  `,
})
export class AdminShellComponent {
  protected readonly scope = inject(AdminScope);
  protected readonly sections = computed(() =>
    ADMIN_SECTIONS.filter(
      (section) =>
        (!section.siteOnly || this.scope.role() !== 'agency_admin') && (!section.systemOnly || this.scope.role() === 'system_admin'),
    ),
  );
}
