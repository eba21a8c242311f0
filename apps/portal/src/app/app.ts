import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AppShellComponent, TranslatePipe } from '@mpp/ui';

@Component({
  selector: 'portal-root',
  imports: [AppShellComponent, RouterOutlet, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-app-shell [subtitle]="'portal.subtitle' | t">
      <router-outlet />
    </ui-app-shell>
  `,
})
export class PortalApp {}
