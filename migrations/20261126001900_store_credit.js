/**
 * Store credit: what a client holds with one organization, per currency, in minor units. One ledger
 * row per movement (`issued` when a cancellation's refund is taken as credit with its bonus,
 * `redeemed` when credit pays a hold, `restored` when a hold paid with credit ends unconfirmed or its
 * booking's refund goes back to what paid it); the balance is the sum. Idempotency keys from business
 * ids make every movement happen once however often it is retried.
 */
exports.up = async (knex) => {
  await knex.schema.createTable('store_credit_entries', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('user_id').notNullable().references('users.id');
    t.text('kind').notNullable();
    t.integer('amount').notNullable();
    t.text('currency').notNullable();
    t.text('booking_id');
    t.text('reservation_id');
    t.text('idempotency_key').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.foreign(['organization_id', 'reservation_id']).references(['organization_id', 'id']).inTable('reservations');
    t.foreign(['organization_id', 'booking_id']).references(['organization_id', 'id']).inTable('bookings');
    t.index(['organization_id', 'user_id', 'created_at']);
    t.index(['reservation_id']);
  });
  await knex.raw("ALTER TABLE store_credit_entries ADD CONSTRAINT store_credit_entries_kind_check CHECK (kind IN ('issued', 'redeemed', 'restored'))");
  // Redemptions take credit away; every other movement adds it.
  await knex.raw("ALTER TABLE store_credit_entries ADD CONSTRAINT store_credit_entries_amount_check CHECK ((kind = 'redeemed' AND amount < 0) OR (kind <> 'redeemed' AND amount > 0))");
};

exports.down = async (knex) => {
  await knex.schema.dropTable('store_credit_entries');
};
