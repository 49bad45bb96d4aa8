/** A message ready to go out to one recipient. */
export interface OutgoingMessage {
  channel: 'email' | 'sms';
  to: string;
  toName: string | null;
  subject: string;
  text: string;
}

/** Something that delivers messages of one channel (SMTP for email, a provider's API for SMS). */
export interface NotificationTransport {
  readonly name: string;
  readonly channel: 'email' | 'sms';
  /** Hands the message to the provider; resolves with the provider's id of it, rejects when it was not accepted. */
  send(message: OutgoingMessage): Promise<{ providerMessageId: string | null }>;
}

/** The configured transport of each channel; a channel without one is not delivered. */
export type NotificationTransports = Partial<Record<'email' | 'sms', NotificationTransport>>;
