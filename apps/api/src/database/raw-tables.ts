import { APPLICATION_FLAG_TABLES } from '../applications/application-flags.tables';
import { APPLICATION_TABLES } from '../applications/application.tables';
import { ISSUED_DOCUMENT_TABLES } from '../applications/documents/issued-document.tables';
import { AUDIT_TABLES } from '../audit/audit.tables';
import { BOOKING_TABLES } from '../booking/booking.tables';
import { CITIZEN_TABLES } from '../citizen/citizen.tables';
import { COMPLAINT_SETTING_TABLES } from '../complaints/complaint-settings.tables';
import { COMPLAINT_TABLES } from '../complaints/complaint.tables';
import { SOCKET_ADAPTER_TABLES } from '../common/http/socket-adapter.tables';
import { JOB_TABLES } from '../jobs/job.tables';
import { OUTBOX_TABLES } from '../notifications/outbox.tables';
import { PUSH_TABLES } from '../push/push.tables';
import { ONLINE_TICKET_TABLES } from '../queue/online-ticket.tables';
import { QUEUE_TABLES } from '../queue/queue.tables';
import { SURVEY_TABLES } from '../survey/survey.tables';
import { RED_FLAG_TABLES } from '../red-flags/red-flags.tables';
import { REPORT_TABLES } from '../reports/reports.tables';
import type { TableShape } from './table-shape';

/**
 * Every table that has no TypeORM entity, by the shape its code expects (see table-shape.ts).
 * Together with ENTITIES (typeorm-options.ts) this names an owner for every table; the schema
 * check (apps/api/test/schema.e2e-spec.ts) fails for a table that has none.
 */
export const RAW_TABLES: readonly TableShape[] = [...QUEUE_TABLES, ...ONLINE_TICKET_TABLES, ...BOOKING_TABLES, ...OUTBOX_TABLES, ...SOCKET_ADAPTER_TABLES, ...JOB_TABLES, ...PUSH_TABLES, ...CITIZEN_TABLES, ...APPLICATION_TABLES, ...ISSUED_DOCUMENT_TABLES, ...APPLICATION_FLAG_TABLES, ...AUDIT_TABLES, ...SURVEY_TABLES, ...RED_FLAG_TABLES, ...REPORT_TABLES, ...COMPLAINT_TABLES, ...COMPLAINT_SETTING_TABLES];
