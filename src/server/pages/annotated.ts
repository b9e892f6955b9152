// Renders clean article text as paragraphs of sentence spans (`id="s<N>"`, the citation targets),
// with entity, date and quote annotations as nested, classed spans.
import { html } from 'hono/html';
import type { Article } from '../../types.js';
import type { Sentence } from '../../extract/sentences.js';
import { entityHref, type Html } from './layout.js';

export interface Mark {
  start: number;
  end: number;
  className: string;
  title: string;
  /** Where the mark links to (an entity page); plain span when absent. */
  href?: string;
}

/** Outer marks first when two start together: a quote encloses the names and dates inside it. */
const NESTING_ORDER = ['quote', 'entity', 'date'];

function nestingRank(mark: Mark): number {
  return NESTING_ORDER.findIndex((kind) => mark.className.startsWith(kind));
}

function byNesting(a: Mark, b: Mark): number {
  return a.start - b.start || b.end - a.end || nestingRank(a) - nestingRank(b);
}

/**
 * Turns overlapping marks into properly nested spans. A mark that crosses the end of an enclosing
 * one is cut at that end (HTML cannot express crossing spans); marks swallowed whole by an earlier
 * sibling are dropped.
 */
function renderRange(text: string, start: number, end: number, marks: Mark[]): (string | Html)[] {
  const out: (string | Html)[] = [];
  let cursor = start;
  let i = 0;
  while (i < marks.length) {
    const mark = marks[i];
    const markStart = Math.max(mark.start, cursor);
    const markEnd = Math.min(mark.end, end);
    let next = i + 1;
    const inner: Mark[] = [];
    while (next < marks.length && marks[next].start < markEnd) {
      const child = marks[next];
      inner.push({ ...child, start: Math.max(child.start, markStart), end: Math.min(child.end, markEnd) });
      next++;
    }
    if (markStart < markEnd) {
      out.push(text.slice(cursor, markStart));
      const body = renderRange(text, markStart, markEnd, inner.sort(byNesting));
      out.push(
        mark.href
          ? html`<a class="${mark.className}" href="${mark.href}" title="${mark.title}">${body}</a>`
          : html`<span class="${mark.className}" title="${mark.title}">${body}</span>`,
      );
      cursor = markEnd;
    }
    i = next;
  }
  out.push(text.slice(cursor, end));
  return out;
}

/**
 * The article's annotations as marks. `participantIds` maps entity names and aliases to the
 * cross-event participant ids, so a mention links to its entity page when an event knows it.
 */
export function annotationMarks(article: Article, participantIds: Map<string, string>): Mark[] {
  const marks: Mark[] = [];
  for (const entity of article.entities ?? []) {
    const participant = [entity.name, ...entity.aliases].map((name) => participantIds.get(name)).find(Boolean);
    const roles = entity.roles.length > 0 ? ` (${entity.roles.join(', ')})` : '';
    for (const mention of entity.mentions) {
      marks.push({
        start: mention.start,
        end: mention.end,
        className: `entity entity-${entity.type}`,
        title: `${entity.type}: ${entity.name}${roles}`,
        href: participant ? entityHref(participant) : undefined,
      });
    }
  }
  for (const date of article.dates ?? []) {
    marks.push({ start: date.start, end: date.end, className: 'date', title: `date: ${date.value ?? 'not anchored'}` });
  }
  for (const quote of article.quotes ?? []) {
    const speaker = quote.speaker ?? 'unknown speaker';
    const via = quote.channel ? ` via ${quote.channel}` : '';
    marks.push({
      start: quote.start,
      end: quote.end,
      className: `quote quote-${quote.kind}`,
      title: `${quote.kind} quote: ${speaker}${via}`,
    });
  }
  return marks.filter((mark) => mark.start < mark.end && mark.end <= article.text.length).sort(byNesting);
}

/**
 * Paragraphs of sentence spans. A new paragraph starts wherever the text between two sentences
 * holds a line break. `highlighted` sentences get the `cited` class.
 */
export function renderSentences(
  text: string,
  sentences: Sentence[],
  marks: Mark[],
  options: { highlighted?: Set<number>; idPrefix?: string } = {},
): Html {
  const paragraphs: (string | Html)[][] = [];
  let current: (string | Html)[] = [];
  sentences.forEach((sentence, index) => {
    const previousEnd = index === 0 ? 0 : sentences[index - 1].end;
    if (index > 0 && text.slice(previousEnd, sentence.start).includes('\n')) {
      paragraphs.push(current);
      current = [];
    } else if (index > 0) {
      current.push(' ');
    }
    const inside = marks
      .filter((mark) => mark.start < sentence.end && mark.end > sentence.start)
      .map((mark) => ({ ...mark, start: Math.max(mark.start, sentence.start), end: Math.min(mark.end, sentence.end) }))
      .sort(byNesting);
    const cited = options.highlighted?.has(index) ? ' cited' : '';
    current.push(
      html`<span class="sentence${cited}" id="${options.idPrefix ?? ''}s${index}">${renderRange(text, sentence.start, sentence.end, inside)}</span>`,
    );
  });
  if (current.length > 0) paragraphs.push(current);
  return html`${paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}`;
}
