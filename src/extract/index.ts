// The "understand" stage: entities with aliases and roles, dates anchored on the
// publication date, and quotes with their speakers, all as spans over the clean text.
import type { Article } from '../types.js';
import { extractDates } from './dates.js';
import { resolveEntities } from './entities.js';
import { tagEntities, type NerSpan } from './ner/index.js';
import { extractQuotes } from './quotes.js';

/** Section headings ("Deepening Bilateral Ties") are capitalised like names and fool the tagger. */
const HEADING_MAX_WORDS = 6;

/** Drops tagged spans that are a whole heading line: a short paragraph without final punctuation. */
function withoutHeadings(text: string, spans: NerSpan[]): NerSpan[] {
  return spans.filter((span) => {
    const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
    const lineEndAt = text.indexOf('\n', span.end);
    const lineEnd = lineEndAt === -1 ? text.length : lineEndAt;
    const line = text.slice(lineStart, lineEnd).trim();
    const wholeLine = text.slice(span.start, span.end).trim() === line;
    return !(wholeLine && line.split(/\s+/).length >= 2 && line.split(/\s+/).length <= HEADING_MAX_WORDS && !/[.!?:;"”]$/.test(line));
  });
}

export function annotate(article: Article): Article {
  const { text } = article;
  const entities = resolveEntities(text, withoutHeadings(text, tagEntities(text)));
  const dates = extractDates(text, article.published);
  const quotes = extractQuotes(text, entities);
  const messages = [...article.messages];
  if (!article.published && dates.some((date) => date.value === null)) {
    messages.push({
      level: 'warn',
      stage: 'dates',
      reason: 'no publication date: relative dates ("on Sunday", "last year") are left unresolved',
    });
  }
  return { ...article, entities, dates, quotes, messages };
}
