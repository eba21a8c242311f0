import type { Page } from 'playwright-core';

/**
 * The id (or another attribute) of the focused element once the page has moved the focus. Apps move
 * it after their change detection, which can run after a click's or a key's promise resolved, so
 * this waits (up to 5 s) for the expected element and then reads what has the focus: a wrong focus
 * still fails, naming the element that has it.
 */
export async function focusedAfterMove(page: Page, expected: string, attribute = 'id'): Promise<string | null | undefined> {
  const read = (attr: string) => (attr === 'id' ? document.activeElement?.id : document.activeElement?.getAttribute(attr));
  await page.waitForFunction(([want, attr]) => (attr === 'id' ? document.activeElement?.id : document.activeElement?.getAttribute(attr)) === want, [expected, attribute] as const, { timeout: 5_000 }).catch(() => undefined);
  return page.evaluate(read, attribute);
}
