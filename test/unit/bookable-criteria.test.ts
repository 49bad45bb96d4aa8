import { explainMismatch, matchesCriteria, type BookableCriteria, type BookableFacts } from '../../src/domain/bookables/bookable-criteria';

// Contract under test: categories any-of, tags all-of, certifications all-of (present, verified and
// valid on the day, both ends inclusive), rating at least the minimum, only active bookables match.

const on = '2030-01-31';

const nurse: BookableFacts = {
  type: 'provider',
  categoryId: 'cat_nurse',
  tags: ['senior', 'spanish'],
  certifications: [
    { name: 'BLS', expiresOn: '2030-01-31', verified: true },
    { name: 'ACLS', expiresOn: null, verified: true },
    { name: 'PALS', expiresOn: '2031-01-01', verified: false },
  ],
  rating: 4.5,
  status: 'active',
};

const withFacts = (changes: Partial<BookableFacts>): BookableFacts => ({ ...nurse, ...changes });
const withCerts = (...certifications: BookableFacts['certifications']) => withFacts({ certifications });

describe('explainMismatch and matchesCriteria', () => {
  it.each<[string, BookableFacts, BookableCriteria, string[]]>([
    // Nothing asked
    ['no criteria', nurse, {}, []],
    ['empty lists ask nothing', nurse, { categoryIds: [], tags: [], certifications: [] }, []],
    // Status
    ['inactive never matches', withFacts({ status: 'inactive' }), {}, ['status is inactive']],
    ['in maintenance never matches', withFacts({ status: 'maintenance' }), {}, ['status is maintenance']],
    // Type
    ['type matches', nurse, { type: 'provider' }, []],
    ['type differs', nurse, { type: 'venue' }, ['type is provider, not venue']],
    // Category: any of
    ['category among several', nurse, { categoryIds: ['cat_doctor', 'cat_nurse'] }, []],
    ['category not among them', nurse, { categoryIds: ['cat_doctor'] }, ['category cat_nurse not among cat_doctor']],
    ['no category when one is asked for', withFacts({ categoryId: null }), { categoryIds: ['cat_nurse'] }, ['no category']],
    // Tags: all of
    ['all tags present', nurse, { tags: ['senior', 'spanish'] }, []],
    ['one tag missing', nurse, { tags: ['senior', 'french'] }, ['tag french missing']],
    ['tags are case-sensitive', nurse, { tags: ['Senior'] }, ['tag Senior missing']],
    ['a repeated tag is reported once', nurse, { tags: ['x', 'x'] }, ['tag x missing']],
    // Certifications
    ['valid on its expiry day', nurse, { certifications: ['BLS'] }, []],
    ['without expiry', nurse, { certifications: ['ACLS'] }, []],
    ['expired the day before', withCerts({ name: 'BLS', expiresOn: '2030-01-30', verified: true }), { certifications: ['BLS'] }, ['certification BLS expired on 2030-01-30']],
    ['present but not verified', nurse, { certifications: ['PALS'] }, ['certification PALS not verified']],
    ['missing', nurse, { certifications: ['NRP'] }, ['certification NRP missing']],
    ['names are exact', nurse, { certifications: ['bls'] }, ['certification bls missing']],
    [
      'a renewed copy counts when the old one expired',
      withCerts({ name: 'BLS', expiresOn: '2029-01-31', verified: true }, { name: 'BLS', expiresOn: '2032-01-31', verified: true }),
      { certifications: ['BLS'] },
      [],
    ],
    [
      'an unverified renewal does not save an expired one',
      withCerts({ name: 'BLS', expiresOn: '2029-01-31', verified: true }, { name: 'BLS', expiresOn: '2032-01-31', verified: false }),
      { certifications: ['BLS'] },
      ['certification BLS expired on 2029-01-31'],
    ],
    [
      'of several expired copies, the latest expiry is named',
      withCerts({ name: 'BLS', expiresOn: '2029-06-30', verified: true }, { name: 'BLS', expiresOn: '2028-01-31', verified: true }),
      { certifications: ['BLS'] },
      ['certification BLS expired on 2029-06-30'],
    ],
    ['valid from its issue day', withCerts({ name: 'BLS', issuedOn: on, verified: true }), { certifications: ['BLS'] }, []],
    ['issued after the day', withCerts({ name: 'BLS', issuedOn: '2030-02-01', verified: true }), { certifications: ['BLS'] }, ['certification BLS not valid until 2030-02-01']],
    ['every required certification is checked', nurse, { certifications: ['BLS', 'PALS', 'NRP'] }, ['certification PALS not verified', 'certification NRP missing']],
    // Rating
    ['rating equal to the minimum', nurse, { minRating: 4.5 }, []],
    ['rating below the minimum', nurse, { minRating: 4.6 }, ['rating 4.5 below 4.6']],
    ['unrated fails a minimum', withFacts({ rating: null }), { minRating: 0 }, ['no rating (minimum 0)']],
    ['unrated is fine without a minimum', withFacts({ rating: undefined }), {}, []],
    // Everything at once, in the documented order
    [
      'all reasons, in order',
      withFacts({ status: 'inactive', categoryId: null, rating: 3 }),
      { type: 'asset', categoryIds: ['cat_nurse'], tags: ['x'], certifications: ['NRP'], minRating: 4 },
      ['status is inactive', 'type is provider, not asset', 'no category', 'tag x missing', 'certification NRP missing', 'rating 3 below 4'],
    ],
  ])('%s', (_name, facts, criteria, reasons) => {
    expect(explainMismatch(facts, criteria, on)).toEqual(reasons);
    expect(matchesCriteria(facts, criteria, on)).toBe(reasons.length === 0);
  });

  it('the day decides: the same certification matches before expiry and not after', () => {
    const facts = withCerts({ name: 'BLS', expiresOn: '2030-01-31', verified: true });
    expect(matchesCriteria(facts, { certifications: ['BLS'] }, '2030-01-31')).toBe(true);
    expect(matchesCriteria(facts, { certifications: ['BLS'] }, '2030-02-01')).toBe(false);
  });

  it.each(['2030-1-31', '2030-01-31T00:00:00Z', ''])('refuses a day that is not YYYY-MM-DD: %p', (day) => {
    expect(() => matchesCriteria(nurse, {}, day)).toThrow(RangeError);
  });
});
