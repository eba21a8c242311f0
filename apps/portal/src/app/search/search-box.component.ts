import { ChangeDetectionStrategy, Component, input, linkedSignal, output } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslatePipe } from '@mpp/ui';
import { Subject, debounce, timer } from 'rxjs';

/** How long typing must pause before the search runs. */
export const SEARCH_DEBOUNCE_MS = 250;

interface QueryChange {
  text: string;
  /** Enter / the search button: run now, dropping any pending debounced search. */
  immediate: boolean;
}

/** The search box: emits the trimmed text ~250 ms after typing stops, or at once on Enter. */
@Component({
  selector: 'portal-search-box',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="search-box" role="search" (submit)="submit($event)">
      <input
        #box
        type="search"
        class="mpp-input search-box__input"
        name="q"
        data-testid="search-input"
        autocomplete="off"
        enterkeyhint="search"
        [attr.aria-label]="'portal.search.label' | t"
        [placeholder]="'portal.search.placeholder' | t"
        [value]="text()"
        (input)="changed(box.value)"
      />
      <button type="submit" class="mpp-button mpp-button--primary">{{ 'portal.search.submit' | t }}</button>
    </form>
  `,
  styles: `
    .search-box {
      display: flex;
      gap: var(--mpp-space-2);
    }
    .search-box__input {
      flex: 1;
      min-width: 0;
      font-size: 1.125rem;
    }
  `,
})
export class SearchBoxComponent {
  /** The text of the search now shown (from the URL). */
  readonly query = input('');
  readonly search = output<string>();

  private lastEmitted: string | null = null;
  /**
   * What the box shows. Follows `query` when it changes from outside (back button, shared link),
   * but not when the change is the echo of our own search: the citizen may have typed on since.
   */
  protected readonly text = linkedSignal<string, string>({
    source: this.query,
    computation: (query, previous) =>
      previous !== undefined && query === this.lastEmitted ? previous.value : query,
  });

  private readonly changes = new Subject<QueryChange>();

  constructor() {
    this.changes
      .pipe(
        debounce((change) => timer(change.immediate ? 0 : SEARCH_DEBOUNCE_MS)),
        takeUntilDestroyed(),
      )
      .subscribe((change) => {
        const text = change.text.trim();
        this.lastEmitted = text;
        this.search.emit(text);
      });
  }

  protected changed(value: string): void {
    this.text.set(value);
    this.changes.next({ text: value, immediate: false });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    this.changes.next({ text: this.text(), immediate: true });
  }
}
