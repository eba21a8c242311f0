import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { CACHE_IMMUTABLE, CACHE_REVALIDATE, mountBuiltApps } from '../src/static-apps';
import { createTestApp, TestApp } from './support/test-app';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request whose answer is read as raw bytes (supertest would decompress them). */
function raw(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawAnswer> {
  return new Promise((done, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** A built app as Angular writes it: index.html, hashed bundles, an unhashed favicon. */
function newBuiltApp(appsDir: string, name: string): { dir: string; bundle: string; styles: string } {
  const dir = join(appsDir, name, 'browser');
  mkdirSync(dir, { recursive: true });
  const base = name === 'portal' ? '/' : `/${name}/`;
  const bundle = `main-${randomBytes(4).toString('hex').toUpperCase()}.js`;
  const styles = `styles-${randomBytes(4).toString('hex').toUpperCase()}.css`;
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html lang="id"><head><base href="${base}"><title>${name}</title>${'<meta name="x" content="y">'.repeat(60)}</head><body><${name}-root></${name}-root><script src="${bundle}" type="module"></script></body></html>`);
  writeFileSync(join(dir, bundle), Array.from({ length: 800 }, (_, i) => `export const value${i} = ${JSON.stringify(`${name} ${i % 17}`)};`).join('\n'));
  writeFileSync(join(dir, styles), Array.from({ length: 300 }, (_, i) => `.c${i}{margin:${i % 7}px;color:#0b4f8a}`).join('\n'));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return { dir, bundle, styles };
}

describe(mountBuiltApps.name, () => {
  let t: TestApp;
  let appsDir: string;
  let portal: ReturnType<typeof newBuiltApp>;
  let counter: ReturnType<typeof newBuiltApp>;
  let port: number;

  beforeAll(async () => {
    appsDir = mkdtempSync(join(tmpdir(), 'mpp-apps-'));
    portal = newBuiltApp(appsDir, 'portal');
    counter = newBuiltApp(appsDir, 'counter');
    // The build step's own script writes the .br and .gz copies.
    execFileSync(process.execPath, [resolve(__dirname, '../../../scripts/compress-apps.mjs'), appsDir]);
    t = await createTestApp({ seedCatalogue: false, config: { appsDir } });
    port = (t.app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(appsDir, { recursive: true, force: true });
  });

  it('should serve the precompressed copy the browser prefers, whose bytes decompress to the file', async () => {
    const original = readFileSync(join(portal.dir, portal.bundle));
    const br = await raw(port, `/${portal.bundle}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.body.length).toBeLessThan(original.length / 3);
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);

    const gzip = await raw(port, `/${portal.bundle}`, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(original)).toBe(true);
    const noBrotli = await raw(port, `/${portal.bundle}`, { 'Accept-Encoding': 'br;q=0, gzip;q=0.8' });
    expect(noBrotli.headers['content-encoding']).toBe('gzip');

    for (const headers of [{}, { 'Accept-Encoding': 'identity' }, { 'Accept-Encoding': 'deflate' }] as Record<string, string>[]) {
      const plain = await raw(port, `/${portal.bundle}`, headers);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.equals(original)).toBe(true);
    }
  });

  it('should compress the apps under their own paths and index.html too', async () => {
    const css = await raw(port, `/counter/${counter.styles}`, { 'Accept-Encoding': 'br' });
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(brotliDecompressSync(css.body).equals(readFileSync(join(counter.dir, counter.styles)))).toBe(true);
    const index = await raw(port, '/counter/', { 'Accept-Encoding': 'gzip', Accept: 'text/html' });
    expect(index.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(index.body).toString()).toContain('<counter-root>');
  });

  it('should mark hashed files immutable for a year, index.html no-cache, and others briefly', async () => {
    for (const path of [`/${portal.bundle}`, `/${portal.styles}`, `/counter/${counter.bundle}`]) {
      expect((await raw(port, path, { 'Accept-Encoding': 'br' })).headers['cache-control']).toBe(CACHE_IMMUTABLE);
      expect((await raw(port, path)).headers['cache-control']).toBe(CACHE_IMMUTABLE);
    }
    for (const path of ['/', '/index.html', '/counter/', '/tiket/AbC123', '/counter/antrean']) {
      expect((await raw(port, path, { Accept: 'text/html' })).headers['cache-control']).toBe(CACHE_REVALIDATE);
    }
    expect((await raw(port, '/favicon.svg')).headers['cache-control']).toBe('public, max-age=3600');
  });

  it("should answer the ticket QR's target as a page to GET and HEAD with Accept */*, text/html or none", async () => {
    for (const method of ['GET', 'HEAD']) {
      for (const accept of [{ Accept: '*/*' }, { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }, {}] as Record<string, string>[]) {
        const sut = await raw(port, '/tiket/k7Qm2xWpAbCd', accept, method);
        expect({ method, accept, status: sut.status, type: sut.headers['content-type'] }).toEqual({ method, accept, status: 200, type: expect.stringMatching(/^text\/html/) });
        if (method === 'GET') expect(sut.body.toString()).toContain('<portal-root>');
        else expect(sut.body.length).toBe(0);
      }
    }
  });

  it('should leave JSON clients, missing files and the API to the 404 of the API', async () => {
    const json = await raw(port, '/tiket/k7Qm2xWpAbCd', { Accept: 'application/json' });
    expect(json.status).toBe(404);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    for (const path of ['/main-ZZZZZZZZ.js', `/${portal.bundle}.br`, '/api/v1/nothing', '/../../etc/passwd']) {
      expect((await raw(port, path, { Accept: '*/*' })).status).toBe(404);
    }
  });

  it('should not serve a compressed copy older than its file (left over from an earlier build)', async () => {
    const file = join(portal.dir, portal.styles);
    const past = new Date(statSync(file).mtimeMs - 60_000);
    utimesSync(`${file}.br`, past, past);
    utimesSync(`${file}.gz`, past, past);
    const sut = await raw(port, `/${portal.styles}`, { 'Accept-Encoding': 'br, gzip' });
    expect(sut.headers['content-encoding']).toBeUndefined();
    expect(sut.body.equals(readFileSync(file))).toBe(true);
  });
});
