/** btree_gist lets one exclusion constraint combine equality on ids with overlap on time ranges. */
exports.up = async (knex) => {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS btree_gist');
};

exports.down = async (knex) => {
  await knex.raw('DROP EXTENSION IF EXISTS btree_gist');
};
