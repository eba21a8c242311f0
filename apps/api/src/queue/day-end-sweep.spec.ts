import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DayEndService } from './day-end.service';
import { QueuePublisher } from './queue-publisher';
import { QueueRepository } from './queue.repository';

/** The day-end sweep as Nest runs it (what one pass closes is tested on PostgreSQL in day-end.e2e-spec.ts). */
describe(`${DayEndService.name} sweep`, () => {
  const start = async (queueSweepSeconds: number) => {
    const listSiteIdsWithOpenTickets = jest.fn().mockResolvedValue([]);
    const module = await Test.createTestingModule({
      imports: [ScheduleModule.forRoot()],
      providers: [
        DayEndService,
        { provide: APP_CONFIG, useValue: { queueSweepSeconds } as AppConfig },
        { provide: QueueRepository, useValue: { listSiteIdsWithOpenTickets } },
        { provide: CatalogueRepository, useValue: {} },
        { provide: Clock, useValue: new Clock() },
        { provide: QueuePublisher, useValue: {} },
      ],
    }).compile();
    return { sut: await module.createNestApplication({ logger: false }).init(), passes: listSiteIdsWithOpenTickets };
  };

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('should look for open tickets every QUEUE_SWEEP_SECONDS until the application closes', async () => {
    const { sut, passes } = await start(60);
    expect(sut.get(SchedulerRegistry).getIntervals()).toEqual([DayEndService.INTERVAL]);
    await jest.advanceTimersByTimeAsync(59_999);
    expect(passes).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(passes).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(passes).toHaveBeenCalledTimes(3);
    await sut.close();
    await jest.advanceTimersByTimeAsync(120_000);
    expect(passes).toHaveBeenCalledTimes(3);
  });

  it('should never sweep when QUEUE_SWEEP_SECONDS is 0', async () => {
    const { sut, passes } = await start(0);
    expect(sut.get(SchedulerRegistry).getIntervals()).toEqual([]);
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(passes).not.toHaveBeenCalled();
    await sut.close();
  });
});
