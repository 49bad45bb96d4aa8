/**
 * Charges made after the fact (a no-show, a reschedule fee) go to the card saved when the hold was paid:
 * the ledger keeps the Stripe customer and payment method of each payment, and a `charge` kind with its reason.
 */
exports.up = async (knex) => {
  await knex.schema.alterTable('payment_transactions', (t) => {
    t.text('stripe_customer_id');
    t.text('stripe_payment_method_id');
    t.text('reason');
  });
  await knex.raw('ALTER TABLE payment_transactions DROP CONSTRAINT payment_transactions_kind_check');
  await knex.raw("ALTER TABLE payment_transactions ADD CONSTRAINT payment_transactions_kind_check CHECK (kind IN ('deposit', 'full', 'refund', 'charge'))");
};

exports.down = async (knex) => {
  await knex('payment_transactions').where({ kind: 'charge' }).delete();
  await knex.raw('ALTER TABLE payment_transactions DROP CONSTRAINT payment_transactions_kind_check');
  await knex.raw("ALTER TABLE payment_transactions ADD CONSTRAINT payment_transactions_kind_check CHECK (kind IN ('deposit', 'full', 'refund'))");
  await knex.schema.alterTable('payment_transactions', (t) => {
    t.dropColumns('stripe_customer_id', 'stripe_payment_method_id', 'reason');
  });
};
