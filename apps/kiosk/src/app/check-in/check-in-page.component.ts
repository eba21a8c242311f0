import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { normalizeBookingCode } from '@mpp/domain';
import { ErrorAlertComponent, TranslatePipe } from '@mpp/ui';

import { isPermissionError, startQrCamera, type QrCamera } from '../camera/qr-camera';
import { KioskQueueApi } from '../ticket/kiosk-queue-api.service';
import { KioskTicketStore } from '../ticket/kiosk-ticket.store';

/** What the camera is doing. */
export type CameraState = 'starting' | 'scanning' | 'unavailable' | 'denied';

/** The same code read again this soon after it failed is ignored (the QR is still in view). */
const SAME_CODE_PAUSE_MS = 4000;

/**
 * `check-in`: an online booking becomes a ticket. The camera reads the booking QR (it holds only
 * the booking code); the code can also be typed. The ticket then shows on the ticket screen.
 */
@Component({
  selector: 'kiosk-check-in-page',
  imports: [ErrorAlertComponent, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './check-in-page.component.html',
  styleUrl: './check-in-page.component.css',
})
export class CheckInPageComponent {
  private readonly queue = inject(KioskQueueApi);
  private readonly tickets = inject(KioskTicketStore);
  private readonly router = inject(Router);

  protected readonly code = signal('');
  protected readonly submitting = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly invalid = signal(false);
  protected readonly camera = signal<CameraState>('starting');
  protected readonly hasMessage = computed(() => this.invalid() || this.error() !== null);

  private readonly video = viewChild<ElementRef<HTMLVideoElement>>('video');
  private readonly codeInput = viewChild.required<ElementRef<HTMLInputElement>>('codeInput');

  private qrCamera: QrCamera | null = null;
  private destroyed = false;
  private lastScan: { code: string; at: number } | null = null;

  constructor() {
    afterNextRender(() => void this.startCamera());
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.stopCamera();
    });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    this.checkIn(this.code());
  }

  private checkIn(raw: string): void {
    if (this.submitting()) {
      return;
    }
    const code = normalizeBookingCode(raw);
    this.error.set(null);
    if (!code) {
      this.invalid.set(true);
      this.codeInput().nativeElement.focus();
      return;
    }
    this.invalid.set(false);
    this.submitting.set(true);
    this.queue.checkIn({ code }).subscribe({
      next: (response) => {
        this.submitting.set(false);
        this.tickets.show(response.ticket, response.outcome);
        void this.router.navigateByUrl('/tiket');
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.error.set(error);
        this.lastScan = { code, at: Date.now() };
      },
    });
  }

  private async startCamera(): Promise<void> {
    const video = this.video()?.nativeElement;
    if (!video || !navigator.mediaDevices?.getUserMedia) {
      this.camera.set('unavailable');
      return;
    }
    try {
      this.qrCamera = await startQrCamera(video, (text) => this.onScan(text), () => this.destroyed);
      if (this.qrCamera) this.camera.set('scanning');
    } catch (error: unknown) {
      this.camera.set(isPermissionError(error) ? 'denied' : 'unavailable');
    }
  }

  private onScan(text: string): void {
    const code = normalizeBookingCode(text);
    if (!code || this.submitting()) {
      return;
    }
    const last = this.lastScan;
    if (last && last.code === code && Date.now() - last.at < SAME_CODE_PAUSE_MS) {
      return;
    }
    this.lastScan = { code, at: Date.now() };
    this.code.set(code);
    this.checkIn(code);
  }

  private stopCamera(): void {
    this.qrCamera?.stop();
    this.qrCamera = null;
  }
}
