import type { BookableCriteria } from '../../bookables/bookable-criteria';
import { DomainError } from '../../shared/errors';
import type { StayRules } from './stays';
import type { AssignmentPolicy, AssignmentStrategy, EngineRequirement, EngineService } from './engine-types';

/** The template blocks availability reads (spec §3.1), as stored. */
export interface TemplateAvailabilityBlocks {
  duration: {
    type: 'fixed' | 'variable' | 'range';
    fixedMinutes?: number;
    minMinutes?: number;
    maxMinutes?: number;
    intervalMinutes?: number;
    rangeMinutes?: { min: number; max: number; default: number };
    preBufferMinutes?: number;
    postBufferMinutes?: number;
    travelTimeMinutes?: number;
    travelTimeCalculation?: 'fixed' | 'distance_based';
    minNights?: number;
    maxNights?: number;
    checkInTime?: string;
    checkOutTime?: string;
    gapNights?: number;
  };
  bookables?: {
    required?: StoredRequirement[];
    optional?: StoredRequirement[];
    assignment?: { strategy?: AssignmentStrategy; priorities?: Record<string, number>; weights?: Record<string, number> };
  };
  capacity?: { type?: 'individual' | 'group' | 'unlimited'; group?: { maxParticipants: number } };
  scheduling?: {
    minAdvanceMinutes?: number;
    maxAdvanceDays?: number;
    slotIntervalMinutes?: number;
    maxBookingsPerDay?: number;
    bookingWindow?: { opensAt?: string | Date; closesAt?: string | Date };
  };
}

interface StoredRequirement {
  id?: string;
  bookableType?: 'provider' | 'asset' | 'venue' | 'virtual_resource';
  specificBookableId?: string;
  criteria?: BookableCriteria;
  count?: number;
  allowSubstitution?: boolean;
  substitutionCriteria?: { requiresSameCategory?: boolean; requiresSameTags?: string[] };
}

/**
 * The appointment length a search or hold asks for: `fixed` is always its length; `variable` takes
 * the requested length (between min and max, on the step from min) or min when none is asked; `range`
 * takes the requested length within its bounds or its default. A length the template does not allow
 * is refused with the allowed ones named.
 */
export function appointmentMinutes(duration: TemplateAvailabilityBlocks['duration'], requested?: number): number {
  const refuse = (message: string) => new DomainError('VALIDATION_FAILED', 'The request is not valid.', { fields: [{ path: 'durationMinutes', message }] });
  if (duration.type === 'fixed') {
    if (requested !== undefined && requested !== duration.fixedMinutes) throw refuse(`this service always lasts ${duration.fixedMinutes} minutes`);
    return duration.fixedMinutes!;
  }
  const [min, max, fallback] = duration.type === 'variable' ? [duration.minMinutes!, duration.maxMinutes!, duration.minMinutes!] : [duration.rangeMinutes!.min, duration.rangeMinutes!.max, duration.rangeMinutes!.default];
  if (requested === undefined) return fallback;
  const step = duration.type === 'variable' ? (duration.intervalMinutes ?? 1) : 1;
  if (requested < min || requested > max || (requested - min) % step !== 0) throw refuse(`must be between ${min} and ${max} minutes, in steps of ${step} from ${min}`);
  return requested;
}

/**
 * The template's bookable requirements for the engine. A template that names none is served by one
 * bookable the caller chooses (`bookable`), which any of the bookables passed in may fill.
 */
export function serviceRequirements(blocks: TemplateAvailabilityBlocks): EngineRequirement[] {
  const toEngine = (stored: StoredRequirement, index: number, optional: boolean): EngineRequirement => ({
    key: stored.id ?? `${optional ? 'optional' : 'required'}-${index}`,
    ...(stored.bookableType ? { bookableType: stored.bookableType } : {}),
    ...(stored.specificBookableId ? { specificBookableId: stored.specificBookableId } : {}),
    ...(stored.criteria ? { criteria: { ...stored.criteria, type: stored.bookableType } } : {}),
    count: stored.count ?? 1,
    optional,
    ...(stored.allowSubstitution
      ? { substitution: { requiresSameCategory: stored.substitutionCriteria?.requiresSameCategory ?? true, requiresSameTags: stored.substitutionCriteria?.requiresSameTags ?? [] } }
      : {}),
  });
  const required = (blocks.bookables?.required ?? []).map((r, i) => toEngine(r, i, false));
  const optional = (blocks.bookables?.optional ?? []).map((r, i) => toEngine(r, i, true));
  if (required.length === 0) return [{ key: 'bookable', count: 1, optional: false }, ...optional];
  return [...required, ...optional];
}

/** The template's assignment policy; round robin when it names none. */
export function assignmentPolicy(blocks: TemplateAvailabilityBlocks): AssignmentPolicy {
  const assignment = blocks.bookables?.assignment;
  return { strategy: assignment?.strategy ?? 'round_robin', ...(assignment?.priorities ? { priorities: assignment.priorities } : {}), ...(assignment?.weights ? { weights: assignment.weights } : {}) };
}

/** The service as the engine sees it, with the appointment length already chosen. */
export function engineService(id: string, blocks: TemplateAvailabilityBlocks, durationMinutes: number, bookingStarts: readonly Date[]): EngineService {
  const { duration, scheduling = {}, capacity } = blocks;
  const window = scheduling.bookingWindow;
  return {
    id,
    durationMinutes,
    bufferBeforeMinutes: duration.preBufferMinutes ?? 0,
    bufferAfterMinutes: duration.postBufferMinutes ?? 0,
    ...(duration.travelTimeCalculation === 'fixed' && duration.travelTimeMinutes ? { travelMinutes: duration.travelTimeMinutes } : {}),
    ...(scheduling.slotIntervalMinutes ? { slotIntervalMinutes: scheduling.slotIntervalMinutes } : {}),
    minAdvanceMinutes: scheduling.minAdvanceMinutes ?? 0,
    ...(scheduling.maxAdvanceDays ? { maxAdvanceDays: scheduling.maxAdvanceDays } : {}),
    ...(scheduling.maxBookingsPerDay ? { maxBookingsPerDay: scheduling.maxBookingsPerDay } : {}),
    ...(window ? { bookingWindow: { ...(window.opensAt ? { opensAt: new Date(window.opensAt) } : {}), ...(window.closesAt ? { closesAt: new Date(window.closesAt) } : {}) } } : {}),
    ...(capacity?.type === 'group' && capacity.group ? { group: { maxParticipants: capacity.group.maxParticipants } } : {}),
    bookingStarts,
  };
}

/** A multi-night template's stay rules (spec §7.3), or null when the template is not booked by the night. */
export function stayRules(blocks: TemplateAvailabilityBlocks): StayRules | null {
  const { duration, scheduling = {} } = blocks;
  if (duration.minNights === undefined || duration.maxNights === undefined) return null;
  return {
    minNights: duration.minNights,
    maxNights: duration.maxNights,
    checkInTime: duration.checkInTime ?? '15:00',
    checkOutTime: duration.checkOutTime ?? '11:00',
    minGapBetweenBookings: duration.gapNights ?? 0,
    minAdvanceMinutes: scheduling.minAdvanceMinutes ?? 0,
    ...(scheduling.maxAdvanceDays ? { maxAdvanceDays: scheduling.maxAdvanceDays } : {}),
  };
}

/** A search's criteria narrow the requirements that choose by criteria (named bookables stay named). */
export function narrowedByCriteria(requirement: EngineRequirement, criteria: BookableCriteria | undefined): EngineRequirement {
  if (!criteria || requirement.specificBookableId) return requirement;
  const merged: BookableCriteria = { ...requirement.criteria };
  if (criteria.categoryIds?.length) merged.categoryIds = criteria.categoryIds;
  if (criteria.tags?.length) merged.tags = [...new Set([...(merged.tags ?? []), ...criteria.tags])];
  if (criteria.certifications?.length) merged.certifications = [...new Set([...(merged.certifications ?? []), ...criteria.certifications])];
  if (criteria.minRating !== undefined) merged.minRating = Math.max(merged.minRating ?? 0, criteria.minRating);
  return { ...requirement, criteria: merged };
}
