import { Service } from 'electrodb';
import { ActivityEntity } from './activity.js';
import { entityConfig } from './client.js';
import { CompanyEntity } from './company.js';
import { ContactEntity } from './contact.js';
import { IdempotencyRecordEntity } from './idempotency-record.js';
import { TenantEntity, TenantSlugEntity } from './tenant.js';
import { TimelineEntryEntity } from './timeline-entry.js';
import { UserEntity } from './user.js';

/** Every entity of the single table, joined so writes across them can be one transaction. */
export const db = new Service(
  {
    tenant: TenantEntity,
    tenantSlug: TenantSlugEntity,
    user: UserEntity,
    company: CompanyEntity,
    contact: ContactEntity,
    timelineEntry: TimelineEntryEntity,
    activity: ActivityEntity,
    idempotencyRecord: IdempotencyRecordEntity,
  },
  entityConfig,
);
export type Db = typeof db;
