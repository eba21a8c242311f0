import { Test } from '@nestjs/testing';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { JobDefinition } from '../jobs/job-schedule';
import { JobRunner } from '../jobs/job-runner';
import { DayEndService } from './day-end.service';
import { QueuePublisher } from './queue-publisher';
import { QueueRepository } from './queue.repository';

/**
 * The day-end sweep is a job of the JobRunner (what one pass closes is tested on PostgreSQL in
 * day-end.e2e-spec.ts; that it runs once across processes in jobs.e2e-spec.ts).
 */
describe(`${DayEndService.name} sweep`, () => {
  it('should register the day-end sweep every QUEUE_SWEEP_SECONDS, looking for open tickets when it runs', async () => {
    const listSiteIdsWithOpenTickets = jest.fn().mockResolvedValue([]);
    const jobs: JobDefinition[] = [];
    const module = await Test.createTestingModule({
      providers: [
        DayEndService,
        { provide: APP_CONFIG, useValue: { queueSweepSeconds: 60 } as AppConfig },
        { provide: QueueRepository, useValue: { listSiteIdsWithOpenTickets } },
        { provide: CatalogueRepository, useValue: {} },
        { provide: Clock, useValue: new Clock() },
        { provide: QueuePublisher, useValue: {} },
        { provide: JobRunner, useValue: { register: (job: JobDefinition) => jobs.push(job) } },
      ],
    }).compile();
    await module.init();

    expect(jobs).toEqual([expect.objectContaining({ name: 'day-end sweep', everySeconds: 60 })]);
    expect(listSiteIdsWithOpenTickets).not.toHaveBeenCalled();
    await jobs[0].run({ startedAt: new Date() });
    expect(listSiteIdsWithOpenTickets).toHaveBeenCalledTimes(1);
    await module.close();
  });
});
