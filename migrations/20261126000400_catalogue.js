/**
 * What can be booked: locations, bookables (one polymorphic table plus a table per kind, spec §8),
 * their calendars, and service templates. Composite foreign keys on (organization_id, id) make it
 * impossible for a row to point at another organization's row.
 */
exports.up = async (knex) => {
  await knex.schema.createTable('locations', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('parent_location_id');
    t.text('name').notNullable();
    t.text('type').notNullable().defaultTo('physical');
    t.text('timezone').notNullable();
    t.text('locale').notNullable().defaultTo('en-US');
    t.jsonb('address');
    t.jsonb('config').notNullable().defaultTo('{}');
    t.jsonb('operating_hours');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
    t.unique(['organization_id', 'id']);
    t.foreign(['organization_id', 'parent_location_id']).references(['organization_id', 'id']).inTable('locations');
  });
  await knex.raw("ALTER TABLE locations ADD CONSTRAINT locations_type_check CHECK (type IN ('physical', 'virtual', 'mobile'))");

  await knex.schema.createTable('bookables', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('location_id').notNullable();
    t.text('type').notNullable();
    t.text('name').notNullable();
    t.text('description');
    t.specificType('tags', 'text[]').notNullable().defaultTo('{}');
    t.text('status').notNullable().defaultTo('active');
    t.jsonb('settings').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
    t.text('deleted_by');
    t.text('deletion_reason');
    t.unique(['organization_id', 'id']);
    t.foreign(['organization_id', 'location_id']).references(['organization_id', 'id']).inTable('locations');
    t.index(['organization_id', 'type']);
  });
  await knex.raw("ALTER TABLE bookables ADD CONSTRAINT bookables_type_check CHECK (type IN ('provider', 'asset', 'venue', 'virtual_resource'))");
  await knex.raw("ALTER TABLE bookables ADD CONSTRAINT bookables_status_check CHECK (status IN ('active', 'inactive', 'maintenance'))");

  await knex.schema.createTable('providers', (t) => {
    t.text('bookable_id').primary().references('bookables.id').onDelete('CASCADE');
    t.text('user_id').references('users.id');
    t.text('email');
    t.text('phone');
    t.text('bio');
    t.specificType('specialties', 'text[]').notNullable().defaultTo('{}');
  });

  await knex.schema.createTable('calendars', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('location_id');
    t.text('bookable_id').unique();
    t.text('name').notNullable();
    t.text('timezone').notNullable();
    t.jsonb('weekly_schedule').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['organization_id', 'id']);
    t.foreign(['organization_id', 'location_id']).references(['organization_id', 'id']).inTable('locations');
    t.foreign(['organization_id', 'bookable_id']).references(['organization_id', 'id']).inTable('bookables');
  });

  await knex.schema.createTable('service_templates', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('location_id');
    t.text('name').notNullable();
    t.text('slug').notNullable();
    t.text('type').notNullable();
    t.text('status').notNullable().defaultTo('active');
    t.integer('version').notNullable().defaultTo(1);
    t.jsonb('duration_config').notNullable();
    t.jsonb('bookables_config').notNullable().defaultTo('{}');
    t.jsonb('capacity_config').notNullable().defaultTo('{}');
    t.jsonb('pricing_config').notNullable().defaultTo('{}');
    t.jsonb('scheduling_config').notNullable().defaultTo('{}');
    t.jsonb('cancellation_config').notNullable().defaultTo('{}');
    t.jsonb('lifecycle_config').notNullable().defaultTo('{}');
    t.jsonb('workflow_config').notNullable().defaultTo('{}');
    t.text('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
    t.unique(['organization_id', 'id']);
    t.unique(['organization_id', 'slug']);
    t.foreign(['organization_id', 'location_id']).references(['organization_id', 'id']).inTable('locations');
  });
  await knex.raw(
    "ALTER TABLE service_templates ADD CONSTRAINT service_templates_type_check CHECK (type IN ('appointment', 'class', 'rental', 'event', 'multi_day', 'virtual'))",
  );
  await knex.raw(
    "ALTER TABLE service_templates ADD CONSTRAINT service_templates_status_check CHECK (status IN ('draft', 'active', 'paused', 'archived'))",
  );
};

exports.down = async (knex) => {
  await knex.schema.dropTable('service_templates');
  await knex.schema.dropTable('calendars');
  await knex.schema.dropTable('providers');
  await knex.schema.dropTable('bookables');
  await knex.schema.dropTable('locations');
};
