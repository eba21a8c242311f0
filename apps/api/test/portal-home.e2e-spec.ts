import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { AgencyResponse, Page, PortalHomeState, ServiceSummaryResponse, SiteSummaryResponse } from '@mpp/contracts';
import { PortalHome } from '../src/portal-home';
import { createTestApp, TestApp } from './support/test-app';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request whose answer is read as raw bytes (supertest would decompress them). */
function raw(port: number, path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((done, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

const PAGE = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const STYLES = `.mpp-card{border:1px solid #d0d5dc}${'.x{margin:0}'.repeat(50)}`;

/** The portal's index.html as Angular's production build writes it (critical CSS inlined, the stylesheet loaded late). */
function newBuiltPortal(appsDir: string): string {
  const dir = join(appsDir, 'portal', 'browser');
  mkdirSync(dir, { recursive: true });
  const styles = `styles-${randomBytes(4).toString('hex').toUpperCase()}.css`;
  writeFileSync(join(dir, styles), STYLES);
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>MPP Digital</title><base href="/"><style>body{margin:0}</style>` +
      `<link rel="stylesheet" href="${styles}" media="print" onload="this.media='all'"><noscript><link rel="stylesheet" href="${styles}"></noscript></head>` +
      `<body><portal-root><noscript>Aktifkan JavaScript</noscript></portal-root><link rel="modulepreload" href="chunk-AAAAAAAA.js"><script src="main-BBBBBBBB.js" type="module"></script></body></html>`,
  );
  return dir;
}

function stateOf(html: string): PortalHomeState {
  const json = /<script type="application\/json" id="portal-home-state">([\s\S]*?)<\/script>/.exec(html);
  if (!json) throw new Error('no inlined state');
  return JSON.parse(json[1]) as PortalHomeState;
}

describe(PortalHome.name, () => {
  let t: TestApp;
  let appsDir: string;
  let port: number;

  beforeAll(async () => {
    appsDir = mkdtempSync(join(tmpdir(), 'mpp-portal-home-'));
    newBuiltPortal(appsDir);
    t = await createTestApp({ config: { appsDir } });
    port = (t.app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(appsDir, { recursive: true, force: true });
  });

  it("should inline the first site's first services and the same answers the API gives, with the stylesheet", async () => {
    const sut = await raw(port, '/', PAGE);
    expect(sut.status).toBe(200);
    expect(sut.headers['content-type']).toMatch(/^text\/html/);
    const html = sut.body.toString();
    const sites = (await t.http().get('/api/v1/sites').expect(200)).body as SiteSummaryResponse[];
    const site = sites[0].code;
    const agencies = (await t.http().get(`/api/v1/sites/${site}/agencies`).expect(200)).body as AgencyResponse[];
    const results = (await t.http().get(`/api/v1/services?site=${site}&page=1&pageSize=20`).expect(200)).body as Page<ServiceSummaryResponse>;
    const state = stateOf(html);
    expect(state).toEqual({ criteria: { site, q: '', agency: '' }, sites, agencies, results });
    expect(results.items.length).toBeGreaterThan(0);
    for (const s of results.items) expect(html).toContain(`<a href="/layanan/${s.id}">${s.name.replace(/&/g, '&amp;')}</a>`);
    // The page comes before the app's element, which stays hidden while it is there.
    expect(html.indexOf('id="portal-prerender"')).toBeLessThan(html.indexOf('<portal-root>'));
    expect(html).toContain('#portal-prerender~portal-root{display:none}');
    // The global stylesheet inside the page, no longer linked.
    expect(html).toContain(`<style>${STYLES}</style>`);
    expect(html).not.toMatch(/<link rel="stylesheet"/);
  });

  it('should answer the search of the URL, and the MPP of the cookie when the URL names none', async () => {
    const searched = stateOf((await raw(port, '/?site=kota-kupang&q=paspor', PAGE)).body.toString());
    const expected = (await t.http().get('/api/v1/services?site=kota-kupang&q=paspor&page=1&pageSize=20').expect(200)).body as Page<ServiceSummaryResponse>;
    expect(searched.criteria).toEqual({ site: 'kota-kupang', q: 'paspor', agency: '' });
    expect(searched.results).toEqual(expected);

    const other = stateOf((await raw(port, '/', { ...PAGE, Cookie: 'theme=x; mpp_site=kota-probolinggo' })).body.toString());
    expect(other.criteria.site).toBe('kota-probolinggo');
  });

  it('should be compressed, revalidated by ETag and vary by encoding and cookie', async () => {
    const plain = await raw(port, '/', PAGE);
    const br = await raw(port, '/', { ...PAGE, 'Accept-Encoding': 'gzip, deflate, br' });
    const gzip = await raw(port, '/', { ...PAGE, 'Accept-Encoding': 'gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    for (const answer of [plain, br, gzip]) {
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(answer.headers.vary).toBe('Accept-Encoding, Cookie');
      expect(answer.headers.etag).toBe(plain.headers.etag);
    }
    const again = await raw(port, '/', { ...PAGE, 'If-None-Match': String(plain.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // The same catalogue gives the same page after the cached answers expire (5 s): still 304.
    await new Promise((done) => setTimeout(done, 5_500));
    expect((await raw(port, '/', { ...PAGE, 'If-None-Match': String(plain.headers.etag) })).status).toBe(304);
  });

  it('should serve the plain index.html to a service worker, to other routes and to a URL it cannot answer', async () => {
    const cases: [string, Record<string, string>][] = [
      ['/', { ...PAGE, 'Sec-Fetch-Dest': 'empty' }],
      ['/index.html', PAGE],
      ['/tiket/k7Qm2xWpAbCd', PAGE],
      ['/?site=tidak-ada', PAGE],
      ['/?site=kota-kupang&agency=tidak-ada', PAGE],
      ['/?agency=dukcapil', PAGE],
      ['/?site=kota-kupang&q=a&q=b', PAGE],
      ['/?site=Kota%20Kupang', PAGE],
    ];
    for (const [path, headers] of cases) {
      const sut = await raw(port, path, headers);
      const html = sut.body.toString();
      expect({ path, status: sut.status, inlined: html.includes('portal-prerender') || html.includes('portal-home-state'), root: html.includes('<portal-root>') }).toEqual({
        path,
        status: 200,
        inlined: false,
        root: true,
      });
    }
  });

  it('should escape what the catalogue says, and show a change at once', async () => {
    const token = await t.adminToken();
    const results = (await t.http().get('/api/v1/services?site=kota-kupang&page=1&pageSize=20').expect(200)).body as Page<ServiceSummaryResponse>;
    const before = (await raw(port, '/?site=kota-kupang', PAGE)).body.toString();
    const service = results.items[0];
    const name = `Layanan </script><script>alert(1)</script> & "kutip" <b>`;
    await t.http().patch(`/api/v1/admin/services/${service.id}`).set('Authorization', `Bearer ${token}`).send({ name }).expect(200);

    const html = (await raw(port, '/?site=kota-kupang', PAGE)).body.toString();
    expect(html).not.toBe(before);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('Layanan &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; "kutip" &lt;b&gt;');
    const state = stateOf(html);
    expect(state.results.items.find((s) => s.id === service.id)?.name).toBe(name);
  });
});
