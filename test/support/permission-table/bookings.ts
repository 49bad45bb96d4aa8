import { F, N, type Variant, Y, clientsBackedUpAtA, ownersBackedUpAtB, clientsHeldDepositAtA, ownersHeldDepositAtB, clientsScheduledDepositAtA, ownersScheduledDepositAtB, securityDepositReads, payingHoldActions, clientsCancellationRequestAtA, ownersCancellationRequestAtB, participantCheckIns, participantRemovals, bookingCancellations, clientsBookingAtA, clientsCheckedInAtA, clientsCompletedAtA, clientsPendingAtA, holdActions, lifecycle, otherOrg, ownersBookingAtB, ownersCheckedInAtB, ownersCompletedAtB, ownersPendingAtB, reschedules, reservationAt } from '../permission-variants';

/** The matrix rows of reservations, bookings, their lifecycle, participants and notifications. */
export const bookingsRows: Record<string, Variant[]> = {
  // ── Reservations ───────────────────────────────────────────────────────────────────────────
  'POST /api/v1/reservations': [
    { target: 'free slot with provider at A', outcomes: [Y, F, F, Y, Y, Y, Y, Y], request: (w) => ({ body: reservationAt(w, w.org.providerA.id) }) },
    { target: 'free slot with provider at B', outcomes: [Y, F, F, F, Y, Y, Y, Y], request: (w) => ({ body: reservationAt(w, w.org.providerB.id) }) },
    otherOrg((w) => ({ body: { serviceTemplateId: w.other.template.id, bookableId: w.other.provider.id, startsAt: w.slots.next(w.other.provider.id) } })),
  ],
  'POST /api/v1/quotes': [
    { target: 'slot with provider at A', outcomes: [Y, Y, Y, Y, Y, Y, Y, Y], request: (w) => ({ body: reservationAt(w, w.org.providerA.id) }), checkAllowed: (response) => expect(response.body).toMatchObject({ totalAmount: 0, lines: [{ kind: 'base', code: 'free' }] }) },
    { target: 'slot with provider at B', outcomes: [Y, Y, Y, F, Y, Y, Y, Y], request: (w) => ({ body: reservationAt(w, w.org.providerB.id) }) },
    otherOrg((w) => ({ body: { serviceTemplateId: w.other.template.id, bookableId: w.other.provider.id, startsAt: w.slots.next(w.other.provider.id) } })),
  ],
  'POST /api/v1/bookings': [
    { target: 'free slot with provider at A', outcomes: [Y, F, F, Y, Y, Y, Y, Y], request: (w) => ({ body: reservationAt(w, w.org.providerA.id) }), checkAllowed: (response) => expect(response.body.status).toBe('confirmed') },
    { target: 'free slot with provider at B', outcomes: [Y, F, F, F, Y, Y, Y, Y], request: (w) => ({ body: reservationAt(w, w.org.providerB.id) }) },
    otherOrg((w) => ({ body: { serviceTemplateId: w.other.template.id, bookableId: w.other.provider.id, startsAt: w.slots.next(w.other.provider.id) } })),
  ],
  'GET /api/v1/reservations/{id}': [
    { target: "client's own hold at A", outcomes: [Y, Y, F, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.clientHoldA } }) },
    { target: "owner's hold at B", outcomes: [N, Y, F, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.ownerHoldB } }) },
    otherOrg((w) => ({ params: { id: w.other.holdId } })),
  ],
  'PATCH /api/v1/reservations/{id}/confirm': holdActions,
  'POST /api/v1/reservations/{id}/confirm': holdActions,
  'DELETE /api/v1/reservations/{id}': holdActions,
  'POST /api/v1/reservations/{id}/payment': payingHoldActions,
  'POST /api/v1/reservations/{id}/extend': holdActions,

  // ── Bookings ───────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/organizations/{orgId}/bookings': [
    {
      target: 'own organization',
      outcomes: [Y, Y, Y, Y, Y, Y, Y, Y],
      request: (w) => ({ params: { orgId: w.org.id }, query: { limit: '100' } }),
      checkAllowed: (response, w, who) => {
        const seen = response.body.data as { id: string; bookerUserId: string | null; locationId: string }[];
        expect(seen.map((b) => b.id)).toContain(w.org.clientBookingA);
        if (who === 'client') expect(seen.filter((b) => b.bookerUserId !== w.org.users.client.userId)).toEqual([]);
        else if (who === 'location_manager') expect(seen.filter((b) => b.locationId !== w.org.locA.id)).toEqual([]);
        else if (who === 'provider') expect(seen.map((b) => b.id)).not.toContain(w.org.ownerBookingB);
        else expect(seen.map((b) => b.id)).toContain(w.org.ownerBookingB);
      },
    },
    otherOrg((w) => ({ params: { orgId: w.other.id } })),
  ],
  'GET /api/v1/bookings/{id}': [
    { target: "client's own booking at A", outcomes: [Y, Y, Y, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.clientBookingA } }) },
    { target: "owner's booking at B", outcomes: [N, Y, N, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.ownerBookingB } }) },
    otherOrg((w) => ({ params: { id: w.other.bookingId } })),
  ],
  'DELETE /api/v1/bookings/{id}': bookingCancellations,
  'POST /api/v1/bookings/{id}/cancel': bookingCancellations,
  // ── Booking lifecycle ──────────────────────────────────────────────────────────────────────
  'POST /api/v1/bookings/{id}/approve': lifecycle([F, F, F, Y, Y, Y, Y, Y], [F, F, F, F, Y, Y, Y, Y], clientsPendingAtA, ownersPendingAtB),
  'POST /api/v1/bookings/{id}/reject': lifecycle([F, F, F, Y, Y, Y, Y, Y], [F, F, F, F, Y, Y, Y, Y], clientsPendingAtA, ownersPendingAtB),
  'POST /api/v1/bookings/{id}/check-in': lifecycle([F, Y, Y, Y, Y, Y, Y, Y], [F, Y, N, N, Y, Y, Y, Y], clientsBookingAtA, ownersBookingAtB, { method: 'manual' }),
  'POST /api/v1/bookings/{id}/no-show': lifecycle([F, F, Y, Y, Y, Y, Y, Y], [F, F, N, F, Y, Y, Y, Y], clientsBookingAtA, ownersBookingAtB),
  'POST /api/v1/bookings/{id}/complete': lifecycle([F, F, Y, Y, Y, Y, Y, Y], [F, F, N, F, Y, Y, Y, Y], clientsCheckedInAtA, ownersCheckedInAtB),
  // Only the booker reviews: the owner may open the client's booking but is not its booker.
  'POST /api/v1/bookings/{id}/review': lifecycle([Y, F, F, F, F, F, F, F], [N, F, F, F, F, F, Y, F], clientsCompletedAtA, ownersCompletedAtB, { rating: 5, comment: 'matrix' }),
  'PATCH /api/v1/bookings/{id}': reschedules,
  'GET /api/v1/bookings/{id}/payments': [
    { target: "client's booking at A", outcomes: [Y, Y, Y, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.clientBookingA } }) },
    { target: "owner's booking at B", outcomes: [N, Y, N, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.ownerBookingB } }) },
    otherOrg((w) => ({ params: { id: w.other.bookingId } })),
  ],
  'GET /api/v1/bookings/{id}/audit-trail': [
    { target: "client's booking at A", outcomes: [Y, Y, Y, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.clientBookingA } }) },
    { target: "owner's booking at B", outcomes: [N, Y, N, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.ownerBookingB } }) },
    otherOrg((w) => ({ params: { id: w.other.bookingId } })),
  ],
  'GET /api/v1/bookings/{id}/backups': [
    { target: "client's booking at A", outcomes: [Y, Y, Y, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.clientBookingA } }) },
    { target: "owner's booking at B", outcomes: [N, Y, N, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.ownerBookingB } }) },
    otherOrg((w) => ({ params: { id: w.other.bookingId } })),
  ],
  'POST /api/v1/bookings/{id}/backups/activate': lifecycle([F, F, F, Y, Y, Y, Y, Y], [F, F, F, F, Y, Y, Y, Y], clientsBackedUpAtA, ownersBackedUpAtB),
  'GET /api/v1/bookings/{id}/security-deposit': securityDepositReads,
  // Capturing and releasing a client's money: staff who manage the booking's bookings only.
  'POST /api/v1/bookings/{id}/security-deposit/capture': lifecycle([F, F, F, Y, Y, Y, Y, Y], [F, F, F, F, Y, Y, Y, Y], clientsHeldDepositAtA, ownersHeldDepositAtB, { amount: 1_000, reason: 'matrix' }),
  'POST /api/v1/bookings/{id}/security-deposit/release': lifecycle([F, F, F, Y, Y, Y, Y, Y], [F, F, F, F, Y, Y, Y, Y], clientsScheduledDepositAtA, ownersScheduledDepositAtB),
  'POST /api/v1/bookings/{id}/cancellation-request/approve': lifecycle([F, F, F, Y, Y, Y, Y, Y], [F, F, F, F, Y, Y, Y, Y], clientsCancellationRequestAtA, ownersCancellationRequestAtB),
  'POST /api/v1/bookings/{id}/cancellation-request/decline': lifecycle([F, F, F, Y, Y, Y, Y, Y], [F, F, F, F, Y, Y, Y, Y], clientsCancellationRequestAtA, ownersCancellationRequestAtB),
  // ── Participants ───────────────────────────────────────────────────────────────────────────
  'GET /api/v1/bookings/{id}/participants': [
    { target: "client's booking at A", outcomes: [Y, Y, Y, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.clientBookingA } }) },
    { target: "owner's booking at B", outcomes: [N, Y, N, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.ownerBookingB } }) },
    otherOrg((w) => ({ params: { id: w.other.bookingId } })),
  ],
  'POST /api/v1/bookings/{id}/participants': lifecycle([Y, F, F, Y, Y, Y, Y, Y], [N, F, F, F, Y, Y, Y, Y], clientsBookingAtA, ownersBookingAtB, { email: 'matrix-guest@example.com', role: 'guest' }),
  'DELETE /api/v1/bookings/{id}/participants/{participantId}': participantRemovals,
  'POST /api/v1/bookings/{id}/participants/{participantId}/check-in': participantCheckIns([F, Y, Y, Y, Y, Y, Y, Y], [F, Y, N, N, Y, Y, Y, Y]),
  // ── Notifications ──────────────────────────────────────────────────────────────────────────
  'GET /api/v1/organizations/{orgId}/notifications': [
    { target: 'own organization', outcomes: [F, F, F, F, Y, Y, Y, Y], request: (w) => ({ params: { orgId: w.org.id } }) },
    otherOrg((w) => ({ params: { orgId: w.other.id } })),
  ],
  'GET /api/v1/bookings/{id}/notifications': [
    { target: "client's booking at A", outcomes: [Y, Y, Y, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.clientBookingA } }) },
    { target: "owner's booking at B", outcomes: [N, Y, N, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.ownerBookingB } }) },
    otherOrg((w) => ({ params: { id: w.other.bookingId } })),
  ],
};
