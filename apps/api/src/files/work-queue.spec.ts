import { QueueFullError, WorkQueue } from './work-queue';

/** A job that runs until released, recording how many ran at once. */
function newGate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe(WorkQueue.name, () => {
  it('should never run more jobs at once than its concurrency, and run them all in order', async () => {
    const sut = new WorkQueue(2, 10);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 8 }, newGate);
    const results = gates.map((gate, i) =>
      sut.run(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await gate.opened;
        running--;
        return i * 10;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect([sut.active, sut.queued]).toEqual([2, gates.length - 2]);
    // Release them in reverse: a finished job hands its slot to the oldest waiting one.
    for (let i = gates.length - 1; i >= 0; i--) {
      gates[i].open();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(results)).toEqual(gates.map((_, i) => i * 10));
    expect(most).toBe(2);
    expect(started).toEqual([...started].sort((a, b) => a - b));
    expect([sut.active, sut.queued]).toEqual([0, 0]);
  });

  it('should refuse a job at once when the waiting line is full, and take one again when it moves', async () => {
    const sut = new WorkQueue(1, 2);
    const gate = newGate();
    const held = [sut.run(() => gate.opened), sut.run(() => gate.opened), sut.run(() => gate.opened)];
    expect(sut.hasRoom()).toBe(false);
    await expect(sut.run(async () => 'late')).rejects.toBeInstanceOf(QueueFullError);
    gate.open();
    await Promise.all(held);
    expect(sut.hasRoom()).toBe(true);
    await expect(sut.run(async () => 'now')).resolves.toBe('now');
  });

  it('should free the slot of a job that fails', async () => {
    const sut = new WorkQueue(1, 0);
    await expect(sut.run(() => Promise.reject(new Error('decode failed')))).rejects.toThrow('decode failed');
    await expect(sut.run(async () => 1)).resolves.toBe(1);
    expect(sut.active).toBe(0);
  });
});
