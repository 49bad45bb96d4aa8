/**
 * Columns that let slot search read what it needs without a lookup per row:
 *
 * - allocations.appointment_starts_at and service_template_id: the start and service of the booking
 *   or hold an allocation belongs to (null for blocked time). Written with the allocation (a hold's
 *   claim, a reschedule); a hold turning into a booking keeps them. The day an allocation counts on
 *   (daily limits) and a group session's identity come from them.
 * - booking_bookables.booked_at and cancelled: the booking's creation time and whether it is
 *   cancelled, kept by the database itself (triggers below), so the round-robin statistics (bookings
 *   per bookable in the last 30 days, last booked) are read from one partial index whose size
 *   follows recent activity, not the history.
 */
exports.up = async (knex) => {
  await knex.schema.alterTable('allocations', (t) => {
    t.timestamp('appointment_starts_at', { useTz: true }).nullable();
    t.text('service_template_id').nullable();
  });
  await knex.raw(`
    UPDATE allocations a SET appointment_starts_at = b.starts_at, service_template_id = b.service_template_id
      FROM bookings b WHERE b.id = a.booking_id`);
  await knex.raw(`
    UPDATE allocations a SET appointment_starts_at = r.starts_at, service_template_id = r.service_template_id
      FROM reservations r WHERE a.booking_id IS NULL AND r.id = a.reservation_id`);

  await knex.schema.alterTable('booking_bookables', (t) => {
    t.timestamp('booked_at', { useTz: true }).nullable();
    t.boolean('cancelled').notNullable().defaultTo(false);
  });
  await knex.raw(`
    UPDATE booking_bookables bb SET booked_at = b.created_at, cancelled = (b.status = 'cancelled')
      FROM bookings b WHERE b.id = bb.booking_id`);
  await knex.raw('ALTER TABLE booking_bookables ALTER COLUMN booked_at SET NOT NULL');

  await knex.raw(`
    CREATE FUNCTION booking_bookables_copy_booking() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      SELECT b.created_at, b.status = 'cancelled' INTO NEW.booked_at, NEW.cancelled FROM bookings b WHERE b.id = NEW.booking_id;
      RETURN NEW;
    END $$`);
  await knex.raw(`
    CREATE TRIGGER booking_bookables_copy_booking BEFORE INSERT ON booking_bookables
      FOR EACH ROW EXECUTE FUNCTION booking_bookables_copy_booking()`);
  await knex.raw(`
    CREATE FUNCTION bookings_mark_bookables_cancelled() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE booking_bookables SET cancelled = (NEW.status = 'cancelled') WHERE booking_id = NEW.id;
      RETURN NULL;
    END $$`);
  await knex.raw(`
    CREATE TRIGGER bookings_mark_bookables_cancelled AFTER UPDATE OF status ON bookings
      FOR EACH ROW WHEN ((OLD.status = 'cancelled') IS DISTINCT FROM (NEW.status = 'cancelled'))
      EXECUTE FUNCTION bookings_mark_bookables_cancelled()`);
  await knex.raw('CREATE INDEX booking_bookables_fairness_index ON booking_bookables (bookable_id, booked_at) WHERE NOT cancelled');
};

exports.down = async (knex) => {
  await knex.raw('DROP INDEX booking_bookables_fairness_index');
  await knex.raw('DROP TRIGGER bookings_mark_bookables_cancelled ON bookings');
  await knex.raw('DROP FUNCTION bookings_mark_bookables_cancelled()');
  await knex.raw('DROP TRIGGER booking_bookables_copy_booking ON booking_bookables');
  await knex.raw('DROP FUNCTION booking_bookables_copy_booking()');
  await knex.schema.alterTable('booking_bookables', (t) => {
    t.dropColumn('booked_at');
    t.dropColumn('cancelled');
  });
  await knex.schema.alterTable('allocations', (t) => {
    t.dropColumn('appointment_starts_at');
    t.dropColumn('service_template_id');
  });
};
