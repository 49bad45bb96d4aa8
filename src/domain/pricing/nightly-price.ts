import { DomainError } from '../shared/errors';
import { shareOf } from '../shared/money';
import { formatMultiplier, formatPercent } from './adjustments';
import type { NightlyRateRules } from './pricing-rules';
import type { PricedNight, QuoteLine } from './quote-types';

const WEEKLY_NIGHTS = 7;
const MONTHLY_NIGHTS = 30;

/** One multiplier applied to one night: the line it belongs to and the change it made to that night. */
interface NightChange {
  code: string;
  description: string;
  delta: number;
}

/** The multipliers of one night, in order (weekday, specific date, calendar day), each on the price left by those before. */
function nightChanges(rules: NightlyRateRules, night: PricedNight): NightChange[] {
  const weekday = rules.weekdayMultipliers.find((rule) => rule.daysOfWeek.includes(night.localWeekday));
  const date = rules.specificDates.find((entry) => entry.date === night.localDate);
  const applied = [
    ...(weekday ? [{ code: 'weekday', description: `${weekday.daysOfWeek.join(', ')} nights ${formatMultiplier(weekday.multiplierBps)}`, multiplierBps: weekday.multiplierBps }] : []),
    ...(date ? [{ code: 'specific_date', description: `${date.reason} (${date.date}) ${formatMultiplier(date.multiplierBps)}`, multiplierBps: date.multiplierBps }] : []),
    { code: 'calendar_override', description: `Calendar date override ${formatMultiplier(night.calendarMultiplierBps)}`, multiplierBps: night.calendarMultiplierBps },
  ];
  let running = rules.rateAmount;
  return applied
    .filter((change) => change.multiplierBps !== 10_000)
    .map(({ code, description, multiplierBps }) => {
      const next = shareOf(running, multiplierBps);
      const delta = next - running;
      running = next;
      return { code, description, delta };
    });
}

/** Nights changed alike, as one line each: quantity nights × unitAmount per night (lines keep the order they first appear in). */
function groupedLines(changes: NightChange[]): QuoteLine[] {
  const lines = new Map<string, QuoteLine>();
  for (const { code, description, delta } of changes) {
    const key = `${code}\u0000${description}\u0000${delta}`;
    const line = lines.get(key) ?? { kind: 'adjustment', code, description, quantity: 0, unitAmount: delta, amount: 0 };
    line.quantity += 1;
    line.amount += delta;
    lines.set(key, line);
  }
  return [...lines.values()];
}

/** The weekly or, from 30 nights on, the monthly discount (never both) on what the nights cost. */
function lengthDiscount(rules: NightlyRateRules, nights: number, nightsAmount: number): QuoteLine[] {
  const monthly = nights >= MONTHLY_NIGHTS && rules.monthlyDiscountBps > 0;
  const weekly = !monthly && nights >= WEEKLY_NIGHTS && rules.weeklyDiscountBps > 0;
  if (!monthly && !weekly) return [];
  const [code, bps, label] = monthly ? ['monthly_discount', rules.monthlyDiscountBps, `${MONTHLY_NIGHTS}+`] : ['weekly_discount', rules.weeklyDiscountBps, `${WEEKLY_NIGHTS}+`];
  const amount = -shareOf(nightsAmount, bps);
  return [{ kind: 'discount', code, description: `${label} nights −${formatPercent(bps)}`, quantity: 1, unitAmount: amount, amount }];
}

function feeLine(code: string, description: string, amount: number): QuoteLine[] {
  return amount > 0 ? [{ kind: 'fee', code, description, quantity: 1, unitAmount: amount, amount }] : [];
}

/**
 * A stay's lines under the nightly model (semantics in price-quote.ts): the nights at the rate, the
 * nights' multipliers grouped, the length-of-stay discount, then the cleaning and service fees.
 */
export function nightlyLines(rules: NightlyRateRules, nights: readonly PricedNight[]): QuoteLine[] {
  if (nights.length === 0) throw new DomainError('VALIDATION_FAILED', 'A stay priced by the night names its nights.', { fields: [{ path: 'nights', message: 'required for a service priced by the night' }] });
  const count = nights.length;
  const base: QuoteLine = { kind: 'base', code: 'nightly', description: `${count} × nightly rate`, quantity: count, unitAmount: rules.rateAmount, amount: rules.rateAmount * count };
  const adjustments = groupedLines(nights.flatMap((night) => nightChanges(rules, night)));
  const nightsAmount = adjustments.reduce((sum, line) => sum + line.amount, base.amount);
  return [
    base,
    ...adjustments,
    ...lengthDiscount(rules, count, nightsAmount),
    ...feeLine('cleaning_fee', 'Cleaning fee', rules.cleaningFeeAmount),
    ...feeLine('service_fee', 'Service fee', rules.serviceFeeAmount),
  ];
}
