import type { BookableModel, ProviderModel } from '../../db/models/bookable.model';
import type { CalendarModel } from '../../db/models/calendar.model';

/** A bookable as the API shows it, with provider details and working hours when known. */
export function presentBookable(record: { bookable: BookableModel; provider?: ProviderModel; calendar?: CalendarModel }) {
  const { bookable, provider, calendar } = record;
  return {
    id: bookable.id,
    organizationId: bookable.organizationId,
    locationId: bookable.locationId,
    type: bookable.type,
    name: bookable.name,
    status: bookable.status,
    tags: bookable.tags,
    ...(provider ? { provider: { userId: provider.userId, email: provider.email, phone: provider.phone, bio: provider.bio, specialties: provider.specialties } } : {}),
    ...(calendar ? { calendar: { id: calendar.id, timezone: calendar.timezone, weeklySchedule: calendar.weeklySchedule } } : {}),
    createdAt: bookable.createdAt,
  };
}
