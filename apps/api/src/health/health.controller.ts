import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthResponse, ReadinessResponse } from '@mpp/contracts';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { HealthService } from './health.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and database state; 503 when the database is down' })
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const report = await this.health.check();
    if (report.status !== 'ok') res.status(503);
    return report;
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 while this process takes traffic; 503 once it is stopping (draining) or its database is down' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessResponse> {
    const report = await this.health.ready();
    if (report.status !== 'ready') res.status(503);
    // Draining is the stop going to plan, not a failure: its 503s are not logged as errors.
    if (report.status === 'draining') res.locals.expectedUnavailable = true;
    return report;
  }
}
