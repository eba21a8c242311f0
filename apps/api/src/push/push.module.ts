import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { QueueModule } from '../queue/queue.module';
import { PushController, PushSettingsController } from './push.controller';
import { PushSender } from './push-sender';
import { PushRepository } from './push.repository';
import { PushSettingsService } from './push-settings.service';
import { PushService } from './push.service';
import { VAPID_KEYS, vapidKeySource } from './vapid-keys';

/**
 * Web Push to ticket pages (docs/portal.md, Notifications and offline): subscriptions by the
 * ticket's public code, messages decided from the queue's after-commit events and sent by
 * `web-push` in the background. PiiCipher and APP_CONFIG come from AppModule (global).
 */
@Module({
  imports: [CatalogueModule, QueueModule],
  controllers: [PushController, PushSettingsController],
  providers: [PushRepository, PushSender, PushService, PushSettingsService, { provide: VAPID_KEYS, inject: [APP_CONFIG], useFactory: vapidKeySource }],
  exports: [PushService, PushSender],
})
export class PushModule {}
