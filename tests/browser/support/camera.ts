import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { launchChromium } from './browser';

/** One grey-scale frame of `text` as a QR code, as a Y4M video Chromium's fake camera plays in a loop. */
export function qrVideo(text: string): Buffer {
  const width = 640;
  const height = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  const scale = Math.floor(400 / (modules + 8));
  const left = Math.floor((width - modules * scale) / 2);
  const top = Math.floor((height - modules * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < modules * scale; y++) {
    for (let x = 0; x < modules * scale; x++) {
      if (qr.modules.get(Math.floor(y / scale), Math.floor(x / scale))) luma[(top + y) * width + left + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma]);
}

/** Chromium whose fake camera shows `text` as a QR code; `close` also removes the video file. */
export async function chromiumWithQrCamera(text: string): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'mpp-camera-'));
  const video = join(dir, 'qr.y4m');
  writeFileSync(video, qrVideo(text));
  const browser = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a page printed to its console (warnings and errors: the scanner's and Angular's), from now on. */
export function consoleOf(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') lines.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => lines.push(`pageerror: ${error.message}`));
  return lines;
}

/**
 * Waits for what a camera read leads to (`after`). Reading runs on the page's main thread, so a
 * loaded machine is given time; a miss says what the camera status (`camera`, its data-state)
 * stood at, how many pictures the page read and the last decoder error (the video's data-reads and
 * data-read-error), what the page said and printed, instead of a bare time-out.
 */
export async function waitAfterScan(after: Locator, camera: Locator, printed: string[], timeout = 45_000): Promise<void> {
  try {
    await after.waitFor({ timeout });
  } catch (error) {
    const page = after.page();
    const state = await camera.getAttribute('data-state', { timeout: 1_000 }).catch(() => 'absent');
    const video = await page
      .locator('video')
      .first()
      .evaluate((v: HTMLVideoElement) => `${v.videoWidth}x${v.videoHeight}, ${v.dataset['reads'] ?? 0} reads, last error ${v.dataset['readError'] ?? 'none'}`, undefined, { timeout: 1_000 })
      .catch(() => 'absent');
    const said = await page
      .locator('[role="alert"]')
      .allTextContents()
      .catch(() => []);
    throw new Error(
      `nothing read from the camera (camera state: ${state}; video: ${video}; alerts: ${said.join(' | ') || 'none'}; console: ${printed.join(' | ') || 'nothing'}): ${(error as Error).message}`,
    );
  }
}
