import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

/** What a click on `testId` downloaded: the file name the page gave it and its bytes. */
export async function downloadByClick(page: Page, testId: string, timeoutMs = 30_000): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: timeoutMs }), page.getByTestId(testId).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), body: await readFile(path) };
}
