import { createTransport } from 'nodemailer';
import type { NotificationTransport } from './transport';

// Short enough that a send fails well within the outbox's claim window (see notification.queries.ts).
const timeouts = { connectionTimeout: 15_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Sends email through an SMTP server given as a URL (`smtp://host:port`, `smtps://user:pass@host`); close() ends its connection. */
export function createSmtpTransport({ url, from }: { url: string; from: string }): NotificationTransport & { close(): void } {
  const transporter = createTransport({ url, ...timeouts }, { from });
  return {
    name: 'smtp',
    channel: 'email',
    async send(message) {
      const info = await transporter.sendMail({
        to: message.toName ? { name: message.toName, address: message.to } : message.to,
        subject: message.subject,
        text: message.text,
      });
      return { providerMessageId: info.messageId || null };
    },
    close: () => transporter.close(),
  };
}
