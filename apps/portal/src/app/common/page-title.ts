import { DestroyRef, effect, inject, untracked } from '@angular/core';
import { PageTitleService } from '@mpp/ui';

/**
 * The page's title while it shows: `title()` (read in an effect, so it follows the signals it
 * reads: the record once loaded, the language), null for the app's own; cleared when the page
 * goes. Call it in a field initializer or the constructor.
 */
export function injectPageTitle(title: () => string | null): void {
  const pageTitle = inject(PageTitleService);
  effect(() => {
    const text = title();
    untracked(() => pageTitle.setOverride(text));
  });
  inject(DestroyRef).onDestroy(() => pageTitle.setOverride(null));
}
