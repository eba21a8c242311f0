import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

import { TranslatePipe } from '../i18n/translate.pipe';

/** The `**` route of every app. */
@Component({
  selector: 'ui-not-found-page',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="mpp-container">
      <h1>{{ 'common.notFound.title' | t }}</h1>
      <p>{{ 'common.notFound.body' | t }}</p>
      <a routerLink="/">{{ 'common.notFound.home' | t }}</a>
    </section>
  `,
})
export class NotFoundPageComponent {}
