import Koa from 'koa';
import type Router from '@koa/router';
import { compileErrors, validate } from '@readme/openapi-parser';
import type { Auth } from '../../src/auth/auth';
import { errorCodes, type ErrorCode } from '../../src/domain/shared/errors';
import { createApp } from '../../src/http/app';
import type { AppDeps } from '../../src/http/app-deps';
import type { AppState } from '../../src/http/app-state';
import { errorStatus } from '../../src/http/error-status';
import { buildOpenApiDocument } from '../../src/http/openapi/document';
import { docsRoutes } from '../../src/http/routes/docs.routes';
import { listen, type RunningServer } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { renderPage } from '../support/chromium';

const httpMethods = ['get', 'post', 'put', 'patch', 'delete'] as const;

// Routers are only constructed here, never run, so the dependencies can be inert stand-ins.
function inertDeps(): AppDeps {
  const auth = { handler: async () => new Response(null, { status: 404 }) } as unknown as Auth;
  return { db: {} as AppDeps['db'], auth, temporal: {} as AppDeps['temporal'], logger: createLogger('silent'), now: () => new Date(), payments: null };
}

/** `METHOD /path/{param}` for every route of every router mounted on the app. */
function registeredRoutes(app: Koa<AppState>): string[] {
  const routes = new Set<string>();
  for (const middleware of app.middleware) {
    const router = (middleware as { router?: Router<AppState> }).router;
    for (const layer of router?.stack ?? []) {
      const path = String(layer.path).replace(/:(\w+)/g, '{$1}');
      for (const method of layer.methods) if (method !== 'HEAD') routes.add(`${method} ${path}`);
    }
  }
  return [...routes].filter((route) => !/ (\/api\/auth\/|\/openapi\.json$|\/docs)/.test(route)).sort();
}

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument();
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    httpMethods.filter((method) => item[method]).map((method) => ({ route: `${method.toUpperCase()} ${path}`, operation: item[method]! })),
  );

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as Parameters<typeof validate>[0], { resolve: { external: false } });
    if (!result.valid) throw new Error(compileErrors(result));
    expect(result.specification).toBe('OpenAPI');
  });

  it('documents exactly the routes the app registers, with the same methods and paths', () => {
    const registered = registeredRoutes(createApp(inertDeps()));
    const documented = operations.map(({ route }) => route).sort();
    expect(registered.length).toBeGreaterThan(10);
    expect({ undocumented: registered.filter((route) => !documented.includes(route)), notRegistered: documented.filter((route) => !registered.includes(route)) }).toEqual({
      undocumented: [],
      notRegistered: [],
    });
  });

  it('gives each documented error code the status of the code-to-status table', () => {
    for (const { route, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses as Record<string, { content?: Record<string, { schema: { allOf?: { properties?: any }[] } }> }>)) {
        const codes: ErrorCode[] | undefined = response.content?.['application/json']?.schema.allOf?.[1]?.properties.error.properties.code.enum;
        if (!codes) continue;
        for (const code of codes) expect({ route, code, status: Number(status) }).toEqual({ route, code, status: errorStatus[code] });
      }
    }
    const envelope = (document.components.schemas as Record<string, any>).ErrorEnvelope;
    expect(envelope.properties.error.properties.code.enum).toEqual([...errorCodes]);
  });

  it('converts request bodies and queries from the zod schemas', () => {
    const reservation = document.paths['/api/v1/reservations']!.post as any;
    expect(reservation.requestBody.required).toBe(true);
    expect(reservation.requestBody.content['application/json'].schema).toMatchObject({ type: 'object', required: ['serviceTemplateId', 'startsAt'], additionalProperties: false });
    expect(reservation.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    const cancel = document.paths['/api/v1/bookings/{id}']!.delete as any;
    expect(cancel.requestBody.required).toBe(false);
    const availability = document.paths['/api/v1/bookables/{id}/availability']!.get as any;
    expect(availability.parameters.map((p: { name: string; in: string; required: boolean }) => `${p.in}:${p.name}:${p.required}`)).toEqual([
      'path:id:true',
      'query:serviceTemplateId:true',
      'query:from:true',
      'query:to:true',
      'query:timezone:false',
      'query:durationMinutes:false',
      'query:seats:false',
      'query:limit:false',
    ]);
    expect((document.paths['/health']!.get as any).security).toEqual([]);
  });
});

describe('the API reference page', () => {
  let server: RunningServer;

  beforeAll(async () => {
    const app = new Koa<AppState>();
    const docs = docsRoutes();
    app.use(docs.routes());
    server = await listen(app, '127.0.0.1', 0);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('serves the document at /openapi.json', async () => {
    const response = await fetch(`${server.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it('serves only the allow-listed Swagger UI files', async () => {
    const css = await fetch(`${server.url}/docs/swagger-ui.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    for (const path of ['/docs/package.json', '/docs/..%2Fpackage.json', '/docs/%2e%2e/%2e%2e/package.json', '/docs/index.html']) {
      expect({ path, status: (await fetch(`${server.url}${path}`)).status }).toEqual({ path, status: 404 });
    }
  });

  it('renders the endpoints in headless Chromium from local files only', async () => {
    const page = await fetch(`${server.url}/docs`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).not.toMatch(/https?:\/\//);

    const { dom, log } = await renderPage(`${server.url}/docs`);
    expect(dom).toContain('Bizing API');
    // Swagger UI renders one block per operation, carrying its path in data-path.
    const shown = [...dom.matchAll(/data-path="([^"]+)"/g)].map(([, path]) => path!);
    for (const path of ['/health', '/api/v1/organizations', '/api/v1/reservations', '/api/v1/reservations/{id}/confirm', '/api/v1/bookings/{id}', '/api/v1/organizations/{orgId}/bookings']) {
      expect({ path, shown: shown.includes(path) }).toEqual({ path, shown: true });
    }
    const document = buildOpenApiDocument();
    const operationCount = Object.values(document.paths).reduce((sum, item) => sum + Object.keys(item).length, 0);
    // Swagger UI also renders one block per webhook event.
    const webhookCount = Object.keys(document.webhooks).length;
    expect({ missing: [...Object.keys(document.paths), ...Object.keys(document.webhooks)].filter((path) => !shown.includes(path)), blocks: shown.length }).toEqual({ missing: [], blocks: operationCount + webhookCount });
    // Nothing was blocked by the page's Content-Security-Policy and nothing failed to load.
    expect(log).not.toMatch(/Content Security Policy|net::ERR_|Failed to load/);
  }, 120_000);
});
