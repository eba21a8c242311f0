import { Injectable } from '@nestjs/common';
import type { PublicTicketResponse } from '@mpp/contracts';
import { ApiException } from '../common/errors/api-exception';
import { QueuePublisher } from './queue-publisher';
import { toPublicTicketResponse } from './queue.mapper';
import { QueueMessages } from './queue.messages';
import { QueueRepository } from './queue.repository';
import { TicketTransitions } from './ticket-transitions';
import { TicketViews } from './ticket-views';

/** The ticket's own page: the unguessable public code is the only key. No personal data. */
@Injectable()
export class PublicTicketService {
  constructor(
    private readonly repo: QueueRepository,
    private readonly transitions: TicketTransitions,
    private readonly publisher: QueuePublisher,
    private readonly views: TicketViews,
  ) {}

  async get(code: string): Promise<PublicTicketResponse> {
    const row = await this.repo.findTicketByPublicCode(code);
    if (!row) throw ApiException.notFound('TICKET_NOT_FOUND', QueueMessages.ticketNotFound);
    return toPublicTicketResponse(await this.views.ticket(row));
  }

  async cancelByCitizen(code: string): Promise<PublicTicketResponse> {
    const found = await this.repo.findTicketByPublicCode(code);
    if (!found) throw ApiException.notFound('TICKET_NOT_FOUND', QueueMessages.ticketNotFound);
    const row = await this.repo.transaction(async (tx) => {
      const ticket = (await this.repo.lockTicket(tx, found.id))!;
      return this.transitions.apply(tx, ticket, 'cancel', { counterId: null, userId: null }, {});
    });
    this.publisher.ticketChanged(null, row, 'cancel', null);
    return toPublicTicketResponse(await this.views.ticket(row));
  }

  /** The public view of a ticket by its id (the ticket page's live updates). */
  async byId(id: string): Promise<PublicTicketResponse | null> {
    const row = await this.repo.findTicketById(id);
    return row ? toPublicTicketResponse(await this.views.ticket(row)) : null;
  }
}
