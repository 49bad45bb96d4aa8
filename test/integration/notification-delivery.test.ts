import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { createKnex } from '../../src/db/knex';
import { deliverQueued, enqueueNotifications, listNotifications, type NotificationDraft } from '../../src/db/queries/notification.queries';
import { renderMessage } from '../../src/domain/notifications/message-templates';
import { newId } from '../../src/ids';
import { createSmtpTransport } from '../../src/notifications/smtp-transport';
import type { NotificationTransport } from '../../src/notifications/transport';
import { startMailSink, type MailSink } from '../support/mail-sink';
import { testServiceAddresses } from '../support/test-services';

const confirmation = renderMessage('booking_confirmed', {
  recipientName: 'Chris Client',
  organizationName: 'Harbor Clinic',
  serviceName: 'Consultation',
  locationName: 'Downtown',
  startsAt: new Date('2030-03-04T09:00:00Z'),
  timezone: 'Europe/Berlin',
  bookingId: null,
});

let db: Knex;
let sink: MailSink;
let smtp: ReturnType<typeof createSmtpTransport>;
let organizationId: string;
let dedupeKey: string;

beforeAll(() => {
  db = createKnex(testServiceAddresses().databaseUrl);
});

afterAll(async () => {
  await db.destroy();
});

beforeEach(async () => {
  organizationId = newId('organization');
  await db('organizations').insert({ id: organizationId, slug: organizationId.replace('_', '-'), name: 'Harbor Clinic', type: 'small_business' });
  dedupeKey = `booking_confirmed:${randomUUID()}`;
  sink = await startMailSink();
  smtp = createSmtpTransport({ url: sink.url, from: 'Bizing <no-reply@bizing.local>' });
});

afterEach(async () => {
  smtp.close();
  await sink.close();
});

function draft(channel: 'email' | 'sms', recipient: string): NotificationDraft {
  const { subject, text } = confirmation;
  return { organizationId, bookingId: null, reservationId: null, kind: 'booking_confirmed', channel, recipient, recipientName: 'Chris Client', subject, body: text, dedupeKey };
}

async function rowFor(channel: 'email' | 'sms') {
  return db('notifications').where({ organizationId, channel }).first();
}

describe('notification delivery', () => {
  it('sends the email over SMTP once, skips SMS without a transport, and sends nothing again on a retried activity', async () => {
    const drafts = [draft('email', 'chris@example.com'), draft('sms', '+4915112345678')];
    await enqueueNotifications(db, drafts);
    expect(await deliverQueued(db, { email: smtp }, { organizationId, dedupeKey })).toEqual({ sent: 1, failed: 0, skipped: 1 });

    const mail = await sink.waitFor((message) => message.subject === confirmation.subject);
    expect(sink.messages).toHaveLength(1);
    expect(mail.to).toEqual(['chris@example.com']);
    expect(mail.from).toBe('Bizing <no-reply@bizing.local>');
    expect(mail.text.trimEnd()).toBe(confirmation.text);
    expect(mail.text).toContain('When: Monday, 4 March 2030, 10:00 (Europe/Berlin)');

    const email = await rowFor('email');
    expect(email).toMatchObject({ status: 'sent', transport: 'smtp', attempts: 1, error: null });
    expect(email.sentAt).toBeInstanceOf(Date);
    expect(email.providerMessageId).toMatch(/^<.+@.+>$/);
    expect(mail.raw).toContain(`Message-ID: ${email.providerMessageId}`);
    expect(await rowFor('sms')).toMatchObject({ status: 'skipped', error: 'no sms transport configured', attempts: 0, sentAt: null });

    await enqueueNotifications(db, drafts);
    expect(await deliverQueued(db, { email: smtp }, { organizationId, dedupeKey })).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(sink.messages).toHaveLength(1);
    expect(await db('notifications').where({ organizationId }).count({ n: '*' })).toEqual([{ n: 2 }]);
  });

  it('leaves a message whose send threw as failed, throws so the activity retries, and sends it on the next delivery', async () => {
    const refusing: NotificationTransport = {
      name: 'refusing',
      channel: 'email',
      send: async () => {
        throw new Error('421 service not available, try again later');
      },
    };
    await enqueueNotifications(db, [draft('email', 'chris@example.com')]);
    await expect(deliverQueued(db, { email: refusing }, { organizationId, dedupeKey })).rejects.toThrow(/1 of 1 notifications failed.*421 service not available/);
    expect(await rowFor('email')).toMatchObject({ status: 'failed', transport: 'refusing', error: '421 service not available, try again later', attempts: 1, sentAt: null });
    expect(sink.messages).toHaveLength(0);

    expect(await deliverQueued(db, { email: smtp }, { organizationId, dedupeKey })).toEqual({ sent: 1, failed: 0, skipped: 0 });
    expect(await rowFor('email')).toMatchObject({ status: 'sent', transport: 'smtp', error: null, attempts: 2 });
    expect(sink.messages).toHaveLength(1);
  });

  it('sends a message once when two deliveries run at the same time', async () => {
    const sent: string[] = [];
    const slow: NotificationTransport = {
      name: 'slow',
      channel: 'email',
      send: async (message) => {
        sent.push(message.to);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return { providerMessageId: 'slow-1' };
      },
    };
    await enqueueNotifications(db, [draft('email', 'chris@example.com')]);
    const tallies = await Promise.all([1, 2].map(() => deliverQueued(db, { email: slow }, { organizationId, dedupeKey })));
    expect(sent).toEqual(['chris@example.com']);
    expect(tallies.map((tally) => tally.sent).sort()).toEqual([0, 1]);
  });

  it('takes over a message left sending by a caller that died more than two minutes ago, and only then', async () => {
    await enqueueNotifications(db, [draft('email', 'chris@example.com')]);
    await db('notifications').where({ organizationId }).update({ status: 'sending', claimedAt: db.raw("now() - interval '90 seconds'") });
    expect(await deliverQueued(db, { email: smtp }, { organizationId, dedupeKey })).toEqual({ sent: 0, failed: 0, skipped: 0 });

    await db('notifications').where({ organizationId }).update({ claimedAt: db.raw("now() - interval '3 minutes'") });
    expect(await deliverQueued(db, { email: smtp }, { organizationId, dedupeKey })).toEqual({ sent: 1, failed: 0, skipped: 0 });
    expect(sink.messages).toHaveLength(1);
  });

  it('lists an organization’s notifications oldest first, filtered and a page at a time', async () => {
    await enqueueNotifications(db, [draft('email', 'a@example.com'), draft('email', 'b@example.com'), draft('sms', '+4915112345678')]);
    const all = await listNotifications(db, { organizationId, limit: 10 });
    expect(all).toHaveLength(3);
    expect(Object.keys(all[0]!).sort()).toEqual(
      ['attempts', 'body', 'bookingId', 'channel', 'createdAt', 'error', 'id', 'kind', 'recipient', 'recipientName', 'reservationId', 'sentAt', 'status', 'subject', 'transport'].sort(),
    );
    expect(all[0]).toMatchObject({ kind: 'booking_confirmed', status: 'queued', subject: confirmation.subject, body: confirmation.text, attempts: 0 });

    const firstPage = await listNotifications(db, { organizationId, limit: 2 });
    const secondPage = await listNotifications(db, { organizationId, limit: 2, afterId: firstPage[1]!.id });
    expect([...firstPage, ...secondPage].map((row) => row.id)).toEqual(all.map((row) => row.id));

    expect((await listNotifications(db, { organizationId, channel: 'sms', limit: 10 })).map((row) => row.recipient)).toEqual(['+4915112345678']);
    expect(await listNotifications(db, { organizationId, status: 'sent', limit: 10 })).toEqual([]);
    expect(await listNotifications(db, { organizationId: newId('organization'), limit: 10 })).toEqual([]);
  });
});
