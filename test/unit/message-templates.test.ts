import { notificationKinds, renderMessage, type MessageContext } from '../../src/domain/notifications/message-templates';

// 09:00 UTC is 10:00 in Berlin (CET, +01:00) on Monday 4 March 2030.
const context: MessageContext = {
  recipientName: 'Chris Client',
  organizationName: 'Harbor Clinic',
  serviceName: 'Consultation',
  locationName: 'Downtown',
  startsAt: new Date('2030-03-04T09:00:00Z'),
  timezone: 'Europe/Berlin',
  bookingId: 'bk_123',
};
const berlinTen = 'Monday, 4 March 2030, 10:00 (Europe/Berlin)';

describe('renderMessage', () => {
  it('confirms a booking with the name, service, local time, place and booking id', () => {
    const message = renderMessage('booking_confirmed', context);
    expect(message.subject).toBe(`Booking confirmed: Consultation on ${berlinTen}`);
    expect(message.text).toBe(
      ['Hello Chris Client,', '', 'Your booking is confirmed.', '', 'Service: Consultation', `When: ${berlinTen}`, 'Where: Downtown', 'Booking: bk_123', '', 'Harbor Clinic'].join('\n'),
    );
  });

  it("shows the time in the booking's zone, not UTC, including the local date", () => {
    const lateEvening = renderMessage('booking_reminder', { ...context, startsAt: new Date('2030-03-04T23:30:00Z') });
    expect(lateEvening.text).toContain('When: Tuesday, 5 March 2030, 00:30 (Europe/Berlin)');
    expect(lateEvening.text).not.toContain('23:30');
    const newYork = renderMessage('booking_reminder', { ...context, timezone: 'America/New_York' });
    expect(newYork.subject).toBe('Reminder: Consultation on Monday, 4 March 2030, 04:00 (America/New_York)');
  });

  it('greets without a name when the name is unknown', () => {
    expect(renderMessage('booking_confirmed', { ...context, recipientName: null }).text.split('\n')[0]).toBe('Hello,');
  });

  it('gives the reason of a cancellation when there is one, and no empty reason line otherwise', () => {
    const withReason = renderMessage('booking_cancelled', { ...context, reason: 'The doctor is ill' });
    expect(withReason.subject).toBe(`Booking cancelled: Consultation on ${berlinTen}`);
    expect(withReason.text).toContain('Your booking has been cancelled.\nReason: The doctor is ill');
    expect(renderMessage('booking_cancelled', { ...context, reason: null }).text).not.toContain('Reason');
  });

  it('shows both the old and the new time of a rescheduled booking', () => {
    const moved = renderMessage('booking_rescheduled', {
      ...context,
      startsAt: new Date('2030-03-05T13:30:00Z'),
      previousStartsAt: context.startsAt,
    });
    expect(moved.subject).toBe('Booking moved: Consultation is now on Tuesday, 5 March 2030, 14:30 (Europe/Berlin)');
    expect(moved.text).toContain(`Previous time: ${berlinTen}\nNew time: Tuesday, 5 March 2030, 14:30 (Europe/Berlin)`);
    expect(moved.text).toContain('Booking: bk_123');
  });

  it('tells an admin which hold expired, with its reservation id and time', () => {
    const expired = renderMessage('hold_expired_admin', { ...context, recipientName: 'Olivia Owner', bookingId: null, reservationId: 'rs_456' });
    expect(expired.subject).toBe(`Hold expired: Consultation on ${berlinTen}`);
    expect(expired.text).toContain('Hello Olivia Owner,');
    expect(expired.text).toContain('A hold expired without being confirmed.');
    expect(expired.text).toContain('Reservation: rs_456');
    expect(expired.text).toContain(`When: ${berlinTen}`);
    expect(expired.text).not.toContain('Booking:');
  });

  it('leaves the booking line out when there is no booking id', () => {
    expect(renderMessage('booking_pending_approval', { ...context, bookingId: null }).text).not.toContain('Booking:');
  });

  it.each(notificationKinds)('renders %s with a subject, the service, the local time and the organization', (kind) => {
    const message = renderMessage(kind, context);
    expect(message.subject).toContain('Consultation');
    expect(message.text).toContain('Consultation');
    expect(message.text).toContain(berlinTen);
    expect(message.text).toContain('Harbor Clinic');
    expect(message.text).not.toMatch(/undefined|null|T09:00|Z\b/);
  });
});
