import { Injectable, effect, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { TitleStrategy, type RouterStateSnapshot } from '@angular/router';

import { I18nService } from './i18n.service';

/**
 * The document title, "<page> · MPP Digital", kept in the current language. Routes give an i18n
 * key as their `title`; a page with a dynamic title (a service name) sets an override.
 */
@Injectable({ providedIn: 'root' })
export class PageTitleService {
  private readonly i18n = inject(I18nService);
  private readonly title = inject(Title);
  private readonly routeKey = signal<string | undefined>(undefined);
  private readonly override = signal<string | null>(null);

  constructor() {
    effect(() => {
      const appTitle = this.i18n.t('app.title');
      const key = this.routeKey();
      const page = this.override() ?? (key ? this.i18n.t(key) : null);
      this.title.setTitle(page ? `${page} · ${appTitle}` : appTitle);
    });
  }

  setRouteKey(key: string | undefined): void {
    this.routeKey.set(key);
  }

  /** A page's own title (already in the current language); `null` returns to the route's. */
  setOverride(title: string | null): void {
    this.override.set(title);
  }
}

/** Router title strategy reading route titles as i18n keys. Provide as `TitleStrategy`. */
@Injectable()
export class I18nTitleStrategy extends TitleStrategy {
  private readonly pageTitle = inject(PageTitleService);

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.pageTitle.setRouteKey(this.buildTitle(snapshot));
  }
}
