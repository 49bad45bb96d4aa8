import type { Endpoint } from '../endpoint';

/** GET /health (outside /api/v1). */
export const healthEndpoints: Endpoint[] = [
  {
    method: 'get',
    path: '/health',
    operationId: 'getHealth',
    summary: 'Database and Temporal reachability',
    tag: 'Health',
    authenticated: false,
    success: { status: 200, description: 'Both the database and Temporal answer: `{ status: "ok", database: "ok", temporal: "ok" }`.' },
    otherResponses: [{ status: 503, description: 'One of them does not answer: `{ status: "degraded", database, temporal }` with `ok` or `unavailable` each.' }],
    errors: [],
  },
];
