import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { PriorityClass } from '@mpp/contracts';

/**
 * A simple line icon for each priority group (UU 25/2009 Pasal 29) and for "Umum". Decorative:
 * the group's name is always written beside it, so the SVG is hidden from screen readers.
 */
@Component({
  selector: 'kiosk-priority-icon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg
      viewBox="0 0 48 48"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="3"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      @switch (priority()) {
        @case ('disability') {
          <circle cx="22" cy="8" r="4" />
          <path d="M22 14v14h12l4 10" />
          <path d="M22 20h10" />
          <path d="M16 22a11 11 0 1 0 16 14" />
        }
        @case ('elderly') {
          <circle cx="20" cy="8" r="4" />
          <path d="M20 14l-2 14 4 16" />
          <path d="M18 28l-6 16" />
          <path d="M19 18l9 6" />
          <path d="M34 22v22" />
          <path d="M28 24q0-4 6-2" />
        }
        @case ('pregnant') {
          <circle cx="22" cy="8" r="4" />
          <path d="M22 14c-4 2-5 6-5 10v6" />
          <path d="M22 14c2 6 12 8 10 16-1 4-6 4-10 4" />
          <path d="M19 34l-1 10M25 34l1 10" />
        }
        @case ('child') {
          <circle cx="14" cy="10" r="4" />
          <path d="M14 16v14M14 30l-4 10M14 30l4 10M8 22h12" />
          <circle cx="34" cy="20" r="3" />
          <path d="M34 25v9M34 34l-3 7M34 34l3 7M29 29h10" />
        }
        @case ('disaster_victim') {
          <path d="M6 24L24 8l18 16" />
          <path d="M11 20v22h26V20" />
          <path d="M24 12l-3 9 5 5-4 8" />
          <path d="M18 42v-8h12v8" />
        }
        @default {
          <circle cx="24" cy="10" r="5" />
          <path d="M14 44V28a10 10 0 0 1 20 0v16" />
        }
      }
    </svg>
  `,
  styles: `
    :host {
      display: inline-flex;
      flex: none;
      width: 3.5rem;
      height: 3.5rem;
    }
    svg {
      width: 100%;
      height: 100%;
    }
  `,
})
export class PriorityIconComponent {
  readonly priority = input.required<PriorityClass>();
}
