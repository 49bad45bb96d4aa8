import { betterAuth } from 'better-auth';
import { bearer } from 'better-auth/plugins';
import type { Pool } from 'pg';
import { newId } from '../ids';

const timestamps = { createdAt: 'created_at', updatedAt: 'updated_at' };

/**
 * The better-auth instance: email + password sign-up and sign-in, sessions usable as bearer tokens
 * (`Authorization: Bearer <token>`) by API clients. Its tables belong to our migrations, mapped
 * here to snake_case names.
 */
export function createAuth(opts: { pool: Pool; secret: string; baseURL: string; trustedOrigins?: string[] }) {
  return betterAuth({
    appName: 'Bizing',
    baseURL: opts.baseURL,
    basePath: '/api/auth',
    secret: opts.secret,
    database: opts.pool,
    trustedOrigins: opts.trustedOrigins,
    telemetry: { enabled: false },
    emailAndPassword: { enabled: true, autoSignIn: true, minPasswordLength: 10 },
    plugins: [bearer()],
    advanced: { database: { generateId: ({ model }) => newId(model === 'user' ? 'user' : 'authRecord') } },
    user: { modelName: 'users', fields: { emailVerified: 'email_verified', ...timestamps } },
    session: {
      modelName: 'sessions',
      fields: { userId: 'user_id', expiresAt: 'expires_at', ipAddress: 'ip_address', userAgent: 'user_agent', ...timestamps },
    },
    account: {
      modelName: 'accounts',
      fields: {
        userId: 'user_id',
        accountId: 'account_id',
        providerId: 'provider_id',
        accessToken: 'access_token',
        refreshToken: 'refresh_token',
        idToken: 'id_token',
        accessTokenExpiresAt: 'access_token_expires_at',
        refreshTokenExpiresAt: 'refresh_token_expires_at',
        ...timestamps,
      },
    },
    verification: { modelName: 'verifications', fields: { expiresAt: 'expires_at', ...timestamps } },
  });
}

/** The configured better-auth instance. */
export type Auth = ReturnType<typeof createAuth>;
