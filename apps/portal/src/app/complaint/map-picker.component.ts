import { ChangeDetectionStrategy, Component, computed, input, output, signal, type OnInit } from '@angular/core';
import { TranslatePipe } from '@mpp/ui';

import { TILE_SIZE, toLatLng, toPixel, type LatLng } from './web-mercator';

/** OpenStreetMap's standard tiles (loaded only once the citizen opens the map; the CSP allows this host for images). */
export const MAP_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
/** The map's size on the page, in CSS pixels: fits a 390-pixel phone inside the form's card and fieldset. */
const WIDTH = 280;
const HEIGHT = 210;
const MIN_ZOOM = 4;
const MAX_ZOOM = 19;
/** From this zoom a tap marks the point; before it, a tap zooms in there. */
const MARK_ZOOM = 16;
/** Indonesia as a whole, where the map starts without a point. */
const INDONESIA: LatLng = { lat: -2.5, lng: 118 };

interface Tile {
  key: string;
  url: string;
  left: number;
  top: number;
}

/**
 * "Pilih di peta": OpenStreetMap tiles without a map library. A tap zooms in on that place until
 * the map is close enough (zoom 16), then marks the point; the buttons zoom, move and mark the
 * middle, so the keyboard and a screen reader can pick a point too. The marked point is the output.
 */
@Component({
  selector: 'portal-map-picker',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="map" data-testid="map-picker">
      <p class="mpp-muted map__hint" id="map-picker-hint">{{ (zoom() >= markZoom ? 'complaint.map.hintMark' : 'complaint.map.hintZoom') | t }}</p>
      <div
        class="map__view"
        [style.width.px]="width"
        [style.height.px]="height"
        (click)="tap($event)"
        data-testid="map-view"
        aria-hidden="true"
      >
        @for (tile of tiles(); track tile.key) {
          <img class="map__tile" [src]="tile.url" alt="" [style.left.px]="tile.left" [style.top.px]="tile.top" width="256" height="256" draggable="false" />
        }
        @if (markerAt(); as m) {
          <span class="map__marker" [style.left.px]="m.left" [style.top.px]="m.top" data-testid="map-marker"></span>
        }
        <span class="map__cross"></span>
        <span class="map__credit">© OpenStreetMap</span>
      </div>
      <div class="map__controls" role="group" [attr.aria-label]="'complaint.map.controls' | t" aria-describedby="map-picker-hint">
        <button type="button" class="mpp-button" (click)="zoomBy(1)" [disabled]="zoom() >= maxZoom" data-testid="map-zoom-in">{{ 'complaint.map.zoomIn' | t }}</button>
        <button type="button" class="mpp-button" (click)="zoomBy(-1)" [disabled]="zoom() <= minZoom" data-testid="map-zoom-out">{{ 'complaint.map.zoomOut' | t }}</button>
        <button type="button" class="mpp-button" (click)="move(0, -1)" [attr.aria-label]="'complaint.map.north' | t">↑</button>
        <button type="button" class="mpp-button" (click)="move(-1, 0)" [attr.aria-label]="'complaint.map.west' | t">←</button>
        <button type="button" class="mpp-button" (click)="move(1, 0)" [attr.aria-label]="'complaint.map.east' | t">→</button>
        <button type="button" class="mpp-button" (click)="move(0, 1)" [attr.aria-label]="'complaint.map.south' | t">↓</button>
        <button type="button" class="mpp-button mpp-button--primary" (click)="markCentre()" data-testid="map-mark-centre">{{ 'complaint.map.markCentre' | t }}</button>
      </div>
    </div>
  `,
  styles: `
    .map__view {
      box-sizing: content-box;
      position: relative;
      overflow: hidden;
      background: #dfe6ea;
      border: 1px solid var(--mpp-border, #8a8f98);
      border-radius: 4px;
      cursor: crosshair;
      touch-action: manipulation;
    }
    .map__tile {
      position: absolute;
      width: 256px;
      height: 256px;
      user-select: none;
    }
    .map__marker {
      position: absolute;
      width: 18px;
      height: 18px;
      margin: -18px 0 0 -9px;
      border-radius: 50% 50% 50% 0;
      transform: rotate(-45deg);
      background: #b3261e;
      border: 2px solid #fff;
    }
    .map__cross {
      position: absolute;
      left: 50%;
      top: 50%;
      width: 12px;
      height: 12px;
      margin: -6px 0 0 -6px;
      border: 2px solid #1f5fa8;
      border-radius: 50%;
      pointer-events: none;
    }
    .map__credit {
      position: absolute;
      right: 0;
      bottom: 0;
      padding: 0 4px;
      font-size: 0.75rem;
      background: rgba(255, 255, 255, 0.85);
      color: #222;
    }
    .map__controls {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.5rem;
    }
    .map__controls .mpp-button {
      min-height: 44px;
      min-width: 44px;
    }
  `,
})
export class MapPickerComponent implements OnInit {
  /** Where to start (a point already given): close enough to mark. */
  readonly start = input<LatLng | null>(null);
  readonly picked = output<LatLng>();

  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly minZoom = MIN_ZOOM;
  protected readonly maxZoom = MAX_ZOOM;
  protected readonly markZoom = MARK_ZOOM;

  protected readonly zoom = signal(MIN_ZOOM);
  protected readonly centre = signal<LatLng>(INDONESIA);
  protected readonly marker = signal<LatLng | null>(null);

  protected readonly tiles = computed<Tile[]>(() => {
    const zoom = this.zoom();
    const c = toPixel(this.centre(), zoom);
    const left = c.x - WIDTH / 2;
    const top = c.y - HEIGHT / 2;
    const count = 2 ** zoom;
    const tiles: Tile[] = [];
    for (let ty = Math.floor(top / TILE_SIZE); ty <= Math.floor((top + HEIGHT) / TILE_SIZE); ty++) {
      if (ty < 0 || ty >= count) continue;
      for (let tx = Math.floor(left / TILE_SIZE); tx <= Math.floor((left + WIDTH) / TILE_SIZE); tx++) {
        const x = ((tx % count) + count) % count;
        const url = MAP_TILE_URL.replace('{z}', String(zoom)).replace('{x}', String(x)).replace('{y}', String(ty));
        tiles.push({ key: `${zoom}/${tx}/${ty}`, url, left: tx * TILE_SIZE - left, top: ty * TILE_SIZE - top });
      }
    }
    return tiles;
  });

  protected readonly markerAt = computed(() => {
    const m = this.marker();
    if (!m) return null;
    const zoom = this.zoom();
    const c = toPixel(this.centre(), zoom);
    const p = toPixel(m, zoom);
    return { left: p.x - c.x + WIDTH / 2, top: p.y - c.y + HEIGHT / 2 };
  });

  /** A given point: the map starts there, close up, with it marked. */
  ngOnInit(): void {
    const start = this.start();
    if (start) {
      this.centre.set(start);
      this.zoom.set(17);
      this.marker.set(start);
    }
  }

  protected tap(event: MouseEvent): void {
    const view = event.currentTarget as HTMLElement;
    const box = view.getBoundingClientRect();
    const zoom = this.zoom();
    const c = toPixel(this.centre(), zoom);
    // The view's border is outside its WIDTH × HEIGHT (content-box): offsets count from inside it.
    const point = toLatLng(c.x - WIDTH / 2 + (event.clientX - box.left - view.clientLeft), c.y - HEIGHT / 2 + (event.clientY - box.top - view.clientTop), zoom);
    if (zoom < MARK_ZOOM) {
      this.centre.set(point);
      this.zoom.set(Math.min(MARK_ZOOM, zoom + 3));
      return;
    }
    this.mark(point);
  }

  protected zoomBy(step: number): void {
    this.zoom.update((z) => Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z + step)));
  }

  /** A third of the view in a direction. */
  protected move(dx: number, dy: number): void {
    const zoom = this.zoom();
    const c = toPixel(this.centre(), zoom);
    this.centre.set(toLatLng(c.x + (dx * WIDTH) / 3, c.y + (dy * HEIGHT) / 3, zoom));
  }

  protected markCentre(): void {
    this.mark(this.centre());
  }

  private mark(point: LatLng): void {
    this.marker.set(point);
    this.picked.emit(point);
  }
}
