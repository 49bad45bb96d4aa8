import { assertNotBanned } from '../../src/domain/booking/no-show-ban';

const now = new Date('2030-03-04T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const rules = { maxNoShows: 3, banDays: 30 };
const details = (attempt: () => void) => {
  try {
    attempt();
    return null;
  } catch (error) {
    return { code: (error as { code: string }).code, ...(error as { details: object }).details };
  }
};

describe('assertNotBanned', () => {
  it('lets clients under the limit book', () => {
    expect(details(() => assertNotBanned([daysAgo(1), daysAgo(2)], rules, now))).toBeNull();
  });

  it('ignores no-shows older than the ban period', () => {
    expect(details(() => assertNotBanned([daysAgo(1), daysAgo(2), daysAgo(31)], rules, now))).toBeNull();
  });

  it('bans at the limit until enough no-shows age out', () => {
    expect(details(() => assertNotBanned([daysAgo(1), daysAgo(5), daysAgo(10)], rules, now))).toEqual({
      code: 'CLIENT_BANNED',
      noShows: 3,
      until: new Date(daysAgo(10).getTime() + 30 * 86_400_000).toISOString(),
    });
  });

  it('with more than the limit, lifts only when the count drops below it', () => {
    expect(details(() => assertNotBanned([daysAgo(1), daysAgo(3), daysAgo(5), daysAgo(20)], rules, now))).toMatchObject({
      noShows: 4,
      until: new Date(daysAgo(5).getTime() + 30 * 86_400_000).toISOString(),
    });
  });
});
