import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '@mpp/ui';

/** `admin/kalender`: the national calendar (placeholder until built). */
@Component({
  selector: 'counter-admin-calendar',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<h2>{{ 'admin.calendar.title' | t }}</h2>`,
})
export class CalendarPageComponent {}
