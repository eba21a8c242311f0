import { Module } from '@nestjs/common';
import { AgenciesService } from './agencies.service';
import { CatalogueCache } from './catalogue-cache';
import { CatalogueAdminController } from './catalogue-admin.controller';
import { CatalogueRepository } from './catalogue.repository';
import { ServiceCatalogService } from './service-catalog.service';
import { ServicesController } from './services.controller';
import { SitesController } from './sites.controller';
import { SitesService } from './sites.service';

@Module({
  imports: [],
  controllers: [SitesController, ServicesController, CatalogueAdminController],
  providers: [CatalogueCache, CatalogueRepository, SitesService, AgenciesService, ServiceCatalogService],
  exports: [CatalogueRepository, SitesService, ServiceCatalogService],
})
export class CatalogueModule {}
