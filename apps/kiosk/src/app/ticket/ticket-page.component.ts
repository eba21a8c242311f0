import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { Router } from '@angular/router';
import type { TicketResponse } from '@mpp/contracts';
import { I18nService, LocalizedPipe, TranslatePipe, formatClock, timeZoneLabel } from '@mpp/ui';
import QRCode from 'qrcode';

import { KioskTicketStore } from './kiosk-ticket.store';
import { fitPrintedPage } from './print-page';
import { PriorityIconComponent } from './priority-icon.component';

/** The portal's public ticket page, which the QR opens on a phone. */
export function publicTicketUrl(origin: string, publicCode: string): string {
  return `${origin}/tiket/${encodeURIComponent(publicCode)}`;
}

/** People ahead: a waiting ticket's position counts itself (1 = next); the most who can be called before it. */
export function peopleAhead(ticket: TicketResponse): number | null {
  return ticket.position === null ? null : Math.max(0, ticket.position - 1);
}

/** The fewest people ahead when which counter calls first decides it; null when the count is certain. */
export function peopleAheadAtLeast(ticket: TicketResponse): number | null {
  if (ticket.position === null || ticket.positionMin === null || ticket.positionMin >= ticket.position) return null;
  return Math.max(0, ticket.positionMin - 1);
}

/**
 * `tiket`: the ticket just issued (or checked in): the number very large, service, agency,
 * priority, people ahead, estimated wait, issue time on the MPP's clock, and a QR a phone can
 * photograph. It is printed once automatically (kiosks run Chromium with --kiosk-printing, so
 * silently) on 80 mm thermal paper, on a page as long as the ticket (see print-page.ts);
 * "Cetak ulang" prints it again.
 */
@Component({
  selector: 'kiosk-ticket-page',
  imports: [LocalizedPipe, PriorityIconComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './ticket-page.component.html',
  styleUrl: './ticket-page.component.css',
})
export class TicketPageComponent {
  private readonly store = inject(KioskTicketStore);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly current = this.store.current;
  protected readonly ticket = computed(() => this.current()?.ticket ?? null);
  protected readonly outcome = computed(() => this.current()?.outcome ?? null);

  protected readonly qrUrl = computed(() => {
    const ticket = this.ticket();
    return ticket ? publicTicketUrl(this.document.location.origin, ticket.publicCode) : null;
  });
  /** The QR as a data URL; null while drawing, '' when it could not be drawn. */
  protected readonly qr = signal<string | null>(null);

  protected readonly ahead = computed(() => {
    const ticket = this.ticket();
    return ticket ? peopleAhead(ticket) : null;
  });
  protected readonly aheadAtLeast = computed(() => {
    const ticket = this.ticket();
    return ticket ? peopleAheadAtLeast(ticket) : null;
  });
  protected readonly issuedAt = computed(() => {
    const ticket = this.ticket();
    if (!ticket) {
      return null;
    }
    const clock = formatClock(new Date(ticket.issuedAt), ticket.timeZone, this.i18n.lang(), { seconds: false });
    return { ...clock, zone: timeZoneLabel(ticket.timeZone) };
  });

  private destroyed = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.store.clear();
    });

    effect(() => {
      const url = this.qrUrl();
      if (url) {
        untracked(() => this.drawQr(url));
      }
    });
  }

  protected reprint(): void {
    this.print();
  }

  protected done(): void {
    void this.router.navigateByUrl('/');
  }

  private drawQr(url: string): void {
    this.qr.set(null);
    QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 320 })
      .then((dataUrl) => this.qr.set(dataUrl))
      .catch(() => this.qr.set(''))
      .finally(() => this.printOnce());
  }

  /** The first print, once the QR is on the page (a reprint is the person's choice). */
  private printOnce(): void {
    if (this.destroyed || this.current()?.printed) {
      return;
    }
    this.store.markPrinted();
    afterNextRender(() => this.print(), { injector: this.injector });
  }

  private print(): void {
    const printed = this.host.nativeElement.querySelector('.print-ticket');
    if (printed) {
      fitPrintedPage(this.document, printed);
    }
    this.document.defaultView?.print();
  }
}
