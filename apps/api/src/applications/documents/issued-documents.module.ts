import { Module } from '@nestjs/common';
import { CatalogueModule } from '../../catalogue/catalogue.module';
import { CitizenModule } from '../../citizen/citizen.module';
import { FilesModule } from '../../files/files.module';
import { ApplicationRepository } from '../application.repository';
import { IssuedDocumentRepository } from './issued-document.repository';
import { AgencyIssuedDocumentsController, OwnerIssuedDocumentsController, VerifyController } from './issued-documents.controllers';
import { IssuedDocumentsService } from './issued-documents.service';

/**
 * Receipts, results, decision letters and their public verification (docs/applications.md,
 * "Receipts, results and verification"). Reads applications through its own ApplicationRepository
 * (plain SQL, no state of its own); PiiCipher, Clock and APP_CONFIG come from AppModule (global).
 */
@Module({
  imports: [CatalogueModule, CitizenModule, FilesModule],
  controllers: [OwnerIssuedDocumentsController, AgencyIssuedDocumentsController, VerifyController],
  providers: [ApplicationRepository, IssuedDocumentRepository, IssuedDocumentsService],
})
export class IssuedDocumentsModule {}
