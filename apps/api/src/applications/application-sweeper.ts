import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobRunner } from '../jobs/job-runner';
import { ApplicationService } from './application.service';

/**
 * Expires returned applications whose correction deadline has passed: the job `application expiry
 * sweep` of the JobRunner, on the queue's sweep interval (QUEUE_SWEEP_SECONDS, 0 = never).
 */
@Injectable()
export class ApplicationSweeper implements OnModuleInit {
  static readonly JOB = 'application expiry sweep';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly applications: ApplicationService,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: ApplicationSweeper.JOB, everySeconds: this.config.queueSweepSeconds, run: () => this.applications.expireOverdueCorrections() });
  }
}
