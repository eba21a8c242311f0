import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { TranslatePipe } from '@mpp/ui';

import { AdminScope } from './admin-scope.service';

/**
 * A system admin's choice of MPP on the manager's pages (kept for the tab by AdminScope). `selectId`
 * names the select (`{selectId}`) and its test id (`{selectId}-select`); `chosen` tells the page, which may
 * reset its own filters.
 */
@Component({
  selector: 'counter-site-select',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label class="mpp-label" [for]="selectId()">{{ label() | t }}</label>
    <select #siteInput class="mpp-select" [id]="selectId()" [attr.data-testid]="selectId() + '-select'" [value]="scope.siteCode() ?? ''" (change)="choose(siteInput.value)">
      <option value="">{{ placeholder() | t }}</option>
      @for (site of scope.sites(); track site.code) {
        <option [value]="site.code" [selected]="site.code === scope.siteCode()">{{ site.name }}</option>
      }
    </select>
  `,
})
export class SiteSelectComponent {
  protected readonly scope = inject(AdminScope);
  readonly selectId = input.required<string>();
  readonly label = input.required<string>();
  readonly placeholder = input.required<string>();
  readonly chosen = output<string>();

  protected choose(code: string): void {
    this.scope.chooseSite(code);
    this.chosen.emit(code);
  }
}
