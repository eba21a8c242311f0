import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import type { OnlineTicketPolicy } from '@mpp/contracts';
import { ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';

import { AdminApi } from './admin-api.service';
import { AdminScope } from './admin-scope.service';

/**
 * `admin/kebijakan` (site and system admins): the MPP's policies the API can read back. Today that
 * is the ticket from home's daily caps per NIK; the queue's calling order and the booking's check-in
 * window can be set but not read by the API, so they are not offered here (docs/admin-console.md).
 */
@Component({
  selector: 'counter-admin-policies-page',
  imports: [ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './policies-page.component.html',
  styleUrl: './admin-page.css',
})
export class PoliciesPageComponent {
  private readonly api = inject(AdminApi);
  private readonly i18n = inject(I18nService);
  protected readonly scope = inject(AdminScope);

  protected readonly policy = signal<OnlineTicketPolicy | null>(null);
  protected readonly loadError = signal<unknown>(null);
  protected readonly perServiceDaily = signal('');
  protected readonly perDay = signal('');
  protected readonly saving = signal(false);
  protected readonly saveError = signal<unknown>(null);
  protected readonly announcement = signal('');

  constructor() {
    effect(() => {
      const code = this.scope.siteCode();
      untracked(() => this.load(code));
    });
  }

  protected reload(): void {
    this.load(this.scope.siteCode());
  }

  private load(code: string | null): void {
    this.policy.set(null);
    this.loadError.set(null);
    if (!code) return;
    this.api.onlineTicketPolicy(code).subscribe({
      next: (policy) => this.show(policy),
      error: (error: unknown) => this.loadError.set(error),
    });
  }

  private show(policy: OnlineTicketPolicy): void {
    this.policy.set(policy);
    this.perServiceDaily.set(String(policy.perServiceDaily));
    this.perDay.set(String(policy.perDay));
  }

  protected save(event: Event): void {
    event.preventDefault();
    const site = this.scope.siteCode();
    if (!site || this.saving()) return;
    this.saving.set(true);
    this.saveError.set(null);
    // Sent as typed (a number, or what was typed when it is not one): the API says what is wrong.
    const asNumber = (text: string) => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text) as number;
    this.api.setOnlineTicketPolicy(site, { perServiceDaily: asNumber(this.perServiceDaily()), perDay: asNumber(this.perDay()) }).subscribe({
      next: (policy) => {
        this.saving.set(false);
        this.show(policy);
        this.announcement.set(this.i18n.t('admin.policies.online.saved', { perService: policy.perServiceDaily, perDay: policy.perDay }));
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.saveError.set(error);
      },
    });
  }
}
