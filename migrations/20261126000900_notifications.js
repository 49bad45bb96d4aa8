/**
 * The notification outbox: one row per message to one recipient on one channel. The unique dedupe key
 * makes enqueueing idempotent; `status` and `attempts` record delivery, `claimed_at` marks a row a
 * sender is working on so two senders never deliver it twice.
 */
exports.up = async (knex) => {
  await knex.schema.createTable('notifications', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('booking_id');
    t.text('reservation_id');
    t.text('kind').notNullable();
    t.text('channel').notNullable();
    t.text('recipient').notNullable();
    t.text('recipient_name');
    t.text('subject').notNullable();
    t.text('body').notNullable();
    t.text('status').notNullable().defaultTo('queued');
    t.text('transport');
    t.text('provider_message_id');
    t.text('error');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('dedupe_key').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('claimed_at', { useTz: true });
    t.timestamp('sent_at', { useTz: true });
    t.foreign(['organization_id', 'booking_id']).references(['organization_id', 'id']).inTable('bookings');
    t.foreign(['organization_id', 'reservation_id']).references(['organization_id', 'id']).inTable('reservations');
    t.unique(['organization_id', 'dedupe_key', 'channel', 'recipient']);
    t.index(['organization_id', 'booking_id', 'created_at']);
    t.index(['organization_id', 'created_at']);
  });
  await knex.raw("ALTER TABLE notifications ADD CONSTRAINT notifications_channel_check CHECK (channel IN ('email', 'sms'))");
  await knex.raw(
    "ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'skipped'))",
  );
};

exports.down = async (knex) => {
  await knex.schema.dropTable('notifications');
};
