import { Logger } from '@nestjs/common';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BookingService } from './booking.service';
import { BookingSweeper } from './booking-sweeper';

/** The no-show sweep as Nest runs it: a named interval of @nestjs/schedule, every QUEUE_SWEEP_SECONDS. */
describe(BookingSweeper.name, () => {
  const start = async (queueSweepSeconds: number, markNoShows: () => Promise<number>) => {
    const module = await Test.createTestingModule({
      imports: [ScheduleModule.forRoot()],
      providers: [
        BookingSweeper,
        { provide: APP_CONFIG, useValue: { queueSweepSeconds } as AppConfig },
        { provide: BookingService, useValue: { markNoShows } },
      ],
    }).compile();
    return module.createNestApplication({ logger: false }).init();
  };

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('should mark no-shows every QUEUE_SWEEP_SECONDS until the application closes', async () => {
    const markNoShows = jest.fn().mockResolvedValue(0);
    const sut = await start(30, markNoShows);
    expect(sut.get(SchedulerRegistry).getIntervals()).toEqual([BookingSweeper.INTERVAL]);

    await jest.advanceTimersByTimeAsync(29_999);
    expect(markNoShows).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(markNoShows).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(30_000);
    expect(markNoShows).toHaveBeenCalledTimes(2);

    await sut.close();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(markNoShows).toHaveBeenCalledTimes(2);
  });

  it('should never sweep when QUEUE_SWEEP_SECONDS is 0', async () => {
    const markNoShows = jest.fn().mockResolvedValue(0);
    const sut = await start(0, markNoShows);
    expect(sut.get(SchedulerRegistry).getIntervals()).toEqual([]);
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(markNoShows).not.toHaveBeenCalled();
    await sut.close();
  });

  it('should log a failed pass and sweep again at the next one, never two passes at once', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    let finish!: () => void;
    const markNoShows = jest
      .fn()
      .mockRejectedValueOnce(new Error('database down'))
      .mockImplementationOnce(() => new Promise<number>((resolve) => (finish = () => resolve(0))))
      .mockResolvedValue(0);
    const sut = await start(1, markNoShows);

    await jest.advanceTimersByTimeAsync(1_000);
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ msg: `${BookingSweeper.INTERVAL} failed`, error: 'database down' }));
    await jest.advanceTimersByTimeAsync(1_000); // the second pass starts and hangs
    await jest.advanceTimersByTimeAsync(3_000);
    expect(markNoShows).toHaveBeenCalledTimes(2);
    finish();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(markNoShows).toHaveBeenCalledTimes(3);
    await sut.close();
  });
});
