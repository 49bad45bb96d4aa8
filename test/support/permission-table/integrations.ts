import type { World } from '../permission-world';
import { ALL, F, N, type Variant, Y, adminsOnly, automationRuleBody, eventHandlerBody, onAutomationRule, onDelivery, onEventHandler, onSubscription, clientsBookingAtA, lifecycle, otherOrg, ownersBookingAtB } from '../permission-variants';

/** The period provider ledgers are read for. */
const period = { from: '2030-01-01T00:00:00Z', to: '2030-03-01T00:00:00Z' };

/** The matrix rows of webhooks, automation and provider ledgers. */
export const integrationsRows: Record<string, Variant[]> = {
  // ── Webhooks ───────────────────────────────────────────────────────────────────────────────
  'POST /api/v1/organizations/{orgId}/webhooks': adminsOnly((orgId) => ({ params: { orgId }, body: { url: 'http://127.0.0.1:9/matrix', events: ['webhook.test'] } })),
  'GET /api/v1/organizations/{orgId}/webhooks': adminsOnly((orgId) => ({ params: { orgId } })),
  'GET /api/v1/webhooks/{id}': onSubscription(),
  'PATCH /api/v1/webhooks/{id}': onSubscription({ description: 'matrix' }, true),
  'DELETE /api/v1/webhooks/{id}': onSubscription(undefined, true),
  'POST /api/v1/webhooks/{id}/rotate-secret': onSubscription({ overlapSeconds: 60 }, true),
  'POST /api/v1/webhooks/{id}/test': onSubscription({}, true),
  'GET /api/v1/webhooks/{id}/deliveries': onSubscription(),
  'GET /api/v1/webhooks/{id}/deliveries/{deliveryId}': onDelivery(),
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': onDelivery(true),
  // ── Automation ─────────────────────────────────────────────────────────────────────────────
  'POST /api/v1/organizations/{orgId}/event-handlers': adminsOnly((orgId) => ({ params: { orgId }, body: eventHandlerBody() })),
  'GET /api/v1/organizations/{orgId}/event-handlers': adminsOnly((orgId) => ({ params: { orgId } })),
  'GET /api/v1/event-handlers/{id}': onEventHandler(),
  'PUT /api/v1/event-handlers/{id}': onEventHandler(eventHandlerBody(), true),
  'DELETE /api/v1/event-handlers/{id}': onEventHandler(undefined, true),
  'POST /api/v1/organizations/{orgId}/event-handlers/dry-run': adminsOnly((orgId) => ({ params: { orgId }, body: { type: 'booking.cancelled', data: { booking: { id: 'bk_sample' } } } })),
  'GET /api/v1/organizations/{orgId}/handler-runs': adminsOnly((orgId) => ({ params: { orgId } })),
  'POST /api/v1/organizations/{orgId}/automation-rules': adminsOnly((orgId) => ({ params: { orgId }, body: automationRuleBody() })),
  'GET /api/v1/organizations/{orgId}/automation-rules': adminsOnly((orgId) => ({ params: { orgId } })),
  'GET /api/v1/automation-rules/{id}': onAutomationRule(),
  'PATCH /api/v1/automation-rules/{id}': onAutomationRule({ enabled: false }, true),
  'DELETE /api/v1/automation-rules/{id}': onAutomationRule(undefined, true),
  'POST /api/v1/automation-rules/{id}/trigger': onAutomationRule({}, true),
  // ── Provider ledgers ───────────────────────────────────────────────────────────────────────
  ...Object.fromEntries(
    ['timesheets', 'compensation'].map((ledger) => [
      `GET /api/v1/providers/{id}/${ledger}`,
      [
        { target: 'the provider at A (the provider member)', outcomes: [F, F, Y, Y, Y, Y, Y, Y], request: (w: World) => ({ params: { id: w.org.providerA.id }, query: period }) },
        { target: 'the provider at B', outcomes: [F, F, N, F, Y, Y, Y, Y], request: (w: World) => ({ params: { id: w.org.providerB.id }, query: period }) },
        otherOrg((w) => ({ params: { id: w.other.provider.id }, query: period })),
      ] satisfies Variant[],
    ]),
  ),
  // ── Store credit ───────────────────────────────────────────────────────────────────────────
  'GET /api/v1/organizations/{orgId}/store-credit': [
    {
      target: 'own credit',
      outcomes: ALL,
      request: (w) => ({ params: { orgId: w.org.id } }),
      checkAllowed: (response, w, who) => expect(response.body).toMatchObject({ userId: who === 'api_key' ? null : w.org.users[who].userId, balances: {} }),
    },
    { target: "the client's credit", outcomes: [Y, F, F, F, Y, Y, Y, Y], request: (w) => ({ params: { orgId: w.org.id }, query: { userId: w.org.users.client.userId } }) },
    otherOrg((w) => ({ params: { orgId: w.other.id } })),
  ],
  'POST /api/v1/bookings/{id}/compensation': lifecycle([F, F, F, Y, Y, Y, Y, Y], [F, F, F, F, Y, Y, Y, Y], clientsBookingAtA, ownersBookingAtB, { amount: 100, note: 'matrix' }),
};
