/**
 * Remembered responses to mutating requests that carried an Idempotency-Key, so a retry gets the
 * same answer instead of doing the work twice.
 */
exports.up = async (knex) => {
  await knex.schema.createTable('idempotency_keys', (t) => {
    t.bigIncrements('id').primary();
    t.text('principal').notNullable();
    t.text('key').notNullable();
    t.text('method').notNullable();
    t.text('path').notNullable();
    t.text('request_hash').notNullable();
    t.text('state').notNullable();
    t.integer('response_status');
    t.jsonb('response_body');
    t.timestamp('locked_until', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['principal', 'key']);
    t.index(['created_at']);
  });
  await knex.raw("ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_state_check CHECK (state IN ('in_progress', 'completed'))");
};

exports.down = async (knex) => {
  await knex.schema.dropTable('idempotency_keys');
};
