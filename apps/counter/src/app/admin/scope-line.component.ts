import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { TranslatePipe } from '@mpp/ui';

import { AdminScope } from './admin-scope.service';

/**
 * Whose figures or records a manager's page shows, in words: "their agency at the MPP" for an
 * agency admin, the MPP otherwise, and (where given) a system admin's prompt before an MPP is
 * chosen. The page keeps its own element around it; each page has its own words.
 */
@Component({
  selector: 'counter-scope-line',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (scope.agency(); as agency) {
      {{ agencyKey() | t: { agency: agency.name, site: scope.site()?.name ?? '' } }}
    } @else if (scope.site(); as site) {
      {{ siteKey() | t: { site: site.name } }}
    } @else if (scope.choosesSite() && systemKey(); as key) {
      {{ key | t }}
    }
  `,
})
export class ScopeLineComponent {
  protected readonly scope = inject(AdminScope);
  readonly agencyKey = input.required<string>();
  readonly siteKey = input.required<string>();
  readonly systemKey = input<string | null>(null);
}
