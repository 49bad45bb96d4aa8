import { bundleWorkflows } from '../../temporal/worker';

describe('workflow code bundles for the Temporal sandbox', () => {
  it('bundles workflows/index.ts without any I/O library inside', async () => {
    const { code } = await bundleWorkflows();
    expect(code).toContain('reservationWorkflow');
    expect(code).toContain('bookingWorkflow');
    // Module paths appear in webpack's module ids: none of these may be part of deterministic code.
    for (const forbidden of ['node_modules/knex/', 'node_modules/objection/', 'node_modules/pg/', 'node_modules/koa/', 'node_modules/luxon/', 'node_modules/better-auth/', 'activities/reservation.activities']) {
      expect({ forbidden, found: code.includes(forbidden) }).toEqual({ forbidden, found: false });
    }
  });
});
