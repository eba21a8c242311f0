import { ChangeDetectionStrategy, Component, output } from '@angular/core';
import { TranslatePipe } from '@mpp/ui';

/**
 * "Aktifkan suara": browsers play no sound before a person has touched the page, so the hall
 * staff press this once. (A TV in kiosk mode can skip it: Chromium with
 * `--autoplay-policy=no-user-gesture-required`.)
 */
@Component({
  selector: 'kiosk-display-sound-prompt',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="prompt" aria-labelledby="display-sound-title" aria-describedby="display-sound-hint">
      <h2 id="display-sound-title" class="prompt__title">{{ 'display.soundTitle' | t }}</h2>
      <p id="display-sound-hint" class="prompt__hint">{{ 'display.soundHint' | t }}</p>
      <button type="button" class="mpp-button mpp-button--primary prompt__button" data-testid="display-enable-sound" (click)="enable.emit()">
        {{ 'display.enableSound' | t }}
      </button>
    </section>
  `,
  styles: `
    .prompt {
      position: fixed;
      right: 2vw;
      bottom: 3vh;
      z-index: 3;
      max-width: 34rem;
      padding: var(--mpp-space-5);
      border: 4px solid #ffbf47;
      border-radius: calc(var(--mpp-radius) * 2);
      background: var(--mpp-color-bg);
      color: var(--mpp-color-text);
      box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 50%);
    }
    .prompt__title {
      margin: 0 0 var(--mpp-space-2);
      font-size: 1.75rem;
    }
    .prompt__hint {
      margin: 0 0 var(--mpp-space-4);
      font-size: 1.25rem;
    }
    .prompt__button {
      width: 100%;
      min-height: 4.5rem;
      font-size: 1.75rem;
    }
  `,
})
export class DisplaySoundPromptComponent {
  readonly enable = output<void>();
}
