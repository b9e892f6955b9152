// The article pipeline: raw document -> decoded -> cleaned -> described -> annotated.
// Each stage is a small function; problems with the input become `reject` messages.
import { createHash } from 'node:crypto';
import { extractHtml } from './clean/html.js';
import { cleanParagraphs, splitParagraphs, type CleanedText } from './clean/text.js';
import { canonicalAgency } from './clean/rules.js';
import { decodeBytes } from './ingest/decode.js';
import { typeHint } from './ingest/read.js';
import {
  agenciesCitedInText,
  detectLanguage,
  isAgency,
  normaliseDate,
  parsePrintedDate,
  readByline,
  readDateline,
  reconcileWithDateline,
} from './metadata/text.js';
import type { Article, RawDocument, Removal } from './types.js';

/** Bodies with fewer words than this are not articles (widgets, teaser boxes). A one-sentence brief or a
 *  headline-only wire flash ("Swimming star Esther Williams dies at 91") is an article: ECB+ and
 *  news-clustering corpora hold many of 7-20 words. Error pages are rejected by their own rule. */
export const MIN_BODY_WORDS = 6;

export function contentId(raw: RawDocument): string {
  const hash = createHash('sha256');
  if (raw.bytes) hash.update(raw.bytes);
  else if (raw.record) hash.update(JSON.stringify(raw.record));
  else hash.update(`error:${raw.source}:${raw.error ?? ''}`);
  return hash.digest('hex').slice(0, 16);
}

function emptyArticle(raw: RawDocument): Article {
  return {
    id: contentId(raw),
    source: raw.source,
    status: 'ok',
    url: null,
    title: null,
    publisher: null,
    published: null,
    byline: null,
    dateline: null,
    agencies: [],
    language: null,
    text: '',
    captions: [],
    comments: [],
    removed: [],
    messages: (raw.warnings ?? []).map((reason) => ({ level: 'warn' as const, stage: 'read', reason })),
  };
}

function reject(article: Article, stage: string, reason: string): Article {
  article.status = 'rejected';
  article.reason = reason;
  article.messages.push({ level: 'reject', stage, reason });
  return article;
}

interface Decoded {
  content: string;
  kind: 'html' | 'text';
  hints: { url?: string; title?: string; published?: string };
  warnings: string[];
}

/** NUL characters carry no text and break consumers of the stored text (C strings, terminals): they are removed. */
function withoutNul(decoded: Decoded): Decoded {
  let removed = 0;
  const content = decoded.content.replace(/\u0000/g, () => {
    removed++;
    return '';
  });
  if (removed === 0) return decoded;
  return { ...decoded, content, warnings: [...decoded.warnings, `${removed} NUL character${removed === 1 ? '' : 's'} removed`] };
}

function decodeStage(raw: RawDocument): Decoded | { error: string } {
  if (raw.error) return { error: raw.error };
  if (raw.record) {
    const { html, text, url, title, published } = raw.record;
    const hints = { url, title, published };
    return withoutNul(html ? { content: html, kind: 'html', hints, warnings: [] } : { content: text ?? '', kind: 'text', hints, warnings: [] });
  }
  const decoded = decodeBytes(raw.bytes ?? Buffer.alloc(0), raw.hints?.kind ?? typeHint(raw.source), {
    transportEncoding: raw.hints?.charset,
  });
  if (!decoded.ok) return { error: decoded.reason };
  return withoutNul({ content: decoded.text, kind: decoded.kind, hints: { url: raw.hints?.url }, warnings: decoded.warnings });
}

/** A document that could not be processed at all, stored as rejected with the reason so that the batch goes on. */
export function rejectedArticle(raw: RawDocument, stage: string, reason: string): Article {
  return reject(emptyArticle(raw), stage, reason);
}

/** Runs decode, clean and metadata on one raw document. Never throws for bad input. */
export function processDocument(raw: RawDocument): Article {
  const article = emptyArticle(raw);
  const decoded = decodeStage(raw);
  if ('error' in decoded) return reject(article, 'decode', decoded.error);
  for (const reason of decoded.warnings) article.messages.push({ level: 'warn', stage: 'decode', reason });

  let cleaned: CleanedText;
  let htmlMeta: ReturnType<typeof extractHtml>['meta'] | null = null;
  const removed: Removal[] = [];
  if (decoded.kind === 'html') {
    const extraction = extractHtml(decoded.content, { url: decoded.hints.url });
    htmlMeta = extraction.meta;
    removed.push(...extraction.removed);
    for (const reason of extraction.warnings) article.messages.push({ level: 'warn', stage: 'clean', reason });
    cleaned = cleanParagraphs(extraction.paragraphs, { source: 'html' });
    cleaned.title = extraction.title;
    cleaned.captions.unshift(...extraction.captions);
    cleaned.comments.unshift(...extraction.comments);
  } else {
    cleaned = cleanParagraphs(splitParagraphs(decoded.content));
  }
  removed.push(...cleaned.removed);

  const paragraphs = [...cleaned.paragraphs];
  const dateline = paragraphs.length > 0 ? readDateline(paragraphs[0]) : null;
  if (dateline) {
    removed.push({ text: paragraphs[0].slice(0, dateline.length).trim(), reason: 'dateline (kept as metadata)' });
    paragraphs[0] = paragraphs[0].slice(dateline.length);
  }
  // A brief made only of short lines has no body-length paragraph: its standfirst lines, or else its
  // headline, are its text.
  if (paragraphs.every((paragraph) => !paragraph.trim()) && !cleaned.errorPage) {
    const brief = briefText(cleaned);
    paragraphs.splice(0, paragraphs.length, ...brief);
    const used = new Set(brief);
    removed.splice(0, removed.length, ...removed.filter((removal) => !(used.has(removal.text) && removal.reason.startsWith('standfirst'))));
  }
  const text = paragraphs.join('\n\n');

  const byline = cleaned.bylines.length > 0 ? readByline(cleaned.bylines[0]) : null;
  article.text = text;
  article.captions = cleaned.captions;
  article.comments = cleaned.comments;
  article.removed = removed;
  article.url = decoded.hints.url ?? htmlMeta?.url ?? null;
  article.title = decoded.hints.title ?? cleaned.title ?? htmlMeta?.title ?? raw.hints?.title ?? null;
  article.publisher = htmlMeta?.publisher ?? publisherFromHeader(cleaned) ?? cleaned.sourceNames[0] ?? dateline?.agency ?? null;
  article.published =
    normaliseDate(decoded.hints.published) ??
    htmlMeta?.published ??
    reconcileWithDateline(firstDate(cleaned.dateLines), cleaned.dateLines[0] ?? null, dateline?.dateline ?? null) ??
    byline?.date ??
    normaliseDate(raw.hints?.published) ??
    null;
  article.byline = byline?.byline ?? htmlMeta?.byline ?? raw.hints?.author ?? null;
  article.dateline = dateline?.dateline ?? null;
  article.agencies = unique([
    ...(dateline?.agency ? [dateline.agency] : []),
    ...(byline?.agency ? [byline.agency] : []),
    // A page whose author is a wire service ("Reuters") credits that agency.
    ...(htmlMeta?.byline && isAgency(htmlMeta.byline) ? [canonicalAgency(htmlMeta.byline)] : []),
    ...cleaned.creditedAgencies,
    ...agenciesCitedInText(text),
  ]);
  article.language = detectLanguage(text) ?? htmlMeta?.language ?? null;

  const words = text.split(/\s+/).filter(Boolean).length;
  if (words === 0) {
    return reject(article, 'clean', cleaned.errorPage ? 'error page: no article text' : 'no article text found');
  }
  if (words < MIN_BODY_WORDS) {
    const reason = cleaned.errorPage
      ? `error page: only ${words} words of text besides the error message`
      : `too little article text (${words} words; at least ${MIN_BODY_WORDS} needed)`;
    return reject(article, 'clean', reason);
  }
  return article;
}

/** The lines under the headline that the header took for a standfirst, or the headline itself. */
function briefText(cleaned: CleanedText): string[] {
  const standfirst = cleaned.removed.filter((removal) => removal.reason === 'standfirst or label under the headline').map((removal) => removal.text);
  const sentences = standfirst.filter((line) => /\p{Ll}/u.test(line) && line.split(/\s+/).length >= MIN_BODY_WORDS);
  if (sentences.length > 0) return sentences;
  return cleaned.title ? [cleaned.title] : [];
}

function firstDate(lines: string[]): string | null {
  for (const line of lines) {
    const date = parsePrintedDate(line);
    if (date) return date;
  }
  return null;
}

/** Site names have fewer words than this; a longer line above the title is the site's tagline. */
const SITE_NAME_MAX_WORDS = 5;

/** Header lines above the title name the site ("Ministry of Foreign Affairs / The People's Republic of China"). */
function publisherFromHeader(cleaned: CleanedText): string | null {
  if (!cleaned.title) return null;
  const titleIndex = cleaned.header.indexOf(cleaned.title);
  const above = cleaned.header
    .slice(0, Math.max(titleIndex, 0))
    .filter((line) => line.split(/\s+/).length <= SITE_NAME_MAX_WORDS);
  return above.length > 0 ? above.join(', ') : null;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
