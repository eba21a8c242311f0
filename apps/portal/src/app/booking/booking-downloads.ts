import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { BookingProof } from '@mpp/contracts';
import { normalizeBookingCode } from '@mpp/domain';
import type { Lang } from '@mpp/ui';

import { saveFile } from '../common/save-file';
import { BookingApi } from './booking-api.service';

/** "ABCD-2345", as printed and said; what is not a booking code stays as it came. */
export function displayBookingCode(code: string): string {
  const canonical = normalizeBookingCode(code);
  return canonical === null ? code : `${canonical.slice(0, 4)}-${canonical.slice(4)}`;
}

/** "pemesanan-ABCD-2345.pdf": the name a booking's file is saved under. */
export function bookingFileName(code: string, extension: 'pdf' | 'ics'): string {
  return `pemesanan-${displayBookingCode(code)}.${extension}`;
}

/**
 * A booking's files, for the confirmation page and the booking's page (provide it in the
 * component: its requests end with the page): the QR the kiosk scans and the calendar file
 * (where and when only: plain GET links), and the PDF, fetched with the proof in a POST body (a
 * link could not carry it) and handed to the browser to save.
 */
@Injectable()
export class BookingDownloads {
  private readonly api = inject(BookingApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly pending = signal(false);
  private readonly failure = signal<unknown>(null);

  readonly pdfPending = this.pending.asReadonly();
  readonly pdfError = this.failure.asReadonly();

  qrUrl(code: string): string {
    return this.api.qrUrl(code);
  }

  calendarUrl(code: string, lang: Lang): string {
    return this.api.calendarUrl(code, lang);
  }

  /** Fetches the PDF with the proof and saves it as `pemesanan-ABCD-2345.pdf`; one at a time. */
  downloadPdf(code: string, proof: BookingProof | null): void {
    if (this.pending() || !proof) return;
    this.pending.set(true);
    this.failure.set(null);
    this.api
      .confirmationPdf(code, proof)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (pdf) => {
          this.pending.set(false);
          saveFile(pdf, bookingFileName(code, 'pdf'));
        },
        error: (error: unknown) => {
          this.pending.set(false);
          this.failure.set(error);
        },
      });
  }
}
