// The "understand" stage: entities with aliases and roles, dates anchored on the
// publication date, and quotes with their speakers, all as spans over the clean text.
import type { Article } from '../types.js';
import { extractDates } from './dates.js';
import { resolveEntities } from './entities.js';
import { tagEntities } from './ner/index.js';
import { extractQuotes } from './quotes.js';

export function annotate(article: Article): Article {
  const { text } = article;
  const entities = resolveEntities(text, tagEntities(text));
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
