import { DestroyRef, Injector, afterNextRender, computed, effect, inject, untracked, type Signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { CatalogueApi, I18nService, PageTitleService, loadError, loadedValue, pickLocalized, toLoadState } from '@mpp/ui';
import { switchMap } from 'rxjs';

/**
 * What a citizen's form for one service needs around its fields (the booking form, the ticket
 * from home): the service of the route's `:serviceId`, loaded again when it changes, the page's
 * title "<title>: <service name>" while it shows (cleared when the page goes), and a focus moved
 * after the next render (the first field with a problem, the submit error). Call it in a field
 * initializer.
 */
export function injectServiceFormPage(serviceId: Signal<string>, titleKey: string) {
  const catalogue = inject(CatalogueApi);
  const i18n = inject(I18nService);
  const pageTitle = inject(PageTitleService);
  const injector = inject(Injector);
  const state = toSignal(toObservable(serviceId).pipe(switchMap((id) => catalogue.getService(id).pipe(toLoadState()))), {
    initialValue: { status: 'loading' as const },
  });
  const service = computed(() => loadedValue(state()));
  effect(() => {
    const s = service();
    const lang = i18n.lang();
    untracked(() => pageTitle.setOverride(s ? `${i18n.t(titleKey)}: ${pickLocalized(lang, s.name, s.nameEn)}` : null));
  });
  inject(DestroyRef).onDestroy(() => pageTitle.setOverride(null));
  return {
    service,
    loadFailure: computed(() => loadError(state())),
    /** Focuses the element of `selector` once the page has rendered what changed. */
    focus(selector: string): void {
      afterNextRender(() => (document.querySelector(selector) as HTMLElement | null)?.focus(), { injector });
    },
  };
}
