import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@mpp/ui';

import { AdminScope } from '../admin/admin-scope.service';
import { ScopeLineComponent } from '../admin/scope-line.component';
import { SiteSelectComponent } from '../admin/site-select.component';

/** The report pages, in the order of their links. */
const REPORT_PAGES = [
  { path: 'skm', title: 'reports.skm.title' },
  { path: 'kinerja', title: 'reports.hall.title' },
  { path: 'pengaduan', title: 'reports.complaints.title' },
] as const;

export type ReportPage = (typeof REPORT_PAGES)[number]['path'];

/** The head of every report page: its heading, whose data it shows, the links between the reports, and the MPP picker for system admins. */
@Component({
  selector: 'counter-report-head',
  imports: [RouterLink, ScopeLineComponent, SiteSelectComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: block' },
  template: `
    <header class="report__head">
      <div>
        <h1 class="report__title">{{ heading() | t }}</h1>
        <p class="mpp-muted" data-testid="report-scope">
          <counter-scope-line agencyKey="reports.scope.agency" siteKey="reports.scope.site" />
        </p>
        <nav class="report__nav" [attr.aria-label]="'reports.nav' | t">
          @for (page of pages; track page.path) {
            <a [routerLink]="'../' + page.path" [attr.aria-current]="page.path === current() ? 'page' : null">{{ page.title | t }}</a>
          }
        </nav>
      </div>
      @if (scope.choosesSite()) {
        <div>
          <counter-site-select selectId="report-site" label="reports.site" placeholder="reports.chooseSite" (chosen)="siteChosen.emit()" />
        </div>
      }
    </header>
  `,
  styleUrl: './reports-page.css',
})
export class ReportHeadComponent {
  protected readonly scope = inject(AdminScope);
  protected readonly pages = REPORT_PAGES;
  readonly heading = input.required<string>();
  readonly current = input.required<ReportPage>();
  /** Another MPP was chosen. */
  readonly siteChosen = output<void>();
}
