/** The workflow types this worker runs. Their function names are contracts stored in histories. */
export { reservationWorkflow } from './reservation/reservation.workflow';
export { bookingWorkflow } from './booking/booking.workflow';
export { webhookDeliveryWorkflow } from './webhooks/webhook-delivery.workflow';
export { eventHandlerWorkflow } from './automation/event-handler.workflow';
export { automationRuleWorkflow } from './automation/automation-rule.workflow';
