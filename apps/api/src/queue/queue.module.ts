import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { CountersAdminController } from './counters-admin.controller';
import { CountersAdminService } from './counters-admin.service';
import { DayEndService } from './day-end.service';
import { DisplayController } from './display.controller';
import { DisplayService } from './display.service';
import { PublicTicketsController } from './public-tickets.controller';
import { QueueEvents } from './queue-events';
import { QueuePlaceRepository } from './queue-place.repository';
import { QueuePlaceService } from './queue-place.service';
import { QueueController } from './queue.controller';
import { QueueGateway } from './queue.gateway';
import { QueueRepository } from './queue.repository';
import { QueueService } from './queue.service';
import { TicketPrintService } from './ticket-print.service';

@Module({
  imports: [AuthModule, CatalogueModule],
  controllers: [QueueController, PublicTicketsController, DisplayController, CountersAdminController],
  providers: [QueueRepository, QueuePlaceRepository, QueuePlaceService, QueueService, QueueEvents, DayEndService, DisplayService, CountersAdminService, QueueGateway, TicketPrintService],
  exports: [QueueService, DayEndService, QueueRepository, QueueEvents],
})
export class QueueModule {}
