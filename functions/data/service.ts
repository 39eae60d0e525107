import { Service } from 'electrodb';
import { ActivityEntity } from './activity.js';
import { AiCacheEntryEntity } from './ai-cache-entry.js';
import { AnalysisBatchEntity, AnalysisLockEntity, AnalysisOutboxEntity, AnalysisRunEntity } from './analysis-run.js';
import { AiSettingsEntity } from './ai-settings.js';
import { AiUsageEntity } from './ai-usage.js';
import { ApiKeyEntity } from './api-key.js';
import { entityConfig } from './client.js';
import { CompanyEntity } from './company.js';
import { CompanyPurgeEntity, CompanyTombstoneEntity } from './company-tombstone.js';
import { ContactEntity } from './contact.js';
import { DealEntity } from './deal.js';
import { MergeEntity, MergeMoveEntity } from './merge.js';
import { LocalScheduleEntity } from './local-schedule.js';
import { DigestMarkEntity, NotificationEntity, UserPreferencesEntity } from './notification.js';
import { TaskEntity, TaskReminderEntity } from './task.js';
import { ExportJobEntity } from './export-job.js';
import { IdempotencyRecordEntity } from './idempotency-record.js';
import { ImportChunkEntity, ImportJobEntity } from './import-job.js';
import { RateCardEntity } from './rate-card.js';
import { RateLimitWindowEntity } from './rate-limit-window.js';
import { PipelineEntity } from './pipeline.js';
import { PricingRuleEntity } from './pricing-rule.js';
import { ProductEntity } from './product.js';
import { ProductCodeEntity } from './product-code.js';
import { QuoteCounterEntity, QuoteEntity, QuoteLinkEntity, QuoteRevisionEntity } from './quote.js';
import { PromptEntity, PromptSlotEntity, PromptVersionEntity } from './prompt.js';
import { SearchTokenEntity } from './search-token.js';
import { SigningKeyEntity } from './signing-key.js';
import { SupplierEntity } from './supplier.js';
import { TenantEntity, TenantSlugEntity } from './tenant.js';
import { TimelineEntryEntity } from './timeline-entry.js';
import { TokenBucketEntity } from './token-bucket.js';
import { UserEntity, UserRemovalEntity } from './user.js';

/** Every entity of the single table, joined so writes across them can be one transaction. */
export const db = new Service(
  {
    tenant: TenantEntity,
    tenantSlug: TenantSlugEntity,
    user: UserEntity,
    userRemoval: UserRemovalEntity,
    company: CompanyEntity,
    companyTombstone: CompanyTombstoneEntity,
    companyPurge: CompanyPurgeEntity,
    contact: ContactEntity,
    deal: DealEntity,
    quote: QuoteEntity,
    quoteRevision: QuoteRevisionEntity,
    quoteCounter: QuoteCounterEntity,
    quoteLink: QuoteLinkEntity,
    pipeline: PipelineEntity,
    timelineEntry: TimelineEntryEntity,
    activity: ActivityEntity,
    idempotencyRecord: IdempotencyRecordEntity,
    rateLimitWindow: RateLimitWindowEntity,
    tokenBucket: TokenBucketEntity,
    apiKey: ApiKeyEntity,
    aiUsage: AiUsageEntity,
    aiSettings: AiSettingsEntity,
    aiCacheEntry: AiCacheEntryEntity,
    analysisRun: AnalysisRunEntity,
    analysisBatch: AnalysisBatchEntity,
    analysisLock: AnalysisLockEntity,
    analysisOutbox: AnalysisOutboxEntity,
    searchToken: SearchTokenEntity,
    merge: MergeEntity,
    mergeMove: MergeMoveEntity,
    signingKey: SigningKeyEntity,
    prompt: PromptEntity,
    promptVersion: PromptVersionEntity,
    promptSlot: PromptSlotEntity,
    task: TaskEntity,
    taskReminder: TaskReminderEntity,
    notification: NotificationEntity,
    userPreferences: UserPreferencesEntity,
    digestMark: DigestMarkEntity,
    localSchedule: LocalScheduleEntity,
    importJob: ImportJobEntity,
    importChunk: ImportChunkEntity,
    exportJob: ExportJobEntity,
    product: ProductEntity,
    productCode: ProductCodeEntity,
    supplier: SupplierEntity,
    rateCard: RateCardEntity,
    pricingRule: PricingRuleEntity,
  },
  entityConfig,
);
export type Db = typeof db;
