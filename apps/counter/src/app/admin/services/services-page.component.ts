import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '@mpp/ui';

/** `admin/layanan`: the agencies and services of the MPP (placeholder until built). */
@Component({
  selector: 'counter-admin-services',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<h2>{{ 'admin.services.title' | t }}</h2>`,
})
export class ServicesPageComponent {}
