/**
 * The API description is generated from the route schemas: every route either application
 * serves is in its OpenAPI document (with the parameters and request body its schema
 * validates), and the browsable page is served under the base's security headers.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { startHarness, type Harness } from './embedded-harness';

interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { title: string };
  readonly paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; requestBody?: unknown }>>;
}

/** Every route the app registers (HEAD twins of GETs and the docs' own routes aside). */
function recordRoutes(app: FastifyInstance): Array<{ method: string; url: string }> {
  const routes: Array<{ method: string; url: string }> = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || route.url.startsWith('/docs')) continue;
      routes.push({ method: method.toLowerCase(), url: route.url });
    }
  });
  return routes;
}

const openApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe.each(['intake', 'console'] as const)('the %s application documents itself', (which) => {
  let h: Harness;
  let app: FastifyInstance;
  let routes: Array<{ method: string; url: string }>;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    h = await startHarness();
    app = which === 'intake' ? h.services.buildApp() : h.services.buildConsoleApp();
    routes = recordRoutes(app);
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await h.stop();
  });

  it('lists every route it serves in its OpenAPI document', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(routes.length).toBeGreaterThan(which === 'intake' ? 2 : 10);
    const missing = routes.filter((r) => !doc.paths[openApiPath(r.url)]?.[r.method]);
    expect(missing).toEqual([]);
  });

  it('documents what the schemas validate: path parameters and request bodies', () => {
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const name of path.match(/\{([^}]+)\}/g) ?? []) {
        for (const op of Object.values(operations)) {
          expect(op.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === name)).toBe(true);
        }
      }
    }
    const body = which === 'intake' ? doc.paths['/api/v1/reports']?.post?.requestBody : doc.paths['/api/v1/auth/login']?.post?.requestBody;
    expect(JSON.stringify(body)).toContain(which === 'intake' ? '"facts"' : '"password"');
  });

  it('serves a browsable page and its assets under the strict CSP', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    // No inline script: the page works under script-src 'self'.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    for (const src of scripts) expect((await app.inject({ method: 'GET', url: src })).statusCode).toBe(200);
  });
});
