import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { StaffRole } from '@mpp/contracts';
import { CatalogueApi, ErrorAlertComponent, TranslatePipe } from '@mpp/ui';
import { catchError, map, of, switchMap } from 'rxjs';

import { AuthApi } from '../auth/auth-api.service';
import { AuthSession } from '../auth/auth-session.service';

const ROLE_KEYS: Readonly<Record<StaffRole, string>> = {
  system_admin: 'counter.role.system_admin',
  site_admin: 'counter.role.site_admin',
  agency_admin: 'counter.role.agency_admin',
  officer: 'counter.role.officer',
};

/** Who is signed in: name, role and MPP. Refreshes the user from the API on arrival. */
@Component({
  selector: 'counter-home-page',
  imports: [ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './home-page.component.html',
  styleUrl: './home-page.component.css',
})
export class HomePageComponent {
  private readonly authApi = inject(AuthApi);
  private readonly catalogue = inject(CatalogueApi);
  private readonly session = inject(AuthSession);

  protected readonly user = this.session.user;
  protected readonly meError = signal<unknown>(null);
  protected readonly roleKey = computed(() => {
    const user = this.user();
    return user ? ROLE_KEYS[user.role] : null;
  });

  private readonly siteCode = computed(() => this.user()?.siteCode ?? null);
  /** The MPP's name; its code while loading or if the site cannot be read. */
  protected readonly siteName = toSignal(
    toObservable(this.siteCode).pipe(
      switchMap((code) =>
        code
          ? this.catalogue.getSite(code).pipe(
              map((site) => site.name),
              catchError(() => of(code)),
            )
          : of(null),
      ),
    ),
    { initialValue: null },
  );

  constructor() {
    this.refreshUser();
  }

  protected refreshUser(): void {
    this.meError.set(null);
    this.authApi.me().subscribe({
      next: (user) => this.session.updateUser(user),
      // A 401 is handled by the interceptor (back to login); show anything else.
      error: (error: unknown) => this.meError.set(error),
    });
  }
}
