// How articles and events look when printed or exported.
import type { DossierEvent } from '../events/types.js';
import type { Article } from '../types.js';

/** The exported article: the documented fields in a fixed order, annotations when present. */
export function toExportArticle(article: Article): Record<string, unknown> {
  return {
    id: article.id,
    source: article.source,
    status: article.status,
    ...(article.status === 'rejected' ? { reason: article.reason ?? 'rejected' } : {}),
    url: article.url,
    title: article.title,
    publisher: article.publisher,
    published: article.published,
    byline: article.byline,
    dateline: article.dateline,
    agencies: article.agencies,
    language: article.language,
    text: article.text,
    captions: article.captions,
    comments: article.comments,
    removed: article.removed,
    messages: article.messages,
    entities: article.entities ?? [],
    dates: article.dates ?? [],
    quotes: article.quotes ?? [],
  };
}

export function toExportEvent(event: DossierEvent): Record<string, unknown> {
  return {
    id: event.id,
    title: event.title,
    date: event.date,
    location: event.location,
    articles: event.articles.map((article) => article.id),
    independentArticles: event.articles.filter((article) => article.independent).map((article) => article.id),
    duplicates: event.duplicates,
    participants: event.participants,
    quotes: event.quotes,
    actions: event.actions,
    claims: event.claims,
    discrepancies: event.discrepancies,
    framing: event.framing,
    related: event.related,
    firstSeen: event.firstSeen,
    lastUpdated: event.lastUpdated,
  };
}

export function formatArticleText(article: Record<string, unknown>): string {
  const a = article as unknown as Article;
  if (a.status === 'rejected') return `# ${a.source}\nREJECTED: ${a.reason}\n`;
  const lines = [
    `# ${a.title ?? '(untitled)'}`,
    `source: ${a.source}`,
    `publisher: ${a.publisher ?? '-'}   published: ${a.published ?? '-'}   byline: ${a.byline ?? '-'}`,
    `dateline: ${a.dateline ?? '-'}   agencies: ${a.agencies.join(', ') || '-'}   language: ${a.language ?? '-'}`,
    '',
    a.text,
    '',
  ];
  if (a.captions.length) lines.push('## Captions', ...a.captions.map((caption) => `- ${caption}`), '');
  if (a.comments.length) lines.push('## Comments', ...a.comments.map((comment) => `- ${comment.author}: ${comment.text}`), '');
  if (a.removed.length) lines.push('## Removed', ...a.removed.map((removal) => `- [${removal.reason}] ${removal.text}`), '');
  return lines.join('\n');
}

export function formatEventLine(event: DossierEvent): string {
  const independent = event.articles.filter((article) => article.independent).length;
  const sources = `${independent} independent source${independent === 1 ? '' : 's'}`;
  const copies = event.articles.length - independent;
  return `${event.date ?? '????-??-??'}  ${(event.location ?? '?').padEnd(14)} ${event.title}  (${sources}${copies ? `, ${copies} copies` : ''})  [${event.id}]`;
}
