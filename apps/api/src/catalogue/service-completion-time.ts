import type { CompletionTimeUnit } from '@mpp/contracts';
import type { ServiceEntity } from './entities/service.entity';

/**
 * The completion time the service standard states, or null when it states none (then the legal
 * default applies: LEGAL_DEFAULT_COMPLETION_TIME of libs/domain, which applicationClock takes for null).
 */
export function serviceCompletionTime(service: Pick<ServiceEntity, 'completionTimeValue' | 'completionTimeUnit'>): { value: number; unit: CompletionTimeUnit } | null {
  if (service.completionTimeValue === null || service.completionTimeUnit === null) return null;
  return { value: service.completionTimeValue, unit: service.completionTimeUnit };
}
