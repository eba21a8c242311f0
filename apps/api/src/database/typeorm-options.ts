import type { DataSourceOptions } from 'typeorm';
import { DEFAULT_DB_POOL_SIZE } from '../config/app-config';
import { DeviceEntity } from '../auth/entities/device.entity';
import { StaffUserEntity } from '../auth/entities/staff-user.entity';
import { AgencyEntity } from '../catalogue/entities/agency.entity';
import { NationalCalendarDayEntity, SiteClosureEntity } from '../catalogue/entities/closure.entity';
import { ServiceRequirementEntity } from '../catalogue/entities/service-requirement.entity';
import { ServiceEntity } from '../catalogue/entities/service.entity';
import { SiteEntity } from '../catalogue/entities/site.entity';
import { CreateCatalogueAndStaff1764000000000 } from './migrations/1764000000000-CreateCatalogueAndStaff';
import { AddQueue1764100000000 } from './migrations/1764100000000-AddQueue';
import { AddBooking1764200000000 } from './migrations/1764200000000-AddBooking';
import { AddBookingTicketIndex1764300000000 } from './migrations/1764300000000-AddBookingTicketIndex';
import { AddCallNextFunction1764400000000 } from './migrations/1764400000000-AddCallNextFunction';
import { AddTicketCallEventIndex1764500000000 } from './migrations/1764500000000-AddTicketCallEventIndex';
import { AddBookingManageToken1764700000000 } from './migrations/1764700000000-AddBookingManageToken';
import { AddSessionVersion1764800000000 } from './migrations/1764800000000-AddSessionVersion';
import { EncryptOutboxMessageBody1764810000000 } from './migrations/1764810000000-EncryptOutboxMessageBody';
import { CallNextTargetedOnlyForOfficersAgency1764900000000 } from './migrations/1764900000000-CallNextTargetedOnlyForOfficersAgency';
import { CallNextAnswersCalledTicket1764910000000 } from './migrations/1764910000000-CallNextAnswersCalledTicket';
import { AddTicketFinishedRecentIndex1765000000000 } from './migrations/1765000000000-AddTicketFinishedRecentIndex';
import { AddSocketIoAttachment1766000000000 } from './migrations/1766000000000-AddSocketIoAttachment';
import { AddJob1766100000000 } from './migrations/1766100000000-AddJob';
import { AddOutboxRetry1766200000000 } from './migrations/1766200000000-AddOutboxRetry';
import { AddOnlineTicket1766320000000 } from './migrations/1766320000000-AddOnlineTicket';
import { AddPushSubscription1766330000000 } from './migrations/1766330000000-AddPushSubscription';
import { AddNotificationDeliveryAndOptOut1766340000000 } from './migrations/1766340000000-AddNotificationDeliveryAndOptOut';
import { IndexOutboxBySite1766340000001 } from './migrations/1766340000001-IndexOutboxBySite';
import { AddBookingPriorityAndNeeds1766310000000 } from './migrations/1766310000000-AddBookingPriorityAndNeeds';
import { AddSiteFacilities1766300000000 } from './migrations/1766300000000-AddSiteFacilities';
import { AddCitizenAccount1766350000000 } from './migrations/1766350000000-AddCitizenAccount';
import { AddBookingLanguageAndCitizenNotifyBy1766370000000 } from './migrations/1766370000000-AddBookingLanguageAndCitizenNotifyBy';
import { KeepRequirementIdsAcrossEdits1766380000000 } from './migrations/1766380000000-KeepRequirementIdsAcrossEdits';
import { AddCalendarDaysCompletionUnit1766380000001 } from './migrations/1766380000001-AddCalendarDaysCompletionUnit';
import { CounterEntity } from '../queue/entities/counter.entity';
import { AddApplication1766410000000 } from './migrations/1766410000000-AddApplication';
import { AddApplicationDocuments1766430000000 } from './migrations/1766430000000-AddApplicationDocuments';
import { AddIssuedDocument1766440000000 } from './migrations/1766440000000-AddIssuedDocument';
import { AddServiceApplicationSettings1766450000000 } from './migrations/1766450000000-AddServiceApplicationSettings';
import { AllowServiceWithoutCompletionTime1766450000001 } from './migrations/1766450000001-AllowServiceWithoutCompletionTime';
import { AddApplicationFlagAndFilePurge1766450000002 } from './migrations/1766450000002-AddApplicationFlagAndFilePurge';
import { AddApplicationNote1766470000000 } from './migrations/1766470000000-AddApplicationNote';
import { AddStaffTotp1766510000000 } from './migrations/1766510000000-AddStaffTotp';
import { AddAdminAudit1766500000000 } from './migrations/1766500000000-AddAdminAudit';
import { AddHallRollup1766520000000 } from './migrations/1766520000000-AddHallRollup';
import { AddSurvey1766530000000 } from './migrations/1766530000000-AddSurvey';
import { AddRedFlagSettingAndSummary1766540000000 } from './migrations/1766540000000-AddRedFlagSettingAndSummary';
import { AddComplaint1766600000000 } from './migrations/1766600000000-AddComplaint';
import { AddComplaintPhotoAndLocation1766610000000 } from './migrations/1766610000000-AddComplaintPhotoAndLocation';
import { AddComplaintSettingAndEscalation1766620000000 } from './migrations/1766620000000-AddComplaintSettingAndEscalation';
import { AddComplaintPushSubscription1766630000000 } from './migrations/1766630000000-AddComplaintPushSubscription';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export const ENTITIES = [
  SiteEntity,
  NationalCalendarDayEntity,
  SiteClosureEntity,
  AgencyEntity,
  ServiceEntity,
  ServiceRequirementEntity,
  StaffUserEntity,
  DeviceEntity,
  CounterEntity,
];

/** Listed explicitly (no globs) so the compiled API and ts-jest see the same set, in order. */
export const MIGRATIONS = [CreateCatalogueAndStaff1764000000000, AddQueue1764100000000, AddBooking1764200000000, AddBookingTicketIndex1764300000000, AddCallNextFunction1764400000000, AddTicketCallEventIndex1764500000000, AddBookingManageToken1764700000000, AddSessionVersion1764800000000, EncryptOutboxMessageBody1764810000000, CallNextTargetedOnlyForOfficersAgency1764900000000, CallNextAnswersCalledTicket1764910000000, AddTicketFinishedRecentIndex1765000000000, AddSocketIoAttachment1766000000000, AddJob1766100000000, AddOutboxRetry1766200000000, AddSiteFacilities1766300000000, AddBookingPriorityAndNeeds1766310000000, AddOnlineTicket1766320000000, AddPushSubscription1766330000000, AddNotificationDeliveryAndOptOut1766340000000, IndexOutboxBySite1766340000001, AddCitizenAccount1766350000000, AddBookingLanguageAndCitizenNotifyBy1766370000000, KeepRequirementIdsAcrossEdits1766380000000, AddCalendarDaysCompletionUnit1766380000001, AddApplication1766410000000, AddApplicationDocuments1766430000000, AddIssuedDocument1766440000000, AddServiceApplicationSettings1766450000000, AllowServiceWithoutCompletionTime1766450000001, AddApplicationFlagAndFilePurge1766450000002, AddApplicationNote1766470000000, AddAdminAudit1766500000000, AddStaffTotp1766510000000, AddHallRollup1766520000000, AddSurvey1766530000000, AddRedFlagSettingAndSummary1766540000000, AddComplaint1766600000000, AddComplaintPhotoAndLocation1766610000000, AddComplaintSettingAndEscalation1766620000000, AddComplaintPushSubscription1766630000000];

export function typeOrmOptions(url: string, poolSize = DEFAULT_DB_POOL_SIZE): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // The schema changes only through migrations: no CREATE EXTENSION when connecting (TypeORM
    // would add uuid-ossp), and generated uuid keys default to core gen_random_uuid() as the
    // migrations write them (so does what migration:generate writes).
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // Off: TypeORM would print failed queries with their parameters (password hashes, personal data).
    // Unexpected errors reach AllExceptionsFilter, which logs them without parameters.
    logging: false,
    // A request never waits for ever on a busy pool: it fails in words instead.
    extra: { max: poolSize, connectionTimeoutMillis: 10_000, application_name: 'mpp-digital-api' },
  };
}
