/**
 * `lifecycle.followUp.reviewRequestDelayHours` becomes `reviewRequestDelaySeconds` (like the other
 * lifecycle timers), in templates and in every stored template version.
 */
const toSeconds = (column) => `
  jsonb_set(${column} #- '{followUp,reviewRequestDelayHours}', '{followUp,reviewRequestDelaySeconds}',
            to_jsonb((${column} -> 'followUp' ->> 'reviewRequestDelayHours')::int * 3600))`;
const toHours = (column) => `
  jsonb_set(${column} #- '{followUp,reviewRequestDelaySeconds}', '{followUp,reviewRequestDelayHours}',
            to_jsonb((${column} -> 'followUp' ->> 'reviewRequestDelaySeconds')::int / 3600))`;

async function rewrite(knex, from, convert) {
  await knex.raw(`UPDATE service_templates SET lifecycle_config = ${convert('lifecycle_config')} WHERE lifecycle_config -> 'followUp' -> '${from}' IS NOT NULL`);
  await knex.raw(`UPDATE service_template_versions SET definition = jsonb_set(definition, '{lifecycle}', ${convert("definition -> 'lifecycle'")}) WHERE definition -> 'lifecycle' -> 'followUp' -> '${from}' IS NOT NULL`);
}

exports.up = (knex) => rewrite(knex, 'reviewRequestDelayHours', toSeconds);
exports.down = (knex) => rewrite(knex, 'reviewRequestDelaySeconds', toHours);
