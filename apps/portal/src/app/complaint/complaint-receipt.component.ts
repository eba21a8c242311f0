import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ComplaintKindName } from '@mpp/contracts';
import { I18nService, TranslatePipe } from '@mpp/ui';

import { saveFile } from '../common/save-file';

/** What the receipt shows, held by the form page only while it shows (never stored but the tab's proof). */
export interface ComplaintReceipt {
  code: string;
  secret: string;
  kind: ComplaintKindName;
  /** Named or confidential: the codes went by SMS too. */
  named: boolean;
  photosSent: number;
  photoFailures: { name: string; reason: string }[];
}

/**
 * The receipt after filing: the tracking code and the secret, big, shown this once, each with
 * "Salin" (the clipboard) and both with "Simpan" (a text file through saveFile); the warning that
 * the secret is not shown again; the photos sent or refused; "Lacak pengaduan" opens the tracking
 * page, which reads the pair from this tab's sessionStorage (complaint-secrets.ts).
 */
@Component({
  selector: 'portal-complaint-receipt',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let r = receipt();
    <section class="mpp-card complaint__receipt" aria-labelledby="complaint-receipt-heading" data-testid="complaint-receipt">
      <h2 id="complaint-receipt-heading" class="complaint__title" tabindex="-1">{{ 'complaint.receipt.heading' | t }}</h2>
      <p>{{ 'complaint.receipt.intro' | t }}</p>
      <div class="complaint__codes">
        <div>
          <p class="complaint__code-label">{{ 'complaint.receipt.code' | t }}</p>
          <p class="complaint__code" data-testid="complaint-receipt-code">{{ r.code }}</p>
          <button type="button" class="mpp-button" (click)="copy(r.code)" data-testid="complaint-copy-code">
            {{ 'complaint.receipt.copy' | t }} <span class="mpp-visually-hidden">{{ 'complaint.receipt.code' | t }}</span>
          </button>
        </div>
        <div>
          <p class="complaint__code-label">{{ 'complaint.receipt.secret' | t }}</p>
          <p class="complaint__code complaint__code--secret" data-testid="complaint-receipt-secret">{{ r.secret }}</p>
          <button type="button" class="mpp-button" (click)="copy(r.secret)" data-testid="complaint-copy-secret">
            {{ 'complaint.receipt.copy' | t }} <span class="mpp-visually-hidden">{{ 'complaint.receipt.secret' | t }}</span>
          </button>
        </div>
      </div>
      <p class="complaint__status" role="status" data-testid="complaint-copy-status">@if (copied(); as key) {{{ key | t }}}</p>
      <p class="complaint__warning" data-testid="complaint-receipt-warning"><strong>{{ 'complaint.receipt.warning' | t }}</strong></p>
      @if (r.named) {
        <p class="mpp-muted">{{ 'complaint.receipt.sms' | t }}</p>
      }
      @if (r.photosSent > 0) {
        <p data-testid="complaint-receipt-photos">{{ 'complaint.receipt.photos' | t: { n: r.photosSent } }}</p>
      }
      @for (f of r.photoFailures; track $index) {
        <p class="complaint__problem" data-testid="complaint-receipt-photo-failed">{{ 'complaint.receipt.photoFailed' | t: { name: f.name, reason: f.reason } }}</p>
      }
      <div class="complaint__actions">
        <button type="button" class="mpp-button" (click)="save()" data-testid="complaint-save">{{ 'complaint.receipt.save' | t }}</button>
        <a class="mpp-button mpp-button--primary" routerLink="/pengaduan/lacak" data-testid="complaint-track-link">{{ 'complaint.receipt.track' | t }}</a>
        <button type="button" class="mpp-button" (click)="another.emit()" data-testid="complaint-another">{{ 'complaint.receipt.another' | t }}</button>
      </div>
    </section>
  `,
  styleUrl: './complaint.css',
})
export class ComplaintReceiptComponent {
  private readonly i18n = inject(I18nService);

  readonly receipt = input.required<ComplaintReceipt>();
  readonly another = output<void>();

  /** The key of the last copy's message, announced (role=status). */
  protected readonly copied = signal<string | null>(null);

  protected async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.copied.set('complaint.receipt.copied');
    } catch {
      this.copied.set('complaint.receipt.copyFailed');
    }
  }

  protected save(): void {
    const { code, secret } = this.receipt();
    const url = `${location.origin}/pengaduan/lacak`;
    const body = this.i18n.t('complaint.receipt.file', { code, secret, url });
    saveFile(new Blob([body], { type: 'text/plain;charset=utf-8' }), `pengaduan-${code}.txt`);
  }
}
