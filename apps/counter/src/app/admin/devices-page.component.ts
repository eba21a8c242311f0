import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, inject, signal, untracked, viewChild } from '@angular/core';
import type { DeviceKind, DeviceRegisteredResponse, DeviceResponse } from '@mpp/contracts';
import { ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';
import QRCode from 'qrcode';

import { AdminApi } from './admin-api.service';
import { AdminScope } from './admin-scope.service';
import { AdminDialogComponent } from './confirm-dialog.component';

/** The kiosk app's sign-in page for a device: opened once on the device with its token. */
export function deviceLink(origin: string, token: string): string {
  const url = new URL('/kiosk/perangkat', origin);
  url.searchParams.set('token', token);
  return url.toString();
}

/**
 * `admin/perangkat`: the MPP's kiosks and hall displays. Registering one shows its token once,
 * as a QR code and a link to open on the device, with a warning that it is not shown again;
 * revoking one (after a confirmation) signs it out at once.
 */
@Component({
  selector: 'counter-admin-devices-page',
  imports: [AdminDialogComponent, ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './devices-page.component.html',
  styleUrl: './admin-page.css',
  styles: `
    .devices__once:focus {
      outline: 3px solid var(--mpp-color-focus);
      outline-offset: 2px;
    }
    .devices__once h3 {
      margin-top: 0;
    }
    .devices__once-body {
      display: flex;
      flex-wrap: wrap;
      gap: var(--mpp-space-4);
      align-items: flex-start;
    }
    .devices__qr {
      background: #fff;
      border: 1px solid var(--mpp-color-border);
    }
    .devices__link,
    .devices__token {
      word-break: break-all;
    }
    .devices__kinds {
      border: 0;
      padding: 0;
      margin: 0;
      min-width: 0;
    }
    .devices__kinds label {
      display: flex;
      align-items: center;
      gap: var(--mpp-space-2);
      padding: var(--mpp-space-1) 0;
    }
  `,
})
export class DevicesPageComponent {
  private readonly api = inject(AdminApi);
  private readonly document = inject(DOCUMENT);
  private readonly i18n = inject(I18nService);
  protected readonly scope = inject(AdminScope);

  protected readonly devices = signal<DeviceResponse[] | null>(null);
  protected readonly loadError = signal<unknown>(null);
  protected readonly announcement = signal('');

  protected readonly name = signal('');
  protected readonly kind = signal<DeviceKind>('kiosk');
  protected readonly registering = signal(false);
  protected readonly registerError = signal<unknown>(null);
  /** The device just registered, with its token: only in memory, gone when the page is left. */
  protected readonly registered = signal<DeviceRegisteredResponse | null>(null);
  protected readonly link = computed(() => {
    const device = this.registered();
    return device ? deviceLink(this.document.location.origin, device.token) : null;
  });
  protected readonly qr = signal<string | null>(null);

  protected readonly revoking = signal<DeviceResponse | null>(null);
  protected readonly acting = signal(false);
  protected readonly revokeError = signal<unknown>(null);

  private readonly oncePanel = viewChild<ElementRef<HTMLElement>>('oncePanel');

  constructor() {
    effect(() => {
      const code = this.scope.siteCode();
      untracked(() => this.load(code));
    });
    effect(() => {
      const link = this.link();
      this.qr.set(null);
      if (!link) return;
      QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 2, width: 256 })
        .then((url) => this.qr.set(url))
        .catch(() => this.qr.set(''));
    });
  }

  protected reload(): void {
    this.load(this.scope.siteCode());
  }

  private load(code: string | null): void {
    this.devices.set(null);
    this.loadError.set(null);
    if (!code) return;
    this.api.listDevices(code).subscribe({
      next: (devices) => this.devices.set(devices),
      error: (error: unknown) => this.loadError.set(error),
    });
  }

  protected formatTime(iso: string | null): string {
    if (!iso) return '—';
    return new Intl.DateTimeFormat(this.i18n.locale(), {
      timeZone: this.scope.timeZone(),
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));
  }

  protected register(event: Event): void {
    event.preventDefault();
    const site = this.scope.siteCode();
    if (!site || this.registering()) return;
    this.registering.set(true);
    this.registerError.set(null);
    this.api.registerDevice(site, { name: this.name().trim(), kind: this.kind() }).subscribe({
      next: (device) => {
        this.registering.set(false);
        this.registered.set(device);
        const { token: _token, ...listed } = device;
        this.devices.update((devices) => [...(devices ?? []), listed]);
        this.name.set('');
        this.announcement.set(this.i18n.t('admin.devices.registered', { name: device.name }));
        setTimeout(() => this.oncePanel()?.nativeElement.focus());
      },
      error: (error: unknown) => {
        this.registering.set(false);
        this.registerError.set(error);
      },
    });
  }

  protected hideToken(): void {
    this.registered.set(null);
  }

  protected askRevoke(device: DeviceResponse): void {
    this.revokeError.set(null);
    this.revoking.set(device);
  }

  protected closeDialog(): void {
    if (!this.acting()) this.revoking.set(null);
  }

  protected revoke(): void {
    const device = this.revoking();
    if (!device || this.acting()) return;
    this.acting.set(true);
    this.revokeError.set(null);
    this.api.revokeDevice(device.id).subscribe({
      next: (revoked) => {
        this.acting.set(false);
        this.revoking.set(null);
        this.devices.update((devices) => (devices ?? []).map((d) => (d.id === revoked.id ? revoked : d)));
        if (this.registered()?.id === revoked.id) this.registered.set(null);
        this.announcement.set(this.i18n.t('admin.devices.revoked', { name: revoked.name }));
      },
      error: (error: unknown) => {
        this.acting.set(false);
        this.revokeError.set(error);
      },
    });
  }

  protected revokeHeading(): string {
    const device = this.revoking();
    return device ? this.i18n.t('admin.devices.revokeTitle', { name: device.name }) : '';
  }
}
