import { backupCovers, backupFee, backupRulesOf, hasNotice, chooseStandby, rankBackupCandidates, roleCompensationAmount, type BackupCandidate, type BackupRule, type BackupStrategy } from '../../src/domain/bookables/backups';

// Contract under test: a standby is one of the free candidates, chosen by the backup's strategy; over
// many bookings round robin and least-recently-used share the standbys evenly; the fee follows
// compensation.ifNotUsed / ifUsed.

const at = (iso: string) => new Date(iso);
const free = (bookableId: string, lastAssignedAt: string | null = null): BackupCandidate => ({ bookableId, free: true, lastAssignedAt: lastAssignedAt ? at(lastAssignedAt) : null });
const busy = (bookableId: string, lastAssignedAt: string | null = null): BackupCandidate => ({ ...free(bookableId, lastAssignedAt), free: false });

describe('rankBackupCandidates', () => {
  it.each<[string, BackupStrategy, BackupCandidate[], string | null, string[]]>([
    ['availability keeps priority order', 'availability', [free('a'), free('b'), free('c')], null, ['a', 'b', 'c']],
    ['availability skips the busy', 'availability', [busy('a'), free('b'), free('c')], null, ['b', 'c']],
    ['round robin starts at the first without history', 'round_robin', [free('a'), free('b'), free('c')], null, ['a', 'b', 'c']],
    ['round robin continues after the last standby', 'round_robin', [free('a'), free('b'), free('c')], 'b', ['c', 'a', 'b']],
    ['round robin wraps after the last candidate', 'round_robin', [free('a'), free('b'), free('c')], 'c', ['a', 'b', 'c']],
    ['round robin skips a busy next one', 'round_robin', [free('a'), free('b'), busy('c')], 'b', ['a', 'b']],
    ['round robin with an unknown previous starts at the top', 'round_robin', [free('a'), free('b')], 'gone', ['a', 'b']],
    ['lru: never assigned first, then oldest', 'least_recently_used', [free('a', '2030-01-03T00:00:00Z'), free('b', '2030-01-01T00:00:00Z'), free('c')], null, ['c', 'b', 'a']],
    ['lru: ties by priority', 'least_recently_used', [free('a', '2030-01-01T00:00:00Z'), free('b', '2030-01-01T00:00:00Z')], null, ['a', 'b']],
    ['lru skips the busy', 'least_recently_used', [free('a', '2030-01-03T00:00:00Z'), busy('b')], null, ['a']],
    ['nobody free', 'availability', [busy('a'), busy('b')], null, []],
  ])('%s', (_name, strategy, candidates, last, expected) => {
    expect(rankBackupCandidates(strategy, candidates, last)).toEqual(expected);
  });

  it('chooseStandby is the first of the ranking, or null', () => {
    expect(chooseStandby('round_robin', [free('a'), free('b')], 'a')).toBe('b');
    expect(chooseStandby('availability', [busy('a')])).toBeNull();
  });
});

describe('fairness over many bookings', () => {
  const ids = ['a', 'b', 'c', 'd'];

  it('round robin gives each candidate the same number of standbys, in turn', () => {
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    let last: string | null = null;
    const sequence: string[] = [];
    for (let round = 0; round < 400; round++) {
      last = chooseStandby('round_robin', ids.map((id) => free(id)), last)!;
      counts[last]! += 1;
      sequence.push(last);
    }
    expect(counts).toEqual({ a: 100, b: 100, c: 100, d: 100 });
    expect(sequence.slice(0, 6)).toEqual(['a', 'b', 'c', 'd', 'a', 'b']);
  });

  it('round robin stays even when someone is sometimes busy: nobody gets two turns in a row while others wait', () => {
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    let last: string | null = null;
    for (let round = 0; round < 400; round++) {
      const candidates = ids.map((id) => (round % 10 === 0 && id === 'b' ? busy(id) : free(id)));
      last = chooseStandby('round_robin', candidates, last)!;
      counts[last]! += 1;
    }
    const values = Object.values(counts);
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(40);
    expect(values.reduce((a, b) => a + b)).toBe(400);
  });

  it('least recently used rotates through everyone: after n rounds each candidate stood by once, and the spread never exceeds one', () => {
    const last: Record<string, Date | null> = { a: null, b: null, c: null, d: null };
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    for (let round = 0; round < 400; round++) {
      const chosen = chooseStandby('least_recently_used', ids.map((id) => ({ bookableId: id, free: true, lastAssignedAt: last[id]! })))!;
      counts[chosen]! += 1;
      last[chosen] = new Date(Date.UTC(2030, 0, 1) + round * 60_000);
      const values = Object.values(counts);
      expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
    }
    expect(counts).toEqual({ a: 100, b: 100, c: 100, d: 100 });
  });

  it('availability always asks the first free candidate (priority, not fairness)', () => {
    const chosen = Array.from({ length: 10 }, () => chooseStandby('availability', ids.map((id) => free(id))));
    expect(new Set(chosen)).toEqual(new Set(['a']));
  });
});

describe('backupCovers', () => {
  it.each([
    ['primary_unavailable', 'primary_cancelled', true],
    ['primary_unavailable', 'primary_no_show', true],
    ['primary_unavailable', 'primary_unavailable', true],
    ['primary_cancelled', 'primary_cancelled', true],
    ['primary_cancelled', 'primary_unavailable', false],
    ['primary_no_show', 'primary_cancelled', false],
  ] as const)('%s covers %s: %s', (configured, happened, expected) => {
    expect(backupCovers(configured, happened)).toBe(expected);
  });
});

describe('backupFee', () => {
  const rule = (changes: Partial<BackupRule['compensation']>): BackupRule['compensation'] => ({ ifNotUsed: 'none', ifUsed: 'standard', ...changes });

  it.each<[string, BackupRule['compensation'], 'standby' | 'used', number, number]>([
    ['unused, none', rule({ standbyFeeAmount: 2_000, usageFeeAmount: 8_000 }), 'standby', 5_000, 0],
    ['unused, partial: the standby fee', rule({ ifNotUsed: 'partial', standbyFeeAmount: 2_000, usageFeeAmount: 8_000 }), 'standby', 5_000, 2_000],
    ['unused, full: the usage fee', rule({ ifNotUsed: 'full', usageFeeAmount: 8_000 }), 'standby', 5_000, 8_000],
    ['unused, full without a usage fee: what the role pays', rule({ ifNotUsed: 'full' }), 'standby', 5_000, 5_000],
    ['used, standard', rule({ usageFeeAmount: 8_000 }), 'used', 5_000, 8_000],
    ['used, premium 125 %', rule({ ifUsed: 'premium', usageFeeAmount: 8_000 }), 'used', 5_000, 10_000],
    ['used, overtime 150 %', rule({ ifUsed: 'overtime', usageFeeAmount: 8_001 }), 'used', 5_000, 12_002],
    ['used without a usage fee: what the role pays', rule({}), 'used', 5_000, 5_000],
  ])('%s', (_name, compensation, outcome, roleAmount, expected) => {
    expect(backupFee(compensation, outcome, roleAmount).amount).toBe(expected);
  });

  it('names why', () => {
    expect(backupFee(rule({}), 'used', 0).reason).toBe('backup_used');
    expect(backupFee(rule({}), 'standby', 0).reason).toBe('backup_standby');
  });
});

describe('roleCompensationAmount', () => {
  const booking = { durationMinutes: 90, expectedAmount: 12_000 };
  it.each([
    [undefined, 0],
    [{ type: 'flat' as const, amount: 3_000 }, 3_000],
    [{ type: 'hourly' as const, amount: 4_000 }, 6_000],
    [{ type: 'percentage' as const, shareBps: 2_500 }, 3_000],
  ])('%j → %d', (rule, expected) => {
    expect(roleCompensationAmount(rule, booking)).toBe(expected);
  });
});

describe('backupRulesOf', () => {
  const required = [{ id: 'clinician', bookableType: 'provider', specificBookableId: 'bkb_primary' }];

  it('keeps backups named by id and by criteria, with the defaults a template leaves out', () => {
    const rules = backupRulesOf({
      required,
      backups: [
        { id: 'named', primaryRequirementId: 'clinician', backupBookableIds: ['bkb_a', 'bkb_b'] },
        { primaryRequirementId: 'clinician', criteria: { tags: ['cover'], certifications: ['BLS'] }, autoAssignStrategy: 'round_robin' },
      ],
    });
    expect(rules).toEqual([
      expect.objectContaining({ key: 'named', candidateIds: ['bkb_a', 'bkb_b'], criteria: null, strategy: 'availability', trigger: 'primary_unavailable', notifyBeforeHours: 24 }),
      expect.objectContaining({ key: 'backup-1', candidateIds: [], criteria: { tags: ['cover'], certifications: ['BLS'] }, strategy: 'round_robin' }),
    ]);
  });

  it('drops a backup of an unknown requirement or with no candidates at all', () => {
    expect(backupRulesOf({ required, backups: [{ primaryRequirementId: 'nobody', backupBookableIds: ['bkb_a'] }, { primaryRequirementId: 'clinician', backupBookableIds: [] }] })).toEqual([]);
  });
});

describe('hasNotice', () => {
  const start = at('2030-03-04T10:00:00Z');
  it.each<[number | undefined, string, 'primary_unavailable' | 'primary_cancelled' | 'primary_no_show', boolean]>([
    [24, '2030-03-03T10:00:00Z', 'primary_unavailable', true],
    [24, '2030-03-03T10:00:01Z', 'primary_unavailable', false],
    [24, '2030-03-03T12:00:00Z', 'primary_cancelled', false],
    [24, '2030-03-04T10:05:00Z', 'primary_no_show', true],
    [undefined, '2030-03-04T09:59:00Z', 'primary_unavailable', true],
    [0, '2030-03-04T10:01:00Z', 'primary_unavailable', false],
  ])('noticeHours %s, asked at %s for %s: %s', (noticeHours, asked, trigger, expected) => {
    expect(hasNotice({ noticeHours }, trigger, start, at(asked))).toBe(expected);
  });
});
