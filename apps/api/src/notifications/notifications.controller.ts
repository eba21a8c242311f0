import { Body, Controller, Get, Header, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { LocalizedText } from '@mpp/contracts';
import { CurrentStaff, Public, StaffRoles } from '../auth/auth.decorators';
import type { StaffPrincipal } from '../auth/principal';
import { ApiException } from '../common/errors/api-exception';
import { NotificationRecipients } from './notification-recipients';
import { NotificationsService, type OutboxCounts } from './notifications.service';

const MESSAGES = {
  badToken: {
    id: 'Tautan berhenti berlangganan tidak sah atau rusak. Gunakan tautan lengkap dari pesan yang Anda terima.',
    en: 'The unsubscribe link is not valid or is damaged. Use the whole link from the message you received.',
  },
  optedOut: {
    id: 'Anda tidak akan menerima pesan lagi dari MPP Digital di nomor atau alamat ini.',
    en: 'You will receive no more messages from MPP Digital at this number or address.',
  },
} satisfies Record<string, LocalizedText>;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A small page of its own (no script): the link in an SMS opens it; a link preview only reads it, so stopping takes a press. */
function page(body: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Berhenti menerima pesan · Stop messages</title></head><body><main>${body}</main></body></html>`;
}

/**
 * The outbox as admins see it (counts only, never a text or a recipient) and the citizen's
 * opt-out link (no login: the link's signed token is the proof). docs/notifications.md.
 */
@Controller('v1')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly recipients: NotificationRecipients,
  ) {}

  @Get('admin/notifications/summary')
  @ApiTags('admin: notifications')
  @ApiBearerAuth()
  @StaffRoles('system_admin', 'site_admin')
  @ApiOperation({ summary: "Outbox messages by status (pending, sent, logged, failed, dead) and dead letters by channel: every site's for the system admin, their own site's for a site admin" })
  summary(@CurrentStaff() staff: StaffPrincipal): Promise<OutboxCounts> {
    return this.notifications.countMessages(staff.role === 'system_admin' ? null : (staff.siteId ?? '00000000-0000-0000-0000-000000000000'));
  }

  @Get('notifications/opt-out')
  @Public()
  @ApiTags('notifications (public)')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The page the opt-out link opens: a button that stops further messages to this number or address' })
  optOutPage(@Query('t') token: unknown): string {
    if (typeof token !== 'string' || this.recipients.verifyOptOutToken(token) === null) throw ApiException.badRequest('BAD_OPT_OUT_TOKEN', MESSAGES.badToken);
    return page(
      `<h1>Berhenti menerima pesan</h1><p>Tekan tombol di bawah agar MPP Digital tidak lagi mengirim pesan ke nomor atau alamat ini.</p>` +
        `<p lang="en">Press the button below and MPP Digital will send no more messages to this number or address.</p>` +
        `<form method="post" action="opt-out"><input type="hidden" name="t" value="${escapeHtml(token)}"><button type="submit">Berhenti / Stop</button></form>`,
    );
  }

  @Post('notifications/opt-out')
  @Public()
  @HttpCode(200)
  @ApiTags('notifications (public)')
  @ApiOperation({ summary: 'Stop every further message to the recipient named by the signed token ({ t }), JSON or a form' })
  async optOut(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ optedOut: true; message: LocalizedText } | string> {
    const token = body !== null && typeof body === 'object' ? (body as Record<string, unknown>).t : undefined;
    if (typeof token !== 'string' || !(await this.recipients.optOut(token))) throw ApiException.badRequest('BAD_OPT_OUT_TOKEN', MESSAGES.badToken);
    if (req.is('application/x-www-form-urlencoded')) {
      res.type('html').setHeader('Cache-Control', 'no-store');
      return page(`<h1>Selesai</h1><p>${MESSAGES.optedOut.id}</p><p lang="en">${MESSAGES.optedOut.en}</p>`);
    }
    return { optedOut: true, message: MESSAGES.optedOut };
  }
}
