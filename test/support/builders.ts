import { apiClient, signUp } from './http-client';

/** A Monday far enough ahead that every test slot is in the future, whatever day the suite runs. */
export const TEST_MONDAY = '2030-03-04';

/** `HH:MM` on TEST_MONDAY in Berlin winter time (UTC+1), as an ISO instant with offset. */
export function mondayAt(wallTime: string): string {
  return `${TEST_MONDAY}T${wallTime}:00+01:00`;
}

/** A clinic in Berlin: an owner, one location, one provider working weekdays 09:00–17:00, one 30-minute service. */
export interface Clinic {
  owner: { token: string; userId: string; email: string };
  orgId: string;
  locationId: string;
  providerId: string;
  templateId: string;
}

/** Builds a clinic through the public API, the way a new customer would. */
export async function setUpClinic(baseUrl: string, opts: { holdDurationSeconds?: number; postBufferMinutes?: number } = {}): Promise<Clinic> {
  const owner = await signUp(baseUrl, 'Olivia Owner');
  const api = apiClient(baseUrl, owner.token);
  const org = await api.post('/organizations', { name: 'Harbor Clinic' });
  const location = await api.post(`/organizations/${org.body.id}/locations`, { name: 'Downtown', timezone: 'Europe/Berlin' });
  const weekday = [{ start: '09:00', end: '17:00' }];
  const provider = await api.post(`/organizations/${org.body.id}/bookables/providers`, {
    name: 'Dr. Ada Lovelace',
    locationId: location.body.id,
    weeklySchedule: { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday },
  });
  const template = await api.post(`/organizations/${org.body.id}/service-templates`, {
    name: 'Consultation',
    duration: { type: 'fixed', fixedMinutes: 30, postBufferMinutes: opts.postBufferMinutes ?? 0 },
    lifecycle: { reservation: { holdDurationSeconds: opts.holdDurationSeconds ?? 600 } },
  });
  for (const [what, response] of Object.entries({ org, location, provider, template })) {
    if (response.status !== 201) throw new Error(`creating ${what} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return { owner, orgId: org.body.id, locationId: location.body.id, providerId: provider.body.id, templateId: template.body.id };
}

/** Signs up a user and makes them a member of the clinic with `role`; returns their token. */
export async function addMember(baseUrl: string, clinic: Clinic, role: string, name = 'Chris Client'): Promise<{ token: string; userId: string }> {
  const user = await signUp(baseUrl, name);
  const added = await apiClient(baseUrl, clinic.owner.token).post(`/organizations/${clinic.orgId}/members`, { email: user.email, role });
  if (added.status !== 201) throw new Error(`adding member failed: ${added.status} ${JSON.stringify(added.body)}`);
  return user;
}

/** The body of a reservation request for the clinic's service and provider. */
export function reservationBody(clinic: Clinic, startsAt: string) {
  return { serviceTemplateId: clinic.templateId, bookableId: clinic.providerId, startsAt };
}

/** `hours` from now, on a whole minute, as an ISO instant (for providers who work around the clock). */
export function inHours(hours: number): string {
  return new Date(Math.ceil((Date.now() + hours * 3_600_000) / 60_000) * 60_000).toISOString();
}

/** Working hours of every hour of every day. */
export const aroundTheClock = Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [day, [{ start: '00:00', end: '24:00' }]]));

/** A provider working every hour of every day in UTC, so tests can book near "now", and one service with `template` settings. */
export async function setUpAroundTheClock(baseUrl: string, template: Record<string, unknown>): Promise<Clinic> {
  const owner = await signUp(baseUrl, 'Night Owner');
  const api = apiClient(baseUrl, owner.token);
  const org = await api.post('/organizations', { name: 'Around the clock' });
  const location = await api.post(`/organizations/${org.body.id}/locations`, { name: 'HQ', timezone: 'UTC' });
  const provider = await api.post(`/organizations/${org.body.id}/bookables/providers`, { name: 'Night nurse', locationId: location.body.id, weeklySchedule: aroundTheClock });
  const service = await api.post(`/organizations/${org.body.id}/service-templates`, { name: 'Visit', duration: { type: 'fixed', fixedMinutes: 30 }, ...template });
  for (const [what, response] of Object.entries({ org, location, provider, service })) {
    if (response.status !== 201) throw new Error(`creating ${what} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return { owner, orgId: org.body.id, locationId: location.body.id, providerId: provider.body.id, templateId: service.body.id };
}

/** Holds and confirms a slot of the clinic's service and provider; fails loudly when either step is refused. */
export async function bookAt(api: ReturnType<typeof apiClient>, clinic: Pick<Clinic, 'templateId' | 'providerId'>, startsAt: string, templateId = clinic.templateId) {
  const hold = await api.post('/reservations', { serviceTemplateId: templateId, bookableId: clinic.providerId, startsAt });
  if (hold.status !== 201) throw new Error(`holding ${startsAt} failed: ${hold.status} ${JSON.stringify(hold.body)}`);
  const confirmed = await api.patch(`/reservations/${hold.body.id}/confirm`);
  if (confirmed.status !== 201) throw new Error(`confirming ${hold.body.id} failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return confirmed.body;
}

/** Adds a service template to the clinic's organization; returns its id. */
export async function addTemplate(baseUrl: string, clinic: Clinic, template: Record<string, unknown>): Promise<string> {
  const created = await apiClient(baseUrl, clinic.owner.token).post(`/organizations/${clinic.orgId}/service-templates`, { name: 'Variant', duration: { type: 'fixed', fixedMinutes: 30 }, ...template });
  if (created.status !== 201) throw new Error(`creating a template failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id;
}
