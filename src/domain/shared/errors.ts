/**
 * The closed catalogue of error codes. Codes are contracts: clients branch on them and workflow
 * histories record them as ApplicationFailure types, so a code is never renamed or reused.
 */
export const errorCodes = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'CONFLICT',
  'ALREADY_EXISTS',
  'SLOT_UNAVAILABLE',
  'SLOT_OUTSIDE_AVAILABILITY',
  'SLOT_IN_THE_PAST',
  'TEMPLATE_NOT_BOOKABLE',
  'BOOKABLE_NOT_BOOKABLE',
  'RESERVATION_NOT_HELD',
  'INVALID_TRANSITION',
  'CHECK_IN_NOT_OPEN',
  'CHECK_IN_CLOSED',
  'RESCHEDULE_NOT_ALLOWED',
  'RESCHEDULE_DEADLINE_PASSED',
  'CLIENT_BANNED',
  'EXTENSION_NOT_ALLOWED',
  'CANCELLATION_NOT_ALLOWED',
  'BACKUP_NOT_CONFIGURED',
  'BACKUP_UNAVAILABLE',
  'PAYMENT_REQUIRED',
  'PAYMENTS_UNAVAILABLE',
  'STORE_CREDIT_NOT_OFFERED',
  'SECURITY_DEPOSIT_NOT_ACTIVE',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_REQUEST_IN_PROGRESS',
  'WORKFLOW_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;

/** One error code from the catalogue. */
export type ErrorCode = (typeof errorCodes)[number];

/** Tells whether a string is a code from the catalogue (used when a code crosses a process boundary). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/** A business rule said no. Carries a catalogue code and details a client can act on. */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
