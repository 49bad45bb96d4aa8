/**
 * Security deposits: an amount authorised on the client's saved card (a Stripe PaymentIntent with manual
 * capture) around a booking, then released, or captured in part or in full by staff. One row per booking
 * with its state (scheduled → held → captured | released, or failed when the card was declined or there
 * was none) and its times; the money moves are ledger rows in payment_transactions, whose kinds gain
 * `security_deposit_hold` (the authorisation: no money moved), `security_deposit_capture` (money taken)
 * and `security_deposit_release` (the authorisation given up, for what was not captured).
 */
exports.up = async (knex) => {
  await knex.schema.createTable('security_deposits', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('booking_id').notNullable().unique();
    t.text('status').notNullable().defaultTo('scheduled');
    t.integer('amount').notNullable();
    t.text('currency').notNullable();
    t.timestamp('hold_at', { useTz: true }).notNullable();
    t.timestamp('release_at', { useTz: true }).notNullable();
    t.text('stripe_payment_intent_id');
    t.timestamp('held_at', { useTz: true });
    t.integer('captured_amount');
    t.text('capture_reason');
    t.text('captured_by');
    t.timestamp('captured_at', { useTz: true });
    t.integer('released_amount');
    t.text('released_by');
    t.timestamp('released_at', { useTz: true });
    t.text('failure_code');
    t.text('failure_message');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.foreign(['organization_id', 'booking_id']).references(['organization_id', 'id']).inTable('bookings');
  });
  await knex.raw("ALTER TABLE security_deposits ADD CONSTRAINT security_deposits_status_check CHECK (status IN ('scheduled', 'held', 'captured', 'released', 'failed'))");
  await knex.raw('ALTER TABLE security_deposits ADD CONSTRAINT security_deposits_amounts_check CHECK (amount > 0 AND coalesce(captured_amount, 0) BETWEEN 0 AND amount AND coalesce(released_amount, 0) BETWEEN 0 AND amount)');
  await knex.raw('ALTER TABLE payment_transactions DROP CONSTRAINT payment_transactions_kind_check');
  await knex.raw(
    "ALTER TABLE payment_transactions ADD CONSTRAINT payment_transactions_kind_check CHECK (kind IN ('deposit', 'full', 'refund', 'charge', 'security_deposit_hold', 'security_deposit_capture', 'security_deposit_release'))",
  );
};

exports.down = async (knex) => {
  await knex('payment_transactions').whereIn('kind', ['security_deposit_hold', 'security_deposit_capture', 'security_deposit_release']).delete();
  await knex.raw('ALTER TABLE payment_transactions DROP CONSTRAINT payment_transactions_kind_check');
  await knex.raw("ALTER TABLE payment_transactions ADD CONSTRAINT payment_transactions_kind_check CHECK (kind IN ('deposit', 'full', 'refund', 'charge'))");
  await knex.schema.dropTable('security_deposits');
};
