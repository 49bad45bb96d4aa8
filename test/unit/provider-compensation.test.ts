import { compensationForCancellation, compensationForNoShow, type ProviderCompensationRules } from '../../src/domain/compensation/provider-compensation';

const rules: ProviderCompensationRules = {
  whenClientCancels: { tiers: [{ minHoursBefore: 48, compensationBps: 0 }, { minHoursBefore: 24, compensationBps: 2_500 }, { minHoursBefore: 0, compensationBps: 5_000 }] },
  whenOrganizationCancels: { fullCompensation: false, partialCompensationBps: 7_500 },
  noShowBps: 6_000,
};

describe('what a provider is owed when a booking falls through', () => {
  it.each([
    ['the client, 72 hours before (no compensation tier)', 'client', 72, null],
    ['the client, exactly 48 hours before', 'client', 48, null],
    ['the client, 30 hours before', 'client', 30, { reason: 'client_cancelled', bps: 2_500, amount: 2_501 }],
    ['the client, 2 hours before', 'client', 2, { reason: 'client_cancelled', bps: 5_000, amount: 5_002 }],
    ['the organization', 'organization', 100, { reason: 'organization_cancelled', bps: 7_500, amount: 7_503 }],
    ['the system', 'system', 1, { reason: 'organization_cancelled', bps: 7_500, amount: 7_503 }],
    ['the provider themselves', 'provider', 1, null],
  ] as const)('cancelled by %s', (_label, party, hours, expected) => {
    expect(compensationForCancellation({ party, hoursBeforeStart: hours, expectedAmount: 10_004, rules })).toEqual(expected);
  });

  it('full compensation when the organization cancels and the rule says so; nothing for a free booking', () => {
    const full = { ...rules, whenOrganizationCancels: { fullCompensation: true } };
    expect(compensationForCancellation({ party: 'organization', hoursBeforeStart: 5, expectedAmount: 8_000, rules: full })).toEqual({ reason: 'organization_cancelled', bps: 10_000, amount: 8_000 });
    expect(compensationForCancellation({ party: 'organization', hoursBeforeStart: 5, expectedAmount: 0, rules: full })).toBeNull();
  });

  it('a no-show pays the provider its configured share', () => {
    expect(compensationForNoShow(10_000, rules)).toEqual({ reason: 'no_show', bps: 6_000, amount: 6_000 });
    expect(compensationForNoShow(10_000, { ...rules, noShowBps: 0 })).toBeNull();
  });
});
