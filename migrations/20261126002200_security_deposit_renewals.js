/**
 * Security deposits outliving their card authorisation: `capture_before` is when the current
 * authorisation lapses at Stripe (the charge's `capture_before`, else seven days after it was held);
 * a deposit still needed after that is authorised again shortly before, and `renewals` counts how
 * often. `renewal_failed_at`: the card refused the last renewal, so the deposit is held only until
 * `capture_before` and is not tried again.
 */
exports.up = async (knex) => {
  await knex.schema.alterTable('security_deposits', (t) => {
    t.timestamp('capture_before', { useTz: true }).nullable();
    t.integer('renewals').notNullable().defaultTo(0);
    t.timestamp('renewal_failed_at', { useTz: true }).nullable();
  });
  await knex.raw("UPDATE security_deposits SET capture_before = held_at + interval '7 days' WHERE held_at IS NOT NULL");
};

exports.down = async (knex) => {
  await knex.schema.alterTable('security_deposits', (t) => {
    t.dropColumn('capture_before');
    t.dropColumn('renewals');
    t.dropColumn('renewal_failed_at');
  });
};
