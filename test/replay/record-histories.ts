/**
 * Records the histories that test/replay/replay.test.ts replays: `npm run replay:record`.
 * Run it when a workflow's behaviour changes on purpose (behind patched()), and commit the new files
 * next to the old ones: every history ever recorded must keep replaying.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { derivedId } from '../../src/ids';
import { reservationWorkflowId } from '../../workflows/reservation/reservation.contract';
import { addMember, addTemplate, aroundTheClock, bookAt, inHours, mondayAt, reservationBody, setUpAroundTheClock, setUpClinic } from '../support/builders';
import { apiClient } from '../support/http-client';
import { sendStripeEvent } from '../support/stripe-events';
import { runWithTestStack } from '../support/run-with-test-stack';
import type { TestApp } from '../support/test-app';

const outDir = path.join(__dirname, 'histories');
/** Name the recording after the workflow change it captures: HISTORY_LABEL=v2-reschedule npm run replay:record */
const label = process.env.HISTORY_LABEL ?? 'v1';

async function main(app: TestApp): Promise<void> {
  const clinic = await setUpClinic(app.baseUrl, { holdDurationSeconds: 2 });
  const owner = apiClient(app.baseUrl, clinic.owner.token);
  const waitForClose = (workflowId: string) => app.temporal.client.workflow.getHandle(workflowId).result();

  const confirmedHold = await owner.post('/reservations', reservationBody(clinic, mondayAt('09:00')));
  const booking = await owner.patch(`/reservations/${confirmedHold.body.id}/confirm`);
  await owner.delete(`/bookings/${booking.body.id}`, { reason: 'recorded scenario' });
  const expiredHold = await owner.post('/reservations', reservationBody(clinic, mondayAt('10:00')));
  const releasedHold = await owner.post('/reservations', reservationBody(clinic, mondayAt('11:00')));
  await owner.delete(`/reservations/${releasedHold.body.id}`);
  await owner.post('/reservations', reservationBody(clinic, mondayAt('12:00')));
  const rejectedHold = await owner.post('/reservations', reservationBody(clinic, mondayAt('12:00')), { 'Idempotency-Key': 'rejected' });

  const lifecycleBooking = (await owner.patch(`/reservations/${(await owner.post('/reservations', reservationBody(clinic, mondayAt('13:00')))).body.id}/confirm`)).body;
  await owner.post(`/bookings/${lifecycleBooking.id}/check-in`, { method: 'manual' });
  await owner.post(`/bookings/${lifecycleBooking.id}/complete`, {});
  await owner.post(`/bookings/${lifecycleBooking.id}/review`, { rating: 5 });
  const movedBooking = (await owner.patch(`/reservations/${(await owner.post('/reservations', reservationBody(clinic, mondayAt('14:00')))).body.id}/confirm`)).body;
  await owner.patch(`/bookings/${movedBooking.id}`, { startsAt: mondayAt('12:00') }); // taken: refused, keeps its time
  await owner.patch(`/bookings/${movedBooking.id}`, { startsAt: mondayAt('15:00') });
  await owner.post(`/bookings/${movedBooking.id}/no-show`, {});

  // Timed transitions: a pending booking that expires, and an automatic no-show.
  const timed = await setUpAroundTheClock(app.baseUrl, {
    lifecycle: { confirmation: { autoConfirm: false, approvalDeadlineSeconds: 2 } },
    cancellation: { noShowPolicy: { gracePeriodMinutes: 0, autoMarkNoShow: true, markNoShowAfterMinutes: 0 } },
  });
  const timedOwner = apiClient(app.baseUrl, timed.owner.token);
  const bookTimed = async (startsAt: string) =>
    (await timedOwner.patch(`/reservations/${(await timedOwner.post('/reservations', { serviceTemplateId: timed.templateId, bookableId: timed.providerId, startsAt })).body.id}/confirm`)).body;
  const expiring = await bookTimed(inHours(30));
  const noShow = await bookTimed(new Date(Date.now() + 3_000).toISOString());
  await timedOwner.post(`/bookings/${noShow.id}/approve`, {});
  await Promise.all([waitForClose(expiring.workflowId), waitForClose(noShow.workflowId)]);

  // A hold extended once, then expiring at its new time.
  const extendable = (await owner.post(`/organizations/${clinic.orgId}/service-templates`, {
    name: 'Extendable',
    duration: { type: 'fixed', fixedMinutes: 30 },
    lifecycle: { reservation: { holdDurationSeconds: 2, allowExtension: true, maxExtensions: 1, extensionDurationSeconds: 2 } },
  })).body;
  const extendedHold = (await owner.post('/reservations', { ...reservationBody(clinic, mondayAt('16:00')), serviceTemplateId: extendable.id })).body;
  await owner.post(`/reservations/${extendedHold.id}/extend`, {});
  await waitForClose(extendedHold.workflowId);

  // Participants, cancellation approval, reminders and the follow-up after completion.
  const soon = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
  const people = await setUpAroundTheClock(app.baseUrl, {
    lifecycle: { reminders: [{ before: 'PT2S' }], followUp: { sendReviewRequest: true, reviewRequestDelaySeconds: 1 } },
    cancellation: { whenPrimaryCancels: 'transfer_to_observer' },
  });
  const peopleOwner = apiClient(app.baseUrl, people.owner.token);
  const observer = await addMember(app.baseUrl, people, 'client', 'Otto Observer');
  const transferred = await bookAt(peopleOwner, people, soon(4));
  await peopleOwner.post(`/bookings/${transferred.id}/participants`, { userId: observer.userId, role: 'observer' });
  await peopleOwner.post(`/bookings/${transferred.id}/participants`, { email: 'guest@example.com', role: 'guest' });
  await peopleOwner.delete(`/bookings/${transferred.id}`, { reason: 'handing over' });
  await new Promise((r) => setTimeout(r, 4_000)); // the reminder goes out
  await apiClient(app.baseUrl, observer.token).delete(`/bookings/${transferred.id}`, { reason: 'nobody left' });
  const followedUp = await bookAt(peopleOwner, people, soon(3_600));
  await peopleOwner.post(`/bookings/${followedUp.id}/check-in`, {});
  await peopleOwner.post(`/bookings/${followedUp.id}/complete`, {});
  await new Promise((r) => setTimeout(r, 2_000)); // the review request goes out
  await peopleOwner.post(`/bookings/${followedUp.id}/review`, { rating: 4 });

  const strict = await setUpAroundTheClock(app.baseUrl, {
    lifecycle: { reservation: { holdDurationSeconds: 1, onExpiry: 'notify_admin' } },
    cancellation: { requireApprovalFor: ['client'], whenPrimaryCancels: 'require_new_primary' },
  });
  const strictOwner = apiClient(app.baseUrl, strict.owner.token);
  const approvedCancel = await bookAt(strictOwner, strict, soon(7_200));
  await strictOwner.delete(`/bookings/${approvedCancel.id}`, { reason: 'first ask' });
  await strictOwner.post(`/bookings/${approvedCancel.id}/cancellation-request/decline`, {});
  await strictOwner.delete(`/bookings/${approvedCancel.id}`, { reason: 'second ask' });
  await strictOwner.post(`/bookings/${approvedCancel.id}/cancellation-request/approve`, {});
  const unclaimedHold = (await strictOwner.post('/reservations', { serviceTemplateId: strict.templateId, bookableId: strict.providerId, startsAt: soon(9_000) })).body;
  await Promise.all([waitForClose(transferred.workflowId), waitForClose(followedUp.workflowId), waitForClose(approvedCancel.workflowId), waitForClose(unclaimedHold.workflowId)]);

  // A webhook delivered on its second attempt, one refused, a handler run with a wait, and a scheduled rule's firing.
  const answers = [503, 200];
  const receiver = http.createServer((_req, res) => res.writeHead(answers.shift() ?? 200).end('ok'));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hooks = await setUpAroundTheClock(app.baseUrl, {});
  const hooksOwner = apiClient(app.baseUrl, hooks.owner.token);
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const retried = (await hooksOwner.post(`/organizations/${hooks.orgId}/webhooks`, { url: receiverUrl, events: ['webhook.test'], retryConfig: { maxRetries: 2, retryDelayMs: 500 } })).body;
  const retriedDelivery = (await hooksOwner.post(`/webhooks/${retried.id}/test`, {})).body;
  const refusedHook = (await hooksOwner.post(`/organizations/${hooks.orgId}/webhooks`, { url: 'http://127.0.0.2:9/hooks', events: ['webhook.test'] })).body;
  const refusedDelivery = (await hooksOwner.post(`/webhooks/${refusedHook.id}/test`, {})).body;
  await hooksOwner.post(`/organizations/${hooks.orgId}/event-handlers`, {
    trigger: { event: 'booking.confirmed' },
    actions: [{ type: 'wait', config: { seconds: 1 } }, { type: 'send_email', config: { to: 'primary', subject: 'Booked {{booking.id}}', text: 'See you.' } }],
  });
  const handled = await bookAt(hooksOwner, hooks, soon(3_600));
  const rule = (await hooksOwner.post(`/organizations/${hooks.orgId}/automation-rules`, {
    name: 'Cancel tomorrow',
    cron: '0 12 * * *',
    timezone: 'Europe/Berlin',
    conditions: [{ field: 'booking.id', operator: 'equals', value: handled.id }],
    actions: [{ type: 'update_booking', config: { status: 'cancelled', reason: 'recorded scenario' } }],
  })).body;
  await hooksOwner.post(`/automation-rules/${rule.id}/trigger`, {});
  await waitForClose(handled.workflowId);
  const runs = (await hooksOwner.get(`/organizations/${hooks.orgId}/handler-runs?bookingId=${handled.id}`)).body.data as Array<{ workflowId: string; automationRuleId: string | null }>;
  const handlerRun = runs.find((run) => !run.automationRuleId)!.workflowId;
  const ruleRun = runs.find((run) => run.automationRuleId)!.workflowId;
  const ruleFiring = ruleRun.slice(0, ruleRun.lastIndexOf(':'));
  const delivery = (id: string) => `webhook-delivery:${id}:1`;
  await Promise.all([delivery(retriedDelivery.deliveryId), delivery(refusedDelivery.deliveryId), handlerRun, ruleFiring].map(waitForClose));
  receiver.close();

  // A deposit paid then refunded on cancellation, and a declined payment that releases its hold.
  const paying = await setUpAroundTheClock(app.baseUrl, {
    pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 4_000 }, deposit: { type: 'fixed', amount: 1_000 } },
    cancellation: { refundTiers: [{ minHoursBefore: 0, refundBps: 10_000 }] },
  });
  const payingOwner = apiClient(app.baseUrl, paying.owner.token);
  const stripeEvent = (id: string, type: string, paymentIntentId: string) => sendStripeEvent(app, { id, type, paymentIntent: { id: paymentIntentId } });
  const holdPaying = async (hours: number) => (await payingOwner.post('/reservations', { serviceTemplateId: paying.templateId, bookableId: paying.providerId, startsAt: soon(hours * 3_600) })).body;
  const paidHold = await holdPaying(20);
  await stripeEvent('evt_record_paid', 'payment_intent.succeeded', (await payingOwner.post(`/reservations/${paidHold.id}/payment`, {})).body.paymentIntentId);
  let refunded = await payingOwner.patch(`/reservations/${paidHold.id}/confirm`);
  for (let i = 0; i < 20 && refunded.status === 402; i++) refunded = await payingOwner.patch(`/reservations/${paidHold.id}/confirm`);
  await payingOwner.delete(`/bookings/${refunded.body.id}`, { reason: 'recorded refund' });
  const declinedHold = await holdPaying(21);
  await stripeEvent('evt_record_declined', 'payment_intent.payment_failed', (await payingOwner.post(`/reservations/${declinedHold.id}/payment`, {})).body.paymentIntentId);
  // Charged later: a reschedule fee and a no-show, to the card saved with the deposit.
  const charged = await setUpAroundTheClock(app.baseUrl, {
    pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 4_000 }, deposit: { type: 'fixed', amount: 1_000 } },
    cancellation: { rescheduleFeeAmount: 300, noShowPolicy: { clientCharge: { chargeBps: 5_000 } } },
  });
  const chargedOwner = apiClient(app.baseUrl, charged.owner.token);
  const chargedHold = (await chargedOwner.post('/reservations', { serviceTemplateId: charged.templateId, bookableId: charged.providerId, startsAt: soon(20 * 3_600) })).body;
  const chargedIntent = (await chargedOwner.post(`/reservations/${chargedHold.id}/payment`, {})).body.paymentIntentId;
  await sendStripeEvent(app, { id: 'evt_record_saved_card', type: 'payment_intent.succeeded', paymentIntent: { id: chargedIntent, customer: 'cus_record', payment_method: 'pm_card_visa' } });
  let chargedBooking = await chargedOwner.patch(`/reservations/${chargedHold.id}/confirm`);
  for (let i = 0; i < 20 && chargedBooking.status === 402; i++) chargedBooking = await chargedOwner.patch(`/reservations/${chargedHold.id}/confirm`);
  await chargedOwner.patch(`/bookings/${chargedBooking.body.id}`, { startsAt: soon(21 * 3_600) });
  await chargedOwner.post(`/bookings/${chargedBooking.body.id}/no-show`, {});
  const releasedPaid = await holdPaying(22);
  await stripeEvent('evt_record_released_paid', 'payment_intent.succeeded', (await payingOwner.post(`/reservations/${releasedPaid.id}/payment`, {})).body.paymentIntentId);
  for (let i = 0; i < 50 && (await payingOwner.get(`/reservations/${releasedPaid.id}`)).body.live?.payment?.status !== 'paid'; i++) await new Promise((r) => setTimeout(r, 100));
  await payingOwner.delete(`/reservations/${releasedPaid.id}`);
  await Promise.all([paidHold.workflowId, refunded.body.workflowId, declinedHold.workflowId, chargedBooking.body.workflowId, releasedPaid.workflowId].map(waitForClose));

  // A booking whose provider is replaced by its standby backup, then a no-show: the backup is paid its usage fee.
  const backedUp = await setUpAroundTheClock(app.baseUrl, {});
  const backedUpOwner = apiClient(app.baseUrl, backedUp.owner.token);
  const standby = await backedUpOwner.post(`/organizations/${backedUp.orgId}/bookables/providers`, { name: 'Backup nurse', locationId: backedUp.locationId, weeklySchedule: aroundTheClock, email: 'backup@example.com' });
  if (standby.status !== 201) throw new Error(`creating the backup failed: ${standby.status} ${JSON.stringify(standby.body)}`);
  const backupTemplateId = await addTemplate(app.baseUrl, backedUp, {
    pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 4_000 } },
    bookables: {
      required: [{ id: 'nurse', bookableType: 'provider', specificBookableId: backedUp.providerId }],
      backups: [{ primaryRequirementId: 'nurse', backupBookableIds: [standby.body.id], notifyBeforeHours: 48, compensation: { amounts: { usageFeeAmount: 2_000 } } }],
    },
  });
  const coveredBooking = await bookAt(backedUpOwner, backedUp, soon(20 * 3_600), backupTemplateId);
  for (let i = 0; i < 50 && (await backedUpOwner.get(`/bookings/${coveredBooking.id}/backups`)).body.data.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  const activated = await backedUpOwner.post(`/bookings/${coveredBooking.id}/backups/activate`, { reason: 'recorded scenario' });
  if (activated.status !== 200) throw new Error(`activating the backup failed: ${activated.status} ${JSON.stringify(activated.body)}`);
  await backedUpOwner.post(`/bookings/${coveredBooking.id}/no-show`, {});
  await waitForClose(coveredBooking.workflowId);
  // A booking moved to a time its only backup is busy: after the move nobody stands by; then it is cancelled.
  const movedCovered = await bookAt(backedUpOwner, backedUp, soon(30 * 3_600), backupTemplateId);
  for (let i = 0; i < 50 && (await backedUpOwner.get(`/bookings/${movedCovered.id}/backups`)).body.data.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  const standbyBusyAt = soon(34 * 3_600);
  await bookAt(backedUpOwner, { templateId: backedUp.templateId, providerId: standby.body.id }, standbyBusyAt);
  const moved = await backedUpOwner.patch(`/bookings/${movedCovered.id}`, { startsAt: standbyBusyAt });
  if (moved.status !== 200) throw new Error(`moving the backed-up booking failed: ${moved.status} ${JSON.stringify(moved.body)}`);
  for (let i = 0; i < 50 && (await backedUpOwner.get(`/bookings/${movedCovered.id}/backups`)).body.data.length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  await backedUpOwner.delete(`/bookings/${movedCovered.id}`, { reason: 'recorded scenario' });
  await waitForClose(movedCovered.workflowId);


  // Store credit and late fees: a refund taken as credit, a hold paid with it, a late fee beyond the deposit charged to the card.
  const money = await setUpAroundTheClock(app.baseUrl, {
    pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 4_000 }, deposit: { type: 'fixed', amount: 1_000 } },
    cancellation: { refundTiers: [{ minHoursBefore: 12, refundBps: 10_000, offerStoreCredit: true, storeCreditBonusBps: 1_000 }], lateCancellation: { windowHours: 6, refundBps: 0, chargeFeeAmount: 1_500 } },
  });
  const moneyOwner = apiClient(app.baseUrl, money.owner.token);
  const moneyHold = async (hours: number) => (await moneyOwner.post('/reservations', { serviceTemplateId: money.templateId, bookableId: money.providerId, startsAt: soon(hours * 3_600) })).body;
  const confirmPaid = async (holdId: string) => {
    let confirmed = await moneyOwner.patch(`/reservations/${holdId}/confirm`);
    for (let i = 0; i < 20 && confirmed.status === 402; i++) confirmed = await moneyOwner.patch(`/reservations/${holdId}/confirm`);
    return confirmed.body;
  };
  const paidWithCard = async (hours: number) => {
    const hold = await moneyHold(hours);
    const intent = (await moneyOwner.post(`/reservations/${hold.id}/payment`, {})).body.paymentIntentId;
    await sendStripeEvent(app, { id: `evt_record_${hold.id}`, type: 'payment_intent.succeeded', paymentIntent: { id: intent, customer: 'cus_record', payment_method: 'pm_card_visa' } });
    return confirmPaid(hold.id);
  };
  const creditedBooking = await paidWithCard(30);
  await moneyOwner.delete(`/bookings/${creditedBooking.id}`, { refundAs: 'store_credit' });
  const creditHold = await moneyHold(32);
  await moneyOwner.post(`/reservations/${creditHold.id}/payment`, { useStoreCredit: true });
  await confirmPaid(creditHold.id);
  const lateBooking = await paidWithCard(3);
  await moneyOwner.delete(`/bookings/${lateBooking.id}`, {});
  await Promise.all([creditedBooking.workflowId, creditHold.workflowId, lateBooking.workflowId].map(waitForClose));

  // Security deposits: held at confirmation and captured in part, released by itself after the end, released when
  // the booking is cancelled, and never placed for a booking cancelled days ahead.
  const depositPricing = (releaseAfterHours: number) => ({ model: 'fixed', currency: 'EUR', fixedPrice: { amount: 4_000 }, deposit: { type: 'fixed', amount: 1_000 }, securityDeposit: { amount: 20_000, releaseAfterHours } });
  const deposits = await setUpAroundTheClock(app.baseUrl, { pricing: depositPricing(48) });
  const depositsOwner = apiClient(app.baseUrl, deposits.owner.token);
  const quickTemplate = await addTemplate(app.baseUrl, deposits, { name: 'One minute', duration: { type: 'fixed', fixedMinutes: 1 }, pricing: depositPricing(0) });
  const bookWithCard = async (startsAt: string, templateId = deposits.templateId, customer = 'cus_record') => {
    const hold = (await depositsOwner.post('/reservations', { serviceTemplateId: templateId, bookableId: deposits.providerId, startsAt })).body;
    const intent = (await depositsOwner.post(`/reservations/${hold.id}/payment`, {})).body.paymentIntentId;
    await sendStripeEvent(app, { id: `evt_record_${hold.id}`, type: 'payment_intent.succeeded', paymentIntent: { id: intent, customer, payment_method: 'pm_card_visa' } });
    let confirmed = await depositsOwner.patch(`/reservations/${hold.id}/confirm`);
    for (let i = 0; i < 20 && confirmed.status === 402; i++) confirmed = await depositsOwner.patch(`/reservations/${hold.id}/confirm`);
    return confirmed.body;
  };
  const depositStatus = async (bookingId: string, status: string) => {
    for (let i = 0; i < 400 && (await depositsOwner.get(`/bookings/${bookingId}/security-deposit`)).body.status !== status; i++) await new Promise((r) => setTimeout(r, 250));
  };
  const autoReleased = await bookWithCard(soon(5), quickTemplate);
  const captured = await bookWithCard(soon(3 * 3_600));
  await depositStatus(captured.id, 'held');
  await depositsOwner.post(`/bookings/${captured.id}/security-deposit/capture`, { amount: 5_000, reason: 'recorded damage' });
  await depositsOwner.delete(`/bookings/${captured.id}`, { reason: 'recorded scenario' });
  const releasedOnCancel = await bookWithCard(soon(4 * 3_600));
  await depositStatus(releasedOnCancel.id, 'held');
  await depositsOwner.delete(`/bookings/${releasedOnCancel.id}`, { reason: 'recorded scenario' });
  const neverHeld = await bookWithCard(soon(72 * 3_600));
  await depositStatus(neverHeld.id, 'scheduled');
  await depositsOwner.delete(`/bookings/${neverHeld.id}`, { reason: 'recorded scenario' });
  // A deposit whose first authorisation lapses within seconds: authorised again, then released when the booking is cancelled.
  const renewed = await bookWithCard(soon(5 * 3_600), deposits.templateId, shortAuthorisationCustomer);
  for (let i = 0; i < 200 && (await depositsOwner.get(`/bookings/${renewed.id}/security-deposit`)).body.renewals !== 1; i++) await new Promise((r) => setTimeout(r, 250));
  await depositsOwner.delete(`/bookings/${renewed.id}`, { reason: 'recorded scenario' });
  await waitForClose(renewed.workflowId);
  await depositStatus(autoReleased.id, 'released');
  await depositsOwner.post(`/bookings/${autoReleased.id}/no-show`, {});
  await Promise.all([autoReleased.workflowId, captured.workflowId, releasedOnCancel.workflowId, neverHeld.workflowId].map(waitForClose));


  const scenarios: Record<string, string> = {
    'booking-security-deposit-released-after-end': autoReleased.workflowId,
    'booking-security-deposit-renewed': renewed.workflowId,
    'booking-security-deposit-captured': captured.workflowId,
    'booking-security-deposit-released-on-cancel': releasedOnCancel.workflowId,
    'booking-security-deposit-cancelled-before-hold': neverHeld.workflowId,
    'booking-backup-took-over-no-show': coveredBooking.workflowId,
    'booking-backup-moved-standby-busy': movedCovered.workflowId,
    'booking-cancelled-store-credit': creditedBooking.workflowId,
    'reservation-paid-with-store-credit': creditHold.workflowId,
    'booking-late-cancellation-fee-charged': lateBooking.workflowId,
    'booking-charged-reschedule-fee-and-no-show': chargedBooking.body.workflowId,
    'reservation-paid-then-released-refunded': releasedPaid.workflowId,
    'reservation-deposit-paid': paidHold.workflowId,
    'booking-cancelled-deposit-refunded': refunded.body.workflowId,
    'reservation-payment-declined': declinedHold.workflowId,
    'webhook-delivered-on-retry': delivery(retriedDelivery.deliveryId),
    'webhook-refused-target': delivery(refusedDelivery.deliveryId),
    'event-handler-wait-then-email': handlerRun,
    'automation-rule-firing': ruleFiring,
    'booking-observer-took-over': transferred.workflowId,
    'booking-completed-review-requested': followedUp.workflowId,
    'booking-cancellation-approved': approvedCancel.workflowId,
    'reservation-expired-admins-told': unclaimedHold.workflowId,
    'reservation-extended-expired': extendedHold.workflowId,
    'booking-approval-expired': expiring.workflowId,
    'booking-approved-auto-no-show': noShow.workflowId,
    'booking-reviewed': lifecycleBooking.workflowId,
    'booking-rescheduled-no-show': movedBooking.workflowId,
    'reservation-confirmed': confirmedHold.body.workflowId,
    'booking-cancelled': booking.body.workflowId,
    'reservation-expired': expiredHold.body.workflowId,
    'reservation-released': releasedHold.body.workflowId,
  };
  await waitForClose(expiredHold.body.workflowId);
  if (rejectedHold.status !== 409) throw new Error('expected the rejected scenario to be refused');
  // A taken slot is now refused by the availability engine before any workflow starts, so there is no
  // rejected reservation workflow to record any more; the histories recorded up to v5 still replay.
  const rejectedWorkflow = reservationWorkflowId(derivedId('reservation', `user:${clinic.owner.userId}`, 'rejected'));
  const started = await app.temporal.client.workflow.getHandle(rejectedWorkflow).describe().then(() => true, () => false);
  if (started) scenarios['reservation-rejected'] = rejectedWorkflow;

  await fs.mkdir(outDir, { recursive: true });
  for (const [name, workflowId] of Object.entries(scenarios)) {
    const history = await app.temporal.client.workflow.getHandle(workflowId).fetchHistory();
    const file = path.join(outDir, `${name}.${label}.json`);
    // flag 'wx': recorded history is kept forever, never overwritten.
    await fs.writeFile(file, JSON.stringify(JSON.parse(historyToJSON(history)), null, 1) + '\n', { flag: 'wx' });
    process.stdout.write(`recorded ${path.relative(process.cwd(), file)}\n`);
  }
}

/** This customer's first security-deposit authorisations lapse 8 s after they are placed (as Stripe's `capture_before` would say). */
const shortAuthorisationCustomer = 'cus_record_renewal';

runWithTestStack(main, {
  wrapPayments: (stripe) => ({
    ...stripe,
    holdOnSavedCard: async (input) => {
      const held = await stripe.holdOnSavedCard(input);
      const first = !input.idempotencyKey.includes(':renewal-');
      return held.outcome === 'held' && first && input.customerId === shortAuthorisationCustomer ? { ...held, captureBefore: new Date(Date.now() + 8_000).toISOString() } : held;
    },
  }),
});
