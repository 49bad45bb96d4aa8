/**
 * Money moved through Stripe: one ledger row per payment intent and per refund (idempotency keys from
 * business ids make a retried call record once), and the Stripe events already handled, so a
 * re-delivered event is acknowledged without acting twice.
 */
exports.up = async (knex) => {
  await knex.schema.createTable('payment_transactions', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('reservation_id');
    t.text('booking_id');
    t.text('kind').notNullable();
    t.text('status').notNullable();
    t.integer('amount').notNullable();
    t.text('currency').notNullable();
    t.text('stripe_payment_intent_id');
    t.text('stripe_refund_id');
    t.text('idempotency_key').notNullable().unique();
    t.text('failure_code');
    t.text('failure_message');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.foreign(['organization_id', 'reservation_id']).references(['organization_id', 'id']).inTable('reservations');
    t.index(['reservation_id']);
    t.index(['booking_id']);
    t.index(['stripe_payment_intent_id']);
  });
  await knex.raw("ALTER TABLE payment_transactions ADD CONSTRAINT payment_transactions_kind_check CHECK (kind IN ('deposit', 'full', 'refund'))");
  await knex.raw("ALTER TABLE payment_transactions ADD CONSTRAINT payment_transactions_status_check CHECK (status IN ('pending', 'succeeded', 'failed'))");
  await knex.raw('ALTER TABLE payment_transactions ADD CONSTRAINT payment_transactions_amount_check CHECK (amount >= 0)');

  await knex.schema.createTable('stripe_events', (t) => {
    t.text('id').primary();
    t.text('type').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
};

exports.down = async (knex) => {
  await knex.schema.dropTable('stripe_events');
  await knex.schema.dropTable('payment_transactions');
};
