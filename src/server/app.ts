// The HTTP application: a JSON API (described by /api/openapi.json), server-rendered HTML pages
// and the static assets they use. Every response carries a strict CSP; nothing is loaded from
// elsewhere. Handlers only validate input, call the read models in views.ts and render.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenAPIHono, createRoute, type z } from '@hono/zod-openapi';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { BlankEnv } from 'hono/types';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { IngestSummary } from '../ingest/index.js';
import type { Store } from '../store/store.js';
import { hostPolicy, refusedHost, refusedOrigin, type HostPolicy } from './origin.js';
import { EventCatalog } from './catalog.js';
import { articlePage } from './pages/article.js';
import { entityPage } from './pages/entity.js';
import { eventPage } from './pages/event.js';
import { eventsPage } from './pages/events.js';
import { errorPage, eventHref } from './pages/layout.js';
import { searchPage } from './pages/search.js';
import { registerSourceRoutes } from './sources.js';
import {
  ArticleDetailBody,
  AssetParam,
  ArticleIdParam,
  EntityDetailBody,
  EntityIdParam,
  ErrorBody,
  EventDetailBody,
  EventIdParam,
  EventListBody,
  EventPageQuery,
  EventQuery,
  IngestBody,
  IngestForm,
  MovedBody,
  NoQuery,
  SearchBody,
  SearchQuery,
  pageOf,
} from './schemas.js';
import {
  eventCountsByDate,
  getArticleDetail,
  getEntityDetail,
  getEventDetail,
  matchingEvents,
  pageOfEvents,
} from './views.js';

export interface AppOptions {
  /** Accept uploads on POST /api/ingest (off by default: anyone who can reach the port could write). */
  allowIngest?: boolean;
  /** Largest upload request body, in bytes. */
  maxUploadBytes?: number;
  /** Which Host headers are answered (default: this machine's loopback names only); see origin.ts. */
  hosts?: HostPolicy;
  /**
   * Runs an upload's ingestion and event refresh. `dossier serve` gives one that runs in a worker thread so that
   * annotation never blocks other requests; without it, ingestion runs in this thread.
   */
  ingest?: (files: { name: string; bytes: Buffer }[]) => Promise<IngestSummary>;
}

/** Default upload cap: room for a batch of HTML pages, small enough to keep a local process safe. */
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const DEFAULT_SEARCH_HITS = 20;

/** Rendered event pages kept in memory (a page of a 100-article event is about 300 KB). */
const RENDERED_EVENT_PAGES = 64;

/** A map that forgets its least recently used entry beyond `capacity`. */
class RecentCache<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Files under /assets: the page stylesheet and script from web/, and Chart.js from its npm package. */
function loadAssets(): Record<z.infer<typeof AssetParam>['name'], { body: string; type: string }> {
  const webDir = fileURLToPath(new URL('../../web/', import.meta.url));
  const chartDir = path.dirname(createRequire(import.meta.url).resolve('chart.js'));
  const script = 'text/javascript; charset=utf-8';
  return {
    'app.css': { body: readFileSync(path.join(webDir, 'app.css'), 'utf8'), type: 'text/css; charset=utf-8' },
    'app.js': { body: readFileSync(path.join(webDir, 'app.js'), 'utf8'), type: script },
    'chart.umd.min.js': { body: readFileSync(path.join(chartDir, 'chart.umd.min.js'), 'utf8'), type: script },
  };
}

function isApi(c: Context): boolean {
  return c.req.path.startsWith('/api/');
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      const message =
        issue.code === 'unrecognized_keys' ? `unknown parameter ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
      return `${where}${message}`;
    })
    .join('; ');
}

function fail(c: Context, status: 400 | 403 | 404 | 413 | 500, message: string): Response | Promise<Response> {
  return isApi(c) ? c.json({ error: message }, status) : c.html(errorPage(status, message), status);
}

const htmlResponse = (description: string) => ({
  content: { 'text/html': { schema: { type: 'string' as const } } },
  description,
});

const errorResponse = (description: string) => ({ content: { 'application/json': { schema: ErrorBody } }, description });

const routes = {
  listEvents: createRoute({
    method: 'get',
    path: '/api/events',
    summary: 'List and filter events, newest first',
    request: { query: EventQuery },
    responses: {
      200: { content: { 'application/json': { schema: EventListBody } }, description: 'Matching events' },
      400: errorResponse('A parameter is invalid'),
    },
  }),
  getEvent: createRoute({
    method: 'get',
    path: '/api/events/{id}',
    summary: 'One event with its brief, participants, quotes, actions, claims, discrepancies, related events and sources',
    request: { params: EventIdParam, query: NoQuery },
    responses: {
      200: { content: { 'application/json': { schema: EventDetailBody } }, description: 'The event' },
      301: {
        content: { 'application/json': { schema: MovedBody } },
        description: 'The event now has another id (its articles were regrouped): `movedTo` and the Location header give it',
      },
      400: errorResponse('A parameter is invalid'),
      404: errorResponse('No such event'),
    },
  }),
  getArticle: createRoute({
    method: 'get',
    path: '/api/articles/{id}',
    summary: 'One article: clean text, metadata, annotations, captions, comments, removed lines, duplicates',
    request: { params: ArticleIdParam, query: NoQuery },
    responses: {
      200: { content: { 'application/json': { schema: ArticleDetailBody } }, description: 'The article' },
      400: errorResponse('A parameter is invalid'),
      404: errorResponse('No such article'),
    },
  }),
  getEntity: createRoute({
    method: 'get',
    path: '/api/entities/{id}',
    summary: 'One participant across events: aliases, roles over time, events and quotes',
    request: { params: EntityIdParam, query: NoQuery },
    responses: {
      200: { content: { 'application/json': { schema: EntityDetailBody } }, description: 'The participant' },
      400: errorResponse('A parameter is invalid'),
      404: errorResponse('No participant with this id'),
    },
  }),
  search: createRoute({
    method: 'get',
    path: '/api/search',
    summary: 'Full-text search over article titles and text',
    request: { query: SearchQuery },
    responses: {
      200: { content: { 'application/json': { schema: SearchBody } }, description: 'Hits, best first' },
      400: errorResponse('A parameter is invalid'),
    },
  }),
  ingest: createRoute({
    method: 'post',
    path: '/api/ingest',
    summary: 'Upload files into the store (only when the server runs with --allow-ingest)',
    request: { body: { content: { 'multipart/form-data': { schema: IngestForm } }, required: true } },
    responses: {
      200: { content: { 'application/json': { schema: IngestBody } }, description: 'What became of each file' },
      400: errorResponse('No files in the request'),
      403: errorResponse('Ingest is disabled'),
      413: errorResponse('The upload is larger than the limit'),
    },
  }),
  eventsPage: createRoute({
    method: 'get',
    path: '/',
    summary: 'HTML: the events list with filters and a timeline strip',
    request: { query: EventQuery },
    responses: { 200: htmlResponse('Events page'), 400: htmlResponse('A parameter is invalid') },
  }),
  eventPage: createRoute({
    method: 'get',
    path: '/events/{id}',
    summary: 'HTML: one event (long events in pages of sources and of claims)',
    request: { params: EventIdParam, query: EventPageQuery },
    responses: {
      200: htmlResponse('Event page'),
      301: { description: 'The event now has another id; Location gives its page' },
      400: htmlResponse('Invalid id'),
      404: htmlResponse('No such event'),
    },
  }),
  articlePage: createRoute({
    method: 'get',
    path: '/articles/{id}',
    summary: 'HTML: one annotated article; sentences are anchors #s0, #s1, ...',
    request: { params: ArticleIdParam, query: NoQuery },
    responses: { 200: htmlResponse('Article page'), 400: htmlResponse('Invalid id'), 404: htmlResponse('No such article') },
  }),
  entityPage: createRoute({
    method: 'get',
    path: '/entities/{id}',
    summary: 'HTML: one participant across events',
    request: { params: EntityIdParam, query: NoQuery },
    responses: { 200: htmlResponse('Entity page'), 400: htmlResponse('Invalid id'), 404: htmlResponse('No such participant') },
  }),
  asset: createRoute({
    method: 'get',
    path: '/assets/{name}',
    summary: 'Static assets of the pages: stylesheet, page script, Chart.js',
    request: { params: AssetParam },
    responses: {
      200: { content: { 'text/css': { schema: { type: 'string' } }, 'text/javascript': { schema: { type: 'string' } } }, description: 'The file' },
      400: errorResponse('No such asset'),
    },
  }),
  searchPage: createRoute({
    method: 'get',
    path: '/search',
    summary: 'HTML: full-text search results',
    request: { query: SearchQuery },
    responses: { 200: htmlResponse('Search results'), 400: htmlResponse('A parameter is invalid') },
  }),
};

/** Ingests uploads in the calling thread, then refreshes the events they can join, as `dossier ingest` does. */
export async function ingestInThisThread(store: Store, files: { name: string; bytes: Buffer }[]): Promise<IngestSummary> {
  // Loaded on first use: the annotation pipeline is heavy and most servers never ingest.
  const { ingestBuffers, refreshEvents } = await import('../ingest/index.js');
  const summary = await ingestBuffers(store, files);
  if (summary.added.length > 0) await refreshEvents(store, summary.added);
  return summary;
}

export function createApp(store: Store, options: AppOptions = {}): Hono {
  const assets = loadAssets();
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const catalog = new EventCatalog(store);
  const renderedEventPages = new RecentCache<string, string>(RENDERED_EVENT_PAGES);
  const app = new OpenAPIHono<BlankEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return fail(c, 400, describeIssues(result.error));
    },
  });

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      // Served over plain HTTP on a local interface: HSTS would mean nothing there.
      strictTransportSecurity: false,
    }),
  );

  const hosts = options.hosts ?? hostPolicy('127.0.0.1');
  app.use(async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    const refused = refusedHost(hosts, host) ?? refusedOrigin(c.req.method, host, c.req.header('origin'), c.req.header('sec-fetch-site'));
    if (refused) return fail(c, 403, refused);
    return next();
  });

  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) return fail(c, error.status as 400, error.message);
    console.error(error);
    return fail(c, 500, 'internal error');
  });
  app.notFound((c) => fail(c, 404, `no route for ${c.req.method} ${c.req.path}`));

  app.openapi(routes.listEvents, async (c) => {
    const query = c.req.valid('query');
    return c.json(pageOfEvents(await matchingEvents(store, await catalog.snapshot(), query), pageOf(query)), 200);
  });

  app.openapi(routes.getEvent, async (c) => {
    const { id } = c.req.valid('param');
    const detail = await getEventDetail(store, id);
    if (!detail) {
      const movedTo = await store.eventRedirect(id);
      if (movedTo) return c.json({ movedTo }, 301, { Location: `/api/events/${encodeURIComponent(movedTo)}` });
      return c.json({ error: 'no such event' }, 404);
    }
    return c.json(
      {
        event: detail.event,
        brief: detail.brief,
        sources: detail.sources.map((source) => ({
          meta: source.meta,
          available: source.article !== null,
          citedSentences: source.cited.map((index) => ({ index, ...source.sentences[index] })),
        })),
      },
      200,
    );
  });

  app.openapi(routes.getArticle, async (c) => {
    const detail = await getArticleDetail(store, await catalog.snapshot(), c.req.valid('param').id);
    if (!detail) return c.json({ error: 'no such article' }, 404);
    return c.json(detail, 200);
  });

  app.openapi(routes.getEntity, async (c) => {
    const entity = await getEntityDetail(store, c.req.valid('param').id);
    if (!entity) return c.json({ error: 'no participant with this id' }, 404);
    return c.json(entity, 200);
  });

  app.openapi(routes.search, async (c) => {
    const { q, limit } = c.req.valid('query');
    return c.json({ hits: await store.search(q, limit ?? DEFAULT_SEARCH_HITS) }, 200);
  });

  app.use(routes.ingest.getRoutingPath(), async (c, next) => {
    if (!options.allowIngest) return fail(c, 403, 'ingest is disabled: start the server with --allow-ingest');
    return next();
  });
  app.use(
    routes.ingest.getRoutingPath(),
    bodyLimit({
      maxSize: maxUploadBytes,
      onError: (c) => fail(c, 413, `the upload is larger than ${maxUploadBytes} bytes`),
    }),
  );
  app.openapi(routes.ingest, async (c) => {
    const { files } = c.req.valid('form');
    const uploads = await Promise.all(
      (Array.isArray(files) ? files : [files]).map(async (file) => ({
        name: file.name,
        bytes: Buffer.from(await file.arrayBuffer()),
      })),
    );
    const summary = await (options.ingest ?? ((files) => ingestInThisThread(store, files)))(uploads);
    const { skipped: _skipped, ...result } = summary;
    return c.json({ ...result, events: (await catalog.snapshot()).events.length }, 200);
  });

  app.openapi(routes.eventsPage, async (c) => {
    const query = c.req.valid('query');
    const { limit: _limit, offset: _offset, ...filter } = query;
    const paging = pageOf(query);
    const matching = await matchingEvents(store, await catalog.snapshot(), filter);
    return c.html(eventsPage(filter, pageOfEvents(matching, paging), paging, eventCountsByDate(matching)), 200);
  });

  app.openapi(routes.eventPage, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    const paging = { sourcePage: query.sources ?? 1, claimPage: query.claims ?? 1 };
    // Rendered pages are kept until the store's events change: an event page reads and splits every source.
    const key = `${await store.eventsVersion()}\u0000${id}\u0000${paging.sourcePage}\u0000${paging.claimPage}`;
    const cached = renderedEventPages.get(key);
    if (cached !== undefined) return c.html(cached, 200);
    const detail = await getEventDetail(store, id);
    if (!detail) {
      const movedTo = await store.eventRedirect(id);
      if (movedTo) return c.redirect(eventHref(movedTo), 301);
      return fail(c, 404, 'There is no event with this id.');
    }
    const page = String(await eventPage(detail, paging));
    renderedEventPages.set(key, page);
    return c.html(page, 200);
  });

  app.openapi(routes.articlePage, async (c) => {
    const detail = await getArticleDetail(store, await catalog.snapshot(), c.req.valid('param').id);
    if (!detail) return fail(c, 404, 'There is no article with this id.');
    return c.html(articlePage(detail), 200);
  });

  app.openapi(routes.entityPage, async (c) => {
    const entity = await getEntityDetail(store, c.req.valid('param').id);
    if (!entity) return fail(c, 404, 'No event has a participant with this id.');
    return c.html(entityPage(entity), 200);
  });

  app.openapi(routes.searchPage, async (c) => {
    const { q, limit } = c.req.valid('query');
    return c.html(searchPage(q, await store.search(q, limit ?? DEFAULT_SEARCH_HITS)), 200);
  });

  registerSourceRoutes(app, store, { allowIngest: options.allowIngest ?? false, fail });

  app.openapi(routes.asset, (c) => {
    const asset = assets[c.req.valid('param').name];
    return c.body(asset.body, 200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=3600' });
  });

  app.doc('/api/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'dossier',
      version: '1',
      description: 'Events, articles and participants built from news documents, with citations to sentences.',
    },
  });

  return app;
}
