import { Module } from '@nestjs/common';
import { AgenciesService } from './agencies.service';
import { CatalogueCache } from './catalogue-cache';
import { CatalogueSiteDirectory } from './catalogue-site-directory';
import { CatalogueAdminController } from './catalogue-admin.controller';
import { CatalogueRepository } from './catalogue.repository';
import { ServiceCatalogService } from './service-catalog.service';
import { ServicesController } from './services.controller';
import { SitesController } from './sites.controller';
import { SitesService } from './sites.service';

@Module({
  imports: [],
  controllers: [SitesController, ServicesController, CatalogueAdminController],
  providers: [CatalogueCache, CatalogueRepository, CatalogueSiteDirectory, SitesService, AgenciesService, ServiceCatalogService],
  exports: [CatalogueRepository, CatalogueSiteDirectory, SitesService, ServiceCatalogService],
})
export class CatalogueModule {}
