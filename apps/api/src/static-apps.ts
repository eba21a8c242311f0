import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The three Angular apps, served from their production builds on the API's own port. */
export const BUILT_APPS = [
  { name: 'counter', path: '/counter' },
  { name: 'kiosk', path: '/kiosk' },
  { name: 'portal', path: '/' },
] as const;

export function builtAppDir(appsDir: string, name: string): string {
  return join(appsDir, name, 'browser');
}

export function mountBuiltApps(app: NestExpressApplication, appsDir: string): void {
  for (const { name, path } of BUILT_APPS) {
    const dir = builtAppDir(appsDir, name);
    if (!existsSync(join(dir, 'index.html'))) continue;
    const index = join(dir, 'index.html');
    app.use(path, express.static(dir, { index: false, maxAge: '1h', immutable: false }));
    // Client-side routes fall back to the app's index.html; /api stays the API's.
    app.use(path, (req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (req.method !== 'GET' || req.originalUrl.startsWith('/api')) return next();
      if (!(req.headers.accept ?? '').includes('text/html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  }
}
