import { mondayAt, reservationBody, setUpClinic } from '../support/builders';
import { apiClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

/** Workflow ids matching a visibility query, polled because visibility is eventually consistent. */
async function findWorkflows(app: TestApp, query: string, expected: string): Promise<string[]> {
  let found: string[] = [];
  for (let attempt = 0; attempt < 50 && !found.includes(expected); attempt++) {
    found = [];
    for await (const execution of app.temporal.client.workflow.list({ query })) found.push(execution.workflowId);
    if (!found.includes(expected)) await new Promise((r) => setTimeout(r, 200));
  }
  return found;
}

describe('ops find bookings in the Temporal UI by every search attribute', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('finds a booking through the same visibility queries the UI runs, and follows its status', async () => {
    const clinic = await setUpClinic(app.baseUrl);
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    const hold = await owner.post('/reservations', reservationBody(clinic, mondayAt('09:00')));
    const booking = (await owner.patch(`/reservations/${hold.body.id}/confirm`)).body;
    const workflowId = `booking:${booking.id}`;
    const queries = [
      `BizingOrgId = "${clinic.orgId}"`,
      `BizingLocationId = "${clinic.locationId}"`,
      `BizingServiceTemplateId = "${clinic.templateId}"`,
      `BizingBookableIds = "${clinic.providerId}"`,
      `BizingStartsAt BETWEEN "2030-03-04T00:00:00Z" AND "2030-03-05T00:00:00Z" AND BizingOrgId = "${clinic.orgId}"`,
      `WorkflowType = "bookingWorkflow" AND BizingStatus = "confirmed" AND BizingOrgId = "${clinic.orgId}"`,
    ];
    for (const query of queries) {
      expect({ query, found: (await findWorkflows(app, query, workflowId)).includes(workflowId) }).toEqual({ query, found: true });
    }

    await owner.post(`/bookings/${booking.id}/no-show`, {});
    const noShows = `WorkflowType = "bookingWorkflow" AND BizingLocationId = "${clinic.locationId}" AND BizingStatus = "no_show" AND BizingStartsAt BETWEEN "2030-03-04T00:00:00Z" AND "2030-03-05T00:00:00Z"`;
    expect(await findWorkflows(app, noShows, workflowId)).toEqual([workflowId]);
  });
});
