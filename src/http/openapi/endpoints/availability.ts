import { bookableSlotsQuerySchema, searchAvailabilityQuerySchema, searchQueryBodySchema, staysQuerySchema } from '../../routes/availability.schemas';
import { routePermissions } from '../../route-permissions';
import type { Endpoint } from '../endpoint';

const { slotReaders } = routePermissions;

/** The rules every slot endpoint applies, stated once. */
export const slotSemantics = [
  '**Range.** A slot is returned when its start instant `s` satisfies `from ≤ s < to` (`from` inclusive, `to` exclusive; its end may lie after `to`). `from` and `to` are ISO-8601 instants with an explicit offset (`Z` or `+01:00`); `to` must be after `from` and at most 31 days later.',
  '**Zones.** Slots are generated in each bookable calendar\'s own IANA zone: weekly hours and override dates are wall times and local dates of that zone. `timezone` only chooses how `local` renders a slot (default: the bookable\'s zone, also given as `bookableTimezone`); it never changes which slots exist. `startsAt`/`endsAt` are UTC.',
  '**Grid.** Candidate starts are each open range\'s start and then every `scheduling.slotIntervalMinutes` of wall-clock time (default: the appointment length) while the start lies inside the range. The appointment itself (not its buffers) must end inside open time; ranges that touch, also across midnight, are one stretch. Only the first required requirement\'s bookables (usually the provider) give the grid.',
  '**DST.** A wall time that does not exist (in a spring-forward gap, e.g. 02:30 on 2026-03-08 in America/New_York) is never offered. A wall time that happens twice (fall-back, e.g. 01:30 on 2026-11-01 in America/New_York) is offered at both instants when the open range covers that wall time, each with its own UTC start and offset. A range edge inside a gap moves forward by the gap (02:30 → 03:30). Durations are elapsed minutes: a 60-minute appointment starting 01:30 EDT ends 01:30 EST.',
  '**Buffers.** The time blocked around an appointment is the service\'s `duration.preBufferMinutes`/`postBufferMinutes` plus the calendar pattern\'s buffers, fixed travel time (before) and a venue\'s set-up/tear-down; a provider\'s `minRestMinutesBetweenBookings` follows each booking (the blocked span ends at least that long after the end, its clean-up counting as rest), so two of the provider\'s bookings are at least that far apart, the later one\'s preparation included. That blocked span must not overlap bookings, live holds (with their own buffers) or blocked time; it may reach outside working hours.',
  '**Notice.** `s ≥ now + max(scheduling.minAdvanceMinutes, calendar minAdvanceMinutes)`; `s ≤ now + maxAdvanceDays × 24 h` (service and calendar); outside `scheduling.bookingWindow` nothing is offered.',
  '**Daily limits.** Counted on the local date of `s` in the bookable\'s zone: the calendar\'s `maxBookingsPerDay` and a provider\'s `maxDailyBookings` (bookings — including those already completed or missed — and live holds on that bookable), the service\'s `scheduling.maxBookingsPerDay` (its bookings), and the calendar\'s `maxSlotsPerDay` (slots offered per bookable per day, earliest first). A hold counts its day again when it claims the time, under a lock, so two holds racing for the last booking of a day cannot both succeed.',
  '**Resources.** Every required requirement of the service (`bookables.required`) gets `count` distinct bookables that pass all of the above; optional ones are filled when free and never remove a slot; a named bookable with `allowSubstitution` may be replaced by one of its type (same category, the listed tags). A full assignment is found whenever one exists. Among several fitting bookables the service\'s `bookables.assignment` strategy chooses (`round_robin` by bookings in the last 30 days per weight, `least_recently_booked`, `most_available`, `balanced_load`; `priorities` first); `assignments[].reason` says why. Criteria with certifications are checked on the slot\'s local date.',
  '**Capacity.** A venue takes `simultaneousBookings` bookings at once and a virtual resource its licence pool\'s `concurrentLimit`; blocked time closes every unit. A group service (`capacity.type: group`) fills one session per start until `maxParticipants` seats are taken; `seatsLeft` counts the seats left after `seats`.',
  '**Cascades.** With a calendar\'s cascading on, only the starts it has opened are offered: sequential opens the first `initialOpenSlots` free starts within `advanceWindowDays`, batch the first batch of `batchSize` starts that still has a free one within `lookAheadDays`; premium (skip the line) adds the next `premiumSlots` free starts with `premium: true` and `pricingMultiplierBps`. `rangeType` flags starts in `premium` or `preferred` weekly ranges.',
  '**Live.** Holds and bookings count the moment they are made; a hold whose time is up does not.',
].join('\n\n');

const slotShape =
  '`slots: [{ startsAt, endsAt, timezone, local: { startsAt, endsAt, date }, bookableTimezone, bookableIds, assignments: [{ requirementKey, bookableIds, optional, candidates, reason }], rangeType, premium, pricingMultiplierBps?, seatsLeft?, utilizationBps }]`, earliest first, at most `limit` (`truncated` says when more exist).';

/** An endpoint answering the slots of one bookable. */
function oneBookable(path: string, operationId: string, summary: string, lead: string): Endpoint {
  return {
    method: 'get',
    path,
    operationId,
    summary,
    description: `${lead}\n\n${slotSemantics}`,
    tag: 'Availability',
    authenticated: true,
    permissions: slotReaders,
    query: bookableSlotsQuerySchema,
    success: { status: 200, description: `\`{ bookableId, calendarId, serviceTemplateId, timezone, slots, truncated }\`; ${slotShape}` },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  };
}

/** Slots and search (availability.routes.ts, search-availability.routes.ts). */
export const availabilityEndpoints: Endpoint[] = [
  oneBookable('/api/v1/bookables/{id}/availability', 'getAvailability', 'Slots of a service with one bookable', "The bookable fills the service's first required requirement; other requirements (a room, equipment) are assigned as in a search."),
  oneBookable('/api/v1/calendars/{id}/slots', 'getCalendarSlots', "Slots of a service on a bookable's calendar", "The same as `GET /bookables/{id}/availability` for the calendar's bookable."),
  {
    method: 'get',
    path: '/api/v1/search/availability',
    operationId: 'searchAvailability',
    summary: 'Slots of a service across every bookable that could serve it',
    description: `Requirements chosen by criteria may be filled by any active bookable of the organization (at \`locationId\`, among \`bookableIds\`, in \`categoryIds\` (any of), carrying \`tags\` (all of) when given). A service without requirements is served by any one bookable passing the filters. One slot per start, with the assignment the strategy prefers.\n\n${slotSemantics}`,
    tag: 'Availability',
    authenticated: true,
    permissions: routePermissions.catalogueReaders,
    query: searchAvailabilityQuerySchema,
    success: { status: 200, description: `\`{ organizationId, serviceTemplateId, from, to, timezone, slots, truncated }\`; ${slotShape}` },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/search/query',
    operationId: 'searchQuery',
    summary: 'Slot search with combined criteria',
    description: `As \`GET /search/availability\`, with bookable criteria (\`ids\`, \`categoryIds\`, \`tags\`, \`certifications\` valid on the slot's date, \`minRating\`) and slot filters: \`times.daysOfWeek\`, \`times.dates\`, \`times.earliestStart\` (start at or after), \`times.latestEnd\` (end at or before; \`24:00\` is midnight), all read in \`timezone\` (else each slot's bookable zone); \`rangeTypes\`; \`premium\`. Nothing is changed.\n\n${slotSemantics}`,
    tag: 'Availability',
    authenticated: true,
    permissions: routePermissions.catalogueReaders,
    body: searchQueryBodySchema,
    success: { status: 200, description: `\`{ organizationId, serviceTemplateId, from, to, timezone, slots, truncated }\`; ${slotShape}` },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/bookables/{id}/stays',
    operationId: 'getStays',
    summary: 'Multi-night stays of a service on one bookable',
    description:
      'For services booked by the night (`duration.minNights`/`maxNights`). Check-in dates `fromDate`..`toDate` are local dates in the bookable calendar\'s zone, both included (at most 62). A stay of n nights arriving on D checks in at `duration.checkInTime` (default 15:00) on D and out at `checkOutTime` (default 11:00) on D+n, both wall times in that zone, so a stay over a DST change is an hour shorter or longer in absolute time. Every night slept must be open (a weekday with hours, no closing override); `duration.gapNights` whole days before and after must be free of other stays and blocked time; the check-in respects the minimum and maximum advance. With `nights` only that length, else every length from minNights to maxNights. Hold one with `POST /reservations` `{ bookableId, startsAt: <stay startsAt>, nights }`.',
    tag: 'Availability',
    authenticated: true,
    permissions: slotReaders,
    query: staysQuerySchema,
    success: { status: 200, description: '`{ bookableId, serviceTemplateId, timezone, stays: [{ checkInDate, checkOutDate, nights, startsAt, endsAt, timezone, local, bookableTimezone }] }`.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
];
