import type { Request, Response } from 'express';

/** The citizen's session: an opaque token (`mppc_…`) in an httpOnly cookie, sent to the API only. */
export const SESSION_COOKIE = 'mpp_citizen';
/** The OpenID Connect login in flight (PKCE verifier, state, nonce), encrypted; 10 minutes. */
export const OIDC_COOKIE = 'mpp_citizen_oidc';
export const SESSION_TOKEN_PREFIX = 'mppc_';

/** One cookie of the request, or null; a value that is not plain URL-safe text counts as absent. */
export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9._~-]{1,4096}$/.test(value) ? value : null;
  }
  return null;
}

/**
 * httpOnly (the page's script never sees it), SameSite=Lax (not sent with another site's POST or
 * fetch; sent on the provider's redirect back, a top-level GET), Secure over HTTPS, and only to
 * the API's paths.
 */
export function setCookie(req: Request, res: Response, name: string, value: string, options: { path: string; maxAgeSeconds: number }): void {
  res.cookie(name, value, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: options.path, maxAge: options.maxAgeSeconds * 1000 });
}

export function clearCookie(req: Request, res: Response, name: string, path: string): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: req.secure, path });
}
