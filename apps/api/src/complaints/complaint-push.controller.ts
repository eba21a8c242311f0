import { Body, Controller, Delete, Headers, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { PushSubscriptionDto, PushUnsubscribeDto } from '../push/dto/push-subscription.dto';
import { ComplaintPushService } from './complaint-push.service';
import { ComplaintThrottlerGuard } from './complaint-throttler.guard';
import { COMPLAINT_SECRET_HEADER, secretOf } from './complaints.controller';

/** The reporter's browser told of each status a handler sets (Web Push), with the code and X-Complaint-Secret. */
@ApiTags('complaints (citizen)')
@Public()
@Controller('v1/complaints/:code/push-subscription')
export class ComplaintPushController {
  constructor(private readonly push: ComplaintPushService) {}

  @Post()
  @UseGuards(ComplaintThrottlerGuard)
  @ApiOperation({ summary: "Send this browser the complaint's status changes (201 new, 200 updated); the VAPID key is GET /v1/push/public-key" })
  async subscribe(
    @Param('code') code: string,
    @Headers(COMPLAINT_SECRET_HEADER) secret: string | undefined,
    @Body() dto: PushSubscriptionDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ subscribed: true }> {
    const { created } = await this.push.subscribe(code, secretOf(secret), dto);
    res.status(created ? 201 : 200);
    return { subscribed: true };
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: "Stop this browser's messages for the complaint" })
  async unsubscribe(@Param('code') code: string, @Headers(COMPLAINT_SECRET_HEADER) secret: string | undefined, @Body() dto: PushUnsubscribeDto): Promise<void> {
    await this.push.remove(code, secretOf(secret), dto.endpoint);
  }
}
