import { storeCreditQuerySchema } from '../../routes/store-credit.schemas';
import type { Endpoint } from '../endpoint';
import { routePermissions } from '../../route-permissions';

/** Store credit (store-credit.routes.ts). */
export const storeCreditEndpoints: Endpoint[] = [
  {
    method: 'get',
    path: '/api/v1/organizations/{orgId}/store-credit',
    operationId: 'getStoreCredit',
    summary: 'A member’s store credit with the organization',
    description:
      'Store credit is issued when a client takes a cancellation’s refund as credit (`refundAs: store_credit` where the refund tier offers it: the refund plus `storeCreditBonusBps`), spent when a hold is paid with `useStoreCredit`, and given back when such a hold ends unconfirmed or its booking is refunded. `balances` are per currency (minor units), the sum of the ledger `data` (newest first; redemptions are negative). Callers see their own; `userId` names another member (managers of the whole organization only).',
    tag: 'Members',
    authenticated: true,
    permissions: routePermissions.storeCreditReaders,
    query: storeCreditQuerySchema,
    success: { status: 200, description: '`{ userId, balances: { <currency>: amount }, data: [{ id, kind: issued|redeemed|restored, amount, currency, bookingId, reservationId, createdAt }] }`.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
];
