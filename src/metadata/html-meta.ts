// Article metadata from an HTML document's head and structured data: Open Graph, article:*,
// citation_*, Parse.ly, Dublin Core, <time datetime>, and JSON-LD (NewsArticle/Article, incl. @graph).
// Each field takes the first source in a fixed priority order that gives a usable value.

export interface HtmlMeta {
  title: string | null;
  publisher: string | null;
  /** ISO 8601 date or date-time. */
  published: string | null;
  byline: string | null;
  /** BCP 47 tag, e.g. `en` or `en-GB`. */
  language: string | null;
  url: string | null;
  description: string | null;
}

type JsonObject = Record<string, unknown>;

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|BackgroundNewsArticle|LiveBlogPosting|TechArticle|ScholarlyArticle|Report|WebPage)$/;

/** Reads page-level metadata; never throws on malformed markup or JSON-LD. */
export function readHtmlMeta(document: Document): HtmlMeta {
  const metaValues = collectMetaTags(document);
  const meta = (...keys: string[]): string | null => {
    for (const key of keys) {
      const values = metaValues.get(key.toLowerCase());
      if (values && values.length > 0) return values[0];
    }
    return null;
  };
  const metaAll = (key: string): string[] => metaValues.get(key.toLowerCase()) ?? [];
  const article = findJsonLdArticle(document);

  const publisher = firstText(
    meta('og:site_name', 'citation_publisher', 'citation_journal_title', 'dc.publisher', 'dcterms.publisher', 'application-name'),
    personOrOrganisationNames(article?.publisher)[0] ?? null,
  );

  const title = firstText(
    meta('og:title', 'twitter:title', 'citation_title', 'parsely-title', 'dc.title', 'dcterms.title'),
    stringField(article?.headline),
    stringField(article?.name),
    documentTitle(document, publisher),
  );

  const published = firstDate(
    meta('article:published_time', 'og:article:published_time', 'datepublished', 'date', 'pubdate', 'publishdate',
      'publish-date', 'citation_publication_date', 'citation_date', 'parsely-pub-date', 'sailthru.date',
      'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date', 'dcterms.created', 'article.published'),
    stringField(article?.datePublished),
    stringField(article?.dateCreated),
    firstTimeElementDate(document),
  );

  const citationAuthors = metaAll('citation_author');
  const authorMeta = meta('author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'byl');
  const byline = firstText(
    authorMeta && !/^https?:\/\//.test(authorMeta) ? authorMeta : null,
    joinNames(personOrOrganisationNames(article?.author)),
    joinNames(citationAuthors),
    document.querySelector('[rel="author"]')?.textContent ?? null,
  );

  const language = normaliseLanguage(
    document.documentElement?.getAttribute('lang') ??
      document.documentElement?.getAttribute('xml:lang') ??
      meta('content-language', 'dc.language', 'og:locale', 'citation_language') ??
      stringField(article?.inLanguage),
  );

  const url = firstText(
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null,
    meta('og:url', 'twitter:url', 'citation_public_url', 'parsely-link'),
    stringField(article?.url),
  );

  const description = firstText(
    meta('og:description', 'description', 'twitter:description', 'dc.description', 'dcterms.description'),
    stringField(article?.description),
  );

  return { title, publisher, published, byline, language, url: url && /^https?:\/\//.test(url) ? url : null, description };
}

/** The <title> text without a trailing or leading site name ("Headline | Site", "Site - Headline"). */
function documentTitle(document: Document, publisher: string | null): string | null {
  const raw = cleanText(document.querySelector('title')?.textContent);
  if (!raw) return null;
  const heading = cleanText(document.querySelector('h1')?.textContent);
  if (heading && raw.startsWith(heading)) return heading;
  if (publisher) {
    const escaped = publisher.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const stripped = raw.replace(new RegExp(`\\s+[|\u2013\u2014·:-]\\s+${escaped}$|^${escaped}\\s+[|\u2013\u2014·:-]\\s+`, 'i'), '');
    if (stripped) return stripped;
  }
  return raw;
}

/** `<meta name|property|itemprop|http-equiv=… content=…>` grouped by lower-cased key, in document order. */
function collectMetaTags(document: Document): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const element of Array.from(document.querySelectorAll('meta'))) {
    const content = element.getAttribute('content') ?? element.getAttribute('datetime');
    if (!content || !content.trim()) continue;
    for (const attribute of ['name', 'property', 'itemprop', 'http-equiv']) {
      const key = element.getAttribute(attribute)?.trim().toLowerCase();
      if (!key) continue;
      // Some sites write several keys in one attribute ("og:title twitter:title").
      for (const part of key.split(/\s+/)) {
        const list = values.get(part) ?? [];
        list.push(content.trim());
        values.set(part, list);
      }
    }
  }
  return values;
}

function findJsonLdArticle(document: Document): JsonObject | null {
  let fallback: JsonObject | null = null;
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    let parsed: unknown;
    try {
      // CDATA wrappers and trailing semicolons are common in the wild.
      parsed = JSON.parse((script.textContent ?? '').replace(/^\s*(\/\/\s*)?<!\[CDATA\[|\]\]>\s*$/g, '').trim().replace(/;$/, ''));
    } catch {
      continue;
    }
    for (const node of flattenJsonLd(parsed)) {
      const types = ([] as unknown[]).concat(node['@type'] ?? []).map(String);
      const articleType = types.find((type) => ARTICLE_TYPES.test(type));
      if (!articleType) continue;
      if (articleType !== 'WebPage') return node;
      fallback ??= node;
    }
  }
  return fallback;
}

function flattenJsonLd(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.flatMap(flattenJsonLd);
  if (!value || typeof value !== 'object') return [];
  const node = value as JsonObject;
  return [node, ...(node['@graph'] ? flattenJsonLd(node['@graph']) : [])];
}

function stringField(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return stringField(value[0]);
  if (value && typeof value === 'object') {
    const node = value as JsonObject;
    return stringField(node['@value'] ?? node['@id'] ?? node.name);
  }
  return null;
}

function personOrOrganisationNames(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(personOrOrganisationNames);
  if (value && typeof value === 'object') {
    const name = (value as JsonObject).name;
    return typeof name === 'string' ? [name] : personOrOrganisationNames(name);
  }
  return [];
}

function joinNames(names: string[]): string | null {
  const unique = [...new Set(names.map(cleanText).filter((name): name is string => name !== null))];
  return unique.length > 0 ? unique.join(', ') : null;
}

function cleanText(value: string | null | undefined): string | null {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

function firstText(...candidates: (string | null | undefined)[]): string | null {
  for (const candidate of candidates) {
    const text = cleanText(candidate);
    if (text) return text;
  }
  return null;
}

function firstDate(...candidates: (string | null | undefined)[]): string | null {
  for (const candidate of candidates) {
    const date = candidate ? toIsoDate(candidate) : null;
    if (date) return date;
  }
  return null;
}

/** `<time datetime>` marked as the publication date, else the first one inside an article. */
function firstTimeElementDate(document: Document): string | null {
  const element =
    document.querySelector('time[pubdate][datetime], time[itemprop="datePublished"][datetime], [itemprop="datePublished"][content]') ??
    document.querySelector('article time[datetime], time[datetime]');
  return element?.getAttribute('datetime') ?? element?.getAttribute('content') ?? null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const SLASHED_DATE = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;

/** Normalises the date spellings found in meta tags to ISO 8601; null when not a plausible date. */
export function toIsoDate(raw: string): string | null {
  const value = raw.trim();
  let match = ISO_DATE.exec(value);
  if (match) return plausible(value);
  match = ISO_DATE_TIME.exec(value);
  if (match) {
    const zone = match[3] ? (match[3].toUpperCase() === 'Z' ? 'Z' : match[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '';
    return plausible(`${match[1]}T${match[2]}${zone}`);
  }
  match = COMPACT_DATE.exec(value) ?? SLASHED_DATE.exec(value);
  if (match) return plausible(`${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`);
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed) || !/\d{4}/.test(value)) return null;
  return plausible(new Date(parsed).toISOString());
}

function plausible(iso: string): string | null {
  const time = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(time)) return null;
  const year = Number(iso.slice(0, 4));
  return year >= 1900 && year <= 2200 ? iso : null;
}

function normaliseLanguage(raw: string | null): string | null {
  const value = raw?.trim().split(/[,;\s]/)[0];
  if (!value || !/^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i.test(value)) return null;
  const [primary, ...rest] = value.split(/[-_]/);
  return [primary.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join('-');
}
