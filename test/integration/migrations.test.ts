import { createScratchDatabase } from '../../src/db/postgres-admin';
import { createKnex, migrateToLatest } from '../../src/db/knex';
import { bookingStatuses } from '../../src/domain/booking/booking-status';
import { organizationRoles } from '../../src/domain/auth/permissions';
import { reservationStatuses } from '../../src/domain/reservation/reservation-status';
import { testServiceAddresses } from '../support/test-services';

describe('migrations', () => {
  it('run up, all the way down, and up again on an empty database', async () => {
    const scratch = await createScratchDatabase({ serverUrl: testServiceAddresses().databaseUrl, prefix: 'bizing_migrations' });
    const db = createKnex(scratch.connectionString);
    try {
      const applied = await migrateToLatest(db);
      expect(applied.length).toBeGreaterThanOrEqual(6);
      await db.migrate.rollback(undefined, true);
      const left = await db.raw("select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name not like 'knex_%'");
      expect(left.rows[0].n).toBe(0);
      expect(await migrateToLatest(db)).toEqual(applied);
    } finally {
      await db.destroy();
      await scratch.drop();
    }
  });

  it('constrain statuses and roles to exactly the values the domain defines', async () => {
    const db = createKnex(testServiceAddresses().databaseUrl);
    try {
      const checkValues = async (constraint: string): Promise<string[]> => {
        const { rows } = await db.raw('select pg_get_constraintdef(oid) as def from pg_constraint where conname = ?', [constraint]);
        return [...String(rows[0].def).matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]!).sort();
      };
      expect(await checkValues('bookings_status_check')).toEqual([...bookingStatuses].sort());
      expect(await checkValues('reservations_status_check')).toEqual([...reservationStatuses].sort());
      expect(await checkValues('organization_memberships_role_check')).toEqual([...organizationRoles].sort());
    } finally {
      await db.destroy();
    }
  });

  it('refuse two overlapping allocations of one bookable at the database level (SQLSTATE 23P01)', async () => {
    const db = createKnex(testServiceAddresses().databaseUrl);
    try {
      await db.transaction(async (trx) => {
        await trx.raw("insert into users (id, name, email) values ('usr_mig', 'M', 'mig@example.com')");
        await trx.raw("insert into organizations (id, slug, name, type) values ('org_mig', 'mig', 'M', 'individual')");
        await trx.raw("insert into locations (id, organization_id, name, timezone) values ('loc_mig', 'org_mig', 'L', 'UTC')");
        await trx.raw("insert into bookables (id, organization_id, location_id, type, name) values ('bkb_mig', 'org_mig', 'loc_mig', 'provider', 'P')");
        const insert = (from: string, to: string) =>
          trx.raw("insert into allocations (organization_id, bookable_id, period, kind, booking_id) values ('org_mig', 'bkb_mig', tstzrange(?, ?, '[)'), 'booking', 'bk_x')", [from, to]);
        await insert('2030-01-01T09:00Z', '2030-01-01T10:00Z');
        await insert('2030-01-01T10:00Z', '2030-01-01T11:00Z');
        await expect(trx.raw('savepoint s').then(() => insert('2030-01-01T09:30Z', '2030-01-01T10:30Z'))).rejects.toMatchObject({ code: '23P01' });
        await trx.raw('rollback to savepoint s');
        await trx.rollback();
      }).catch((error) => {
        if (error !== undefined && !String(error).includes('Transaction rejected with non-error')) throw error;
      });
    } finally {
      await db.destroy();
    }
  });
});
