import { readFileSync } from 'node:fs';
import path from 'node:path';
import Router from '@koa/router';
import type { AppState } from '../app-state';
import { buildOpenApiDocument } from '../openapi/document';

// The files of swagger-ui-dist the page uses, served from the installed package (no CDN). Only these
// names are routes, so no request path ever reaches the file system.
const swaggerUiFiles = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
} as const;

// Everything the page loads comes from this server; the browser refuses any other origin.
const pageSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const page = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Bizing API reference</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css">
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
    <link rel="icon" type="image/png" href="/docs/favicon-16x16.png" sizes="16x16">
    <style>body { margin: 0; background: #fafafa; }</style>
  </head>
  <body>
    <div id="swagger-ui"></div>
    <noscript>This page needs JavaScript. The OpenAPI document itself is at <a href="/openapi.json">/openapi.json</a>.</noscript>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/swagger-initializer.js"></script>
  </body>
</html>
`;

// validatorUrl: null keeps Swagger UI from sending the document to an online validator.
const initializer = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    displayOperationId: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

/**
 * GET /openapi.json (the OpenAPI 3.1 document, built on first request and cached) and GET /docs (an API
 * reference page rendered by Swagger UI from it, all files served from here). Both are public: they
 * describe the API, not its data.
 */
export function docsRoutes(): Router<AppState> {
  const router = new Router<AppState>();
  // Built on first use (converting every schema takes a moment), then served from memory.
  let documentJson: string | undefined;
  const swaggerUiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const fileCache = new Map<string, Buffer>();

  router.get('/openapi.json', (ctx) => {
    ctx.type = 'application/json; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = documentJson ??= JSON.stringify(buildOpenApiDocument());
  });

  router.get('/docs', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Content-Security-Policy', pageSecurityPolicy);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = page;
  });

  router.get('/docs/swagger-initializer.js', (ctx) => {
    ctx.type = 'text/javascript; charset=utf-8';
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = initializer;
  });

  for (const [name, type] of Object.entries(swaggerUiFiles)) {
    router.get(`/docs/${name}`, (ctx) => {
      let content = fileCache.get(name);
      if (!content) {
        content = readFileSync(path.join(swaggerUiDir, name));
        fileCache.set(name, content);
      }
      ctx.type = type;
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Cache-Control', 'public, max-age=3600');
      ctx.body = content;
    });
  }

  return router;
}
