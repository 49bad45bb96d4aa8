/** Tenants, who belongs to them in which role, and API keys for server-to-server clients. */
const roles = ['client', 'staff', 'provider', 'location_manager', 'manager', 'admin', 'owner'];

exports.up = async (knex) => {
  await knex.schema.createTable('organizations', (t) => {
    t.text('id').primary();
    t.text('slug').notNullable().unique();
    t.text('name').notNullable();
    t.text('type').notNullable();
    t.jsonb('features').notNullable().defaultTo('{}');
    t.jsonb('compliance').notNullable().defaultTo('{}');
    t.jsonb('auth_config').notNullable().defaultTo('{}');
    t.jsonb('config').notNullable().defaultTo('{}');
    t.text('created_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
  });
  await knex.raw(
    "ALTER TABLE organizations ADD CONSTRAINT organizations_type_check CHECK (type IN ('individual', 'small_business', 'enterprise', 'franchise'))",
  );

  await knex.schema.createTable('organization_memberships', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('user_id').notNullable().references('users.id');
    t.text('role').notNullable();
    t.specificType('location_ids', 'text[]');
    t.text('provider_id');
    t.text('status').notNullable().defaultTo('active');
    t.text('invited_by').references('users.id');
    t.timestamp('joined_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['organization_id', 'user_id']);
    t.index(['user_id']);
  });
  await knex.raw(
    `ALTER TABLE organization_memberships ADD CONSTRAINT organization_memberships_role_check CHECK (role IN (${roles.map((r) => `'${r}'`).join(', ')}))`,
  );
  await knex.raw(
    "ALTER TABLE organization_memberships ADD CONSTRAINT organization_memberships_status_check CHECK (status IN ('active', 'inactive', 'suspended'))",
  );

  await knex.schema.createTable('api_keys', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('name').notNullable();
    t.text('role').notNullable();
    t.text('key_prefix').notNullable();
    t.text('key_hash').notNullable().unique();
    t.text('created_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.index(['organization_id']);
  });
  await knex.raw(
    `ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN (${roles.filter((r) => r !== 'owner').map((r) => `'${r}'`).join(', ')}))`,
  );
};

exports.down = async (knex) => {
  await knex.schema.dropTable('api_keys');
  await knex.schema.dropTable('organization_memberships');
  await knex.schema.dropTable('organizations');
};
