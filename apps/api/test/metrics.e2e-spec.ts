import type { BookingCreatedResponse } from '@mpp/contracts';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { MetricsService } from '../src/metrics/metrics.service';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setDailyQuota, setupHall } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';
import { freePort } from './support/free-port';

/** One sample's value in Prometheus' text format, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(/,(?=[a-z_]+=")/).filter(Boolean);
    if (wanted.every((w) => have.includes(w)) && have.length === wanted.length) return Number(match[3]);
  }
  return undefined;
}

const CITIZEN = { nik: '5371015708917391', fullName: 'Yohanes Bosco Wunarlan', phone: '0812-7391-4628', email: 'yohanes.wunarlan.7391@contoh.example' };

describe('Metrics (Prometheus, on a port of their own)', () => {
  let t: TestApp;
  let h: Hall;
  let metricsUrl: string;
  let publicUrl: string;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const metricsPort = await freePort();
    t = await createTestApp({ clock, config: { metricsPort, metricsHost: '127.0.0.1', bookingRateLimit: 100_000 } });
    h = await setupHall(t);
    for (const id of Object.values(h.services)) await setDailyQuota(t, h.system, id, null);
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    publicUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(async () => t?.close());

  const scrape = async (): Promise<string> => {
    const res = await fetch(metricsUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('should answer /metrics on its own port and never on the public one', async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE mpp_http_requests_total counter');
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(sample(text, 'mpp_db_pool_max')).toBe(t.app.get(MetricsService)['config'].dbPoolSize);
    expect(sample(text, 'mpp_db_pool_connections')).toBeGreaterThan(0);
    expect(sample(text, 'mpp_db_pool_idle')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'mpp_db_pool_waiting')).toBeGreaterThanOrEqual(0);

    for (const path of ['/metrics', '/api/metrics']) {
      // Asked for text only: not found. (With a browser's Accept, or */*, the public port answers a path
      // without a file extension with the portal's page where the apps are built: never the metrics.)
      expect((await fetch(`${publicUrl}${path}`, { headers: { Accept: 'text/plain' } })).status).toBe(404);
      expect(await (await fetch(`${publicUrl}${path}`)).text()).not.toContain('mpp_http_requests_total');
    }
    expect((await fetch(metricsUrl.replace('/metrics', '/other'))).status).toBe(404);
  });

  it('should count requests by method, route template and status class, with no code or id in a label', async () => {
    const route = { method: 'GET', route: '/api/v1/services/:id', status_class: '2xx' };
    const before = sample(await scrape(), 'mpp_http_requests_total', route) ?? 0;
    for (const id of [h.services.akta, h.services.kk, h.services.skck]) await t.http().get(`/api/v1/services/${id}`).expect(200);
    await t.http().get('/api/v1/services/00000000-0000-4000-8000-000000000000').expect(404);
    await t.http().get('/api/v1/no-such-thing/12345').expect(404);

    const text = await scrape();
    expect(sample(text, 'mpp_http_requests_total', route)).toBe(before + 3);
    expect(sample(text, 'mpp_http_requests_total', { ...route, status_class: '4xx' })).toBe(1);
    expect(sample(text, 'mpp_http_request_duration_seconds_count', route)).toBe(before + 3);
    expect(sample(text, 'mpp_http_request_duration_seconds_bucket', { ...route, le: '+Inf' })).toBe(before + 3);
    expect(sample(text, 'mpp_http_requests_total', { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBeGreaterThanOrEqual(1);
    for (const id of [h.services.akta, h.services.kk, h.services.skck, '00000000-0000-4000-8000-000000000000', '12345', 'no-such-thing']) expect(text).not.toContain(id);
  });

  it('should show the tickets waiting at each site, as the database holds them', async () => {
    const waitingAt = async (site: string) =>
      Number(
        (
          (await t.app.get(DataSource).query(
            `SELECT count(*)::int AS n FROM ticket t JOIN site s ON s.id = t.site_id WHERE s.code = $1 AND t.status = 'waiting' AND t.local_date = '2026-11-23'`,
            [site],
          )) as { n: number }[]
        )[0].n,
      );
    const before = sample(await scrape(), 'mpp_queue_waiting_tickets', { site: 'kota-kupang' });
    expect(before).toBe(await waitingAt('kota-kupang'));

    for (const service of [h.services.akta, h.services.kk, h.services.skck, h.services.skck]) await issue(t, h.kiosk, service);
    let text = await scrape();
    expect(sample(text, 'mpp_queue_waiting_tickets', { site: 'kota-kupang' })).toBe(before! + 4);
    expect(sample(text, 'mpp_queue_waiting_tickets', { site: 'kota-kupang' })).toBe(await waitingAt('kota-kupang'));
    expect(sample(text, 'mpp_queue_waiting_tickets', { site: 'kota-probolinggo' })).toBe(0);

    await counterAction(t, h.officers.polresta, h.counters.polresta, 'call-next').expect(200);
    text = await scrape();
    expect(sample(text, 'mpp_queue_waiting_tickets', { site: 'kota-kupang' })).toBe(before! + 3);
    expect(sample(text, 'mpp_queue_waiting_tickets', { site: 'kota-kupang' })).toBe(await waitingAt('kota-kupang'));
  });

  it('should count the socket.io clients connected, per namespace', async () => {
    const before = sample(await scrape(), 'mpp_socketio_connected_sockets', { namespace: '/queue' }) ?? 0;
    const socket = io(`${publicUrl}/queue`, { transports: ['websocket'], auth: { token: h.display }, reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    expect(sample(await scrape(), 'mpp_socketio_connected_sockets', { namespace: '/queue' })).toBe(before + 1);

    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    socket.disconnect();
    await gone;
    // The server hears the close a moment after the client: scrape until it has.
    const deadline = Date.now() + 5_000;
    let after = before + 1;
    while (after !== before && Date.now() < deadline) {
      after = sample(await scrape(), 'mpp_socketio_connected_sockets', { namespace: '/queue' }) ?? 0;
      if (after !== before) await new Promise((r) => setTimeout(r, 50));
    }
    expect(after).toBe(before);
  });

  it("should show each background job's runs, failures and abandoned runs from the job table", async () => {
    await t.app.get(DataSource).query(
      `INSERT INTO job (name, interval_seconds, next_run_at, runs, failures, abandoned, last_finished_at)
       VALUES ('metrics test job', 60, now(), 7, 2, 1, '2026-11-23T01:00:00Z')`,
    );

    const text = await scrape();

    expect(sample(text, 'mpp_job_runs_total', { job: 'metrics test job' })).toBe(7);
    expect(sample(text, 'mpp_job_failures_total', { job: 'metrics test job' })).toBe(2);
    expect(sample(text, 'mpp_job_abandoned_total', { job: 'metrics test job' })).toBe(1);
    expect(sample(text, 'mpp_job_last_finished_timestamp_seconds', { job: 'metrics test job' })).toBe(Date.parse('2026-11-23T01:00:00Z') / 1000);
  });

  it('should carry no personal data after a booking', async () => {
    clock.set('2026-11-23T00:30:00Z');
    const booked = (await t.http().post('/api/v1/bookings').send({ ...CITIZEN, serviceId: h.services.akta, date: '2026-11-24', start: '10:00' }).expect(201)).body as BookingCreatedResponse;
    await t.http().get(`/api/v1/bookings/${booked.code}`).query({ token: booked.manageToken });
    await t.http().post(`/api/v1/bookings/${booked.code}/details`).send({ token: booked.manageToken }).expect(200);

    const text = await scrape();
    expect(sample(text, 'mpp_http_requests_total', { method: 'POST', route: '/api/v1/bookings', status_class: '2xx' })).toBe(1);
    const digits = text.replace(/\D/g, '');
    for (const form of [CITIZEN.fullName, 'Wunarlan', CITIZEN.nik, CITIZEN.phone, CITIZEN.email, 'wunarlan.7391', booked.code, booked.manageToken]) {
      expect(text.toLowerCase()).not.toContain(form.toLowerCase());
    }
    for (const number of [CITIZEN.nik, '81273914628']) expect(digits).not.toContain(number);
    // Labels come from a closed set: methods, route templates, status classes, site codes, namespaces, jobs.
    const labelValues = [...text.matchAll(/(\w+)="([^"]*)"/g)].filter(([, name]) => name !== 'le' && name !== 'quantile');
    for (const [, name, value] of labelValues) {
      if (name === 'route') expect(value).toMatch(/^(\/api(\/[\w.-]+|\/:\w+)*|unmatched)$/);
      if (name === 'route') expect(value).not.toMatch(/[0-9a-f]{8}-|\d{4,}/);
    }
  });
});

describe('Metrics off (METRICS_PORT=0, the default)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seedCatalogue: false });
  });
  afterAll(async () => t?.close());

  it('should serve nothing and count nothing', async () => {
    await t.http().get('/api/health').expect(200);

    const sut = t.app.get(MetricsService);
    expect(sut.address()).toBeNull();
    expect(await sut.registry.getSingleMetricAsString('mpp_http_requests_total')).not.toMatch(/^mpp_http_requests_total\{/m);
    expect(await sut.registry.metrics()).not.toContain('process_cpu_user_seconds_total');
  });
});
