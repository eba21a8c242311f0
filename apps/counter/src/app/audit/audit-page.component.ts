import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, type AuditEntryResponse, type AuditQuery, type StaffUserResponse } from '@mpp/contracts';
import { addDaysToLocalDate, zonedToUtc } from '@mpp/domain';
import { ErrorAlertComponent, formatClock, I18nService, timeZoneLabel, TranslatePipe } from '@mpp/ui';
import { catchError, of, type Subscription } from 'rxjs';

import { AdminApi } from '../admin/admin-api.service';
import { AdminScope } from '../admin/admin-scope.service';
import { AuditApi } from './audit-api.service';
import { auditDiff, type AuditDiffLine } from './audit-words';

/** The rows asked for at a time. */
export const AUDIT_PAGE_SIZE = 50;
const SYSTEM_ZONE = 'Asia/Jakarta';

/**
 * `audit`: the administrative audit log, read only. The API decides whose rows a caller sees (a
 * system admin every row, a site admin their MPP's, an agency admin their agency's); the filters
 * are the API's, dates read in the MPP's zone.
 */
@Component({
  selector: 'counter-audit-page',
  imports: [ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-page.component.html',
  styleUrl: './audit-page.component.css',
})
export class AuditPageComponent {
  private readonly api = inject(AuditApi);
  private readonly adminApi = inject(AdminApi);
  private readonly i18n = inject(I18nService);
  protected readonly scope = inject(AdminScope);

  protected readonly actions = AUDIT_ACTIONS;
  protected readonly entityTypes = AUDIT_ENTITY_TYPES;

  protected readonly from = signal('');
  protected readonly to = signal('');
  protected readonly actorId = signal('');
  protected readonly entityType = signal('');
  protected readonly action = signal('');
  protected readonly q = signal('');

  protected readonly rows = signal<AuditEntryResponse[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loaded = signal(false);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<unknown>(null);
  private readonly users = signal<StaffUserResponse[]>([]);
  private request: Subscription | null = null;

  /** A system admin reads every MPP's rows; the MPP they pick sets the zone the times are read in. */
  protected readonly timeZone = computed(() => (this.scope.choosesSite() && !this.scope.siteCode() ? SYSTEM_ZONE : this.scope.timeZone()));
  protected readonly zoneLabel = computed(() => timeZoneLabel(this.timeZone()));
  /** Who may be picked: the accounts the caller administers and anyone already seen in the rows. */
  protected readonly actors = computed(() => {
    const byId = new Map<string, string>();
    for (const u of this.users()) byId.set(u.id, u.fullName);
    for (const r of this.rows()) byId.set(r.actor.id, r.actor.fullName);
    return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  });

  constructor() {
    this.adminApi
      .listUsers()
      .pipe(catchError(() => of<StaffUserResponse[]>([])))
      .subscribe((list) => this.users.set(list));
    effect(() => {
      this.timeZone();
      untracked(() => this.search());
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  private query(): AuditQuery {
    const zone = this.timeZone();
    return {
      from: this.from() ? zonedToUtc(this.from(), '00:00', zone).toISOString() : undefined,
      to: this.to() ? zonedToUtc(addDaysToLocalDate(this.to(), 1), '00:00', zone).toISOString() : undefined,
      actorId: this.actorId() || undefined,
      entityType: (this.entityType() || undefined) as AuditQuery['entityType'],
      action: (this.action() || undefined) as AuditQuery['action'],
      q: this.q().trim() || undefined,
      limit: AUDIT_PAGE_SIZE,
    };
  }

  /** The first page for the filters. */
  protected search(): void {
    this.load(null);
  }

  protected more(): void {
    const cursor = this.nextCursor();
    if (cursor) this.load(cursor);
  }

  protected clear(): void {
    for (const s of [this.from, this.to, this.actorId, this.entityType, this.action, this.q]) s.set('');
    this.search();
  }

  private load(cursor: string | null): void {
    this.request?.unsubscribe();
    this.loading.set(true);
    this.request = this.api.search({ ...this.query(), cursor: cursor ?? undefined }).subscribe({
      next: (page) => {
        this.loadError.set(null);
        this.rows.set(cursor ? [...this.rows(), ...page.items] : page.items);
        this.nextCursor.set(page.nextCursor);
        this.loaded.set(true);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.loadError.set(error);
        this.loading.set(false);
      },
    });
  }

  protected time(iso: string): string {
    const at = formatClock(new Date(iso), this.timeZone(), this.i18n.lang(), { seconds: true });
    return `${at.date} ${at.time}`;
  }

  protected diff(entry: AuditEntryResponse): AuditDiffLine[] {
    return auditDiff(entry);
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value;
  }
}
