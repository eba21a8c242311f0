import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ServiceResponse } from '@mpp/contracts';
import { ErrorAlertComponent, LocalizedPipe, TranslatePipe } from '@mpp/ui';

/**
 * The frame of a citizen's form for one service (the booking form, the ticket from home): the
 * link back to the service, the agency and the heading "<heading>: <service name>", then the
 * page's own content (projected, shown once the service is loaded), or the load's error, or
 * "loading". Test ids: `{testIdPrefix}-back`, `{testIdPrefix}-heading`.
 */
@Component({
  selector: 'portal-service-form-frame',
  imports: [ErrorAlertComponent, LocalizedPipe, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './service-form-frame.component.html',
  styleUrl: './service-form-frame.component.css',
})
export class ServiceFormFrameComponent {
  readonly serviceId = input.required<string>();
  readonly service = input.required<ServiceResponse | null>();
  readonly loadFailure = input<unknown>(null);
  /** "Kembali ke layanan", already in the page's language. */
  readonly backLabel = input.required<string>();
  /** "Pesan antrean", already in the page's language. */
  readonly heading = input.required<string>();
  readonly testIdPrefix = input.required<string>();
}
