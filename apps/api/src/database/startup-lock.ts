import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * The name of the PostgreSQL advisory lock that every API process holds for its start-up work
 * (migrations, then the seeds): replicas started together take turns, so the schema is migrated
 * once and the seeds find what the first one wrote. The key is the name's 64-bit hash
 * (hashtextextended), so it is the same for every process and every version of the code.
 */
export const STARTUP_LOCK = 'mpp-digital:start-up';

/** A process waits this long for another's start-up before it gives up (and fails in words). */
const LOCK_WAIT = '10min';

const logger = new Logger('StartupLock');

/**
 * Runs `work` while holding the start-up advisory lock, session-level, on a connection of its own
 * (not one of the pool's, so `work` may use the whole pool, and a pool of one cannot deadlock).
 * The lock is released after `work`, whether it succeeded or threw; a process that dies while
 * holding it loses its connection, and with it the lock, so the next process goes on.
 */
export async function withStartupLock<T>(url: string, what: string, work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'mpp-digital-api start-up' });
  await client.connect();
  try {
    const [{ locked }] = (await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [STARTUP_LOCK])).rows;
    if (!locked) {
      logger.log({ msg: 'waiting for another process to finish its start-up', step: what });
      await client.query(`SET lock_timeout = '${LOCK_WAIT}'`);
      try {
        await client.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [STARTUP_LOCK]);
      } catch (error) {
        throw new Error(`the start-up lock (${STARTUP_LOCK}) was not free after ${LOCK_WAIT}: another API process is stuck in its start-up (${(error as Error).message})`);
      }
    }
    try {
      return await work();
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [STARTUP_LOCK]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The API's data source: connected, then its pending migrations run under the start-up lock
 * (TypeOrmModule's dataSourceFactory, so every module that injects the DataSource, and every
 * cache or listener that queries at init, starts after the schema is current).
 */
export async function openMigratedDataSource(options: DataSourceOptions & { url: string }): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  try {
    const applied = await withStartupLock(options.url, 'migrations', () => dataSource.runMigrations({ transaction: 'each' }));
    if (applied.length) logger.log({ msg: 'migrations applied', count: applied.length, last: applied[applied.length - 1].name });
    return dataSource;
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}
