// A web page found at a URL (fetched, or read from a WARC record) into the store: its canonical
// address is worked out first, so that the same story under two URLs (tracking parameters, an
// AMP copy, a redirect) is recognised as one article before it is analysed again.
import { parseHTML } from 'linkedom';
import { getDomain } from 'tldts';
import { canonicalUrl } from '../fetch/url.js';
import type { Store } from '../store/store.js';
import type { DocumentHints, RawDocument } from '../types.js';
import { decodeBytes } from './decode.js';
import { analyse, countResult, type IngestSummary } from './index.js';

/** The site a host belongs to (its registrable domain), or the host itself for IPs and single-label names. */
function siteOf(host: string): string {
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

/**
 * The page's `<link rel="canonical">`, resolved against its URL, when it points into the same
 * site: a page cannot claim another site's address (that would hide the other site's article).
 */
export function canonicalLink(html: string, pageUrl: string): string | null {
  const headEnd = html.search(/<\/head\s*>|<body[\s>]/i);
  const { document } = parseHTML(headEnd > 0 ? `${html.slice(0, headEnd)}</head><body></body></html>` : html);
  const href = Array.from(document.querySelectorAll('link[rel][href]'))
    .find((link) => (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'))
    ?.getAttribute('href');
  if (!href) return null;
  try {
    const canonical = new URL(href.trim(), pageUrl);
    const page = new URL(pageUrl);
    if (canonical.protocol !== 'http:' && canonical.protocol !== 'https:') return null;
    return siteOf(canonical.hostname) === siteOf(page.hostname) ? canonical.href : null;
  } catch {
    return null;
  }
}

export interface FoundPage {
  /** Where the page came from, as the article's source: the URL asked for, or `file.warc.gz#offset`. */
  source: string;
  /** The page's address after redirects (a WARC record's target URI; '' when it has none). */
  url: string;
  /** Other addresses that led to it (the requested one, redirect hops). */
  alsoAt: string[];
  body: Buffer;
  charset?: string;
  /** Hints from a feed item or a WARC record. */
  hints?: Omit<DocumentHints, 'url' | 'kind' | 'charset'>;
}

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

/** Stores one page unless it is already stored under one of its addresses; returns what became of it. */
export async function storePage(store: Store, page: FoundPage, summary: IngestSummary, sourceId: string | null = null): Promise<'added' | 'known'> {
  const decoded = decodeBytes(page.body, 'html', { transportEncoding: page.charset });
  const canonical = decoded.ok ? canonicalLink(decoded.text, page.url) : null;
  // A WARC record without a target URI has no address: it is then known by its content alone.
  const primary = canonicalUrl(canonical ?? page.url);
  const urls = unique([primary, canonicalUrl(page.url), ...page.alsoAt.map(canonicalUrl)]);
  const storedId = urls.length > 0 ? await store.findArticleByUrl(urls) : null;
  if (storedId) {
    // Known under another address: record these ones too, so the next poll need not fetch them.
    const stored = await store.getArticle(storedId);
    if (stored) await store.putFetchedArticle(stored, { urls, sourceId: null });
    summary.known++;
    return 'known';
  }
  const raw: RawDocument = { source: page.source, bytes: page.body, hints: { ...page.hints, url: primary ?? undefined, kind: 'html', charset: page.charset } };
  const article = analyse(raw);
  const result = await store.putFetchedArticle(article, { urls, sourceId });
  countResult(summary, article, result);
  return result;
}

/**
 * Stores a feed item from its own content, when its page cannot be fetched. Only an article is
 * kept: a summary too short to be one is not stored, so the page is tried again next time.
 */
export async function storeFeedContent(
  store: Store,
  item: { link: string; content: string; title?: string; published?: string; author?: string },
  whyNotPage: string,
  summary: IngestSummary,
  sourceId: string | null,
): Promise<{ stored: boolean; reason?: string }> {
  const url = canonicalUrl(item.link) ?? item.link;
  const raw: RawDocument = {
    source: item.link,
    bytes: Buffer.from(item.content, 'utf8'),
    hints: { url, title: item.title, published: item.published, author: item.author },
  };
  const article = analyse(raw);
  if (article.status !== 'ok') return { stored: false, reason: article.reason };
  article.messages.push({ level: 'warn', stage: 'fetch', reason: `the page could not be fetched (${whyNotPage}); the feed's own content is used` });
  const result = await store.putFetchedArticle(article, { urls: [url], sourceId });
  countResult(summary, article, result);
  return { stored: true };
}
