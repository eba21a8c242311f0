import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { localDate } from '@mpp/domain';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { ioServerOf } from '../common/http/io-servers';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobRepository, JobRow } from '../jobs/job.repository';
import { MetricsRepository } from './metrics.repository';

/** What a pg pool tells about itself (TypeORM's PostgreSQL driver keeps one as `master`). */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * The process's Prometheus registry, served at /metrics on METRICS_HOST:METRICS_PORT by an HTTP
 * server of its own (never the public port; none when METRICS_PORT is 0), opened when the app
 * starts and closed with it. Request figures are counted as requests end; queue depth, sockets,
 * jobs and the pool are read when Prometheus scrapes. Labels carry methods, route templates,
 * status classes, site codes, namespaces and job names: never a person, a ticket or an id.
 */
@Injectable()
export class MetricsService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly registry = new Registry();
  /** Whether /metrics is served (METRICS_PORT set); when not, requests are not even counted. */
  readonly enabled: boolean;
  private readonly logger = new Logger('Metrics');
  private server: Server | null = null;
  private readonly requests: Counter<'method' | 'route' | 'status_class'>;
  private readonly durations: Histogram<'method' | 'route' | 'status_class'>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: MetricsRepository,
    private readonly jobs: JobRepository,
    private readonly clock: Clock,
    private readonly adapterHost: HttpAdapterHost,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    const registers = [this.registry];
    // Off (METRICS_PORT=0): nothing is collected, not even the process's figures.
    this.enabled = config.metricsPort !== 0;
    if (this.enabled) collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'mpp_http_requests_total',
      help: 'API requests answered, by method, route template and status class.',
      labelNames: ['method', 'route', 'status_class'],
      registers,
    });
    this.durations = new Histogram({
      name: 'mpp_http_request_duration_seconds',
      help: 'Time from a request arriving to its answer sent, by method, route template and status class.',
      labelNames: ['method', 'route', 'status_class'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- prom-client calls collect() with the metric as `this`
    const metrics = this;
    new Gauge({
      name: 'mpp_queue_waiting_tickets',
      help: "Tickets waiting now at each site, on the site's own day (from the queue's day tallies).",
      labelNames: ['site'],
      registers,
      async collect() {
        this.reset();
        for (const row of await metrics.fromDatabase('queue depth', () => metrics.queueDepth())) this.set({ site: row.code }, row.waiting);
      },
    });
    new Gauge({
      name: 'mpp_socketio_connected_sockets',
      help: 'socket.io clients connected to this process, by namespace.',
      labelNames: ['namespace'],
      registers,
      collect() {
        this.reset();
        const io = ioServerOf(metrics.adapterHost.httpAdapter?.getHttpServer() as object);
        io?._nsps.forEach((namespace, name) => this.set({ namespace: name }, namespace.sockets.size));
      },
    });
    // The job table counts for the whole deployment: every process shows the same figures.
    let pending: Promise<JobRow[]> | null = null;
    const jobRows = () => (pending ??= metrics.fromDatabase('jobs', () => metrics.jobs.findAll()).finally(() => setImmediate(() => (pending = null))));
    const jobCounter = (name: string, help: string, read: (job: JobRow) => number) =>
      new Counter({
        name,
        help: `${help} Counted in the job table for all processes together (the same on every process).`,
        labelNames: ['job'],
        registers,
        async collect() {
          this.reset();
          for (const job of await jobRows()) this.inc({ job: job.name }, read(job));
        },
      });
    jobCounter('mpp_job_runs_total', 'Runs of each background job.', (job) => job.runs);
    jobCounter('mpp_job_failures_total', 'Runs of each background job that failed.', (job) => job.failures);
    jobCounter('mpp_job_abandoned_total', 'Runs of each background job whose process died before it finished (the lease ran out).', (job) => job.abandoned);
    new Gauge({
      name: 'mpp_job_last_finished_timestamp_seconds',
      help: 'When each background job last finished a run (Unix time; absent before its first run).',
      labelNames: ['job'],
      registers,
      async collect() {
        this.reset();
        for (const job of await jobRows()) if (job.last_finished_at) this.set({ job: job.name }, new Date(job.last_finished_at).getTime() / 1000);
      },
    });
    const pool = (state: string, help: string, read: (p: PoolCounts) => number) =>
      new Gauge({
        name: `mpp_db_pool_${state}`,
        help,
        registers,
        collect() {
          const counts = metrics.poolCounts();
          if (counts) this.set(read(counts));
        },
      });
    pool('connections', 'Connections the pool holds to PostgreSQL now (in use and idle).', (p) => p.totalCount);
    pool('idle', 'Connections of the pool open and not in use.', (p) => p.idleCount);
    pool('waiting', 'Queries waiting for a connection of the pool.', (p) => p.waitingCount);
    new Gauge({ name: 'mpp_db_pool_max', help: 'The most connections the pool opens (DB_POOL_SIZE).', registers }).set(config.dbPoolSize);
  }

  observeRequest(r: { method: string; route: string; statusClass: string; seconds: number }): void {
    const labels = { method: r.method, route: r.route, status_class: r.statusClass };
    this.requests.inc(labels);
    this.durations.observe(labels, r.seconds);
  }

  /** The address /metrics listens on, or null when metrics are off. */
  address(): AddressInfo | null {
    return (this.server?.address() as AddressInfo | null) ?? null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET' || path !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: GET /metrics\n');
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
        (error: unknown) => {
          this.logger.error({ msg: 'metrics scrape failed', error: (error as Error).message });
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics could not be collected\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.metricsPort, this.config.metricsHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log({ msg: 'metrics listening', host: this.config.metricsHost, port: this.config.metricsPort });
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** A figure read from the database; while it cannot be read the scrape still answers, without it. */
  private async fromDatabase<T>(what: string, read: () => Promise<T[]>): Promise<T[]> {
    try {
      return await read();
    } catch (error) {
      this.logger.warn({ msg: `metrics: ${what} not read`, error: (error as Error).message });
      return [];
    }
  }

  private async queueDepth() {
    const now = this.clock.now();
    const sites = await this.repository.sites();
    return this.repository.waitingBySite(sites.map((s) => ({ siteId: s.id, localDate: localDate(now, s.time_zone) })));
  }

  private poolCounts(): PoolCounts | null {
    // TypeORM's PostgreSQL driver keeps its pg Pool as `master` (public, typed any).
    const pool = (this.db.driver as unknown as { master?: Partial<PoolCounts> }).master;
    return pool && typeof pool.totalCount === 'number' ? (pool as PoolCounts) : null;
  }
}
