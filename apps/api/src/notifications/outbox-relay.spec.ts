import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { JobDefinition } from '../jobs/job-schedule';
import { JobRunner } from '../jobs/job-runner';
import { NotificationsService } from './notifications.service';
import { OutboxRelay } from './outbox-relay';
import { RELAY_BATCH_SIZE } from './outbox-retry';

/**
 * The relay's own logic with the outbox faked: batches, the end of a run, a failed delivery. On
 * PostgreSQL, with two relays racing: apps/api/test/outbox-relay.e2e-spec.ts.
 */
describe(OutboxRelay.name, () => {
  const start = async (outboxRelaySeconds: number, batches: string[][], deliver: (id: string) => Promise<unknown> = () => Promise.resolve()) => {
    const queue = [...batches];
    const claimDue = jest.fn((limit: number) => Promise.resolve((queue.shift() ?? []).slice(0, limit)));
    const delivered: string[] = [];
    const jobs: JobDefinition[] = [];
    const module = await Test.createTestingModule({
      providers: [
        OutboxRelay,
        { provide: APP_CONFIG, useValue: { outboxRelaySeconds } as AppConfig },
        { provide: NotificationsService, useValue: { claimDue, deliver: (id: string) => (delivered.push(id), deliver(id)) } },
        { provide: JobRunner, useValue: { register: (job: JobDefinition) => jobs.push(job) } },
      ],
    }).compile();
    await module.init();
    return { sut: module.get(OutboxRelay), jobs, claimDue, delivered, close: () => module.close() };
  };
  const batch = (from: number, size: number) => Array.from({ length: size }, (_, i) => String(from + i));

  afterEach(() => jest.restoreAllMocks());

  it('should register the job `outbox relay` every OUTBOX_RELAY_SECONDS, 0 as it is (the runner leaves it out)', async () => {
    for (const seconds of [30, 0]) {
      const { jobs, close } = await start(seconds, []);
      expect(jobs).toEqual([expect.objectContaining({ name: 'outbox relay', everySeconds: seconds })]);
      await close();
    }
  });

  it('should claim batch after batch while they come full, and stop at the first short one', async () => {
    const { sut, claimDue, delivered, close } = await start(30, [batch(1, RELAY_BATCH_SIZE), batch(11, RELAY_BATCH_SIZE), batch(21, 3), batch(31, 5)]);

    expect(await sut.relay()).toBe(2 * RELAY_BATCH_SIZE + 3);

    expect(claimDue).toHaveBeenCalledTimes(3);
    expect(claimDue).toHaveBeenCalledWith(RELAY_BATCH_SIZE);
    expect(delivered).toEqual([...batch(1, RELAY_BATCH_SIZE), ...batch(11, RELAY_BATCH_SIZE), ...batch(21, 3)]);
    await close();
  });

  it('should begin every send of a batch before any has ended', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { sut, delivered, close } = await start(30, [batch(1, 4)], () => gate);

    const run = sut.relay();
    await new Promise(setImmediate);
    expect(delivered).toEqual(batch(1, 4));
    release();
    expect(await run).toBe(4);
    await close();
  });

  it('should log, not throw, a message whose delivery failed to record, and go on with the others', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { sut, delivered, close } = await start(30, [batch(1, 3)], (id) => (id === '2' ? Promise.reject(new Error('connection to 10.0.0.5 lost')) : Promise.resolve()));

    expect(await sut.relay()).toBe(3);

    expect(delivered).toEqual(['1', '2', '3']);
    expect(error).toHaveBeenCalledWith({ msg: 'notification retry not recorded', outboxId: '2', error: 'connection to 10.0.0.5 lost' });
    await close();
  });
});
