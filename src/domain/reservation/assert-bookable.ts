import { DomainError } from '../shared/errors';

/** Refuses a service that is not active, or a named bookable that is not active (or is gone). */
export function assertBookable(template: { status: string }, bookable?: { status: string; deleted: boolean }): void {
  if (template.status !== 'active') {
    throw new DomainError('TEMPLATE_NOT_BOOKABLE', `The service is ${template.status} and cannot be booked.`, { status: template.status });
  }
  if (bookable && (bookable.deleted || bookable.status !== 'active')) {
    throw new DomainError('BOOKABLE_NOT_BOOKABLE', 'That provider cannot be booked at the moment.', { status: bookable.deleted ? 'deleted' : bookable.status });
  }
}
