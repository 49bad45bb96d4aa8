import path from 'node:path';
import { z } from 'zod';

/** The project's root folder (where package.json lives); local data goes in `.bizing/` below it. */
export const projectRoot = path.resolve(__dirname, '..', '..');

const DEV_AUTH_SECRET = 'bizing-development-secret-change-me-in-production-0000';

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_BASE_URL: z.string().url().optional(),
    DATABASE_URL: z.string().url().optional(),
    EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(5488),
    TEMPORAL_ADDRESS: z.string().optional(),
    TEMPORAL_NAMESPACE: z.string().default('default'),
    TEMPORAL_TASK_QUEUE: z.string().default('bizing-bookings'),
    TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
    TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
    BETTER_AUTH_SECRET: z.string().min(32).optional(),
    TRUSTED_ORIGINS: z.string().optional(),
    WORKFLOW_BUNDLE_PATH: z.string().optional(),
    WEBHOOK_ALLOWED_HOSTS: z.string().optional(),
    STRIPE_SECRET_KEY: z.string().min(1).optional(),
    STRIPE_API_URL: z.string().url().optional(),
    STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().default('Bizing <no-reply@bizing.local>'),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.BETTER_AUTH_SECRET, {
    message: 'BETTER_AUTH_SECRET (32+ characters) is required in production',
    path: ['BETTER_AUTH_SECRET'],
  });

/** Typed configuration, read once from the environment at start-up and passed down. */
export interface Config {
  nodeEnv: 'development' | 'test' | 'production';
  logLevel: string;
  http: { host: string; port: number; publicBaseUrl: string };
  database: { url?: string; embeddedPort: number; embeddedDataDir: string; name: string };
  temporal: {
    address?: string;
    namespace: string;
    taskQueue: string;
    devServerPort: number;
    devServerUiPort: number;
    devServerDbFile: string;
    workflowBundlePath?: string;
  };
  auth: { secret: string; trustedOrigins: string[] };
  notifications: { smtpUrl?: string; mailFrom: string };
  paths: { projectRoot: string; dataDir: string };
  /** Hosts webhooks may reach even though they resolve to private addresses (development receivers). */
  webhooks: { allowHosts: string[] };
  /** Stripe: the account's secret key, another API URL (stripe-mock), and the secret its events are signed with. */
  payments: { secretKey?: string; apiUrl?: string; webhookSecret?: string };
}

/** Parses the environment into a Config, or throws listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.join(projectRoot, '.bizing');
  return {
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: { host: e.HOST, port: e.PORT, publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://${e.HOST}:${e.PORT}` },
    database: { url: e.DATABASE_URL, embeddedPort: e.EMBEDDED_POSTGRES_PORT, embeddedDataDir: path.join(dataDir, 'postgres'), name: 'bizing' },
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      devServerPort: e.TEMPORAL_PORT,
      devServerUiPort: e.TEMPORAL_UI_PORT,
      devServerDbFile: path.join(dataDir, 'temporal', 'dev.sqlite'),
      workflowBundlePath: e.WORKFLOW_BUNDLE_PATH,
    },
    auth: { secret: e.BETTER_AUTH_SECRET ?? DEV_AUTH_SECRET, trustedOrigins: (e.TRUSTED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean) },
    notifications: { smtpUrl: e.SMTP_URL, mailFrom: e.MAIL_FROM },
    paths: { projectRoot, dataDir },
    webhooks: { allowHosts: (e.WEBHOOK_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean) },
    payments: { secretKey: e.STRIPE_SECRET_KEY, apiUrl: e.STRIPE_API_URL, webhookSecret: e.STRIPE_WEBHOOK_SECRET },
  };
}
