import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

/** Prometheus metrics of this process on a port of its own (METRICS_PORT); see docs/architecture.md. */
@Module({
  imports: [JobsModule],
  controllers: [],
  providers: [MetricsRepository, MetricsService, HttpMetricsMiddleware],
  exports: [MetricsService],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
