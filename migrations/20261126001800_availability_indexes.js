/**
 * Slot search reads each bookable's bookings of the last 30 days (round robin fairness) by
 * organization and creation time, so its cost follows recent activity, not the size of the history.
 */
exports.up = async (knex) => {
  await knex.schema.alterTable('bookings', (t) => {
    t.index(['organization_id', 'created_at'], 'bookings_organization_id_created_at_index');
  });
};

exports.down = async (knex) => {
  await knex.schema.alterTable('bookings', (t) => {
    t.dropIndex(['organization_id', 'created_at'], 'bookings_organization_id_created_at_index');
  });
};
