import type { StaffUserResponse } from '@mpp/contracts';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { chromiumFor, type RunningApp } from './app-in-chromium';

/** The counter app's session in sessionStorage (apps/counter/src/app/auth/auth-session.service.ts). */
export const COUNTER_TOKEN_KEY = 'mpp.counter.token';
export const COUNTER_SESSION_KEY = 'mpp.counter.session';

/**
 * Signs `page` in to the counter app with a token the API gave (the sign-in form itself, and an
 * administrator's second factor, are the login page's tests): the session as the app keeps it.
 * The page first goes to the API's health address, a page of the same origin where no app runs (an
 * app still open could save its own session over this one). Answers `GET auth/me` for the token.
 */
export async function signInCounterPage(page: Page, base: string, token: string): Promise<StaffUserResponse> {
  const me = await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  if (me.status !== 200) throw new Error(`GET /api/v1/auth/me answered ${me.status}, not 200`);
  const user = (await me.json()) as StaffUserResponse;
  await page.goto(`${base}/api/health`);
  await page.evaluate(
    ([keys, values]) => {
      sessionStorage.clear();
      sessionStorage.setItem(keys[0], values[0]);
      sessionStorage.setItem(keys[1], values[1]);
    },
    [[COUNTER_TOKEN_KEY, COUNTER_SESSION_KEY], [token, JSON.stringify({ expiresAt: null, user })]] as const,
  );
  return user;
}

/** A Chromium driving the started test app `t`, the app's address, and one page of a desktop counter's size (plus `options`). */
export async function counterPageFor(t: RunningApp, options: BrowserContextOptions = {}): Promise<{ browser: Browser; base: string; page: Page }> {
  const { browser, base } = await chromiumFor(t);
  try {
    return { browser, base, page: await browser.newPage({ viewport: { width: 1366, height: 900 }, ...options }) };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
