import { Injectable } from '@nestjs/common';
import type { TicketResponse } from '@mpp/contracts';
import type { EntityManager } from 'typeorm';
import { ticketNumber } from './queue.mapper';
import { QueueRepository } from './queue.repository';
import { BookingTicketRequest, TicketIssuer } from './ticket-issuer';
import { TicketViews } from './ticket-views';

export type { BookingTicketRequest } from './ticket-issuer';

/** What another module may know of a ticket without its whole view. */
export interface TicketReference {
  id: string;
  serviceId: string;
  number: string;
  publicCode: string;
}

/**
 * The queue as other modules see it: the one service QueueModule exports. Inside the queue the
 * work is split by responsibility: TicketIssuer (issuing, idempotency), CounterService (a
 * counter's work and a ticket's transitions at it), PublicTicketService (the ticket's own page),
 * QueueAccess (who may act where), TicketViews and queue.mapper (responses), QueuePublisher (the
 * one after-commit path to QueueEvents), QueueRepository (every query).
 */
@Injectable()
export class QueueService {
  constructor(
    private readonly repo: QueueRepository,
    private readonly issuer: TicketIssuer,
    private readonly views: TicketViews,
  ) {}

  /**
   * Issues a booking's ticket inside the caller's transaction `tx`; it is announced to the hall
   * once that transaction commits, never if it rolls back. Null when a late arrival finds the
   * daily quota used up.
   */
  async issueForBooking(tx: EntityManager, request: BookingTicketRequest): Promise<{ ticketId: string } | null> {
    const issued = await this.issuer.issueForBooking(tx, request);
    return issued ? { ticketId: issued.id } : null;
  }

  /** A ticket as staff and kiosks see it, with its place when waiting. */
  async ticket(id: string): Promise<TicketResponse | null> {
    const row = await this.repo.findTicketById(id);
    return row ? this.views.ticket(row) : null;
  }

  async ticketReference(id: string): Promise<TicketReference | null> {
    const row = await this.repo.findTicketById(id);
    return row ? { id: row.id, serviceId: row.service_id, number: ticketNumber(row), publicCode: row.public_code } : null;
  }
}
