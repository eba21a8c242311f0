import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, ServiceResponse, ServiceSummaryResponse } from '@mpp/contracts';
import { Public } from '../auth/auth.decorators';
import { UuidPipe } from '../common/pipes';
import { ServiceQueryDto } from './dto/service-query.dto';
import { ServiceCatalogService } from './service-catalog.service';

@ApiTags('catalogue')
@Public()
@Controller('v1/services')
export class ServicesController {
  constructor(private readonly services: ServiceCatalogService) {}

  @Get()
  @ApiOperation({ summary: 'Search services: what a citizen types, best match first' })
  search(@Query() query: ServiceQueryDto): Promise<Page<ServiceSummaryResponse>> {
    return this.services.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One service with its full service standard' })
  get(@Param('id', UuidPipe) id: string): Promise<ServiceResponse> {
    return this.services.get(id);
  }
}
