import Stripe from 'stripe';

/** The part of a Stripe event we read; `data.object` is the resource the event is about. */
export type StripeEventLike = { id: string; type: string; data: { object: Record<string, unknown> } };

/**
 * What authorising a security deposit on a saved card gave: held (the PaymentIntent waits for capture), or
 * declined (Stripe answers an off-session confirmation it cannot authorise with a card error, the intent with it).
 */
export type CardHoldOutcome =
  /** `captureBefore`: when Stripe lets the authorisation lapse (its charge's `capture_before`), null when it does not say. */
  | { outcome: 'held'; paymentIntentId: string; status: string; captureBefore: string | null }
  | { outcome: 'declined'; paymentIntentId: string | null; failureCode: string; failureMessage: string };

/** The payment operations Bizing needs from Stripe; every write carries an idempotency key. */
export interface PaymentGateway {
  /** `currency` is ISO 4217 in upper case (Bizing's form); Stripe receives it in lower case. `amount` is in minor units. */
  createPaymentIntent(input: {
    amount: number;
    currency: string;
    metadata: Record<string, string>;
    idempotencyKey: string;
    description?: string;
    /** With a customer, the card is saved for charges made later without the client (no-show, fees). */
    customerId?: string;
  }): Promise<{ id: string; clientSecret: string | null }>;
  /** A Stripe customer for one person of one organization (the idempotency key makes it once). */
  createCustomer(input: { email: string | null; name: string | null; metadata: Record<string, string>; idempotencyKey: string }): Promise<{ id: string }>;
  /** Charges a saved card without the client present; the outcome arrives as a Stripe event like any payment. */
  chargeSavedCard(input: { customerId: string; paymentMethodId: string; amount: number; currency: string; metadata: Record<string, string>; idempotencyKey: string; description: string }): Promise<{ id: string }>;
  /** Authorises `amount` on a saved card without taking it (manual capture), off-session; a decline is an outcome, not an error. */
  holdOnSavedCard(input: { customerId: string; paymentMethodId: string; amount: number; currency: string; metadata: Record<string, string>; idempotencyKey: string; description: string }): Promise<CardHoldOutcome>;
  /**
   * Takes `amount` (minor units) of an authorised PaymentIntent; Stripe releases the rest of the authorisation.
   * An intent that no longer waits for capture (its authorisation lapsed, or it was cancelled) is `not_capturable`.
   */
  captureHold(input: { paymentIntentId: string; amount: number; idempotencyKey: string; metadata?: Record<string, string> }): Promise<{ outcome: 'captured' | 'not_capturable'; id: string; status: string }>;
  /** Gives an authorisation up: cancels the PaymentIntent, nothing is taken (one Stripe no longer holds counts as given up). */
  releaseHold(input: { paymentIntentId: string; idempotencyKey: string }): Promise<{ id: string; status: string }>;
  refund(input: {
    paymentIntentId: string;
    amount: number;
    idempotencyKey: string;
    metadata?: Record<string, string>;
  }): Promise<{ id: string; amount: number; status: string | null }>;
  /** Checks the `Stripe-Signature` header against the raw body and returns the event; throws on a bad signature. */
  verifyWebhook(rawBody: string, signatureHeader: string, webhookSecret: string): StripeEventLike;
}

/** A gateway over the official client; `apiUrl` points it elsewhere than api.stripe.com (e.g. stripe-mock). */
export function createStripeGateway({ secretKey, apiUrl }: { secretKey: string; apiUrl?: string }): PaymentGateway {
  const stripe = new Stripe(secretKey, {
    ...(apiUrl === undefined ? {} : apiEndpoint(apiUrl)),
    maxNetworkRetries: 2,
    timeout: 20_000,
  });

  return {
    async createPaymentIntent({ amount, currency, metadata, idempotencyKey, description, customerId }) {
      const intent = await stripe.paymentIntents.create(
        {
          amount,
          currency: currency.toLowerCase(),
          metadata,
          ...(description === undefined ? {} : { description }),
          ...(customerId === undefined ? {} : { customer: customerId, setup_future_usage: 'off_session' as const }),
        },
        { idempotencyKey },
      );
      return { id: intent.id, clientSecret: intent.client_secret };
    },

    async createCustomer({ email, name, metadata, idempotencyKey }) {
      const customer = await stripe.customers.create({ metadata, ...(email ? { email } : {}), ...(name ? { name } : {}) }, { idempotencyKey });
      return { id: customer.id };
    },

    async chargeSavedCard({ customerId, paymentMethodId, amount, currency, metadata, idempotencyKey, description }) {
      const intent = await stripe.paymentIntents.create(
        { amount, currency: currency.toLowerCase(), customer: customerId, payment_method: paymentMethodId, off_session: true, confirm: true, metadata, description },
        { idempotencyKey },
      );
      return { id: intent.id };
    },

    async holdOnSavedCard({ customerId, paymentMethodId, amount, currency, metadata, idempotencyKey, description }) {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount,
            currency: currency.toLowerCase(),
            customer: customerId,
            payment_method: paymentMethodId,
            capture_method: 'manual',
            off_session: true,
            confirm: true,
            metadata,
            description,
            // Lodging and car rental merchants get authorisations of up to 30 days where the card allows it.
            payment_method_options: { card: { request_extended_authorization: 'if_available' } },
            expand: ['latest_charge'],
          },
          { idempotencyKey },
        );
        const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
        const captureBefore = charge?.payment_method_details?.card?.capture_before;
        return { outcome: 'held', paymentIntentId: intent.id, status: intent.status, captureBefore: captureBefore ? new Date(captureBefore * 1000).toISOString() : null };
      } catch (error) {
        if (!(error instanceof Stripe.errors.StripeCardError)) throw error;
        const failureCode = error.decline_code ?? error.code ?? 'card_declined';
        return { outcome: 'declined', paymentIntentId: error.payment_intent?.id ?? null, failureCode, failureMessage: error.message };
      }
    },

    async captureHold({ paymentIntentId, amount, idempotencyKey, metadata }) {
      try {
        const intent = await stripe.paymentIntents.capture(paymentIntentId, { amount_to_capture: amount, ...(metadata === undefined ? {} : { metadata }) }, { idempotencyKey });
        return { outcome: 'captured', id: intent.id, status: intent.status };
      } catch (error) {
        if (!(error instanceof Stripe.errors.StripeInvalidRequestError) || error.code !== 'payment_intent_unexpected_state') throw error;
        return { outcome: 'not_capturable', id: paymentIntentId, status: error.payment_intent?.status ?? 'unknown' };
      }
    },

    async releaseHold({ paymentIntentId, idempotencyKey }) {
      try {
        const intent = await stripe.paymentIntents.cancel(paymentIntentId, {}, { idempotencyKey });
        return { id: intent.id, status: intent.status };
      } catch (error) {
        // Already cancelled (or lapsed) at Stripe: nothing is held, which is what releasing wants.
        if (!(error instanceof Stripe.errors.StripeInvalidRequestError) || error.code !== 'payment_intent_unexpected_state') throw error;
        return { id: paymentIntentId, status: error.payment_intent?.status ?? 'unknown' };
      }
    },

    async refund({ paymentIntentId, amount, idempotencyKey, metadata }) {
      const refund = await stripe.refunds.create(
        { payment_intent: paymentIntentId, amount, ...(metadata === undefined ? {} : { metadata }) },
        { idempotencyKey },
      );
      return { id: refund.id, amount: refund.amount, status: refund.status };
    },

    verifyWebhook(rawBody, signatureHeader, webhookSecret) {
      const event = stripe.webhooks.constructEvent(rawBody, signatureHeader, webhookSecret);
      return { id: event.id, type: event.type, data: { object: event.data.object as unknown as Record<string, unknown> } };
    },
  };
}

/** Splits `http://127.0.0.1:12111` into the client's host, port and protocol; the client has no base path, so none may be given. */
function apiEndpoint(apiUrl: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(apiUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Stripe API URL must be http or https: ${apiUrl}`);
  if (url.pathname !== '/' || url.search !== '') throw new Error(`Stripe API URL must not have a path or query: ${apiUrl}`);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (protocol === 'http' ? 80 : 443) : Number(url.port),
    protocol,
  };
}
