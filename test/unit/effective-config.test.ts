import { resolveEffectiveConfig } from '../../src/domain/configuration/effective-config';

describe('resolveEffectiveConfig: organization defaults, then ancestors, then the location', () => {
  const organization = {
    source: 'organization',
    config: { currency: 'EUR', booking: { holdDurationSeconds: 900, maxAdvanceDays: 90 }, reminders: { hoursBefore: [24, 2] } },
  };
  const region = { source: 'location:loc_region', config: { booking: { maxAdvanceDays: 30 } } };
  const clinic = { source: 'location:loc_clinic', config: { reminders: { hoursBefore: [48] }, locale: 'de-DE' } };

  it('takes the most specific value for each leaf and says where it came from', () => {
    const effective = resolveEffectiveConfig([organization, region, clinic]);
    expect(effective.values).toEqual({
      currency: 'EUR',
      booking: { holdDurationSeconds: 900, maxAdvanceDays: 30 },
      reminders: { hoursBefore: [48] },
      locale: 'de-DE',
    });
    expect(effective.sources).toEqual({
      currency: 'organization',
      'booking.holdDurationSeconds': 'organization',
      'booking.maxAdvanceDays': 'location:loc_region',
      'reminders.hoursBefore': 'location:loc_clinic',
      locale: 'location:loc_clinic',
    });
  });

  it('replaces arrays whole instead of merging them', () => {
    expect(resolveEffectiveConfig([organization, clinic]).values.reminders).toEqual({ hoursBefore: [48] });
  });

  it('lets an object replace a scalar and a scalar replace an object, keeping sources consistent', () => {
    const effective = resolveEffectiveConfig([
      { source: 'organization', config: { branding: 'plain', booking: { limits: { perDay: 5 } } } },
      { source: 'location:loc_a', config: { branding: { color: '#003366' }, booking: { limits: 'none' } } },
    ]);
    expect(effective.values).toEqual({ branding: { color: '#003366' }, booking: { limits: 'none' } });
    expect(effective.sources).toEqual({ 'branding.color': 'location:loc_a', 'booking.limits': 'location:loc_a' });
  });

  it('returns the organization defaults untouched when no location overrides anything', () => {
    const effective = resolveEffectiveConfig([organization, { source: 'location:loc_x', config: {} }]);
    expect(effective.values).toEqual(organization.config);
    expect(new Set(Object.values(effective.sources))).toEqual(new Set(['organization']));
  });
});
