import type { Knex } from 'knex';
import type { DurationRules, ReservationRules, SchedulingRules } from '../../domain/service-template/service-template-rules';
import { defaultReservationRules, defaultSchedulingRules } from '../../domain/service-template/service-template-rules';
import type { TemplateRevision, TemplateStatus } from '../../domain/service-template/template-lifecycle';
import { defaultCheckInRules, defaultRescheduleRules, type CheckInRules, type RescheduleRules } from '../../domain/booking/lifecycle-rules';
import { defaultCancellationRules, type CancellationRules } from '../../domain/cancellation/cancellation-policy';
import type { ReminderRule } from '../../domain/notifications/reminder-schedule';
import type { NotificationRules } from '../../domain/notifications/notification-rules';
import type { RefundRules } from '../../domain/cancellation/refund-decision';
import { defaultTimerRules, type TimerRules } from '../../domain/booking/lifecycle-timers';
import type { NoShowBanRules } from '../../domain/booking/no-show-ban';
import type { ProviderCompensationRules } from '../../domain/compensation/provider-compensation';
import { DomainError } from '../../domain/shared/errors';
import { pgErrorCode, pgErrorCodes } from '../db-errors';
import { ServiceTemplateModel } from '../models/service-template.model';

/** A template's whole definition (spec §3), as validated by the API and snapshotted per version. */
export interface TemplateDefinition {
  name: string;
  slug: string;
  type: string;
  status: TemplateStatus;
  description?: string | null;
  locationId?: string | null;
  categoryId?: string | null;
  tags: string[];
  images?: unknown[] | null;
  duration: Record<string, unknown>;
  bookables: Record<string, unknown>;
  capacity: Record<string, unknown>;
  pricing: Record<string, unknown>;
  scheduling: Record<string, unknown>;
  cancellation: Record<string, unknown>;
  lifecycle: Record<string, unknown>;
  workflows: Record<string, unknown>;
}

function columnsOf(definition: TemplateDefinition): Partial<ServiceTemplateModel> {
  return {
    name: definition.name,
    slug: definition.slug,
    type: definition.type,
    status: definition.status,
    description: definition.description ?? null,
    locationId: definition.locationId ?? null,
    categoryId: definition.categoryId ?? null,
    tags: definition.tags,
    images: definition.images ?? [],
    durationConfig: definition.duration,
    bookablesConfig: definition.bookables,
    capacityConfig: definition.capacity,
    pricingConfig: definition.pricing,
    schedulingConfig: definition.scheduling,
    cancellationConfig: definition.cancellation,
    lifecycleConfig: definition.lifecycle,
    workflowConfig: definition.workflows,
  };
}

/** The definition stored in a template row. */
export function definitionOf(template: ServiceTemplateModel): TemplateDefinition {
  return {
    name: template.name,
    slug: template.slug,
    type: template.type,
    status: template.status,
    description: template.description,
    locationId: template.locationId,
    categoryId: template.categoryId,
    tags: template.tags,
    images: template.images,
    duration: template.durationConfig,
    bookables: template.bookablesConfig,
    capacity: template.capacityConfig,
    pricing: template.pricingConfig,
    scheduling: template.schedulingConfig,
    cancellation: template.cancellationConfig,
    lifecycle: template.lifecycleConfig,
    workflows: template.workflowConfig,
  };
}

async function withTemplateChecks<T>(slug: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.uniqueViolation) {
      throw new DomainError('ALREADY_EXISTS', `The slug "${slug}" is taken.`, { fields: [{ path: 'slug', message: 'already taken' }] });
    }
    if (pgErrorCode(error) === pgErrorCodes.foreignKeyViolation) {
      throw new DomainError('VALIDATION_FAILED', 'Unknown location or category.', { fields: [{ path: 'locationId', message: 'location or category not found in this organization' }] });
    }
    throw error;
  }
}

async function snapshot(trx: Knex.Transaction, template: ServiceTemplateModel, createdBy: string): Promise<void> {
  await trx('service_template_versions')
    .insert({ serviceTemplateId: template.id, version: template.version, organizationId: template.organizationId, definition: JSON.stringify(definitionOf(template)), createdBy })
    .onConflict(['service_template_id', 'version'])
    .merge(['definition', 'created_by']);
}

/** Stores a new template as version 1, with its snapshot. */
export async function insertServiceTemplate(db: Knex, input: { id: string; organizationId: string; createdBy: string; definition: TemplateDefinition }): Promise<ServiceTemplateModel> {
  return withTemplateChecks(input.definition.slug, () =>
    db.transaction(async (trx) => {
      const template = await ServiceTemplateModel.query(trx).insertAndFetch({
        id: input.id,
        organizationId: input.organizationId,
        version: 1,
        createdBy: input.createdBy,
        updatedBy: input.createdBy,
        ...columnsOf(input.definition),
      });
      await snapshot(trx, template, input.createdBy);
      return template;
    }),
  );
}

/**
 * Edits a template under a row lock: `decide` sees the current definition and returns the new one
 * with its revision (version and status, decided by the domain). A new version gets its own
 * snapshot; editing a draft rewrites the draft's.
 */
export async function reviseServiceTemplate(
  db: Knex,
  key: { organizationId: string; id: string; actor: string },
  decide: (current: TemplateDefinition & TemplateRevision) => { definition: TemplateDefinition; revision: TemplateRevision },
): Promise<ServiceTemplateModel | undefined> {
  return db.transaction(async (trx) => {
    const current = await ServiceTemplateModel.query(trx).where({ organizationId: key.organizationId, id: key.id }).whereNull('deleted_at').forUpdate().first();
    if (!current) return undefined;
    const { definition, revision } = decide({ ...definitionOf(current), version: current.version, status: current.status });
    return withTemplateChecks(definition.slug, async () => {
      const template = await ServiceTemplateModel.query(trx).patchAndFetchById(current.id, {
        ...columnsOf(definition),
        status: revision.status,
        version: revision.version,
        updatedBy: key.actor,
        updatedAt: new Date(),
      });
      await snapshot(trx, template, key.actor);
      return template;
    });
  });
}

/** The definition a template had at `version` (what bookings made on it were made with). */
export async function findServiceTemplateVersion(db: Knex, organizationId: string, id: string, version: number): Promise<TemplateDefinition | undefined> {
  const row = await db('service_template_versions').where({ organizationId, serviceTemplateId: id, version }).first('definition');
  return row?.definition;
}

/** The versions a template has had, oldest first. */
export async function listServiceTemplateVersions(db: Knex, organizationId: string, id: string): Promise<Array<{ version: number; createdAt: Date; createdBy: string | null }>> {
  return db('service_template_versions').where({ organizationId, serviceTemplateId: id }).orderBy('version').select('version', 'created_at', 'created_by');
}

/** Archives (soft-deletes) a template: it can no longer be booked or edited; bookings keep it. */
export async function softDeleteServiceTemplate(db: Knex, organizationId: string, id: string, actor: string): Promise<boolean> {
  const changed = await db('service_templates').where({ organizationId, id }).whereNull('deleted_at').update({ deletedAt: db.fn.now(), deletedBy: actor, status: 'archived' });
  return changed > 0;
}

/** A live template of an organization. */
export async function findServiceTemplate(db: Knex, organizationId: string, id: string): Promise<ServiceTemplateModel | undefined> {
  return ServiceTemplateModel.query(db).where({ organizationId, id }).whereNull('deleted_at').first();
}

/** The template a request names in `serviceTemplateId`; an unknown one is a 400 at that field. */
export async function requireServiceTemplate(db: Knex, organizationId: string, id: string): Promise<ServiceTemplateModel> {
  const template = await findServiceTemplate(db, organizationId, id);
  if (!template) throw new DomainError('VALIDATION_FAILED', 'Unknown service template.', { fields: [{ path: 'serviceTemplateId', message: 'not found' }] });
  return template;
}

/** Filters and keyset page of an organization's templates. */
export async function listServiceTemplates(
  db: Knex,
  organizationId: string,
  filter: { status?: string; type?: string; locationId?: string; categoryId?: string; tags?: string[]; limit?: number; afterId?: string } = {},
): Promise<ServiceTemplateModel[]> {
  const query = ServiceTemplateModel.query(db).where('organization_id', organizationId).whereNull('deleted_at');
  if (filter.status) query.where('status', filter.status);
  if (filter.type) query.where('type', filter.type);
  if (filter.locationId) query.where('location_id', filter.locationId);
  if (filter.categoryId) query.where('category_id', filter.categoryId);
  if (filter.tags?.length) query.whereRaw('tags @> ?::text[]', [filter.tags]);
  if (filter.afterId) query.where('id', '>', filter.afterId);
  return query.orderBy('id').limit(filter.limit ?? 100);
}

/** The booking rules stored in a template's blocks (validated when the template was written). */
export function templateRules(template: Pick<TemplateDefinition, 'duration' | 'lifecycle' | 'scheduling' | 'cancellation'> & { pricing?: unknown }): {
  duration: DurationRules;
  reservation: ReservationRules;
  scheduling: SchedulingRules;
  checkIn: CheckInRules;
  reschedule: RescheduleRules;
  refund: RefundRules;
  timers: TimerRules;
  requireApproval: boolean;
  noShowBan: NoShowBanRules | null;
  cancellation: CancellationRules;
  notifications: NotificationRules;
  /** Holds must be paid (the quote's dueNowAmount) before they are confirmed. */
  paymentFirst: boolean;
  /** What a client who does not show up is charged (noShowPolicy.clientCharge). */
  noShowCharge: { chargeBps: number; maxAmount?: number };
  providerCompensation: ProviderCompensationRules;
} {
  const lifecycle = template.lifecycle as {
    reservation?: Partial<ReservationRules>;
    checkIn?: Partial<CheckInRules> & { requireCheckIn?: boolean };
    confirmation?: { autoConfirm?: boolean; approvalDeadlineSeconds?: number; sendConfirmationEmail?: boolean; requirePayment?: boolean; requireDeposit?: boolean };
    completion?: { autoComplete?: boolean; autoCompleteAfterMinutes?: number };
    reminders?: ReminderRule[];
    followUp?: { sendReviewRequest?: boolean; reviewRequestDelaySeconds?: number };
  };
  const cancellation = (template.cancellation ?? {}) as Partial<RescheduleRules> &
    Partial<CancellationRules> & { rescheduleFeeAmount?: number } &
    Partial<RefundRules> & {
      noShowPolicy?: {
        autoMarkNoShow?: boolean;
        markNoShowAfterMinutes?: number;
        trackNoShows?: boolean;
        maxNoShowsBeforeBan?: number;
        banDurationDays?: number;
        clientCharge?: { chargeBps?: number; maxAmount?: number };
        providerCompensationBps?: number;
      };
    };
  const noShow = cancellation.noShowPolicy ?? {};
  const providerCompensation = (cancellation as { providerCompensation?: Partial<ProviderCompensationRules> }).providerCompensation;
  const confirmation = lifecycle.confirmation ?? {};
  const checkIn = { ...defaultCheckInRules, ...pick(lifecycle.checkIn ?? {}, ['enabled', 'openMinutesBefore', 'closeMinutesAfter', 'allowEarlyCheckIn']) };
  return {
    duration: template.duration as unknown as DurationRules,
    reservation: { ...defaultReservationRules, ...lifecycle.reservation },
    scheduling: { ...defaultSchedulingRules, ...(template.scheduling as Partial<SchedulingRules>) },
    checkIn,
    reschedule: { ...defaultRescheduleRules, ...pick(cancellation, ['allowReschedule', 'rescheduleDeadlineHours']), ...(cancellation.rescheduleFeeAmount ? { feeAmount: cancellation.rescheduleFeeAmount } : {}) },
    refund: { refundTiers: cancellation.refundTiers ?? [], ...(cancellation.lateCancellation ? { lateCancellation: cancellation.lateCancellation } : {}) },
    timers: {
      approvalDeadlineSeconds: lifecycle.confirmation?.approvalDeadlineSeconds ?? defaultTimerRules.approvalDeadlineSeconds,
      ...noShowTimer(noShow, { ...checkIn, requireCheckIn: lifecycle.checkIn?.requireCheckIn }),
      autoComplete: lifecycle.completion?.autoComplete ?? false,
      autoCompleteAfterMinutes: lifecycle.completion?.autoCompleteAfterMinutes ?? 0,
    },
    requireApproval: lifecycle.confirmation?.autoConfirm === false,
    cancellation: { ...defaultCancellationRules, ...pick(cancellation, ['allowClientCancellation', 'allowProviderCancellation', 'requireApprovalFor', 'whenPrimaryCancels']) },
    notifications: {
      confirmation: lifecycle.confirmation?.sendConfirmationEmail ?? true,
      reminders: lifecycle.reminders ?? [],
      reviewRequestDelaySeconds: lifecycle.followUp?.sendReviewRequest ? (lifecycle.followUp.reviewRequestDelaySeconds ?? 24 * 3600) : null,
    },
    paymentFirst: confirmation.requirePayment === true || confirmation.requireDeposit === true || (template.pricing as { deposit?: { required?: boolean } } | undefined)?.deposit?.required === true,
    noShowCharge: { chargeBps: noShow.clientCharge?.chargeBps ?? 0, ...(noShow.clientCharge?.maxAmount !== undefined ? { maxAmount: noShow.clientCharge.maxAmount } : {}) },
    providerCompensation: {
      whenClientCancels: { tiers: providerCompensation?.whenClientCancels?.tiers ?? [] },
      whenOrganizationCancels: providerCompensation?.whenOrganizationCancels ?? { fullCompensation: true },
      noShowBps: noShow.providerCompensationBps ?? 0,
    },
    noShowBan: noShow.trackNoShows && noShow.maxNoShowsBeforeBan && noShow.banDurationDays ? { maxNoShows: noShow.maxNoShowsBeforeBan, banDays: noShow.banDurationDays } : null,
  };
}

/**
 * When a confirmed booking becomes a no-show by itself: `autoMarkNoShow` after `markNoShowAfterMinutes`,
 * and with `checkIn.requireCheckIn` once the check-in window closes, whichever comes first.
 */
function noShowTimer(noShow: { autoMarkNoShow?: boolean; markNoShowAfterMinutes?: number }, checkIn: CheckInRules & { requireCheckIn?: boolean }): Pick<TimerRules, 'autoMarkNoShow' | 'markNoShowAfterMinutes'> {
  const afterMinutes = noShow.markNoShowAfterMinutes ?? defaultTimerRules.markNoShowAfterMinutes;
  if (!(checkIn.enabled && checkIn.requireCheckIn)) return { autoMarkNoShow: noShow.autoMarkNoShow ?? false, markNoShowAfterMinutes: afterMinutes };
  return { autoMarkNoShow: true, markNoShowAfterMinutes: noShow.autoMarkNoShow ? Math.min(afterMinutes, checkIn.closeMinutesAfter) : checkIn.closeMinutesAfter };
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]])) as Partial<Pick<T, K>>;
}

/** A booking's template version (the rules it was made under) and its quoted price. */
export async function bookingTerms(db: Knex | Knex.Transaction, bookingId: string): Promise<{ organizationId: string; priceQuote: { totalAmount?: number; currency?: string | null } | null; rules: ReturnType<typeof templateRules> } | undefined> {
  const row = await db('bookings as b')
    .join('service_template_versions as v', function joinVersion() {
      this.on('v.service_template_id', 'b.service_template_id').andOn('v.version', 'b.service_template_version');
    })
    .where('b.id', bookingId)
    .first('b.organization_id', 'b.price_quote', 'v.definition');
  return row ? { organizationId: row.organizationId, priceQuote: row.priceQuote, rules: templateRules(row.definition) } : undefined;
}
