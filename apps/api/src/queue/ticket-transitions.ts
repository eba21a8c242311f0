import { HttpStatus, Injectable } from '@nestjs/common';
import type { TicketAction } from '@mpp/contracts';
import { nextStatus, transitionError } from '@mpp/domain';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import type { CounterRow } from './queue.repository';
import { QueueRepository, TicketFields, TicketRow } from './queue.repository';

/** Who acted: the counter (with its number and name, for the row's view) and the user. */
export interface TransitionActor {
  counterId: string | null;
  userId: string | null;
  counterNumber?: number;
  counterName?: string;
}

/** A counter's officer acting at it. */
export function actorAt(c: Pick<CounterRow, 'id' | 'number' | 'name'>, userId: string): TransitionActor {
  return { counterId: c.id, userId, counterNumber: c.number, counterName: c.name };
}

/** A ticket's transitions: one statement each (ticket, event, tallies), inside the caller's transaction. */
@Injectable()
export class TicketTransitions {
  constructor(
    private readonly repo: QueueRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * The state machine of libs/domain decides; this applies the change and appends the event.
   * A transition the machine refuses answers 409 and says what is allowed.
   */
  async apply(
    tx: EntityManager,
    ticket: TicketRow,
    action: TicketAction,
    actor: TransitionActor,
    details: { outcomeNote?: string | null; serviceId?: string; targetCounterId?: string | null; picked?: boolean; reason?: string },
    streak: { counterId: string; value: number } | null = null,
  ): Promise<TicketRow> {
    const to = nextStatus(ticket.status, action);
    if (!to) {
      throw new ApiException(HttpStatus.CONFLICT, 'INVALID_TRANSITION', transitionError(ticket.status, action));
    }
    const now = this.clock.now();
    let fields: TicketFields;
    let tally: { ticket: TicketRow; change: 1 | -1 } | null = null;
    switch (action) {
      case 'call':
        tally = { ticket, change: -1 };
        fields = {
          status: to,
          counter_id: actor.counterId,
          target_counter_id: null,
          recall_count: 0,
          called_at: now,
          ...(ticket.first_called_at ? {} : { first_called_at: now }),
        };
        break;
      case 'recall':
        fields = { recall_count: ticket.recall_count + 1, called_at: now };
        break;
      case 'start':
        fields = { status: to, started_at: now };
        break;
      case 'finish':
        fields = { status: to, finished_at: now, outcome_note: details.outcomeNote ?? null };
        break;
      case 'no_show':
      case 'cancel':
      case 'close_day':
        if (ticket.status === 'waiting') tally = { ticket, change: -1 };
        fields = { status: to, finished_at: now };
        break;
      case 'return':
        tally = { ticket, change: 1 };
        fields = { status: to, counter_id: null, called_at: null, started_at: null };
        break;
      case 'transfer':
        tally = { ticket: { ...ticket, service_id: details.serviceId ?? ticket.service_id }, change: 1 };
        fields = {
          status: to,
          counter_id: null,
          called_at: null,
          started_at: null,
          service_id: details.serviceId ?? ticket.service_id,
          target_counter_id: details.targetCounterId ?? null,
          recall_count: 0,
        };
        break;
    }
    await this.repo.applyChange(tx, {
      id: ticket.id,
      fields,
      event: {
        ticketId: ticket.id,
        siteId: ticket.site_id,
        action,
        from: ticket.status,
        to,
        counterId: actor.counterId,
        userId: actor.userId,
        deviceId: null,
        at: now,
        details: withoutUndefined({
          ...details,
          ...(action === 'transfer' ? { fromServiceId: ticket.service_id } : {}),
          ...(action === 'recall' ? { recall: ticket.recall_count + 1 } : {}),
        }),
      },
      tally: tally
        ? {
            serviceId: tally.ticket.service_id,
            localDate: tally.ticket.local_date,
            regular: tally.ticket.priority === 'regular' ? tally.change : 0,
            priority: tally.ticket.priority === 'regular' ? 0 : tally.change,
          }
        : null,
      streak,
    });
    if (fields.service_id && fields.service_id !== ticket.service_id) return (await this.repo.findTicketById(ticket.id, tx))!;
    // The row as it now is, without reading it again.
    return {
      ...ticket,
      ...fields,
      ...(fields.counter_id !== undefined
        ? { counter_number: fields.counter_id ? (actor.counterNumber ?? null) : null, counter_name: fields.counter_id ? (actor.counterName ?? null) : null }
        : {}),
    } as TicketRow;
  }
}

function withoutUndefined<T extends Record<string, unknown>>(o: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
