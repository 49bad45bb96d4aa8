/**
 * Backup bookables of a booking: one row per backup the booking keeps on standby for one requirement.
 * A standby does not reserve the backup's time (no allocation row): availability is checked when the
 * backup is chosen and decided by the allocations' exclusion constraint when it takes over. The row
 * keeps the fees it earned, written to the provider ledger once the booking is over.
 */
exports.up = async (knex) => {
  await knex.schema.createTable('booking_backups', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('booking_id').notNullable();
    t.text('service_template_id').notNullable();
    t.text('backup_key').notNullable();
    t.text('requirement_id').notNullable();
    t.text('primary_bookable_id').notNullable();
    t.text('backup_bookable_id').notNullable();
    t.text('strategy').notNullable();
    t.text('status').notNullable().defaultTo('standby');
    t.text('trigger');
    t.text('reason');
    t.text('activated_by');
    t.timestamp('activated_at', { useTz: true });
    t.timestamp('notified_at', { useTz: true });
    t.integer('fee_amount');
    t.text('currency');
    t.timestamp('settled_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['booking_id', 'backup_key']);
    t.foreign(['organization_id', 'booking_id']).references(['organization_id', 'id']).inTable('bookings');
    t.foreign(['organization_id', 'backup_bookable_id']).references(['organization_id', 'id']).inTable('bookables');
    t.index(['service_template_id', 'backup_key', 'created_at']);
    t.index(['backup_bookable_id', 'created_at']);
  });
  await knex.raw("ALTER TABLE booking_backups ADD CONSTRAINT booking_backups_status_check CHECK (status IN ('standby', 'activated', 'released'))");
  await knex.raw('ALTER TABLE provider_compensations DROP CONSTRAINT provider_compensations_reason_check');
  await knex.raw(
    "ALTER TABLE provider_compensations ADD CONSTRAINT provider_compensations_reason_check CHECK (reason IN ('client_cancelled', 'organization_cancelled', 'no_show', 'manual', 'backup_standby', 'backup_used'))",
  );
};

exports.down = async (knex) => {
  await knex('provider_compensations').whereIn('reason', ['backup_standby', 'backup_used']).delete();
  await knex.raw('ALTER TABLE provider_compensations DROP CONSTRAINT provider_compensations_reason_check');
  await knex.raw("ALTER TABLE provider_compensations ADD CONSTRAINT provider_compensations_reason_check CHECK (reason IN ('client_cancelled', 'organization_cancelled', 'no_show', 'manual'))");
  await knex.schema.dropTable('booking_backups');
};
