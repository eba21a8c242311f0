import { Inject, Injectable } from '@nestjs/common';
import type { PublicTicketResponse } from '@mpp/contracts';
import { localDate } from '@mpp/domain';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { DATA_KEY } from '../config/data-key';
import { SurveyTokenSealer } from '../survey/survey-token';
import { SurveyRepository } from '../survey/survey.repository';
import { QueuePublisher } from './queue-publisher';
import { toPublicTicketResponse } from './queue.mapper';
import { QueueMessages } from './queue.messages';
import { QueueRepository } from './queue.repository';
import { TicketTransitions } from './ticket-transitions';
import { TicketViews } from './ticket-views';

/** The ticket's own page: the unguessable public code is the only key. No personal data. */
@Injectable()
export class PublicTicketService {
  private readonly surveyTokens: SurveyTokenSealer;

  constructor(
    private readonly repo: QueueRepository,
    private readonly transitions: TicketTransitions,
    private readonly publisher: QueuePublisher,
    private readonly views: TicketViews,
    private readonly clock: Clock,
    /** The survey's own named query for a spent token (SurveyModule exports it). */
    private readonly surveys: SurveyRepository,
    @Inject(DATA_KEY) dataKey: Buffer,
  ) {
    this.surveyTokens = new SurveyTokenSealer(dataKey);
  }

  /**
   * The ticket as its page shows it. A served ticket (done) also carries its one-time SKM survey
   * token while the survey is open (docs/survey.md): only this read, whose key is the ticket's
   * secret code, gives it; sealing it writes nothing. Once answered (its spent-token hash is in
   * survey_token_used) the page gets surveyAnswered: true instead of the token.
   */
  async get(code: string): Promise<PublicTicketResponse> {
    const row = await this.repo.findTicketByPublicCode(code);
    if (!row) throw ApiException.notFound('TICKET_NOT_FOUND', QueueMessages.ticketNotFound);
    const ticket = toPublicTicketResponse(await this.views.ticket(row));
    if (row.status !== 'done') return ticket;
    const subject = { kind: 'ticket' as const, id: row.id, siteId: row.site_id, agencyId: row.agency_id, serviceId: row.service_id, date: row.local_date };
    if (localDate(this.clock.now(), row.time_zone) > SurveyTokenSealer.lastDay(subject)) return ticket;
    const token = this.surveyTokens.seal(subject);
    const claims = this.surveyTokens.open(token)!;
    if (await this.surveys.isTokenUsed(SurveyTokenSealer.usedHash(claims))) return { ...ticket, surveyAnswered: true };
    return { ...ticket, surveyToken: token, surveyAnswered: false };
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
