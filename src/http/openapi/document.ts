import { z } from 'zod';
import packageJson from '../../../package.json';
import { errorCodes, type ErrorCode } from '../../domain/shared/errors';
import type { ErrorEnvelope } from '../error-handler';
import { errorStatus } from '../error-status';
import { idSchema } from '../routes/shared.schemas';
import { tags } from './endpoint';
import { endpoints, type Endpoint, type HttpMethod } from './endpoints';
import { eventWebhooks } from './webhooks';

type JsonObject = Record<string, unknown>;

/** The parts of the document tests and tools look into; everything else is plain JSON. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Partial<Record<HttpMethod, JsonObject>>>;
  /** The events sent to webhook subscribers, keyed by event type. */
  webhooks: Record<string, { post: JsonObject }>;
  components: JsonObject;
}

/** The error envelope of error-handler.ts, as a schema; the line below keeps the two in step. */
const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(errorCodes).describe('A code from the closed catalogue; clients branch on it.'),
    message: z.string().describe('For people; may change wording.'),
    details: z.record(z.string(), z.unknown()).optional().describe('Machine-readable details, e.g. `fields: [{ path, message, code }]` for VALIDATION_FAILED.'),
    requestId: z.string().describe('Also sent as the `X-Request-Id` header; quote it when reporting a problem.'),
  }),
});
const _envelopeMatchesHandler: z.infer<typeof errorEnvelopeSchema> extends ErrorEnvelope ? true : never = true;

const description = `Bizing is a booking backend: every reservation (hold) and booking is a durable workflow.

**Authentication**: \`Authorization: Bearer <token>\` with a session token from better-auth (\`POST /api/auth/sign-up/email\` or \`/api/auth/sign-in/email\`, not described here) or an API key \`bzk_…\`.

**Errors** always come as \`{ "error": { "code", "message", "details"?, "requestId" } }\` with a code from a closed catalogue; each operation lists the codes it may answer under their HTTP status.

**Idempotency**: every mutation accepts an \`Idempotency-Key\` header (per caller). The same key and body replay the first answer (\`Idempotent-Replayed: true\`); a different body is 422 \`IDEMPOTENCY_KEY_REUSED\`; a retry while the first still runs is 409 \`IDEMPOTENCY_REQUEST_IN_PROGRESS\`.

**Times** are ISO-8601 instants with an offset in requests; answers give UTC plus a \`local\` rendering in the IANA zone.

**Request** bodies and query parameters are generated from the zod schemas the API validates with (cross-field rules such as "\`to\` after \`from\`" are in the descriptions only). **Response bodies are documented loosely** (as objects, described in words); only the error envelope has a full schema.`;

/**
 * Sub-schemas zod emits as local `$defs` (recursive ones, such as a JSON value), moved into
 * components.schemas, since `#/$defs/…` does not resolve inside an OpenAPI document. Identical ones
 * are stored once; those without a zod `meta({ id })` are named `Shared1`, `Shared2`, …
 */
class SharedSchemas {
  readonly schemas: Record<string, JsonObject> = {};
  private readonly nameByContent = new Map<string, string>();

  /** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect); `input` is what a client must send. */
  convert(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonObject {
    const { $schema: _dialect, $defs, ...converted } = z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as JsonObject;
    const defs = Object.entries(($defs ?? {}) as Record<string, JsonObject>);
    const names = new Map<string, string>();
    for (const [local, def] of defs) {
      const content = JSON.stringify(def).replaceAll(`"#/$defs/${local}"`, '"#self"');
      const name = this.nameByContent.get(content) ?? (local.startsWith('__') ? `Shared${this.nameByContent.size + 1}` : local);
      if (this.nameByContent.get(content) === undefined && name in this.schemas) throw new Error(`Two different shared schemas are both called ${name}.`);
      this.nameByContent.set(content, name);
      names.set(local, name);
    }
    const relink = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(relink);
      if (!value || typeof value !== 'object') return value;
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) => {
          const local = key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/') ? names.get(inner.slice('#/$defs/'.length)) : undefined;
          return [key, local ? `#/components/schemas/${local}` : relink(inner)];
        }),
      );
    };
    for (const [local, def] of defs) this.schemas[names.get(local)!] ??= relink(def) as JsonObject;
    return relink(converted) as JsonObject;
  }
}

function pathParameters(endpoint: Endpoint, shared: SharedSchemas): JsonObject[] {
  for (const name of Object.keys(endpoint.pathParams ?? {})) if (!endpoint.path.includes(`{${name}}`)) throw new Error(`${endpoint.operationId}: no {${name}} in its path.`);
  return [...endpoint.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => {
    const schema = endpoint.pathParams?.[name!];
    return { name, in: 'path', required: true, ...(schema ? { schema: shared.convert(schema) } : { description: 'A prefixed id such as `org_…` or `bk_…`.', schema: shared.convert(idSchema) }) };
  });
}

function queryParameters(endpoint: Endpoint, shared: SharedSchemas): JsonObject[] {
  if (!endpoint.query) return [];
  const schema = shared.convert(endpoint.query);
  const properties = schema.properties as Record<string, JsonObject> | undefined;
  if (schema.type !== 'object' || !properties) throw new Error(`${endpoint.operationId}: the query schema must be an object.`);
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, { description: text, ...property }]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(typeof text === 'string' ? { description: text } : {}),
    schema: property,
  }));
}

const isMutation = (method: HttpMethod) => method !== 'get';

/** The codes an endpoint may answer: its own, plus those of the middleware it runs through. */
function errorCodesOf(endpoint: Endpoint): ErrorCode[] {
  const codes = new Set<ErrorCode>(endpoint.errors);
  if (endpoint.authenticated) codes.add('UNAUTHENTICATED');
  if (endpoint.body || endpoint.query) codes.add('VALIDATION_FAILED');
  if (endpoint.body) for (const code of ['MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const) codes.add(code);
  if (endpoint.authenticated && isMutation(endpoint.method)) {
    for (const code of ['VALIDATION_FAILED', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_REQUEST_IN_PROGRESS'] as const) codes.add(code);
  }
  codes.add('INTERNAL_ERROR');
  return errorCodes.filter((code) => codes.has(code));
}

function responses(endpoint: Endpoint): JsonObject {
  const { status, description: text } = endpoint.success;
  const replayHeader = endpoint.authenticated && isMutation(endpoint.method) ? { headers: { 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } } } : {};
  const out: JsonObject = {
    [status]: { description: text, ...replayHeader, ...(status === 204 ? {} : { content: { 'application/json': { schema: { type: 'object' } } } }) },
  };
  for (const other of endpoint.otherResponses ?? []) out[other.status] = { description: other.description, content: { 'application/json': { schema: { type: 'object' } } } };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(endpoint)) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  for (const [errorHttpStatus, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[errorHttpStatus] = {
      description: codes.map((code) => `\`${code}\``).join(', '),
      content: {
        'application/json': {
          schema: { allOf: [{ $ref: '#/components/schemas/ErrorEnvelope' }, { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: codes } } } } }] },
        },
      },
    };
  }
  return out;
}

function operation(endpoint: Endpoint, shared: SharedSchemas): JsonObject {
  const permissions = endpoint.permissions?.length ? `Requires any of: ${endpoint.permissions.map((p) => `\`${p}\``).join(', ')}.` : undefined;
  const text = [endpoint.description, permissions].filter(Boolean).join('\n\n');
  const parameters = [
    ...pathParameters(endpoint, shared),
    ...queryParameters(endpoint, shared),
    ...(endpoint.authenticated && isMutation(endpoint.method) ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
  ];
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    ...(text ? { description: text } : {}),
    tags: [endpoint.tag],
    ...(endpoint.permissions ? { 'x-permissions': [...endpoint.permissions] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(endpoint.body
      ? { requestBody: { required: !endpoint.body.safeParse(undefined).success, content: { 'application/json': { schema: shared.convert(endpoint.body) } } } }
      : {}),
    responses: responses(endpoint),
    ...(endpoint.authenticated ? {} : { security: [] }),
  };
}

/** The OpenAPI 3.1 document of the API, generated from the endpoint registry and its zod schemas. */
export function buildOpenApiDocument(): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const shared = new SharedSchemas();
  for (const endpoint of endpoints) {
    const item = (paths[endpoint.path] ??= {});
    if (item[endpoint.method]) throw new Error(`Two registry entries for ${endpoint.method.toUpperCase()} ${endpoint.path}.`);
    item[endpoint.method] = operation(endpoint, shared);
  }
  const webhooks = eventWebhooks((schema) => shared.convert(schema, 'output'));
  return {
    openapi: '3.1.0',
    info: { title: 'Bizing API', version: packageJson.version, description },
    servers: [{ url: '/' }],
    tags: tags.map((tag) => ({ ...tag })),
    security: [{ bearer: [] }],
    paths,
    webhooks,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A better-auth session token, or an API key `bzk_…`.' },
      },
      schemas: { ErrorEnvelope: shared.convert(errorEnvelopeSchema, 'output'), ...shared.schemas },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Makes the mutation safe to retry: 1–255 visible ASCII characters, unique per caller and request.',
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]{1,255}$' },
        },
      },
      headers: {
        IdempotentReplayed: { description: '`true` when this is the remembered answer to an earlier request with the same Idempotency-Key.', schema: { type: 'string', enum: ['true'] } },
      },
    },
  };
}
