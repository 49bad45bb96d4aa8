/**
 * The people of a booking (primary, observers, guests), each with a status and a check-in, plus
 * what a booking records about cancellation requests awaiting approval and reschedule fees.
 * Existing bookings get their booker as the primary participant.
 */
exports.up = async (knex) => {
  await knex.schema.createTable('booking_participants', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable();
    t.text('booking_id').notNullable();
    t.text('user_id').references('users.id');
    t.text('email');
    t.text('phone');
    t.text('name');
    t.text('role').notNullable();
    t.text('status').notNullable().defaultTo('active');
    t.timestamp('checked_in_at', { useTz: true });
    t.text('check_in_method');
    t.text('added_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.foreign(['organization_id', 'booking_id']).references(['organization_id', 'id']).inTable('bookings');
    t.index(['booking_id']);
    t.index(['user_id']);
  });
  await knex.raw("ALTER TABLE booking_participants ADD CONSTRAINT booking_participants_role_check CHECK (role IN ('primary', 'observer', 'guest'))");
  await knex.raw("ALTER TABLE booking_participants ADD CONSTRAINT booking_participants_status_check CHECK (status IN ('active', 'cancelled', 'removed'))");
  await knex.raw('ALTER TABLE booking_participants ADD CONSTRAINT booking_participants_identity_check CHECK (user_id IS NOT NULL OR email IS NOT NULL)');
  // One primary at a time, and nobody twice among the active participants of a booking.
  await knex.raw("CREATE UNIQUE INDEX booking_participants_one_primary ON booking_participants (booking_id) WHERE role = 'primary' AND status = 'active'");
  await knex.raw("CREATE UNIQUE INDEX booking_participants_user_once ON booking_participants (booking_id, user_id) WHERE status = 'active' AND user_id IS NOT NULL");
  await knex.raw("CREATE UNIQUE INDEX booking_participants_email_once ON booking_participants (booking_id, lower(email)) WHERE status = 'active' AND email IS NOT NULL");

  await knex.raw(`
    INSERT INTO booking_participants (id, organization_id, booking_id, user_id, email, name, role, status, checked_in_at, check_in_method, added_by, created_at)
    SELECT 'bp_' || substring(b.id FROM 4), b.organization_id, b.id, b.booker_user_id, u.email, u.name, 'primary',
           CASE WHEN b.status = 'cancelled' THEN 'cancelled' ELSE 'active' END, b.checked_in_at, b.check_in_method, b.created_by, b.created_at
    FROM bookings b JOIN users u ON u.id = b.booker_user_id`);

  await knex.schema.alterTable('bookings', (t) => {
    t.jsonb('cancellation_request');
    t.integer('reschedule_fees_amount').notNullable().defaultTo(0);
  });
};

exports.down = async (knex) => {
  await knex.schema.alterTable('bookings', (t) => {
    t.dropColumns('cancellation_request', 'reschedule_fees_amount');
  });
  await knex.schema.dropTable('booking_participants');
};
