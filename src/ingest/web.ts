// Ingesting from the web: a page URL, a feed, a sitemap or a sitemap index. The listing is
// fetched (conditionally, when validators from the last poll are given), each linked page is
// fetched unless one of its addresses is already stored, and every page goes through the same
// pipeline as a file. Failures are reported per URL; the batch goes on.
import type { Fetcher, FetchFailure, Fetched } from '../fetch/fetcher.js';
import { canonicalUrl } from '../fetch/url.js';
import type { SourceKind, Store } from '../store/store.js';
import type { FeedItem } from './feeds.js';
import { looksLikeListing, parseListing } from './feeds.js';
import type { IngestSummary } from './index.js';
import { storeFeedContent, storePage } from './pages.js';

/** Pages taken from one feed or sitemap per run, newest first: a 50,000-URL sitemap is read a slice at a time. */
export const DEFAULT_MAX_ITEMS = 200;
/** Sitemaps taken from one sitemap index. */
const MAX_CHILD_SITEMAPS = 50;

export interface WebIngest {
  store: Store;
  fetcher: Fetcher;
  summary: IngestSummary;
  /** The source being polled, so that its new articles count towards it. */
  sourceId?: string | null;
  maxItems?: number;
  /** Aborts the run (Ctrl-C): fetches in flight stop, nothing half-done is stored. */
  signal?: AbortSignal;
}

/** What a poll of one URL came to, for the source's state. */
export interface TargetOutcome {
  ok: boolean;
  /** "ok", "not modified", "HTTP 503", "refused", "failed", "not a feed". */
  status: string;
  error: string | null;
  etag: string | null;
  lastModified: string | null;
  retryAfterMs?: number;
}

function failureStatus(result: FetchFailure): string {
  if (result.status !== undefined && (result.status < 200 || result.status >= 300)) return `HTTP ${result.status}`;
  return result.refused ? 'refused' : 'failed';
}

function fail(context: WebIngest, source: string, reason: string): void {
  context.summary.failed.push({ source, reason });
}

function isHtmlType(mediaType: string): boolean {
  return mediaType === 'text/html' || mediaType === 'application/xhtml+xml';
}

async function storeFetched(context: WebIngest, fetched: Fetched, hints?: FeedItem): Promise<void> {
  await storePage(
    context.store,
    {
      source: fetched.requested,
      url: fetched.url,
      alsoAt: fetched.chain,
      body: fetched.body,
      charset: fetched.charset ?? undefined,
      hints: hints && { title: hints.title, published: hints.published, author: hints.author },
    },
    context.summary,
    context.sourceId ?? null,
  );
}

/** One item of a feed or sitemap: skipped when stored, else its page is fetched (its own content when the page fails). */
async function ingestItem(context: WebIngest, item: FeedItem): Promise<void> {
  const key = canonicalUrl(item.link);
  if (key && (await context.store.findArticleByUrl([key]))) {
    context.summary.known++;
    return;
  }
  const page = await context.fetcher.get({ url: item.link, expect: 'html', signal: context.signal });
  if (page.ok && !page.notModified) {
    await storeFetched(context, page, item);
    return;
  }
  const reason = page.ok ? 'HTTP 304 to an unconditional request' : page.reason;
  if (item.content) {
    const fallback = await storeFeedContent(context.store, { ...item, content: item.content }, reason, context.summary, context.sourceId ?? null);
    if (fallback.stored) return;
    fail(context, item.link, `${reason}; the feed's own content is not an article either (${fallback.reason})`);
    return;
  }
  fail(context, item.link, reason);
}

/**
 * Fetches one URL and ingests what it is: a page, or the pages a feed or sitemap lists. `kind`
 * says what the URL should be; `auto` decides by the content type and the root element.
 */
export async function ingestTarget(
  context: WebIngest,
  url: string,
  kind: SourceKind,
  validators: { etag: string | null; lastModified: string | null } = { etag: null, lastModified: null },
  depth = 0,
): Promise<TargetOutcome> {
  const expect = kind === 'page' ? 'html' : kind === 'auto' ? 'any-document' : 'feed';
  const result = await context.fetcher.get({ url, expect, etag: validators.etag, lastModified: validators.lastModified, signal: context.signal });
  if (!result.ok) {
    fail(context, url, result.reason);
    return {
      ok: false,
      status: failureStatus(result),
      error: result.reason,
      etag: null,
      lastModified: null,
      ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}),
    };
  }
  if (result.notModified) return { ok: true, status: 'not modified', error: null, ...validators };
  const done: TargetOutcome = { ok: true, status: 'ok', error: null, etag: result.etag, lastModified: result.lastModified };

  const asPage = kind === 'page' || (kind === 'auto' && (isHtmlType(result.mediaType) || result.mediaType === '') && !looksLikeListing(result.body));
  if (asPage) {
    await storeFetched(context, result);
    return done;
  }
  const parsed = parseListing(result.body, result.url);
  if (!parsed.ok) {
    fail(context, url, parsed.reason);
    return { ok: false, status: 'not a feed', error: parsed.reason, etag: null, lastModified: null };
  }
  const { listing } = parsed;
  if (listing.kind === 'sitemap-index') {
    if (depth > 0) {
      const reason = 'a sitemap index inside a sitemap index is not followed';
      fail(context, url, reason);
      return { ok: false, status: 'not a feed', error: reason, etag: null, lastModified: null };
    }
    for (const child of listing.sitemaps.slice(0, MAX_CHILD_SITEMAPS)) {
      // Stopping mid-listing must not look like a finished poll: the validators would then skip the rest.
      context.signal?.throwIfAborted();
      await ingestTarget(context, child, 'sitemap', undefined, depth + 1);
    }
    return done;
  }
  for (const item of listing.items.slice(0, context.maxItems ?? DEFAULT_MAX_ITEMS)) {
    context.signal?.throwIfAborted();
    await ingestItem(context, item);
  }
  return done;
}
