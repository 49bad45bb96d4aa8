/** The workflow types this worker runs. Their function names are contracts stored in histories. */
export { reservationWorkflow } from './reservation/reservation.workflow';
export { bookingWorkflow } from './booking/booking.workflow';
