import { Injectable, signal } from '@angular/core';
import type { CheckInResponse, TicketResponse } from '@mpp/contracts';

export type CheckInOutcome = CheckInResponse['outcome'];

/** The ticket on the ticket screen, with how it came (a new ticket or a check-in). */
export interface KioskTicket {
  ticket: TicketResponse;
  /** Set for a check-in. */
  outcome: CheckInOutcome | null;
  /** Printed automatically already (a reprint is the person's choice). */
  printed: boolean;
}

/**
 * Hands the ticket from the page that got it (priority choice, check-in) to the ticket screen.
 * Cleared when the ticket screen is left, so the next person never sees it.
 */
@Injectable({ providedIn: 'root' })
export class KioskTicketStore {
  private readonly value = signal<KioskTicket | null>(null);

  readonly current = this.value.asReadonly();

  show(ticket: TicketResponse, outcome: CheckInOutcome | null = null): void {
    this.value.set({ ticket, outcome, printed: false });
  }

  markPrinted(): void {
    const current = this.value();
    if (current && !current.printed) {
      this.value.set({ ...current, printed: true });
    }
  }

  clear(): void {
    this.value.set(null);
  }
}
