import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';

import { LanguageSwitcherComponent } from '../i18n/language-switcher.component';
import { TranslatePipe } from '../i18n/translate.pipe';

/**
 * The page frame every app uses: skip link, header with the MPP Digital title (or the app's own
 * content in `[uiShellTitle]`), a subtitle, navigation (`[uiShellNav]`), the language switcher,
 * then the page in `<main>`. `size="large"` scales everything up for touch screens; `bare` hides
 * the header for full-screen pages (a hall display).
 */
@Component({
  selector: 'ui-app-shell',
  imports: [LanguageSwitcherComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'ui-shell',
    '[class.ui-shell--large]': "size() === 'large'",
  },
  template: `
    <a class="ui-shell__skip" href="#main" [hidden]="bare()" (click)="skipToMain($event)">{{ 'shell.skipToContent' | t }}</a>
    <header class="ui-shell__header" [hidden]="bare()">
      <div class="ui-shell__bar">
        <div class="ui-shell__brand">
          <span class="ui-shell__title">
            <ng-content select="[uiShellTitle]">{{ 'app.title' | t }}</ng-content>
          </span>
          @if (subtitle()) {
            <span class="ui-shell__subtitle">{{ subtitle() }}</span>
          }
        </div>
        <div class="ui-shell__actions">
          <ng-content select="[uiShellNav]" />
          <ui-language-switcher />
        </div>
      </div>
    </header>
    <main id="main" class="ui-shell__main" tabindex="-1">
      <ng-content />
    </main>
    <ng-content select="[uiShellFooter]" />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100vh;
      min-height: 100dvh;
    }
    .ui-shell__skip {
      position: absolute;
      left: var(--mpp-space-2);
      top: -10rem;
      z-index: 10;
      padding: var(--mpp-space-2) var(--mpp-space-4);
      background: var(--mpp-color-focus);
      color: var(--mpp-color-text);
      font-weight: 700;
    }
    .ui-shell__skip:focus {
      top: var(--mpp-space-2);
    }
    .ui-shell__header {
      background: var(--mpp-color-primary);
      color: var(--mpp-color-on-primary);
    }
    .ui-shell__bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--mpp-space-2) var(--mpp-space-4);
      max-width: var(--ui-shell-width, 72rem);
      margin: 0 auto;
      padding: var(--mpp-space-2) var(--mpp-space-4);
    }
    .ui-shell__brand {
      display: flex;
      flex-direction: column;
      line-height: 1.2;
    }
    .ui-shell__title {
      font-size: 1.25rem;
      font-weight: 700;
    }
    .ui-shell__subtitle {
      font-size: 0.9375rem;
    }
    .ui-shell__actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--mpp-space-3);
    }
    .ui-shell__main {
      flex: 1;
      width: 100%;
    }
    :host(.ui-shell--large) .ui-shell__bar {
      padding: var(--mpp-space-3) var(--mpp-space-5);
    }
    :host(.ui-shell--large) .ui-shell__title {
      font-size: 2rem;
    }
    :host(.ui-shell--large) .ui-shell__subtitle {
      font-size: 1.375rem;
    }
  `,
})
export class AppShellComponent {
  private readonly document = inject(DOCUMENT);

  /** A second line under the title: the app or the site's name. */
  readonly subtitle = input<string | null>(null);
  readonly size = input<'regular' | 'large'>('regular');
  readonly bare = input(false);

  /** A plain `#main` link would resolve against <base href> and reload the app. */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.document.getElementById('main')?.focus();
  }
}
