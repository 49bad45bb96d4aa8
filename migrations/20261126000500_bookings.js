/**
 * Reservations (holds), bookings, and the allocations that claim bookable time. The exclusion
 * constraint on allocations is what makes a double booking impossible: two rows for the same
 * bookable and unit can never overlap in time, whatever the application does.
 */
exports.up = async (knex) => {
  await knex.schema.createTable('reservations', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('location_id').notNullable();
    t.text('service_template_id').notNullable();
    t.integer('service_template_version').notNullable();
    t.specificType('bookable_ids', 'text[]').notNullable();
    t.text('booker_user_id').references('users.id');
    t.text('created_by').notNullable();
    t.text('status').notNullable();
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    t.text('timezone').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.text('workflow_id').notNullable().unique();
    t.text('booking_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['organization_id', 'id']);
    t.foreign(['organization_id', 'location_id']).references(['organization_id', 'id']).inTable('locations');
    t.foreign(['organization_id', 'service_template_id']).references(['organization_id', 'id']).inTable('service_templates');
    t.index(['organization_id', 'status']);
  });
  await knex.raw(
    "ALTER TABLE reservations ADD CONSTRAINT reservations_status_check CHECK (status IN ('held', 'confirmed', 'released', 'expired'))",
  );
  await knex.raw('ALTER TABLE reservations ADD CONSTRAINT reservations_time_check CHECK (ends_at > starts_at)');

  await knex.schema.createTable('bookings', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('location_id').notNullable();
    t.text('service_template_id').notNullable();
    t.integer('service_template_version').notNullable();
    t.text('reservation_id').unique();
    t.text('booker_user_id').references('users.id');
    t.text('created_by').notNullable();
    t.text('status').notNullable();
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    t.text('timezone').notNullable();
    t.text('workflow_id').notNullable().unique();
    t.timestamp('cancelled_at', { useTz: true });
    t.text('cancelled_by');
    t.text('cancellation_reason');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['organization_id', 'id']);
    t.foreign(['organization_id', 'location_id']).references(['organization_id', 'id']).inTable('locations');
    t.foreign(['organization_id', 'service_template_id']).references(['organization_id', 'id']).inTable('service_templates');
    t.foreign(['organization_id', 'reservation_id']).references(['organization_id', 'id']).inTable('reservations');
    t.index(['organization_id', 'starts_at']);
    t.index(['booker_user_id']);
  });
  await knex.raw(
    "ALTER TABLE bookings ADD CONSTRAINT bookings_status_check CHECK (status IN ('pending', 'confirmed', 'checked_in', 'completed', 'reviewed', 'cancelled', 'no_show', 'expired'))",
  );
  await knex.raw('ALTER TABLE bookings ADD CONSTRAINT bookings_time_check CHECK (ends_at > starts_at)');

  await knex.schema.createTable('booking_bookables', (t) => {
    t.text('booking_id').notNullable();
    t.text('organization_id').notNullable();
    t.text('bookable_id').notNullable();
    t.text('role').notNullable().defaultTo('primary');
    t.primary(['booking_id', 'bookable_id']);
    t.foreign(['organization_id', 'booking_id']).references(['organization_id', 'id']).inTable('bookings');
    t.foreign(['organization_id', 'bookable_id']).references(['organization_id', 'id']).inTable('bookables');
    t.index(['bookable_id']);
  });

  await knex.schema.createTable('allocations', (t) => {
    t.bigIncrements('id').primary();
    t.text('organization_id').notNullable();
    t.text('bookable_id').notNullable();
    t.smallint('unit').notNullable().defaultTo(0);
    t.specificType('period', 'tstzrange').notNullable();
    t.text('kind').notNullable();
    t.text('reservation_id');
    t.text('booking_id');
    t.timestamp('expires_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.foreign(['organization_id', 'bookable_id']).references(['organization_id', 'id']).inTable('bookables');
    t.unique(['reservation_id', 'bookable_id', 'unit']);
    t.index(['booking_id']);
  });
  await knex.raw("ALTER TABLE allocations ADD CONSTRAINT allocations_kind_check CHECK (kind IN ('hold', 'booking'))");
  await knex.raw(
    "ALTER TABLE allocations ADD CONSTRAINT allocations_hold_expires_check CHECK ((kind = 'hold') = (expires_at IS NOT NULL))",
  );
  await knex.raw("ALTER TABLE allocations ADD CONSTRAINT allocations_period_check CHECK (NOT isempty(period) AND lower_inc(period) AND NOT upper_inc(period))");
  await knex.raw(
    'ALTER TABLE allocations ADD CONSTRAINT allocations_no_overlap EXCLUDE USING gist (bookable_id WITH =, unit WITH =, period WITH &&)',
  );
};

exports.down = async (knex) => {
  await knex.schema.dropTable('allocations');
  await knex.schema.dropTable('booking_bookables');
  await knex.schema.dropTable('bookings');
  await knex.schema.dropTable('reservations');
};
