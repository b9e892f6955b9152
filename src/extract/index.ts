// The "understand" stage: entities with aliases and roles, dates anchored on the
// publication date, and quotes with their speakers, all as spans over the clean text.
import type { Article } from '../types.js';
import { extractDates } from './dates.js';
import { resolveEntities } from './entities.js';
import { tagEntities, type NerSpan } from './ner/index.js';
import { extractQuotes } from './quotes.js';
import { firstIndexWhere } from '../util/sorted.js';

/** Section headings ("Deepening Bilateral Ties") are capitalised like names and fool the tagger. */
const HEADING_MAX_WORDS = 6;
/** Longest line compared with a tagged span: six words of a heading fit in far less, so a longer line is not one. */
const HEADING_MAX_CHARS = 400;

/** Drops tagged spans that are a whole heading line: a short paragraph without final punctuation. */
function withoutHeadings(text: string, spans: NerSpan[]): NerSpan[] {
  // Line breaks found once and looked up by binary search: searching the text around each span took time
  // quadratic in the length of a long line.
  const breaks: number[] = [];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) breaks.push(at);
  return spans.filter((span) => {
    const before = firstIndexWhere(breaks, (at) => at >= span.start);
    const lineStart = before > 0 ? breaks[before - 1] + 1 : 0;
    const after = firstIndexWhere(breaks, (at) => at >= span.end);
    const lineEnd = after < breaks.length ? breaks[after] : text.length;
    if (lineEnd - lineStart > HEADING_MAX_CHARS) return true;
    const line = text.slice(lineStart, lineEnd).trim();
    const wholeLine = text.slice(span.start, span.end).trim() === line;
    return !(wholeLine && line.split(/\s+/).length >= 2 && line.split(/\s+/).length <= HEADING_MAX_WORDS && !/[.!?:;"”]$/.test(line));
  });
}

/**
 * Most characters of one article that are annotated. Annotation takes time linear in the text (about 10 s a
 * megabyte on a 2-core machine); the longest news articles are well under 100 KB, so a longer text is a book,
 * a log or a dump, and its tail is left unannotated with a warning rather than holding up a batch.
 */
export const MAX_ANNOTATED_CHARS = 1_000_000;

/** Where annotation of a long text stops: the last paragraph break before the cap, or the cap itself. */
function annotatedLength(text: string): number {
  if (text.length <= MAX_ANNOTATED_CHARS) return text.length;
  const lastBreak = text.lastIndexOf('\n', MAX_ANNOTATED_CHARS);
  return lastBreak > MAX_ANNOTATED_CHARS / 2 ? lastBreak : MAX_ANNOTATED_CHARS;
}

export function annotate(article: Article): Article {
  const annotated = annotatedLength(article.text);
  const text = article.text.slice(0, annotated);
  const entities = resolveEntities(text, withoutHeadings(text, tagEntities(text)));
  const dates = extractDates(text, article.published);
  const quotes = extractQuotes(text, entities);
  const messages = [...article.messages];
  if (annotated < article.text.length) {
    messages.push({
      level: 'warn',
      stage: 'annotate',
      reason: `text too long to annotate in full: entities, dates and quotes cover the first ${annotated.toLocaleString('en')} of ${article.text.length.toLocaleString('en')} characters (limit ${MAX_ANNOTATED_CHARS.toLocaleString('en')})`,
    });
  }
  if (!article.published && dates.some((date) => date.value === null)) {
    messages.push({
      level: 'warn',
      stage: 'dates',
      reason: 'no publication date: relative dates ("on Sunday", "last year") are left unresolved',
    });
  }
  return { ...article, entities, dates, quotes, messages };
}
