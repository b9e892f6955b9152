// News feeds and sitemaps into lists of links with hints: RSS 2.0, RSS 1.0 (RDF), Atom,
// JSON Feed, sitemaps (with the Google News extension) and sitemap indexes. The format is
// recognised by the root element (or the JSON Feed version), whatever the server called it.
// XML is parsed by fast-xml-parser; the mapping of each format's fields is ours.
import { gunzipSync } from 'node:zlib';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface FeedItem {
  /** Absolute URL of the linked page. */
  link: string;
  title?: string;
  /** ISO 8601 when the feed's date could be read, else as printed. */
  published?: string;
  author?: string;
  /** The item's own HTML or text (RSS description/content:encoded, Atom content/summary, JSON Feed content). */
  content?: string;
}

export type Listing =
  | { kind: 'feed'; format: 'rss' | 'rdf' | 'atom' | 'json'; title: string | null; items: FeedItem[] }
  | { kind: 'sitemap'; items: FeedItem[] }
  | { kind: 'sitemap-index'; sitemaps: string[] };

export type ListingResult = { ok: true; listing: Listing } | { ok: false; reason: string };

/** A gzip'd sitemap over this decompressed size is refused (the sitemap protocol caps files at 50 MB). */
export const MAX_LISTING_BYTES = 50 * 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Feeds declare no entities of their own worth expanding; this keeps billion-laughs documents inert.
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['item', 'entry', 'url', 'sitemap', 'link', 'author', 'creator'].includes(name),
});

type Node = Record<string, unknown>;

/** The text of an element: a string, a number, `#text` of an element with attributes, or the first of a list. */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    for (const entry of value) {
      const found = text(entry);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object') return text((value as Node)['#text']);
  return undefined;
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function absolute(link: string | undefined, base: string): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/** RSS authors are often `email (Name)`: the name is what a byline wants. */
function personName(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const named = value.match(/^\S+@\S+\s*\(([^)]+)\)$/);
  if (named) return named[1].trim();
  return /^\S+@\S+$/.test(value) ? undefined : value;
}

function compact(item: FeedItem): FeedItem {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined && v !== '')) as unknown as FeedItem;
}

function rssItems(items: unknown[], base: string): FeedItem[] {
  return items.flatMap((raw) => {
    const item = raw as Node;
    // RSS <link> is text; an Atom <atom:link href> may sit beside it (its prefix is removed).
    const linkText = asArray(item.link).map(text).find(Boolean);
    const linkHref = asArray(item.link).map((l) => (typeof l === 'object' && l ? text((l as Node)['@href']) : undefined)).find(Boolean);
    const guid = item.guid as Node | string | undefined;
    const guidLink = typeof guid === 'object' && guid && text(guid['@isPermaLink']) === 'false' ? undefined : text(guid);
    const link = absolute(linkText ?? linkHref ?? guidLink, base);
    if (!link) return [];
    return [
      compact({
        link,
        title: text(item.title),
        published: isoDate(text(item.pubDate) ?? text(item.date) ?? text(item.published) ?? text(item.updated)),
        author: personName(text(item.creator) ?? text(item.author)),
        content: text(item.encoded) ?? text(item.description),
      }),
    ];
  });
}

function atomLink(entry: Node, base: string): string | undefined {
  const links = asArray(entry.link).map((l) => (typeof l === 'object' && l ? (l as Node) : { '@href': l }));
  const alternate = links.find((l) => !l['@rel'] || l['@rel'] === 'alternate') ?? links[0];
  return absolute(text(alternate?.['@href']), base);
}

function atomItems(entries: unknown[], base: string): FeedItem[] {
  return entries.flatMap((raw) => {
    const entry = raw as Node;
    const link = atomLink(entry, base);
    if (!link) return [];
    const authors = asArray(entry.author).map((a) => (typeof a === 'object' && a ? text((a as Node).name) : text(a)));
    return [
      compact({
        link,
        title: text(entry.title),
        published: isoDate(text(entry.published) ?? text(entry.updated)),
        author: authors.find(Boolean),
        content: text(entry.content) ?? text(entry.summary),
      }),
    ];
  });
}

function jsonFeed(value: Node, base: string): Listing {
  const items = asArray(value.items).flatMap((raw) => {
    if (!raw || typeof raw !== 'object') return [];
    const item = raw as Node;
    const link = absolute(typeof item.url === 'string' ? item.url : typeof item.external_url === 'string' ? item.external_url : undefined, base);
    if (!link) return [];
    const authors = [...asArray(item.authors), ...asArray(item.author)].map((a) => (a && typeof a === 'object' ? (a as Node).name : undefined));
    const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
    return [
      compact({
        link,
        title: str(item.title),
        published: isoDate(str(item.date_published) ?? str(item.date_modified)),
        author: authors.map(str).find(Boolean),
        content: str(item.content_html) ?? str(item.content_text) ?? str(item.summary),
      }),
    ];
  });
  return { kind: 'feed', format: 'json', title: typeof value.title === 'string' ? value.title : null, items };
}

function sitemapItems(urls: unknown[], base: string): FeedItem[] {
  return urls.flatMap((raw) => {
    const url = raw as Node;
    const link = absolute(text(url.loc), base);
    if (!link) return [];
    const news = (Array.isArray(url.news) ? url.news[0] : url.news) as Node | undefined;
    return [
      compact({
        link,
        title: news ? text(news.title) : undefined,
        published: isoDate((news ? text(news.publication_date) : undefined) ?? text(url.lastmod)),
      }),
    ];
  });
}

/** Newest first (undated last), so that a cap on items keeps the latest news. */
function newestFirst(items: FeedItem[]): FeedItem[] {
  const time = (item: FeedItem): number => {
    const t = item.published ? Date.parse(item.published) : NaN;
    return Number.isNaN(t) ? -Infinity : t;
  };
  return items.map((item, index) => ({ item, index })).sort((a, b) => time(b.item) - time(a.item) || a.index - b.index).map((x) => x.item);
}

function gunzipIfNeeded(body: Buffer): Buffer | { reason: string } {
  if (body[0] !== 0x1f || body[1] !== 0x8b) return body;
  try {
    return gunzipSync(body, { maxOutputLength: MAX_LISTING_BYTES });
  } catch (error) {
    const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    return { reason: tooLarge ? `decompressed size over ${MAX_LISTING_BYTES / 1048576} MB` : 'not valid gzip data' };
  }
}

/** True when the body is a feed or sitemap (by its first element or JSON Feed version), for auto-detection. */
export function looksLikeListing(body: Buffer): boolean {
  const head = body.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (body[0] === 0x1f && body[1] === 0x8b) return true;
  if (head.startsWith('{')) return /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(head);
  const root = head.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, '').trimStart().match(/^<([\w:-]+)/)?.[1]?.toLowerCase();
  return root !== undefined && ['rss', 'rdf:rdf', 'feed', 'urlset', 'sitemapindex'].includes(root);
}

/** Parses a feed, sitemap or sitemap index; `base` resolves relative links. Never throws. */
export function parseListing(input: Buffer, base: string): ListingResult {
  const body = gunzipIfNeeded(input);
  if (!Buffer.isBuffer(body)) return { ok: false, reason: body.reason };
  const source = body.toString('utf8').replace(/^\uFEFF/, '');
  const trimmed = source.trimStart();
  if (trimmed.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      return { ok: false, reason: `invalid JSON: ${(error as Error).message}` };
    }
    const version = value && typeof value === 'object' ? (value as Node).version : undefined;
    if (typeof version !== 'string' || !/^https?:\/\/jsonfeed\.org\/version\//.test(version)) {
      return { ok: false, reason: 'JSON that is not a JSON Feed (no jsonfeed.org version)' };
    }
    const listing = jsonFeed(value as Node, base);
    return { ok: true, listing: { ...listing, items: newestFirst(listing.kind === 'feed' ? listing.items : []) } as Listing };
  }
  if (/^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/i.test(trimmed)) return { ok: false, reason: 'not a feed or sitemap: an HTML page' };
  const valid = XMLValidator.validate(trimmed);
  if (valid !== true) return { ok: false, reason: `not a feed or sitemap: invalid XML (${valid.err.msg}, line ${valid.err.line})` };
  const document = parser.parse(trimmed) as Node;
  if (document.rss) {
    const channel = asArray((document.rss as Node).channel)[0] as Node | undefined;
    const items = rssItems(asArray(channel?.item), base);
    return { ok: true, listing: { kind: 'feed', format: 'rss', title: text(channel?.title) ?? null, items: newestFirst(items) } };
  }
  if (document.RDF) {
    const rdf = document.RDF as Node;
    const channel = asArray(rdf.channel)[0] as Node | undefined;
    const items = rssItems(asArray(rdf.item), base);
    return { ok: true, listing: { kind: 'feed', format: 'rdf', title: text(channel?.title) ?? null, items: newestFirst(items) } };
  }
  if (document.feed) {
    const feed = document.feed as Node;
    return { ok: true, listing: { kind: 'feed', format: 'atom', title: text(feed.title) ?? null, items: newestFirst(atomItems(asArray(feed.entry), base)) } };
  }
  if (document.urlset) {
    return { ok: true, listing: { kind: 'sitemap', items: newestFirst(sitemapItems(asArray((document.urlset as Node).url), base)) } };
  }
  if (document.sitemapindex) {
    const sitemaps = asArray((document.sitemapindex as Node).sitemap)
      .map((s) => absolute(text((s as Node).loc), base))
      .filter((s): s is string => s !== undefined);
    return { ok: true, listing: { kind: 'sitemap-index', sitemaps } };
  }
  const root = Object.keys(document).find((key) => !key.startsWith('?')) ?? 'nothing';
  return { ok: false, reason: `not a feed or sitemap: the root element is <${root}>` };
}
