import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { TranslatePipe } from '@mpp/ui';

import { AdminApi } from './admin-api.service';
import { AdminScope } from './admin-scope.service';
import { PolicyFormComponent } from './policy-form.component';
import { policyForms } from './policy-forms';

/**
 * `admin/kebijakan` (site and system admins): the MPP's policies, each read from the API and saved
 * whole: the queue's calling order, the booking's check-in window and weekly limit, and the ticket
 * from home's daily caps per NIK.
 */
@Component({
  selector: 'counter-admin-policies-page',
  imports: [PolicyFormComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './policies-page.component.html',
  styleUrl: './admin-page.css',
})
export class PoliciesPageComponent {
  protected readonly scope = inject(AdminScope);
  protected readonly forms = policyForms(inject(AdminApi));
  protected readonly announcement = signal('');
}
