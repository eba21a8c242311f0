import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';

/**
 * What these helpers use of the API's test app (apps/api/test/support/test-app `TestApp`, which a
 * browser support file does not import: it would cross projects).
 */
export interface RunningApp {
  app: { getHttpServer(): { address(): unknown } };
  close(): Promise<void>;
}

/** The test app's own address (`http://127.0.0.1:<port>`), where it serves the API and the built apps. */
export function appBase(t: RunningApp): string {
  return `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
}

/** A Chromium to drive the started test app `t`, and the app's address. */
export async function chromiumFor(t: RunningApp): Promise<{ browser: Browser; base: string }> {
  return { base: appBase(t), browser: await launchChromium() };
}

/** Closes what a spec's beforeAll opened, the browser first; either may be missing when beforeAll failed. */
export async function closeAppAndChromium(browser: Browser | undefined, t: RunningApp | undefined): Promise<void> {
  await browser?.close();
  await t?.close();
}
