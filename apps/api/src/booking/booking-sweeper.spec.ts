import { Test } from '@nestjs/testing';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { JobDefinition } from '../jobs/job-schedule';
import { JobRunner } from '../jobs/job-runner';
import { BookingService } from './booking.service';
import { BookingSweeper } from './booking-sweeper';

/** The no-show sweep is a job of the JobRunner (how jobs run once across processes: jobs.e2e-spec.ts). */
describe(BookingSweeper.name, () => {
  const start = async (queueSweepSeconds: number) => {
    const markNoShows = jest.fn().mockResolvedValue(0);
    const jobs: JobDefinition[] = [];
    const module = await Test.createTestingModule({
      providers: [
        BookingSweeper,
        { provide: APP_CONFIG, useValue: { queueSweepSeconds } as AppConfig },
        { provide: BookingService, useValue: { markNoShows } },
        { provide: JobRunner, useValue: { register: (job: JobDefinition) => jobs.push(job) } },
      ],
    }).compile();
    await module.init();
    return { jobs, markNoShows, close: () => module.close() };
  };

  it('should register the booking no-show sweep every QUEUE_SWEEP_SECONDS, marking no-shows when it runs', async () => {
    const sut = await start(30);

    expect(sut.jobs).toEqual([expect.objectContaining({ name: 'booking no-show sweep', everySeconds: 30 })]);
    await sut.jobs[0].run({ startedAt: new Date() });
    expect(sut.markNoShows).toHaveBeenCalledTimes(1);
    await sut.close();
  });

  it('should hand the runner QUEUE_SWEEP_SECONDS 0 as it is (the runner leaves the job out)', async () => {
    const sut = await start(0);

    expect(sut.jobs).toEqual([expect.objectContaining({ name: BookingSweeper.JOB, everySeconds: 0 })]);
    await sut.close();
  });
});
