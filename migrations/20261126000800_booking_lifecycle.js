/**
 * The booking lifecycle's record: when a booking was checked in, completed, marked a no-show or
 * reviewed, and an append-only audit trail of every transition (who, when, why).
 */
exports.up = async (knex) => {
  await knex.schema.alterTable('bookings', (t) => {
    t.timestamp('checked_in_at', { useTz: true });
    t.text('check_in_method');
    t.timestamp('completed_at', { useTz: true });
    t.timestamp('no_show_at', { useTz: true });
    t.jsonb('review');
    t.jsonb('cancellation_decision');
  });
  await knex.schema.createTable('booking_events', (t) => {
    t.bigIncrements('id').primary();
    t.text('organization_id').notNullable();
    t.text('booking_id').notNullable();
    t.text('event').notNullable();
    t.text('from_status');
    t.text('to_status').notNullable();
    t.text('actor').notNullable();
    t.text('reason');
    t.jsonb('details');
    t.text('dedupe_key').notNullable();
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.foreign(['organization_id', 'booking_id']).references(['organization_id', 'id']).inTable('bookings');
    t.unique(['booking_id', 'dedupe_key']);
    t.index(['booking_id', 'occurred_at']);
  });
};

exports.down = async (knex) => {
  await knex.schema.dropTable('booking_events');
  await knex.schema.alterTable('bookings', (t) => {
    t.dropColumns('checked_in_at', 'check_in_method', 'completed_at', 'no_show_at', 'review', 'cancellation_decision');
  });
};
