import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../apps/api/test/support/test-app';
import { chromiumFor, closeAppAndChromium } from './support/app-in-chromium';
import { checkScreen } from './support/axe';

const APPS_DIR = resolve(process.env.APPS_DIR ?? 'dist/apps');
/** The map's size on the page (map-picker.component.ts), inside a 1-pixel border. */
const W = 280;
const H = 210;
const TILE = /^https:\/\/tile\.openstreetmap\.org\/(\d+)\/(\d+)\/(\d+)\.png$/;

/** Web Mercator written out here (the test's own oracle): a pixel of the world at a zoom and back. */
function pixelOf(lat: number, lng: number, zoom: number) {
  const size = 256 * 2 ** zoom;
  const rad = (lat * Math.PI) / 180;
  return { x: ((lng + 180) / 360) * size, y: ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * size };
}
function latLngOf(x: number, y: number, zoom: number) {
  const size = 256 * 2 ** zoom;
  return { lat: (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / size))) * 180) / Math.PI, lng: (x / size) * 360 - 180 };
}

/** Issue 16: the complaint form's "Pilih di peta" in Chromium on a phone: OpenStreetMap tiles (answered here), a tap zooms in, then marks the point. */
describe('Picking a complaint location on the map (pengaduan/baru) in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;
  const tiles: { z: number; x: number; y: number }[] = [];

  beforeAll(async () => {
    t = await createTestApp({ config: { appsDir: APPS_DIR } });
    ({ browser, base } = await chromiumFor(t));
    // No service worker: its own fetches would pass the test's tile server by.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
    page = await context.newPage();
    // The machine has no internet: the tile server is answered here, and every request is kept.
    const png = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#cfe3c4' } }).png().toBuffer();
    await context.route(TILE, async (route) => {
      const [, z, x, y] = TILE.exec(route.request().url())!.map(Number);
      tiles.push({ z, x, y });
      await route.fulfill({ status: 200, contentType: 'image/png', body: png });
    });
  }, 180_000);
  afterAll(async () => closeAppAndChromium(browser, t));

  const field = async (testId: string) => Number(await page.getByTestId(testId).inputValue());

  it('should load no tile until the map is opened, zoom in where tapped, and mark the tapped point', async () => {
    await page.goto(`${base}/pengaduan/baru?mpp=kota-kupang`);
    await page.getByTestId('complaint-form').waitFor();
    expect(tiles).toEqual([]);

    await page.getByTestId('complaint-map-open').click();
    const view = page.getByTestId('map-view');
    await view.waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="map-view"] img').length > 0);
    // Indonesia at zoom 4: the tiles asked for are those around its centre.
    const centre4 = pixelOf(-2.5, 118, 4);
    expect(tiles.every((tile) => tile.z === 4)).toBe(true);
    expect(tiles.map((tile) => `${tile.x}/${tile.y}`)).toContain(`${Math.floor(centre4.x / 256)}/${Math.floor(centre4.y / 256)}`);
    await checkScreen(page, 'complaint-map');
    // The whole map fits the phone's form (nothing of it cut off).
    const box = (await view.boundingBox())!;
    expect([box.width, box.height]).toEqual([W + 2, H + 2]);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);

    // (Positions count from inside the border.) Three taps on the middle zoom in (4 → 7 → 10 → 13 → 16); the fourth tap, 30 px right and 20 px down, marks.
    for (let i = 0; i < 4; i++) await view.click({ position: { x: W / 2, y: H / 2 } });
    await page.waitForFunction(() => document.querySelector('[data-testid="map-picker"]')?.textContent?.includes('menandainya'));
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>('[data-testid="map-view"] img')).every((img) => img.src.includes('.org/16/') && img.complete));
    expect(Math.max(...tiles.map((tile) => tile.z))).toBe(16);
    await view.click({ position: { x: W / 2 + 30, y: H / 2 + 20 } });
    await page.getByTestId('map-marker').waitFor();

    const c = pixelOf(-2.5, 118, 16);
    const want = latLngOf(c.x + 30, c.y + 20, 16);
    expect(await field('complaint-lat')).toBeCloseTo(want.lat, 5);
    expect(await field('complaint-lng')).toBeCloseTo(want.lng, 5);
  });

  it('should mark the centre by keyboard after moving the map, and reopen at the marked point', async () => {
    const before = { lat: await field('complaint-lat'), lng: await field('complaint-lng') };
    // East by a third of the view (W / 3 px at zoom 16), then "Tandai titik tengah", all by keyboard.
    await page.getByRole('button', { name: 'Geser ke timur' }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('map-mark-centre').focus();
    await page.keyboard.press('Enter');
    const c = pixelOf(-2.5, 118, 16);
    const want = latLngOf(c.x + W / 3, c.y, 16);
    await page.waitForFunction((lng) => Math.abs(Number((document.querySelector('[data-testid="complaint-lng"]') as HTMLInputElement).value) - lng) < 1e-5, want.lng);
    expect(await field('complaint-lat')).toBeCloseTo(want.lat, 5);
    expect(await field('complaint-lng')).not.toBeCloseTo(before.lng, 5);

    // Closed and opened again: it starts close up on the point in the fields, marked.
    await page.getByTestId('complaint-map-open').click();
    await page.getByTestId('complaint-map-open').click();
    await page.getByTestId('map-marker').waitFor();
    const marked = await page.getByTestId('map-marker').boundingBox();
    const map = await page.getByTestId('map-view').boundingBox();
    expect(Math.abs(marked!.x + marked!.width / 2 - (map!.x + 1 + W / 2))).toBeLessThan(3);
  });
});
