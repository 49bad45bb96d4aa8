/**
 * Configuration of spec §2–3: bookable kinds (assets, venues, virtual resources) beside providers
 * (class-table inheritance), categories, calendar overrides and blocked time, template versions,
 * and organization/location settings. Blocked time claims an allocation row like a booking does,
 * so the same exclusion constraint keeps bookings out of it.
 */
exports.up = async (knex) => {
  await knex.schema.alterTable('organizations', (t) => {
    t.text('deleted_by');
  });
  await knex.schema.alterTable('locations', (t) => {
    t.jsonb('service_area');
  });

  await knex.schema.createTable('bookable_categories', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('name').notNullable();
    t.text('parent_category_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['organization_id', 'id']);
    t.unique(['organization_id', 'name']);
    t.foreign(['organization_id', 'parent_category_id']).references(['organization_id', 'id']).inTable('bookable_categories');
  });

  await knex.schema.alterTable('bookables', (t) => {
    t.text('category_id');
    t.specificType('requires_bookable_ids', 'text[]').notNullable().defaultTo('{}');
    t.jsonb('images').notNullable().defaultTo('[]');
    t.foreign(['organization_id', 'category_id']).references(['organization_id', 'id']).inTable('bookable_categories');
    t.index(['organization_id', 'category_id']);
  });
  await knex.raw('CREATE INDEX bookables_tags_gin ON bookables USING gin (tags)');

  await knex.schema.alterTable('providers', (t) => {
    t.specificType('languages', 'text[]').notNullable().defaultTo('{}');
    t.jsonb('certifications').notNullable().defaultTo('[]');
    t.jsonb('background_check');
    t.jsonb('working_limits').notNullable().defaultTo('{}');
    t.specificType('can_work_at_location_ids', 'text[]');
    t.double('travel_radius_km');
    t.double('rating');
  });

  await knex.schema.createTable('assets', (t) => {
    t.text('bookable_id').primary().references('bookables.id').onDelete('CASCADE');
    t.text('asset_type').notNullable();
    t.jsonb('identifiers').notNullable().defaultTo('{}');
    t.jsonb('specifications').notNullable().defaultTo('{}');
    t.jsonb('dimensions');
    t.jsonb('maintenance');
    t.jsonb('usage').notNullable().defaultTo('{}');
    t.specificType('required_asset_ids', 'text[]').notNullable().defaultTo('{}');
    t.specificType('compatible_asset_ids', 'text[]').notNullable().defaultTo('{}');
    t.index(['asset_type']);
  });

  await knex.schema.createTable('venues', (t) => {
    t.text('bookable_id').primary().references('bookables.id').onDelete('CASCADE');
    t.jsonb('capacity').notNullable();
    t.double('square_meters');
    t.text('layout');
    t.text('floor_plan_url');
    t.specificType('amenities', 'text[]').notNullable().defaultTo('{}');
    t.text('parent_venue_id').references('venues.bookable_id');
    t.integer('simultaneous_bookings').notNullable().defaultTo(1);
    t.integer('setup_minutes').notNullable().defaultTo(0);
    t.integer('teardown_minutes').notNullable().defaultTo(0);
    t.index(['parent_venue_id']);
  });
  await knex.raw('ALTER TABLE venues ADD CONSTRAINT venues_simultaneous_check CHECK (simultaneous_bookings >= 1)');

  await knex.schema.createTable('virtual_resources', (t) => {
    t.text('bookable_id').primary().references('bookables.id').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.text('provider');
    t.jsonb('connection');
    t.jsonb('license_pool');
    t.jsonb('auto_provisioning');
    t.jsonb('recording');
  });

  await knex.schema.alterTable('calendars', (t) => {
    t.jsonb('pattern').notNullable().defaultTo('{}');
    t.jsonb('cascading_config');
  });

  await knex.schema.createTable('calendar_overrides', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable();
    t.text('calendar_id').notNullable();
    t.date('date').notNullable();
    t.text('kind').notNullable();
    t.jsonb('ranges').notNullable().defaultTo('[]');
    t.integer('pricing_multiplier_bps');
    t.boolean('recurring_yearly').notNullable().defaultTo(false);
    t.text('reason');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.foreign(['organization_id', 'calendar_id']).references(['organization_id', 'id']).inTable('calendars');
    t.unique(['calendar_id', 'date', 'recurring_yearly']);
  });
  await knex.raw("ALTER TABLE calendar_overrides ADD CONSTRAINT calendar_overrides_kind_check CHECK (kind IN ('closed', 'modified_hours', 'special_hours', 'holiday_pricing'))");

  await knex.schema.createTable('calendar_blocks', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable();
    t.text('calendar_id').notNullable();
    t.text('bookable_id');
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    t.text('type').notNullable();
    t.text('reason');
    t.boolean('paid_time_off').notNullable().defaultTo(false);
    t.jsonb('override_rules');
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.foreign(['organization_id', 'calendar_id']).references(['organization_id', 'id']).inTable('calendars');
    t.index(['calendar_id', 'starts_at']);
  });
  await knex.raw('ALTER TABLE calendar_blocks ADD CONSTRAINT calendar_blocks_time_check CHECK (ends_at > starts_at)');

  await knex.schema.alterTable('allocations', (t) => {
    t.text('block_id');
    t.index(['block_id']);
  });
  await knex.raw('ALTER TABLE allocations DROP CONSTRAINT allocations_kind_check');
  await knex.raw("ALTER TABLE allocations ADD CONSTRAINT allocations_kind_check CHECK (kind IN ('hold', 'booking', 'block'))");

  await knex.schema.alterTable('service_templates', (t) => {
    t.text('description');
    t.text('category_id');
    t.specificType('tags', 'text[]').notNullable().defaultTo('{}');
    t.jsonb('images').notNullable().defaultTo('[]');
    t.text('updated_by');
    t.text('deleted_by');
  });
  await knex.schema.createTable('service_template_versions', (t) => {
    t.text('service_template_id').notNullable().references('service_templates.id');
    t.integer('version').notNullable();
    t.text('organization_id').notNullable();
    t.jsonb('definition').notNullable();
    t.text('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['service_template_id', 'version']);
  });
};

exports.down = async (knex) => {
  await knex.schema.dropTable('service_template_versions');
  await knex.schema.alterTable('service_templates', (t) => {
    t.dropColumns('description', 'category_id', 'tags', 'images', 'updated_by', 'deleted_by');
  });
  await knex('allocations').where('kind', 'block').delete();
  await knex.raw('ALTER TABLE allocations DROP CONSTRAINT allocations_kind_check');
  await knex.raw("ALTER TABLE allocations ADD CONSTRAINT allocations_kind_check CHECK (kind IN ('hold', 'booking'))");
  await knex.schema.alterTable('allocations', (t) => {
    t.dropColumn('block_id');
  });
  await knex.schema.dropTable('calendar_blocks');
  await knex.schema.dropTable('calendar_overrides');
  await knex.schema.alterTable('calendars', (t) => {
    t.dropColumns('pattern', 'cascading_config');
  });
  await knex.schema.dropTable('virtual_resources');
  await knex.schema.dropTable('venues');
  await knex.schema.dropTable('assets');
  await knex.schema.alterTable('providers', (t) => {
    t.dropColumns('languages', 'certifications', 'background_check', 'working_limits', 'can_work_at_location_ids', 'travel_radius_km', 'rating');
  });
  await knex.raw('DROP INDEX bookables_tags_gin');
  await knex.schema.alterTable('bookables', (t) => {
    t.dropForeign(['organization_id', 'category_id']);
    t.dropColumns('category_id', 'requires_bookable_ids', 'images');
  });
  await knex.schema.dropTable('bookable_categories');
  await knex.schema.alterTable('locations', (t) => {
    t.dropColumn('service_area');
  });
  await knex.schema.alterTable('organizations', (t) => {
    t.dropColumn('deleted_by');
  });
};
