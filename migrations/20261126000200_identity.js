/**
 * Identity tables used by better-auth (users, sessions, accounts, verifications), in snake_case.
 * better-auth is configured with the same names; this migration, not better-auth, owns the schema.
 */
exports.up = async (knex) => {
  await knex.schema.createTable('users', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('email').notNullable().unique();
    t.boolean('email_verified').notNullable().defaultTo(false);
    t.text('image');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('sessions', (t) => {
    t.text('id').primary();
    t.text('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('token').notNullable().unique();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.text('ip_address');
    t.text('user_agent');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id']);
  });
  await knex.schema.createTable('accounts', (t) => {
    t.text('id').primary();
    t.text('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('account_id').notNullable();
    t.text('provider_id').notNullable();
    t.text('access_token');
    t.text('refresh_token');
    t.text('id_token');
    t.timestamp('access_token_expires_at', { useTz: true });
    t.timestamp('refresh_token_expires_at', { useTz: true });
    t.text('scope');
    t.text('password');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id']);
  });
  await knex.schema.createTable('verifications', (t) => {
    t.text('id').primary();
    t.text('identifier').notNullable();
    t.text('value').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['identifier']);
  });
};

exports.down = async (knex) => {
  await knex.schema.dropTable('verifications');
  await knex.schema.dropTable('accounts');
  await knex.schema.dropTable('sessions');
  await knex.schema.dropTable('users');
};
