import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { Seeder } from './seeds/seeder';

@Module({
  imports: [CatalogueModule],
  controllers: [],
  providers: [Seeder],
  exports: [Seeder],
})
export class DatabaseModule {}
