import { ChangeDetectionStrategy, Component, ElementRef, afterNextRender, computed, effect, inject, signal, untracked, viewChild } from '@angular/core';
import { SECOND_FACTOR_ROLES, type StaffRole, type StaffUserResponse } from '@mpp/contracts';
import { ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';

import { AdminApi, type NewStaffUser } from './admin-api.service';
import { MANAGEABLE_ROLES, needsAgency } from './admin-roles';
import { AdminScope } from './admin-scope.service';
import { AdminDialogComponent } from './confirm-dialog.component';
import { CountersStaffApi } from './counters-staff-api.service';

/** What the open dialog is about: a new password, turning an account off or on, or clearing an administrator's authenticator. */
type StaffAction = { kind: 'password' | 'disable' | 'enable' | 'secondFactor'; user: StaffUserResponse };

/** Words for each role (the app's own dictionary has them: counter.role.*). */
const ROLE_KEYS: Readonly<Record<StaffRole, string>> = {
  system_admin: 'counter.role.system_admin',
  site_admin: 'counter.role.site_admin',
  agency_admin: 'counter.role.agency_admin',
  officer: 'counter.role.officer',
};

/**
 * `admin/petugas`: the staff accounts in the admin's scope (the API decides which: a site admin
 * their MPP's, an agency admin their agency's); create one with a role the admin may give, turn
 * one off or on, give one a new password. Turning off and a new password end the account's
 * sessions at once (the API does), and the screen says so before. System and site admins reset an
 * enrolled administrator's second factor (a lost phone): the dialog says they enrol again at their
 * next sign-in.
 */
@Component({
  selector: 'counter-admin-staff-page',
  imports: [AdminDialogComponent, ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './staff-page.component.html',
  styleUrl: './admin-page.css',
})
export class StaffPageComponent {
  private readonly api = inject(AdminApi);
  private readonly secondFactor = inject(CountersStaffApi);
  private readonly i18n = inject(I18nService);
  protected readonly scope = inject(AdminScope);
  protected readonly roleKeys = ROLE_KEYS;

  protected readonly users = signal<StaffUserResponse[] | null>(null);
  protected readonly loadError = signal<unknown>(null);

  /** The list for the scope: a system admin sees the chosen MPP's accounts and the system admins. */
  protected readonly shown = computed(() => {
    const users = this.users();
    const site = this.scope.siteCode();
    if (!users || !this.scope.choosesSite() || !site) return users;
    return users.filter((u) => u.siteCode === site || u.role === 'system_admin');
  });
  protected readonly roles = computed(() => {
    const role = this.scope.role();
    return role ? MANAGEABLE_ROLES[role] : [];
  });

  // The new account's form.
  protected readonly fullName = signal('');
  protected readonly email = signal('');
  protected readonly role = signal<StaffRole>('officer');
  protected readonly agencyId = signal('');
  protected readonly password = signal('');
  protected readonly creating = signal(false);
  protected readonly createError = signal<unknown>(null);
  protected readonly announcement = signal('');
  protected readonly needsAgency = computed(() => needsAgency(this.role()));
  /** An agency admin creates accounts of their own agency only: no choice to make. */
  protected readonly fixedAgency = computed(() => this.scope.agency());

  // The dialog.
  protected readonly action = signal<StaffAction | null>(null);
  protected readonly newPassword = signal('');
  protected readonly acting = signal(false);
  protected readonly actionError = signal<unknown>(null);

  private readonly nameInput = viewChild<ElementRef<HTMLInputElement>>('nameInput');
  private readonly newPasswordInput = viewChild<ElementRef<HTMLInputElement>>('newPasswordInput');

  constructor() {
    this.load();
    // The first role offered is the lowest one: officers are most of the accounts.
    effect(() => {
      const roles = this.roles();
      if (roles.length > 0 && !roles.includes(untracked(this.role))) this.role.set(roles[roles.length - 1]);
    });
    afterNextRender(() => this.nameInput()?.nativeElement.focus());
  }

  protected load(): void {
    this.loadError.set(null);
    this.api.listUsers().subscribe({
      next: (users) => this.users.set(users),
      error: (error: unknown) => this.loadError.set(error),
    });
  }

  protected t(key: string, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }

  protected agencyOf(user: StaffUserResponse): string {
    if (!user.agencyId) return this.t(user.siteCode ? 'admin.staff.wholeSite' : 'admin.staff.allSites');
    return this.scope.agencyName(user.agencyId) ?? this.t('admin.staff.otherAgency');
  }

  /** The admin may act on this account: a role below theirs (the API checks the scope) and not themselves. */
  protected manageable(user: StaffUserResponse): boolean {
    return this.roles().includes(user.role) && user.id !== this.scope.user()?.id;
  }

  /**
   * The API's rule for POST /admin/users/{id}/second-factor/reset: a system admin resets any other
   * administrator's, a site admin their MPP's agency admins' (the list holds only their MPP's).
   * Offered only once the person has enrolled: before that there is nothing to clear.
   */
  protected canResetSecondFactor(user: StaffUserResponse): boolean {
    const role = this.scope.role();
    if (user.id === this.scope.user()?.id || !user.secondFactorEnrolled || !SECOND_FACTOR_ROLES.includes(user.role)) return false;
    return role === 'system_admin' || (role === 'site_admin' && user.role === 'agency_admin');
  }

  protected dialogHeading(): string {
    const action = this.action();
    if (!action) return '';
    const key = action.kind === 'secondFactor' ? 'cs.staff.resetSecondFactorTitle' : `admin.staff.dialog.${action.kind}`;
    return this.t(key, { name: action.user.fullName });
  }

  protected create(event: Event): void {
    event.preventDefault();
    if (this.creating()) return;
    const role = this.role();
    const request: NewStaffUser = {
      fullName: this.fullName().trim(),
      email: this.email().trim(),
      password: this.password(),
      role,
    };
    if (needsAgency(role)) {
      const agencyId = this.fixedAgency()?.id ?? this.agencyId();
      if (agencyId) request.agencyId = agencyId;
    }
    if (role === 'site_admin') {
      const site = this.scope.siteCode();
      if (site) request.siteCode = site;
    }
    this.creating.set(true);
    this.createError.set(null);
    this.api.createUser(request).subscribe({
      next: (user) => {
        this.creating.set(false);
        // At once at the end, then in the API's order (by name, as the database sorts).
        this.users.update((users) => [...(users ?? []), user]);
        this.load();
        this.fullName.set('');
        this.email.set('');
        this.password.set('');
        this.announcement.set(this.t('admin.staff.created', { name: user.fullName, role: this.t(ROLE_KEYS[user.role]) }));
        this.nameInput()?.nativeElement.focus();
      },
      error: (error: unknown) => {
        this.creating.set(false);
        this.createError.set(error);
      },
    });
  }

  protected open(kind: StaffAction['kind'], user: StaffUserResponse): void {
    this.newPassword.set('');
    this.actionError.set(null);
    this.action.set({ kind, user });
    if (kind === 'password') setTimeout(() => this.newPasswordInput()?.nativeElement.focus());
  }

  protected closeDialog(): void {
    if (!this.acting()) this.action.set(null);
  }

  protected confirm(event: Event): void {
    event.preventDefault();
    const action = this.action();
    if (!action || this.acting()) return;
    this.acting.set(true);
    this.actionError.set(null);
    const request =
      action.kind === 'secondFactor'
        ? this.secondFactor.resetSecondFactor(action.user.id)
        : this.api.updateUser(action.user.id, action.kind === 'password' ? { password: this.newPassword() } : { active: action.kind === 'enable' });
    request.subscribe({
      next: (user) => {
        this.acting.set(false);
        this.users.update((users) => (users ?? []).map((u) => (u.id === user.id ? user : u)));
        this.action.set(null);
        this.newPassword.set('');
        const key = { password: 'admin.staff.passwordSet', disable: 'admin.staff.disabled', enable: 'admin.staff.enabled', secondFactor: 'cs.staff.secondFactorReset' }[action.kind];
        this.announcement.set(this.t(key, { name: user.fullName }));
      },
      error: (error: unknown) => {
        this.acting.set(false);
        this.actionError.set(error);
      },
    });
  }
}
