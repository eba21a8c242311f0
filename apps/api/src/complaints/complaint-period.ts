import { addDaysToLocalDate, localDate, reportRangeProblem, zonedToUtc } from '@mpp/domain';
import { ApiException } from '../common/errors/api-exception';
import { ComplaintMessages } from './complaint.messages';
import type { ComplaintPeriodQueryDto } from './dto/complaint-period-query.dto';

/** A period of site-local dates and the instants it spans, [start, end). */
export interface ComplaintPeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/** The asked period (default: the current month to today at the site), at most 366 days; else 422. */
export function complaintPeriod(query: ComplaintPeriodQueryDto, timeZone: string, now: Date): ComplaintPeriod {
  const to = query.to ?? localDate(now, timeZone);
  const from = query.from ?? `${to.slice(0, 7)}-01`;
  const problem = reportRangeProblem(from, to);
  if (problem) {
    const message = problem === 'order' ? ComplaintMessages.statsRangeOrder : ComplaintMessages.statsRangeTooLong;
    throw ApiException.unprocessable('PERIOD_RANGE', message, [{ field: 'to', message }]);
  }
  return { from, to, start: zonedToUtc(from, '00:00', timeZone), end: zonedToUtc(addDaysToLocalDate(to, 1), '00:00', timeZone) };
}
