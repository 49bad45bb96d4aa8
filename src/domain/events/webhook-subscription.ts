/**
 * The rules of a webhook subscription: which events it receives, and which secrets sign its
 * deliveries while a secret is being rotated.
 */

/** Which events of the organization a subscription receives, beyond their types. */
export interface SubscriptionFilter {
  states?: string[];
  locations?: string[];
  serviceTemplates?: string[];
}

/** The parts of a subscription these rules read. */
interface SubscriptionRules {
  events: string[];
  filter: SubscriptionFilter;
  enabled: boolean;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/** The secrets that sign now: the current one, and the previous one during a rotation's overlap. */
export function signingSecrets(subscription: Pick<SubscriptionRules, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>, now: Date): string[] {
  const overlap = subscription.previousSecret && subscription.previousSecretExpiresAt && subscription.previousSecretExpiresAt > now;
  return overlap ? [subscription.secret, subscription.previousSecret!] : [subscription.secret];
}

/** Whether a subscription wants an event: its type, then the filter's states, locations and templates. */
export function subscriptionWants(subscription: Pick<SubscriptionRules, 'events' | 'filter' | 'enabled'>, event: { type: string; status: string | null; locationId: string | null; serviceTemplateId: string | null }): boolean {
  if (!subscription.enabled || !subscription.events.includes(event.type)) return false;
  const { states, locations, serviceTemplates } = subscription.filter;
  if (states?.length && !(event.status && states.includes(event.status))) return false;
  if (locations?.length && !(event.locationId && locations.includes(event.locationId))) return false;
  if (serviceTemplates?.length && !(event.serviceTemplateId && serviceTemplates.includes(event.serviceTemplateId))) return false;
  return true;
}

