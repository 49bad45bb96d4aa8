import { DomainError } from '../shared/errors';
import { prorate } from '../shared/money';
import type { PriceTier, PricingRules } from './pricing-rules';
import type { QuoteLine } from './quote-types';

/** What the base price reads besides the rules. */
export interface BasePriceContext {
  durationMinutes: number;
  participants: number;
  quantity: number;
}

/** The model's own block, which the schema guarantees; a programming error when it is missing. */
function configured<T>(block: T | undefined, key: string): T {
  if (block === undefined) throw new RangeError(`pricing.${key} is missing for its model`);
  return block;
}

function baseLine(code: string, description: string, quantity: number, unitAmount: number, amount: number): QuoteLine {
  return { kind: 'base', code, description, quantity, unitAmount, amount };
}

/** Minutes billed: the duration, at least the minimum charge, rounded up to a whole number of increments. */
function billedMinutes(durationMinutes: number, minChargeMinutes: number | undefined, incrementMinutes: number): number {
  const minutes = Math.max(durationMinutes, minChargeMinutes ?? 0);
  return Math.ceil(minutes / incrementMinutes) * incrementMinutes;
}

/** The tier whose [minQuantity, maxQuantity] contains `quantity`; refused when none does. */
function tierFor(tiers: PriceTier[], quantity: number): PriceTier {
  const tier = tiers.find((t) => t.minQuantity <= quantity && (t.maxQuantity === undefined || quantity <= t.maxQuantity));
  if (!tier) throw new DomainError('VALIDATION_FAILED', 'No price tier covers this quantity.', { fields: [{ path: 'quantity', message: `no tier covers ${quantity}` }] });
  return tier;
}

function perPersonLine(price: NonNullable<PricingRules['perPersonPrice']>, participants: number): QuoteLine {
  const unclamped = price.amount * participants;
  const floor = price.minChargeAmount ?? 0;
  const ceiling = price.maxChargeAmount ?? Infinity;
  const amount = Math.min(Math.max(unclamped, floor), ceiling);
  const clamp = amount > unclamped ? ' (minimum charge)' : amount < unclamped ? ' (maximum charge)' : '';
  return baseLine('per_person', `${participants} × per person${clamp}`, participants, price.amount, amount);
}

/** The base price of the template's model, before any adjustment (semantics in price-quote.ts). */
export function basePriceLine(rules: PricingRules, { durationMinutes, participants, quantity }: BasePriceContext): QuoteLine {
  switch (rules.model) {
    case 'free':
      return baseLine('free', 'Free', 1, 0, 0);
    case 'fixed': {
      const { amount } = configured(rules.fixedPrice, 'fixedPrice');
      return baseLine('fixed', 'Fixed price', 1, amount, amount);
    }
    case 'hourly': {
      const { rateAmount, minChargeMinutes, incrementMinutes } = configured(rules.hourlyRate, 'hourlyRate');
      const minutes = billedMinutes(durationMinutes, minChargeMinutes, incrementMinutes);
      return baseLine('hourly', `${minutes} min billed at the hourly rate`, minutes, rateAmount, prorate(rateAmount, minutes, 60));
    }
    case 'per_person':
      return perPersonLine(configured(rules.perPersonPrice, 'perPersonPrice'), participants);
    case 'tiered': {
      const tier = tierFor(configured(rules.tieredPricing, 'tieredPricing').tiers, quantity);
      const range = `${tier.minQuantity}–${tier.maxQuantity ?? '…'}`;
      return baseLine('tier', `${quantity} units at the ${range} tier price`, quantity, tier.pricePerUnitAmount, tier.pricePerUnitAmount * quantity);
    }
    case 'dynamic': {
      const { basePriceAmount } = configured(rules.dynamicPricing, 'dynamicPricing');
      return baseLine('dynamic', 'Base price', 1, basePriceAmount, basePriceAmount);
    }
    case 'nightly':
      // A stay has a line per kind of night, not one base line: nightly-price.ts prices it.
      throw new RangeError('the nightly model is priced by nightlyLines');
  }
}
