import { createSmtpTransport } from './smtp-transport';
import type { NotificationTransports } from './transport';

/**
 * The transports the configuration names: email through SMTP when SMTP_URL is set. Without one, a
 * channel's messages are still rendered into the outbox, marked skipped (see notification.queries.ts).
 */
export function configuredTransports(settings: { smtpUrl?: string; mailFrom: string }): { transports: NotificationTransports; close(): void } {
  const email = settings.smtpUrl ? createSmtpTransport({ url: settings.smtpUrl, from: settings.mailFrom }) : undefined;
  return { transports: email ? { email } : {}, close: () => email?.close() };
}
