import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterOutlet } from '@angular/router';
import { AppShellComponent, TranslatePipe } from '@mpp/ui';

import { AuthSession } from './auth/auth-session.service';

@Component({
  selector: 'counter-root',
  imports: [AppShellComponent, RouterOutlet, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-app-shell [subtitle]="'counter.subtitle' | t">
      @if (session.user(); as user) {
        <span uiShellNav class="who">{{ user.fullName }}</span>
      }
      @if (session.signedIn()) {
        <button uiShellNav type="button" class="mpp-button logout" data-testid="logout" (click)="logout()">
          {{ 'counter.logout' | t }}
        </button>
      }
      <router-outlet />
    </ui-app-shell>
  `,
  styles: `
    .who {
      font-weight: 600;
    }
    .logout {
      border-color: var(--mpp-color-on-primary);
      background: transparent;
      color: var(--mpp-color-on-primary);
    }
    .logout:hover {
      background: var(--mpp-color-on-primary);
      color: var(--mpp-color-primary);
    }
  `,
})
export class CounterApp {
  private readonly router = inject(Router);
  protected readonly session = inject(AuthSession);

  protected logout(): void {
    this.session.clear();
    void this.router.navigate(['/login']);
  }
}
