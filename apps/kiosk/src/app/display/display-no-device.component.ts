import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@mpp/ui';

import { DEVICE_SETUP_PATH } from '../device/device.guards';

/** A display that has not signed in with a device account: what to do, and the way to the setup screen. */
@Component({
  selector: 'kiosk-display-no-device',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="setup">
      <h1 class="setup__title">{{ 'display.title' | t }}</h1>
      <p class="setup__message" data-testid="display-no-device">{{ 'display.noDevice' | t }}</p>
      <p class="setup__hint">{{ 'display.noDeviceHint' | t }}</p>
      <a class="mpp-button kiosk-big-button setup__link" data-testid="display-setup" [routerLink]="setupPath">{{ 'display.setUp' | t }}</a>
    </section>
  `,
  styles: `
    :host {
      display: block;
      height: 100%;
    }
    .setup {
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: var(--mpp-space-4);
      height: 100%;
      padding: var(--mpp-space-6);
      text-align: center;
    }
    .setup__title {
      font-size: clamp(2.5rem, 5vw, 4.5rem);
    }
    .setup__message {
      margin: 0;
      font-size: clamp(1.5rem, 3vw, 2.5rem);
      font-weight: 700;
    }
    .setup__hint {
      margin: 0 0 var(--mpp-space-4);
      font-size: clamp(1.25rem, 2vw, 1.75rem);
      color: #c5d3e0;
    }
    .setup__link {
      border-color: #ffffff;
    }
  `,
})
export class DisplayNoDeviceComponent {
  protected readonly setupPath = DEVICE_SETUP_PATH;
}
