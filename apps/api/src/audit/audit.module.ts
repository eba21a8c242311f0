import { Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AuditLog } from '../common/audit-log';
import { auditContext } from './audit-context.middleware';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/**
 * The administrative audit log (issue 15): every administrative change, who, when, before → after,
 * append-only in PostgreSQL, searchable by the admins within their scope. Global, so every admin
 * service can record into it (AuditLog) inside its own transaction.
 */
@Global()
@Module({
  imports: [],
  controllers: [AuditController],
  providers: [AuditLog, AuditRepository, AuditService],
  exports: [AuditLog],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(auditContext).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
