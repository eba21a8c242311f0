import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import type { StaffRole } from '@mpp/contracts';
import { AppShellComponent, I18nService, TranslatePipe } from '@mpp/ui';

import { ADMIN_NAV_DICTIONARY } from './admin/admin-nav.dictionary';
import { isAdminRole } from './admin/admin-roles';
import { AuthSession } from './auth/auth-session.service';

const ROLE_KEYS: Readonly<Record<StaffRole, string>> = {
  system_admin: 'counter.role.system_admin',
  site_admin: 'counter.role.site_admin',
  agency_admin: 'counter.role.agency_admin',
  officer: 'counter.role.officer',
};

@Component({
  selector: 'counter-root',
  imports: [AppShellComponent, RouterLink, RouterLinkActive, RouterOutlet, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-app-shell [subtitle]="'counter.subtitle' | t">
      @if (session.signedIn()) {
        <nav uiShellNav class="nav" [attr.aria-label]="'counter.nav' | t">
          @if (sitsAtCounter()) {
            <a routerLink="/loket" routerLinkActive="nav--active" ariaCurrentWhenActive="page" data-testid="nav-counters">{{ 'counter.nav.counters' | t }}</a>
          }
          @if (handlesApplications()) {
            <a routerLink="/permohonan" routerLinkActive="nav--active" ariaCurrentWhenActive="page" data-testid="nav-applications">{{ 'counter.nav.applications' | t }}</a>
          }
          <a routerLink="/pengaduan" routerLinkActive="nav--active" ariaCurrentWhenActive="page" data-testid="nav-complaints">{{ 'counter.nav.complaints' | t }}</a>
          @if (supervises()) {
            <a routerLink="/pengawas" routerLinkActive="nav--active" ariaCurrentWhenActive="page" data-testid="nav-supervisor">{{ 'counter.nav.supervisor' | t }}</a>
          }
          @if (administers()) {
            <a routerLink="/admin" routerLinkActive="nav--active" ariaCurrentWhenActive="page" data-testid="nav-admin">{{ 'counter.nav.admin' | t }}</a>
            <a routerLink="/komando" routerLinkActive="nav--active" ariaCurrentWhenActive="page" data-testid="nav-command">{{ 'counter.nav.command' | t }}</a>
            <a routerLink="/laporan" routerLinkActive="nav--active" ariaCurrentWhenActive="page" data-testid="nav-reports">{{ 'counter.nav.reports' | t }}</a>
            <a routerLink="/audit" routerLinkActive="nav--active" ariaCurrentWhenActive="page" data-testid="nav-audit">{{ 'counter.nav.audit' | t }}</a>
          }
        </nav>
      }
      @if (session.user(); as user) {
        <span uiShellNav class="who">
          <span data-testid="staff-name">{{ user.fullName }}</span>
          <span class="who__role" data-testid="staff-role">{{ roleKey() | t }}</span>
        </span>
      }
      @if (session.signedIn()) {
        <button uiShellNav type="button" class="mpp-button logout" data-testid="logout" (click)="logout()">
          {{ 'counter.logout' | t }}
        </button>
      }
      <router-outlet />
    </ui-app-shell>
  `,
  styles: `
    :host {
      --ui-shell-width: 80rem;
    }
    .nav {
      display: flex;
      gap: var(--mpp-space-3);
    }
    .nav a {
      color: var(--mpp-color-on-primary);
      font-weight: 600;
    }
    .nav a.nav--active {
      text-decoration-thickness: 0.2em;
    }
    .who {
      display: flex;
      flex-direction: column;
      line-height: 1.2;
      font-weight: 600;
    }
    .who__role {
      font-size: 0.8125rem;
      font-weight: 400;
    }
    .logout {
      border-color: var(--mpp-color-on-primary);
      background: transparent;
      color: var(--mpp-color-on-primary);
    }
    .logout:hover {
      background: var(--mpp-color-on-primary);
      color: var(--mpp-color-primary);
    }
  `,
})
export class CounterApp {
  private readonly router = inject(Router);
  protected readonly session = inject(AuthSession);

  protected readonly roleKey = computed(() => {
    const role = this.session.user()?.role;
    return role ? ROLE_KEYS[role] : '';
  });
  protected readonly sitsAtCounter = computed(() => {
    const role = this.session.user()?.role;
    return role === 'officer' || role === 'agency_admin';
  });
  /** Agency staff (officers and agency admins) work their agency's applications. */
  protected readonly handlesApplications = computed(() => {
    const user = this.session.user();
    return (user?.role === 'officer' || user?.role === 'agency_admin') && !!user.agencyId;
  });
  protected readonly supervises = computed(() => {
    const role = this.session.user()?.role;
    return role !== undefined && role !== 'officer';
  });

  /** System, site and agency admins: the administration pages (apps/counter/src/app/admin). */
  protected readonly administers = computed(() => isAdminRole(this.session.user()?.role));

  constructor() {
    inject(I18nService).register(ADMIN_NAV_DICTIONARY);
  }

  protected logout(): void {
    this.session.clear();
    void this.router.navigate(['/login']);
  }
}
