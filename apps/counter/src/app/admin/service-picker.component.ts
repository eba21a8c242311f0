import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import type { ServiceSummaryResponse } from '@mpp/contracts';
import { LocalizedPipe } from '@mpp/ui';

interface AgencyGroup {
  id: string;
  name: string;
  services: ServiceSummaryResponse[];
}

/**
 * Check boxes for the services a loket serves, one group per agency (a loket may serve several
 * agencies' services where the MPP does that).
 */
@Component({
  selector: 'counter-admin-service-picker',
  imports: [LocalizedPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset class="picker__all">
    <legend class="mpp-label">{{ legend() }}</legend>
    <div class="picker" [attr.data-testid]="testId()">
      @for (group of groups(); track group.id) {
        <fieldset class="picker__group">
          <legend class="picker__agency">{{ group.name }}</legend>
          @for (service of group.services; track service.id) {
            <label class="picker__service">
              <input
                type="checkbox"
                [attr.data-service-id]="service.id"
                [checked]="selected().includes(service.id)"
                (change)="toggle(service.id, $any($event.target).checked)"
              />
              {{ service.name | localized: service.nameEn }}
            </label>
          }
        </fieldset>
      }
    </div>
    </fieldset>
  `,
  styles: `
    .picker__all {
      border: 0;
      margin: 0 0 var(--mpp-space-3);
      padding: 0;
      min-width: 0;
    }
    .picker {
      max-height: 20rem;
      overflow-y: auto;
      padding: var(--mpp-space-2);
      border: 1px solid var(--mpp-color-border);
      border-radius: var(--mpp-radius);
      background: var(--mpp-color-surface);
    }
    .picker__group {
      border: 0;
      margin: 0 0 var(--mpp-space-3);
      padding: 0;
      min-width: 0;
    }
    .picker__agency {
      font-weight: 700;
      padding: 0;
    }
    .picker__service {
      display: flex;
      gap: var(--mpp-space-2);
      align-items: flex-start;
      padding: var(--mpp-space-1) 0;
    }
    .picker__service input {
      margin-top: 0.25em;
    }
  `,
})
export class ServicePickerComponent {
  readonly services = input.required<readonly ServiceSummaryResponse[]>();
  readonly selected = model.required<string[]>();
  readonly legend = input.required<string>();
  readonly testId = input('service-picker');

  protected readonly groups = computed<AgencyGroup[]>(() => {
    const groups = new Map<string, AgencyGroup>();
    for (const service of this.services()) {
      const group = groups.get(service.agency.id) ?? { id: service.agency.id, name: service.agency.name, services: [] };
      group.services.push(service);
      groups.set(service.agency.id, group);
    }
    return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
  });

  protected toggle(id: string, on: boolean): void {
    const rest = this.selected().filter((s) => s !== id);
    this.selected.set(on ? [...rest, id] : rest);
  }
}
