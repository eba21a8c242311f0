import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { createHash } from 'node:crypto';

/**
 * Security headers for everything the process answers: the three Angular apps, /api/docs and
 * the API. One Content-Security-Policy fits all of them (checked in real Chromium by
 * tests/browser/security-headers.browser-spec.ts):
 * - scripts only from this origin; the one inline thing Angular's build writes is the
 *   `onload="this.media='all'"` that loads the stylesheet after the inlined critical CSS, allowed
 *   by its hash alone;
 * - styles from this origin and inline (Angular components insert <style> elements at run time,
 *   Swagger UI sets style attributes);
 * - images from this origin and data: (the kiosk's QR code, Swagger UI's icons);
 * - connections (XHR, socket.io over WebSocket) only to this origin; no fonts from elsewhere;
 * - never framed (frame-ancestors 'none', X-Frame-Options DENY), no plugins, forms post here.
 * The camera (the kiosk scans booking QR codes) and speech are not governed by the CSP; the
 * Permissions-Policy allows the camera and the location (a complaint's "Gunakan lokasi saya",
 * asked only when the citizen presses it) to this origin only.
 */
const ANGULAR_STYLESHEET_ONLOAD = `this.media='all'`;

function sha256(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'", "'unsafe-hashes'", sha256(ANGULAR_STYLESHEET_ONLOAD)],
  'script-src-attr': ["'unsafe-hashes'", sha256(ANGULAR_STYLESHEET_ONLOAD)],
  'style-src': ["'self'", "'unsafe-inline'"],
  // OpenStreetMap's tiles: the complaint form's map, loaded only when the citizen opens it.
  'img-src': ["'self'", 'data:', 'https://tile.openstreetmap.org'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'media-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

export function cspHeader(directives: Record<string, string[]> = CONTENT_SECURITY_POLICY): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/**
 * A page the API renders itself (a ticket's print view) may carry small inline scripts of its own:
 * its policy allows exactly those, by hash, and nothing else from anywhere.
 */
export function renderedPageCsp(html: string): string {
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => sha256(m[1]));
  return cspHeader({
    'default-src': ["'none'"],
    'script-src': scripts.length ? scripts : ["'none'"],
    'style-src': ["'unsafe-inline'"],
    'img-src': ['data:'],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  });
}

/** One year; sent only on answers that came over HTTPS (directly or from a trusted proxy). */
const HSTS = 'max-age=31536000';

export function securityHeaders(): RequestHandler[] {
  const base = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // Set below, only over HTTPS: on a hall's plain-HTTP network it would lock browsers out.
    strictTransportSecurity: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The apps load nothing from other origins; Swagger UI neither.
    crossOriginEmbedderPolicy: false,
  });
  const extra = (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Permissions-Policy', 'camera=(self), microphone=(), geolocation=(self), payment=(), usb=()');
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    next();
  };
  return [base, extra];
}

/** Public catalogue reads an anonymous visitor may keep; every other API answer is not stored. */
const SHAREABLE = /^\/api\/(v1\/(sites|services|calendar)(\/|\?|$)|docs|health)/;

/**
 * `Cache-Control: no-store` on every API answer that may carry personal data or a secret: all
 * signed-in answers, bookings, tickets, the queue, auth. A handler may still set its own.
 * Slots (`/services/{id}/slots`) change by the second and are not stored either.
 */
export function noStoreForPrivateAnswers(req: Request, res: Response, next: NextFunction): void {
  const url = req.originalUrl;
  if (url.startsWith('/api')) {
    const shareable = !req.headers.authorization && (req.method === 'GET' || req.method === 'HEAD') && SHAREABLE.test(url) && !/\/slots(\?|$)/.test(url);
    if (!shareable) res.setHeader('Cache-Control', 'no-store');
  }
  next();
}
