import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { QueueEvents, type TicketChange } from '../src/queue/queue-events';
import { QueuePublisher } from '../src/queue/queue-publisher';
import { QueueRepository, type TicketRow } from '../src/queue/queue.repository';
import { issue, KUPANG_MONDAY_0900, setupHall } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';

describe(QueuePublisher.name, () => {
  let t: TestApp;
  let sut: QueuePublisher;
  let db: DataSource;
  let row: TicketRow;
  let heard: TicketChange['action'][];
  let off: () => void;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FixedClock(new Date(KUPANG_MONDAY_0900)) });
    const h = await setupHall(t);
    sut = t.app.get(QueuePublisher);
    db = t.app.get(DataSource);
    const ticket = await issue(t, h.kiosk, h.services.ktpBaru);
    row = (await t.app.get(QueueRepository).findTicketById(ticket.id))!;
  });
  afterAll(async () => t?.close());

  beforeEach(() => {
    heard = [];
    off = t.app.get(QueueEvents).onTicket((change) => {
      if (change.row.id === row.id) heard.push(change.action);
    });
  });
  afterEach(() => off());

  it('should publish a change made inside a transaction only once that transaction has committed', async () => {
    await db.transaction(async (tx) => {
      sut.ticketChanged(tx, row, 'issue', null);
      await tx.query('SELECT 1');
      expect(heard).toEqual([]);
    });

    expect(heard).toEqual(['issue']);
  });

  it('should never publish a change whose transaction rolled back', async () => {
    const failed = db.transaction(async (tx) => {
      sut.ticketChanged(tx, row, 'issue', null);
      await tx.query('SELECT 1');
      throw new Error('refused');
    });

    await expect(failed).rejects.toThrow('refused');
    await db.transaction((tx) => tx.query('SELECT 1'));
    expect(heard).toEqual([]);
  });

  it('should publish at once a change made outside a transaction (already committed)', () => {
    sut.ticketChanged(null, row, 'issue', null);

    expect(heard).toEqual(['issue']);
  });
});
