/**
 * Domain events and what reacts to them: the event log (written in the same transaction as the change
 * it reports, so an event is never lost or invented), webhook subscriptions with their deliveries and
 * every delivery attempt, organization event handlers with a record of each run, and scheduled
 * automation rules.
 */
exports.up = async (knex) => {
  await knex.schema.createTable('domain_events', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('type').notNullable();
    t.text('booking_id');
    t.text('reservation_id');
    t.text('location_id');
    t.text('service_template_id');
    t.text('status');
    t.jsonb('data').notNullable();
    t.text('dedupe_key').notNullable();
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.timestamp('dispatched_at', { useTz: true });
    t.unique(['organization_id', 'dedupe_key']);
    t.index(['organization_id', 'occurred_at']);
    t.index(['booking_id']);
  });
  await knex.raw('CREATE INDEX domain_events_undispatched ON domain_events (organization_id, occurred_at) WHERE dispatched_at IS NULL');

  await knex.schema.createTable('webhook_subscriptions', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('url').notNullable();
    t.text('method').notNullable().defaultTo('POST');
    t.jsonb('headers').notNullable().defaultTo('{}');
    t.specificType('events', 'text[]').notNullable();
    t.jsonb('filter').notNullable().defaultTo('{}');
    t.jsonb('retry_config').notNullable();
    t.text('secret').notNullable();
    t.text('previous_secret');
    t.timestamp('previous_secret_expires_at', { useTz: true });
    t.boolean('enabled').notNullable().defaultTo(true);
    t.text('disabled_reason');
    t.text('description');
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
    t.unique(['organization_id', 'id']);
    t.index(['organization_id']);
  });
  await knex.raw("ALTER TABLE webhook_subscriptions ADD CONSTRAINT webhook_subscriptions_method_check CHECK (method IN ('POST', 'PUT', 'PATCH'))");

  await knex.schema.createTable('webhook_deliveries', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable();
    t.text('subscription_id').notNullable();
    t.text('event_id').notNullable().references('domain_events.id');
    t.text('status').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.integer('runs').notNullable().defaultTo(1);
    t.integer('last_status_code');
    t.text('last_error');
    t.timestamp('next_attempt_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('delivered_at', { useTz: true });
    t.foreign(['organization_id', 'subscription_id']).references(['organization_id', 'id']).inTable('webhook_subscriptions');
    t.unique(['subscription_id', 'event_id']);
    t.index(['subscription_id', 'created_at']);
  });
  await knex.raw(
    "ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_status_check CHECK (status IN ('pending', 'retrying', 'succeeded', 'gone', 'dead', 'refused'))",
  );

  await knex.schema.createTable('webhook_delivery_attempts', (t) => {
    t.bigIncrements('id').primary();
    t.text('delivery_id').notNullable().references('webhook_deliveries.id');
    t.integer('attempt').notNullable();
    t.text('dedupe_key').notNullable().unique();
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.integer('status_code');
    t.integer('latency_ms');
    t.text('error');
    t.text('response_excerpt');
    t.index(['delivery_id', 'attempt']);
  });

  await knex.schema.createTable('event_handlers', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.jsonb('definition').notNullable();
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
    t.index(['organization_id']);
  });

  await knex.schema.createTable('event_handler_runs', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('event_id').references('domain_events.id');
    t.text('automation_rule_id');
    t.text('handler_key').notNullable();
    t.text('booking_id');
    t.text('workflow_id').notNullable().unique();
    t.text('status').notNullable().defaultTo('scheduled');
    t.jsonb('definition').notNullable();
    t.jsonb('results').notNullable().defaultTo('[]');
    t.text('error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
    t.index(['organization_id', 'created_at']);
    t.index(['event_id']);
  });

  await knex.schema.createTable('automation_rules', (t) => {
    t.text('id').primary();
    t.text('organization_id').notNullable().references('organizations.id');
    t.jsonb('definition').notNullable();
    t.text('timezone').notNullable();
    t.text('schedule_id').notNullable().unique();
    t.boolean('enabled').notNullable().defaultTo(true);
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
    t.index(['organization_id']);
  });
};

exports.down = async (knex) => {
  for (const table of ['automation_rules', 'event_handler_runs', 'event_handlers', 'webhook_delivery_attempts', 'webhook_deliveries', 'webhook_subscriptions', 'domain_events']) {
    await knex.schema.dropTable(table);
  }
};
