import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { JobsModule } from '../jobs/jobs.module';
import { CountersAdminController } from './counters-admin.controller';
import { CountersAdminService } from './counters-admin.service';
import { DayEndService } from './day-end.service';
import { DisplayController } from './display.controller';
import { DisplayService } from './display.service';
import { OnlineTicketController } from './online-ticket.controller';
import { OnlineTicketRepository } from './online-ticket.repository';
import { OnlineTicketService } from './online-ticket.service';
import { OnlineTicketThrottlerGuard } from './online-ticket-throttler.guard';
import { CounterService } from './counter.service';
import { PublicTicketService } from './public-ticket.service';
import { PublicTicketsController } from './public-tickets.controller';
import { QueueAccess } from './queue-access';
import { QueuePublisher } from './queue-publisher';
import { QueueEvents } from './queue-events';
import { QueuePlaceRepository } from './queue-place.repository';
import { QueuePlaceService } from './queue-place.service';
import { QueueController } from './queue.controller';
import { QueueGateway } from './queue.gateway';
import { QueueRepository } from './queue.repository';
import { QueueService } from './queue.service';
import { TicketIssuer } from './ticket-issuer';
import { TicketPrintService } from './ticket-print.service';
import { TicketTransitions } from './ticket-transitions';
import { TicketViews } from './ticket-views';
import { SurveyModule } from '../survey/survey.module';

@Module({
  imports: [AuthModule, CatalogueModule, JobsModule, SurveyModule],
  controllers: [QueueController, PublicTicketsController, DisplayController, CountersAdminController, OnlineTicketController],
  providers: [
    QueueRepository,
    QueuePlaceRepository,
    QueuePlaceService,
    QueueEvents,
    QueuePublisher,
    QueueAccess,
    TicketViews,
    TicketTransitions,
    TicketIssuer,
    CounterService,
    PublicTicketService,
    QueueService,
    DayEndService,
    DisplayService,
    CountersAdminService,
    QueueGateway,
    TicketPrintService,
    OnlineTicketRepository,
    OnlineTicketService,
    OnlineTicketThrottlerGuard,
  ],
  /** Other modules reach the queue only through QueueService. */
  exports: [QueueService],
})
export class QueueModule {}
