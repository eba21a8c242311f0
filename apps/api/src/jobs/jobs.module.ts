import { Module } from '@nestjs/common';
import { JobRepository } from './job.repository';
import { JobRunner } from './job-runner';

/**
 * The background job runner: a module that has background work imports this one and registers
 * its jobs with JobRunner (docs/architecture.md, Background work). SchedulerRegistry comes from
 * ScheduleModule.forRoot() in AppModule.
 */
@Module({
  imports: [],
  controllers: [],
  providers: [JobRepository, JobRunner],
  exports: [JobRunner, JobRepository],
})
export class JobsModule {}
