// Live sources over HTTP: the list (JSON and the Sources page) for everyone, adding and removing
// only when the server runs with --allow-ingest, since a new source makes the watcher fetch URLs.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { BlankEnv } from 'hono/types';
import { addSource, DEFAULT_INTERVAL_SECONDS, findSource, parseInterval, SOURCE_KINDS, SourceInputError } from '../sources/sources.js';
import type { Store } from '../store/store.js';
import { sourcesPage } from './pages/sources.js';
import { ErrorBody, NoQuery } from './schemas.js';

const SourceSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    kind: z.enum(SOURCE_KINDS as [string, ...string[]]),
    intervalSeconds: z.number().int(),
    addedAt: z.string(),
    lastFetchAt: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
    lastStatus: z.string().nullable(),
    lastError: z.string().nullable(),
    etag: z.string().nullable(),
    lastModified: z.string().nullable(),
    errorCount: z.number().int(),
    nextFetchAt: z.string(),
    articlesAdded: z.number().int(),
  })
  .openapi('Source');

const SourceListBody = z.object({ sources: z.array(SourceSchema) });
const SourceAddBody = z.object({ source: SourceSchema, created: z.boolean() });
const SourceAddRequest = z.strictObject({
  url: z.string().url().openapi({ example: 'https://news.example/rss.xml' }),
  kind: z.enum(SOURCE_KINDS as [string, ...string[]]).optional().openapi({ description: 'auto (the default) tells by the response' }),
  every: z.string().optional().openapi({ description: 'Time between polls: seconds, or 30s, 15m, 2h, 1d', example: '15m' }),
});
const SourceIdParam = z.object({
  id: z.string().regex(/^[0-9a-f]{1,12}$/, 'source id is up to 12 lowercase hex characters').openapi({ param: { name: 'id', in: 'path' }, example: '3f2a9c1b7d4e' }),
});

const errorResponse = (description: string) => ({ content: { 'application/json': { schema: ErrorBody } }, description });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/api/sources',
    summary: 'Live sources with their status, last success, error count and articles added',
    request: { query: NoQuery },
    responses: { 200: { content: { 'application/json': { schema: SourceListBody } }, description: 'Sources in the order added' }, 400: errorResponse('A parameter is invalid') },
  }),
  add: createRoute({
    method: 'post',
    path: '/api/sources',
    summary: 'Add a source for `dossier watch` to poll (only when the server runs with --allow-ingest)',
    request: { body: { content: { 'application/json': { schema: SourceAddRequest } }, required: true } },
    responses: {
      200: { content: { 'application/json': { schema: SourceAddBody } }, description: 'The source, and whether it is new' },
      400: errorResponse('The URL, kind or interval is invalid'),
      403: errorResponse('Adding sources is disabled'),
    },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/api/sources/{id}',
    summary: 'Remove a source; its articles stay (only with --allow-ingest)',
    request: { params: SourceIdParam },
    responses: {
      200: { content: { 'application/json': { schema: z.object({ removed: z.string() }) } }, description: 'The id removed' },
      403: errorResponse('Removing sources is disabled'),
      404: errorResponse('No such source'),
    },
  }),
  page: createRoute({
    method: 'get',
    path: '/sources',
    summary: 'HTML: the live sources and their state',
    request: { query: NoQuery },
    responses: { 200: { content: { 'text/html': { schema: { type: 'string' } } }, description: 'Sources page' } },
  }),
};

export function registerSourceRoutes(
  app: OpenAPIHono<BlankEnv>,
  store: Store,
  options: { allowIngest: boolean; fail: (c: Context, status: 400 | 403 | 404, message: string) => Response | Promise<Response> },
): void {
  const guard = async (c: Context, next: () => Promise<void>) => {
    if (c.req.method !== 'GET' && !options.allowIngest) return options.fail(c, 403, 'changing sources is disabled: start the server with --allow-ingest');
    return next();
  };
  app.use('/api/sources', guard);
  app.use('/api/sources/*', guard);

  app.openapi(routes.list, async (c) => c.json({ sources: await store.listSources() }, 200));

  app.openapi(routes.add, async (c) => {
    const body = c.req.valid('json');
    try {
      const intervalSeconds = body.every === undefined ? DEFAULT_INTERVAL_SECONDS : parseInterval(body.every);
      const added = await addSource(store, { url: body.url, kind: body.kind as (typeof SOURCE_KINDS)[number] | undefined, intervalSeconds });
      return c.json(added, 200);
    } catch (error) {
      if (error instanceof SourceInputError) return c.json({ error: error.message }, 400);
      throw error;
    }
  });

  app.openapi(routes.remove, async (c) => {
    const source = await findSource(store, c.req.valid('param').id);
    if (!source) return c.json({ error: 'no such source' }, 404);
    await store.removeSource(source.id);
    return c.json({ removed: source.id }, 200);
  });

  app.openapi(routes.page, async (c) => c.html(sourcesPage(await store.listSources(), options.allowIngest), 200));
}
