/**
 * The price a client accepted: the quote (line by line, with tax and deposit) is kept with the hold and
 * copied to the booking it becomes, so later changes to the template's pricing never change it.
 */
exports.up = async (knex) => {
  for (const table of ['reservations', 'bookings']) {
    await knex.schema.alterTable(table, (t) => {
      t.jsonb('price_quote');
    });
  }
};

exports.down = async (knex) => {
  for (const table of ['reservations', 'bookings']) {
    await knex.schema.alterTable(table, (t) => {
      t.dropColumn('price_quote');
    });
  }
};
