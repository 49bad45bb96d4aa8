/**
 * What providers are owed when their bookings fall through (a client's late cancellation, the
 * business calling it off, a no-show) and what managers record by hand (backup pay, bonuses): one
 * ledger row per provider and cause, written with the change that caused it.
 */
exports.up = async (knex) => {
  await knex.schema.createTable('provider_compensations', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('provider_id').notNullable();
    t.text('booking_id');
    t.text('reason').notNullable();
    t.integer('amount').notNullable();
    t.text('currency');
    t.integer('bps');
    t.text('note');
    t.text('recorded_by').notNullable();
    t.text('dedupe_key').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.foreign(['organization_id', 'provider_id']).references(['organization_id', 'id']).inTable('bookables');
    t.foreign(['organization_id', 'booking_id']).references(['organization_id', 'id']).inTable('bookings');
    t.unique(['provider_id', 'dedupe_key']);
    t.index(['organization_id', 'provider_id', 'created_at']);
  });
  await knex.raw("ALTER TABLE provider_compensations ADD CONSTRAINT provider_compensations_reason_check CHECK (reason IN ('client_cancelled', 'organization_cancelled', 'no_show', 'manual'))");
  await knex.raw('ALTER TABLE provider_compensations ADD CONSTRAINT provider_compensations_amount_check CHECK (amount >= 0)');
};

exports.down = async (knex) => {
  await knex.schema.dropTable('provider_compensations');
};
