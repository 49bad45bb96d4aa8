import { DomainError } from '../shared/errors';
import type { UpsellOffer } from './pricing-rules';
import type { QuoteLine } from './quote-types';

/** One upsell the client orders with the booking. */
export interface UpsellOrder {
  id: string;
  quantity: number;
}

interface FieldIssue {
  path: string;
  message: string;
}

function issuesOf(order: UpsellOrder, index: number, offer: UpsellOffer, orderedIds: string[], stock: Record<string, number>): FieldIssue[] {
  const at = `upsells.${index}`;
  const issues: FieldIssue[] = [];
  if (orderedIds.indexOf(order.id) !== index) issues.push({ path: `${at}.id`, message: `"${order.id}" is ordered more than once` });
  const max = offer.maxQuantity;
  if (!Number.isInteger(order.quantity) || order.quantity < 1 || (max !== undefined && order.quantity > max)) {
    issues.push({ path: `${at}.quantity`, message: max === undefined ? 'must be a whole number of at least 1' : `must be a whole number from 1 to ${max}` });
  }
  for (const required of offer.requiresOtherUpsell ?? []) {
    if (!orderedIds.includes(required)) issues.push({ path: `${at}.id`, message: `requires upsell "${required}" in the same order` });
  }
  for (const excluded of offer.incompatibleWith ?? []) {
    if (orderedIds.includes(excluded)) issues.push({ path: `${at}.id`, message: `cannot be ordered with upsell "${excluded}"` });
  }
  if (offer.inventory?.trackInventory) {
    const left = stock[offer.id] ?? offer.inventory.quantityAvailable;
    if (left < order.quantity) issues.push({ path: `${at}.quantity`, message: `only ${left} left in stock` });
  }
  return issues;
}

/**
 * The lines of the ordered upsells (price × quantity each), after checking the whole order against the
 * offers; any refusal throws VALIDATION_FAILED listing every problem with its path (`upsells.<i>.id|quantity`).
 */
export function upsellLines(offers: UpsellOffer[], orders: UpsellOrder[], stock: Record<string, number>): QuoteLine[] {
  const orderedIds = orders.map((order) => order.id);
  const issues: FieldIssue[] = [];
  const lines: QuoteLine[] = [];
  orders.forEach((order, index) => {
    const offer = offers.find((candidate) => candidate.id === order.id);
    if (!offer) {
      issues.push({ path: `upsells.${index}.id`, message: `no upsell "${order.id}" is offered` });
      return;
    }
    issues.push(...issuesOf(order, index, offer, orderedIds, stock));
    lines.push({ kind: 'upsell', code: `upsell:${offer.id}`, description: offer.name, quantity: order.quantity, unitAmount: offer.price.amount, amount: offer.price.amount * order.quantity });
  });
  if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', 'The upsells cannot be ordered as requested.', { fields: issues });
  return lines;
}
