import { Global, Module } from '@nestjs/common';

/**
 * The administrative audit log (issue 15): every administrative change, who, when, before → after,
 * append-only in PostgreSQL, searchable by the admins within their scope. Global, so every admin
 * service can record into it inside its own transaction.
 */
@Global()
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class AuditModule {}
