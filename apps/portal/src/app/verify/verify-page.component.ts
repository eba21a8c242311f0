import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { VerifiedDocumentResponse } from '@mpp/contracts';
import { ErrorAlertComponent, I18nService, LocalizedPipe, TranslatePipe, formatClock, loadError, loadedValue, pickText, timeZoneLabel, toLoadState, type LoadState } from '@mpp/ui';
import { of, switchMap } from 'rxjs';

import { VerifyApi } from './verify-api.service';

/** What checking a chosen PDF came to. */
type FileCheck = { status: 'idle' } | { status: 'checking' } | { status: 'done'; matches: boolean; sha256: string } | { status: 'failed'; error: unknown };

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * `verifikasi/:number`: the public check of a receipt, result or letter (the address in its QR
 * code). Shows what the number stands for (kind, service, agency, site, date, the PDF's sha256;
 * never personal data), and "Periksa berkas PDF": the chosen file's SHA-256 computed in the
 * browser (crypto.subtle) and compared, or, where crypto.subtle is missing, sent to the API to
 * compare. `verifikasi` alone asks for the number.
 */
@Component({
  selector: 'portal-verify-page',
  imports: [ErrorAlertComponent, LocalizedPipe, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './verify-page.component.html',
  styleUrl: './verify-page.component.css',
})
export class VerifyPageComponent {
  private readonly api = inject(VerifyApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  /** Route parameter `:number` (absent on `verifikasi`). */
  readonly number = input<string | undefined>(undefined);

  protected readonly wanted = computed(() => (this.number() ?? '').trim().toUpperCase());
  private readonly state = toSignal(
    toObservable(this.wanted).pipe(switchMap((n) => (n ? this.api.facts(n).pipe(toLoadState()) : of(null as LoadState<VerifiedDocumentResponse> | null)))),
    { initialValue: null },
  );
  protected readonly loading = computed(() => this.state()?.status === 'loading');
  protected readonly facts = computed(() => loadedValue(this.state()));
  protected readonly error = computed(() => loadError(this.state()));
  protected readonly kindText = computed(() => {
    const f = this.facts();
    return f ? pickText(this.i18n.lang(), f.kindLabel) : '';
  });
  protected readonly issuedText = computed(() => {
    const f = this.facts();
    if (!f) return '';
    const clock = formatClock(new Date(f.issuedAt), f.timeZone, this.i18n.lang(), { seconds: false });
    return `${clock.date}, ${clock.time} ${timeZoneLabel(f.timeZone)}`;
  });
  /** The fingerprint in groups of eight, so a person can compare it with the eye. */
  protected readonly shaGroups = computed(() => this.facts()?.sha256.match(/.{1,8}/g) ?? []);

  protected readonly typed = signal('');
  protected readonly check = signal<FileCheck>({ status: 'idle' });

  protected lookUp(event: Event): void {
    event.preventDefault();
    const value = this.typed().trim().toUpperCase();
    if (value) void this.router.navigate(['/verifikasi', value]);
  }

  protected onTyped(event: Event): void {
    this.typed.set((event.target as HTMLInputElement).value);
  }

  protected async onFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    const facts = this.facts();
    if (!file || !facts) return;
    this.check.set({ status: 'checking' });
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) {
      this.api
        .compare(facts.number, file)
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({
          next: (answer) => this.check.set({ status: 'done', matches: answer.matches, sha256: answer.sha256 }),
          error: (error: unknown) => this.check.set({ status: 'failed', error }),
        });
      return;
    }
    try {
      const sha256 = toHex(await subtle.digest('SHA-256', await file.arrayBuffer()));
      this.check.set({ status: 'done', matches: sha256 === facts.sha256, sha256 });
    } catch (error) {
      this.check.set({ status: 'failed', error });
    }
  }
}
