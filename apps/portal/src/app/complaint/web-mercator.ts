/**
 * Web Mercator (the projection of OpenStreetMap's tiles): a point's pixel in the world at a zoom,
 * and back. The world is 256 × 2^zoom pixels square; y grows southwards.
 */
export const TILE_SIZE = 256;
/** Latitudes beyond this do not fit the square map. */
const MAX_LAT = 85.05112878;

export interface LatLng {
  lat: number;
  lng: number;
}

export function worldSize(zoom: number): number {
  return TILE_SIZE * 2 ** zoom;
}

export function toPixel(point: LatLng, zoom: number): { x: number; y: number } {
  const size = worldSize(zoom);
  const lat = Math.max(-MAX_LAT, Math.min(MAX_LAT, point.lat));
  const sin = Math.sin((lat * Math.PI) / 180);
  return { x: ((point.lng + 180) / 360) * size, y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size };
}

export function toLatLng(x: number, y: number, zoom: number): LatLng {
  const size = worldSize(zoom);
  const n = Math.PI - (2 * Math.PI * y) / size;
  // Wrapped round the world: a point east of 180° is west of it.
  const lng = ((((x / size) * 360) % 360) + 360) % 360 - 180;
  return { lat: (180 / Math.PI) * Math.atan(Math.sinh(n)), lng };
}
