import type { NestExpressApplication } from '@nestjs/platform-express';
import type express from 'express';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { CatalogueCache } from './catalogue/catalogue-cache';
import { ServiceCatalogService } from './catalogue/service-catalog.service';
import { SitesService } from './catalogue/sites.service';
import { PortalHome } from './portal-home';

/** The three Angular apps, served from their production builds on the API's own port. */
export const BUILT_APPS = [
  { name: 'counter', path: '/counter' },
  { name: 'kiosk', path: '/kiosk' },
  { name: 'portal', path: '/' },
] as const;

export function builtAppDir(appsDir: string, name: string): string {
  return join(appsDir, name, 'browser');
}

/** Angular's build names what it hashes `name-XXXXXXXX.ext` (8 capitals and digits): never changes. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html (and the SPA's routes): always asked again, so a new build is seen at once. */
export const CACHE_REVALIDATE = 'no-cache';
/** Other files (favicon.svg): not hashed, so kept only briefly. */
const CACHE_SHORT = 'public, max-age=3600';
/** The portal's service worker and its manifest: asked again every time, so a new build reaches phones at once. */
const SERVICE_WORKER_FILE = /[\\/](portal-worker\.js|ngsw-worker\.js|ngsw\.json|safety-worker\.js|worker-basic\.min\.js)$/;

function cacheControlFor(file: string): string {
  if (SERVICE_WORKER_FILE.test(file)) return CACHE_REVALIDATE;
  return HASHED.test(file) ? CACHE_IMMUTABLE : CACHE_SHORT;
}

/** Precompressed copies written by scripts/compress-apps.mjs, best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A copy older than its source is left over from an earlier build: not served. */
function freshCopy(file: string, suffix: string): boolean {
  try {
    return statSync(file + suffix).mtimeMs >= statSync(file).mtimeMs;
  } catch {
    return false;
  }
}

/**
 * Sends one file of a built app: its .br or .gz copy when the browser accepts it (negotiated by
 * Accept-Encoding, no header meaning none), the file itself otherwise; Vary: Accept-Encoding;
 * hashed files immutable for a year, index.html revalidated every time.
 */
function sendBuiltFile(req: express.Request, res: express.Response, next: express.NextFunction, file: string, cacheControl: string): void {
  const available = ENCODINGS.filter((e) => freshCopy(file, e.suffix));
  res.setHeader('Cache-Control', cacheControl);
  if (available.length > 0) res.setHeader('Vary', 'Accept-Encoding');
  // Ours is the preference (br is smaller), the browser's only whether it accepts one at all.
  const encoding = req.headers['accept-encoding'] ? available.find((e) => req.acceptsEncodings(e.name) === e.name) : undefined;
  const options = { cacheControl: false, dotfiles: 'allow' as const };
  const done = (error?: Error) => {
    if (error && !res.headersSent) next(error);
  };
  if (!encoding) {
    res.sendFile(file, options, done);
    return;
  }
  res.setHeader('Content-Encoding', encoding.name);
  res.type(extname(file));
  res.sendFile(file + encoding.suffix, options, done);
}

/**
 * A path the SPA routes itself (`/tiket/{code}`, `/counter/antrean`): what a phone's browser, a
 * QR scanner app or a link checker asks for (GET or HEAD, Accept text/html, * / *, or none) gets
 * the app's index.html. A path with a file extension (a missing chunk) or a client that wants
 * only JSON or an image gets the API's 404.
 */
function isPageRequest(req: express.Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.originalUrl.startsWith('/api')) return false;
  if (/\.[A-Za-z0-9]+$/.test(req.path)) return false;
  return !req.headers.accept || req.accepts(['html', 'json']) === 'html';
}

/**
 * The portal's home with its first services inlined (portal-home.ts), for a browser's page load of
 * `/` only: not `/index.html` nor a request that is not a document load (a service worker caching
 * the app shell checks the build's own bytes), nor any other route of the SPA.
 */
function wantsPortalHome(req: express.Request): boolean {
  if (req.path !== '/' || !isPageRequest(req)) return false;
  const dest = req.headers['sec-fetch-dest'];
  return dest === undefined || dest === 'document';
}

/** A PortalHome over the built index.html, made again when the build changes it. */
function portalHomeFor(app: NestExpressApplication, dir: string, index: string): () => PortalHome | null {
  let built: { mtimeMs: number; home: PortalHome } | null = null;
  let sources: ConstructorParameters<typeof PortalHome>[1] | null | undefined;
  return () => {
    if (sources === undefined) {
      try {
        sources = {
          sites: app.get(SitesService, { strict: false }),
          services: app.get(ServiceCatalogService, { strict: false }),
          cache: app.get(CatalogueCache, { strict: false }),
        };
      } catch {
        sources = null; // an application without the catalogue: the plain index.html
      }
    }
    if (!sources) return null;
    const mtimeMs = statSync(index).mtimeMs;
    if (built?.mtimeMs !== mtimeMs) {
      const readStylesheet = (href: string) => {
        const file = resolve(dir, href);
        return file.startsWith(dir + sep) && isFile(file) ? readFileSync(file, 'utf8') : null;
      };
      built = { mtimeMs, home: new PortalHome(readFileSync(index, 'utf8'), sources, readStylesheet) };
    }
    return built.home;
  };
}

async function sendPortalHome(home: PortalHome, req: express.Request, res: express.Response): Promise<boolean> {
  const page = await home.render(req.query as Record<string, unknown>, req.headers.cookie, req.originalUrl);
  if (!page) return false;
  res.setHeader('Cache-Control', CACHE_REVALIDATE);
  res.setHeader('Vary', 'Accept-Encoding, Cookie');
  res.setHeader('ETag', page.etag);
  res.type('html');
  if (req.fresh) {
    res.status(304).end();
    return true;
  }
  const encoding = req.headers['accept-encoding'] ? (['br', 'gzip'] as const).find((e) => req.acceptsEncodings(e) === e) : undefined;
  const body = encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.html;
  if (encoding) res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', String(body.length));
  res.status(200).end(req.method === 'HEAD' ? undefined : body);
  return true;
}

export function mountBuiltApps(app: NestExpressApplication, appsDir: string): void {
  for (const { name, path } of BUILT_APPS) {
    const dir = resolve(builtAppDir(appsDir, name));
    const index = join(dir, 'index.html');
    if (!existsSync(index)) continue;
    const portalHome = name === 'portal' ? portalHomeFor(app, dir, index) : () => null;
    app.use(path, (req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      if (req.originalUrl.startsWith('/api')) return next();
      let relative: string;
      try {
        relative = decodeURIComponent(req.path);
      } catch {
        return next();
      }
      // The compressed copies are served by negotiation only, never by their own names.
      if (/\.(br|gz)$/.test(relative)) return next();
      const file = resolve(dir, `.${relative}`);
      if (file !== dir && !file.startsWith(dir + sep)) return next();
      const home = wantsPortalHome(req) ? portalHome() : null;
      if (home) {
        sendPortalHome(home, req, res).then(
          (sent) => sent || sendBuiltFile(req, res, next, index, CACHE_REVALIDATE),
          // The catalogue could not be read: the plain page still works, the app asks again.
          () => sendBuiltFile(req, res, next, index, CACHE_REVALIDATE),
        );
        return;
      }
      if (file === index || file === dir) return sendBuiltFile(req, res, next, index, CACHE_REVALIDATE);
      if (isFile(file)) return sendBuiltFile(req, res, next, file, cacheControlFor(file));
      if (isPageRequest(req)) return sendBuiltFile(req, res, next, index, CACHE_REVALIDATE);
      next();
    });
  }
}
