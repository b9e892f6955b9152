// One event: brief (with the sources' disagreements), participants, timeline chart, claim matrix, quotes, framing,
// actions, and the sources side by side with their cited sentences highlighted.
import { html } from 'hono/html';
import type { Citation, Claim, Discrepancy, DossierEvent, QuoteVariant } from '../../events/types.js';
import { outletFindings, progressionText, variantPieces } from '../../report/claims-text.js';
import type { Brief } from '../../report/brief.js';
import type { EventDetail, EventSource } from '../views.js';
import { annotationMarks, renderSentences } from './annotated.js';
import { articleHref, citationLink, entityHref, eventHref, layout, plural, type Html } from './layout.js';

type SourceNumbers = Map<string, { n: number; label: string }>;

/** Sources shown side by side (with their full text) on one page of an event, and columns of its claim matrix. */
export const SOURCES_PER_PAGE = 10;
/** Claims (matrix rows) on one page of an event. A 165-article event rendered whole was 2.4 MB. */
export const CLAIMS_PER_PAGE = 30;

/** Which page of an event's sources and of its claims to show, counted from 1. */
export interface EventPaging {
  sourcePage: number;
  claimPage: number;
}

function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

function pageSlice<T>(items: T[], page: number, perPage: number): T[] {
  return items.slice((page - 1) * perPage, page * perPage);
}

/** Links to the other pages of a list; `href` builds the link to one page. */
function pager(label: string, page: number, pages: number, href: (page: number) => string): Html | string {
  if (pages <= 1) return '';
  return html`<nav class="pager" aria-label="${label} pages">${label}: ${Array.from({ length: pages }, (_, index) => index + 1).map((n) =>
    n === page ? html`<strong aria-current="page">${n}</strong> ` : html`<a href="${href(n)}">${n}</a> `,
  )}</nav>`;
}

function sourceLabel(source: EventSource): string {
  return source.meta.publisher ?? source.meta.title ?? source.meta.id;
}

function citations(list: Citation[], numbers: SourceNumbers): Html {
  return html`<span class="cites">${list.map((citation) => citationLink(citation, numbers))}</span>`;
}

export type ClaimStance = 'agrees' | 'contradicts' | 'silent';

/**
 * A source agrees when it makes the claim with the value the claim is shown with; on a contradicted
 * claim, a source that gives another value of a disputed slot contradicts it. Otherwise silent.
 */
export function claimStance(claim: Claim, articleId: string, discrepancies: Discrepancy[] = []): ClaimStance {
  const cited = claim.articles.includes(articleId) || claim.evidence.some((c) => c.article === articleId);
  if (!cited) return 'silent';
  if (claim.status !== 'contradicted') return 'agrees';
  const shownBy = claim.statements?.[0]?.article ?? claim.evidence[0]?.article;
  const disputes = discrepancies.filter((d) => d.claim === claim.id);
  const against = disputes.some((d) => {
    const shown = d.values.find((value) => shownBy && value.articles.includes(shownBy));
    return d.values.some((value) => value !== shown && value.articles.includes(articleId));
  });
  // Old stored events carry no claim ids on their discrepancies: a cited source outside the claim's articles disputes it.
  if (disputes.length === 0) return claim.articles.includes(articleId) ? 'agrees' : 'contradicts';
  return against ? 'contradicts' : 'agrees';
}

const STANCE_SYMBOL: Record<ClaimStance, string> = { agrees: '✓', contradicts: '✗', silent: '–' };

function briefSection(detail: EventDetail, brief: Html, numbers: SourceNumbers): Html {
  return html`<section aria-labelledby="brief-h"><h2 id="brief-h">Brief</h2>${brief}
<ol class="source-key">${detail.sources.map(
    (source) => html`<li><span class="source-n">[${numbers.get(source.meta.id)?.n}]</span> <a href="${articleHref(source.meta.id)}">${sourceLabel(source)}</a>${source.meta.published ? html` <span class="muted">${source.meta.published}</span>` : ''}${source.meta.independent ? '' : html` <span class="badge">re-post</span>`}</li>`,
  )}</ol></section>`;
}

/** Shown in place of a section's content when the event has none of it. */
function none(text: string): Html {
  return html`<p class="none">${text}</p>`;
}

/** The brief (src/report/brief.ts): what happened, then the claims by how well sources back them. */
function briefBody(brief: Brief, title: string, numbers: SourceNumbers): Html {
  const when = [brief.when, brief.where].filter(Boolean).join(', ');
  const claimItems = (claims: Claim[]) =>
    claims.map((claim) => html`<li class="claim-${claim.status}">${claim.text}${claim.progression ? html` <span class="value">${progressionText(claim)}</span>` : ''}${claim.status === 'attributed' && claim.attribution ? html` <span class="muted">(credited to ${claim.attribution})</span>` : ''} ${citations(claim.evidence, numbers)}</li>`);
  const claimList = (heading: string, claims: Claim[]) =>
    claims.length === 0 ? '' : html`<h3>${heading}</h3><ul class="brief">${claimItems(claims)}</ul>`;
  const { claims: disputed, discrepancies } = brief.contradictions;
  // The page heading already gives the event's title, date and place: repeat only what differs.
  const headline = brief.headline === title ? '' : html`<p class="lead">${brief.headline}${when ? ` (${when})` : ''}</p>`;
  return html`${headline}
${brief.whatHappened.length > 0
  ? html`<h3>What happened</h3><ul class="brief">${brief.whatHappened.map(
      (sentence) => html`<li>${sentence.text} ${citations([sentence.citation], numbers)}</li>`,
    )}</ul>`
  : ''}
${claimList('Sources agree', brief.agreements)}
<h3>Sources disagree</h3>
${disputed.length + discrepancies.length === 0
  ? none('No disagreement found between the sources.')
  : html`<ul class="brief">${claimItems(disputed)}${discrepancies.map(
      (d) => html`<li class="claim-contradicted">On ${d.about}: ${d.values.map((value, i) => html`${i > 0 ? '; ' : ''}<span class="value">${value.value}</span> ${citations(value.evidence, numbers)}`)}</li>`,
    )}</ul>`}
${claimList('Figures that changed as reports came in', brief.updated ?? [])}
${claimList('Reported by one source only', brief.singleSource)}
${claimList('Only as what one party said', brief.attributed ?? [])}`;
}

function participantsSection(event: DossierEvent): Html {
  if (event.participants.length === 0) {
    return html`<section aria-labelledby="participants-h"><h2 id="participants-h">Participants</h2>${none('No people, organisations or places were recognised.')}</section>`;
  }
  return html`<section aria-labelledby="participants-h"><h2 id="participants-h">Participants</h2>
<div class="table-wrap"><table class="participants stack"><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Roles</th><th scope="col">Also called</th><th scope="col">Articles</th></tr></thead>
<tbody>${event.participants.map(
    (p) => html`<tr><th scope="row"><a href="${entityHref(p.id)}">${p.name}</a></th><td data-label="Type">${p.type}</td><td data-label="Roles">${p.roles.join('; ') || '—'}</td><td data-label="Also called">${p.aliases.join('; ') || '—'}</td><td data-label="Articles">${p.articles.length}</td></tr>`,
  )}</tbody></table></div></section>`;
}

/** The brief's timeline (this event, series and referenced events, reports): a Chart.js chart drawn by
 *  /assets/app.js from the canvas's data attribute, and the same entries as a table. */
function timelineSection(brief: Brief, numbers: SourceNumbers): Html {
  if (brief.timeline.length === 0) {
    return html`<section aria-labelledby="timeline-h"><h2 id="timeline-h">Timeline</h2>${none('No dated happenings were found.')}</section>`;
  }
  const points = brief.timeline
    .filter((entry) => entry.date !== null)
    .map((entry) => ({ date: entry.date, title: entry.label, row: entry.kind }));
  return html`<section aria-labelledby="timeline-h"><h2 id="timeline-h">Timeline</h2>
${points.length > 0 ? html`<div class="chart-box"><canvas id="timeline-chart" role="img" aria-label="Timeline chart; the table below lists the same entries" data-points="${JSON.stringify(points)}"></canvas></div>` : ''}
<div class="table-wrap"><table class="timeline stack"><thead><tr><th scope="col">Date</th><th scope="col">What</th><th scope="col">Kind</th><th scope="col">Evidence</th></tr></thead>
<tbody>${brief.timeline.map(
    (entry) => html`<tr><td data-label="Date">${entry.date ?? 'unknown'}</td><td data-label="What">${entry.eventId && entry.eventId !== brief.eventId ? html`<a href="${eventHref(entry.eventId)}">${entry.label}</a>` : entry.label}</td><td data-label="Kind">${entry.kind}</td><td data-label="Evidence">${citations(entry.evidence, numbers)}</td></tr>`,
  )}</tbody></table></div></section>`;
}

/** Longest source name in a claim-matrix column heading; the full name is the link's title. */
const MATRIX_LABEL_CHARS = 24;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

const STATUS_LABEL: Record<string, string> = { agreed: 'agreed', contradicted: 'disputed', updated: 'updated', single: 'one source', attributed: 'attributed' };
/** Longest own wording shown in a matrix cell; the citation links to the whole sentence. */
const WORDING_CHARS = 160;
/** Rows in order: claims two or more sources carry first (the matrix is for comparing), then one-source claims. */
function matrixRows(event: DossierEvent): Claim[] {
  return [...event.claims.filter((claim) => claim.articles.length > 1), ...event.claims.filter((claim) => claim.articles.length <= 1)];
}

function claimMatrix(event: DossierEvent, sources: EventSource[], numbers: SourceNumbers, paging: EventPaging, href: (paging: EventPaging) => string): Html {
  if (event.claims.length === 0) {
    return html`<section aria-labelledby="claims-h"><h2 id="claims-h">Claims by source</h2>${none('No claims were extracted from the sources.')}</section>`;
  }
  // Columns: the independent sources of the current page of sources; rows: one page of claims.
  const independent = sources.filter((source) => source.meta.independent);
  const claims = pageSlice(matrixRows(event), paging.claimPage, CLAIMS_PER_PAGE);
  const claimPages = pageCount(event.claims.length, CLAIMS_PER_PAGE);
  return html`<section aria-labelledby="claims-h"><h2 id="claims-h">Claims by source</h2>
${claimPages > 1 ? html`<p class="muted">Claims ${(paging.claimPage - 1) * CLAIMS_PER_PAGE + 1}–${(paging.claimPage - 1) * CLAIMS_PER_PAGE + claims.length} of ${event.claims.length}; columns are the independent sources on this page of sources.</p>` : ''}
${pager('Claims', paging.claimPage, claimPages, (n) => href({ ...paging, claimPage: n }))}
<div class="table-wrap"><table class="matrix stack"><thead><tr><th scope="col">Claim</th>${independent.map(
    (source) => html`<th scope="col"><a href="${articleHref(source.meta.id)}" title="${sourceLabel(source)}">[${numbers.get(source.meta.id)?.n}] ${shorten(sourceLabel(source), MATRIX_LABEL_CHARS)}</a></th>`,
  )}</tr></thead>
<tbody>${claims.map(
    (claim) => html`<tr><th scope="row"><span class="badge claim-${claim.status}">${STATUS_LABEL[claim.status] ?? claim.status}</span> ${claim.text}</th>${independent.map((source) => {
      const stance = claimStance(claim, source.meta.id, event.discrepancies);
      const evidence = claim.evidence.filter((c) => c.article === source.meta.id);
      // The cell shows the source's own wording of the claim.
      const wording = claim.statements?.find((statement) => statement.article === source.meta.id)?.text;
      return html`<td class="stance stance-${stance}" data-label="[${numbers.get(source.meta.id)?.n}] ${shorten(sourceLabel(source), MATRIX_LABEL_CHARS)}"><span aria-hidden="true">${STANCE_SYMBOL[stance]}</span> ${stance}${wording ? html` <q class="own-wording">${shorten(wording, WORDING_CHARS)}</q>` : ''} ${citations(evidence, numbers)}</td>`;
    })}</tr>`,
  )}</tbody></table></div></section>`;
}

function quoteFigure(quote: { text: string; speaker: string | null; variants: QuoteVariant[]; rendered?: string }, numbers: SourceNumbers): Html {
  // Reported speech is the reporter's words: shown as "X said that ...", never inside quotation marks.
  if (quote.rendered) {
    return html`<figure class="reported"><p>${quote.rendered}</p><figcaption>${quote.variants.map((variant) => html`<a class="cite" href="${articleHref(variant.article)}">[${numbers.get(variant.article)?.n ?? variant.article}]</a> `)}</figcaption></figure>`;
  }
  const others = quote.variants.filter((variant) => variant.text !== quote.text);
  return html`<figure class="key-quote"><blockquote>${quote.text}</blockquote>
${others.length > 0
  ? html`<ul class="variants">${others.map(
      (variant) => html`<li>${variantPieces(variant).map((piece) => (piece.differs ? html`<mark>${piece.text}</mark>` : piece.text))} <a class="cite" href="${articleHref(variant.article)}">[${numbers.get(variant.article)?.n ?? variant.article}]</a></li>`,
    )}</ul>`
  : ''}
<figcaption>${quote.speaker ?? 'Unknown speaker'} · ${quote.variants.map(
    (variant) => html`<a class="cite" href="${articleHref(variant.article)}" title="${variant.text}">[${numbers.get(variant.article)?.n ?? variant.article}] ${numbers.get(variant.article)?.label ?? ''}</a> `,
  )}</figcaption></figure>`;
}

/** The brief's key quotes, then every quote of the event folded away (there can be dozens). */
function quotesSection(event: DossierEvent, brief: Brief, numbers: SourceNumbers): Html {
  if (event.quotes.length === 0) {
    return html`<section aria-labelledby="quotes-h"><h2 id="quotes-h">Key quotes</h2>${none('No quotes were found in the sources.')}</section>`;
  }
  const key = brief.keyQuotes.map((quote) => ({
    ...quote,
    variants: quote.variants ?? quote.articles.map((article) => ({ article, text: quote.text, start: 0, end: quote.text.length })),
  }));
  return html`<section aria-labelledby="quotes-h"><h2 id="quotes-h">Key quotes</h2>
${key.map((quote) => quoteFigure(quote, numbers))}
<details class="all-quotes"><summary>All ${plural(event.quotes.length, 'quote')}</summary>
${event.quotes.map((quote) => quoteFigure(quote, numbers))}
</details></section>`;
}

function framingSection(event: DossierEvent, numbers: SourceNumbers): Html {
  const outlets = event.framing.map((f) => ({ f, findings: outletFindings(f) })).filter((entry) => entry.findings.length > 0);
  if (outlets.length === 0) {
    return html`<section aria-labelledby="framing-h"><h2 id="framing-h">How outlets differed</h2>${none('No outlet used wording the others did not.')}</section>`;
  }
  return html`<section aria-labelledby="framing-h"><h2 id="framing-h">How outlets differed</h2>
<ul>${outlets.map(
    ({ f, findings }) => html`<li><a href="${articleHref(f.article)}">${f.publisher ?? numbers.get(f.article)?.label ?? f.article}</a><ul>${findings.map((finding) => html`<li>${finding}</li>`)}</ul></li>`,
  )}</ul></section>`;
}

function actionsSection(event: DossierEvent, numbers: SourceNumbers): Html {
  if (event.actions.length === 0) {
    return html`<section aria-labelledby="actions-h"><h2 id="actions-h">Actions</h2>${none('No actions were coded from the sources.')}</section>`;
  }
  return html`<section aria-labelledby="actions-h"><h2 id="actions-h">Actions</h2>
<div class="table-wrap"><table class="stack"><thead><tr><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Date</th><th scope="col">Place</th><th scope="col">Evidence</th></tr></thead>
<tbody>${event.actions.map(
    (a) => html`<tr><td data-label="Actor">${a.actor ?? '—'}</td><td data-label="Action"><span class="badge">${a.type}</span>${a.mode ? ` ${a.mode}` : ''}</td><td data-label="Target">${a.target ?? '—'}</td><td data-label="Date">${a.date ?? '—'}</td><td data-label="Place">${a.location ?? '—'}</td><td data-label="Evidence">${citations(a.evidence, numbers)}</td></tr>`,
  )}</tbody></table></div></section>`;
}

function sourcesSection(detail: EventDetail, sources: EventSource[], numbers: SourceNumbers, paging: EventPaging, href: (paging: EventPaging) => string): Html {
  const participantIds = new Map(
    detail.event.participants.flatMap((p) => [p.name, ...p.aliases].map((name): [string, string] => [name, p.id])),
  );
  const sourcePages = pageCount(detail.sources.length, SOURCES_PER_PAGE);
  return html`<section aria-labelledby="sources-h"><h2 id="sources-h">Sources side by side</h2>
<p class="muted">Sentences the event cites are highlighted.${sourcePages > 1 ? ` Sources ${(paging.sourcePage - 1) * SOURCES_PER_PAGE + 1}–${(paging.sourcePage - 1) * SOURCES_PER_PAGE + sources.length} of ${detail.sources.length}.` : ''}</p>
${pager('Sources', paging.sourcePage, sourcePages, (n) => href({ ...paging, sourcePage: n }))}
<div class="sources">${sources.map((source) => {
    const n = numbers.get(source.meta.id)?.n;
    return html`<article class="source" aria-labelledby="source-${n}-h">
<h3 id="source-${n}-h">[${n}] <a href="${articleHref(source.meta.id)}">${sourceLabel(source)}</a></h3>
<p class="meta">${source.meta.title ?? ''}${source.meta.published ? html` · ${source.meta.published}` : ''}${source.meta.duplicateOf ? html` · <span class="badge">copy of [${numbers.get(source.meta.duplicateOf)?.n ?? source.meta.duplicateOf}]</span>` : ''}</p>
<div class="source-text" tabindex="0" aria-label="Text of source ${n}">${source.article
      ? renderSentences(source.article.text, source.sentences, annotationMarks(source.article, participantIds), {
          highlighted: new Set(source.cited),
          idPrefix: `src${n}-`,
        })
      : html`<p class="muted">This article is no longer in the store.</p>`}</div>
</article>`;
  })}</div></section>`;
}

/** The event page; long events show one page of sources (side by side and as claim-matrix columns) and of claims. */
export function eventPage(detail: EventDetail, paging: EventPaging = { sourcePage: 1, claimPage: 1 }): Html {
  const { event } = detail;
  const numbers: SourceNumbers = new Map(
    detail.sources.map((source, index) => [source.meta.id, { n: index + 1, label: sourceLabel(source) }]),
  );
  const independent = detail.sources.filter((source) => source.meta.independent).length;
  const pageSources = pageSlice(detail.sources, paging.sourcePage, SOURCES_PER_PAGE);
  const href = (target: EventPaging): string => {
    const query = [
      ...(target.sourcePage > 1 ? [`sources=${target.sourcePage}`] : []),
      ...(target.claimPage > 1 ? [`claims=${target.claimPage}`] : []),
    ];
    return `${eventHref(event.id)}${query.length > 0 ? `?${query.join('&')}` : ''}`;
  };
  const main = html`<p class="crumbs"><a href="/">Events</a></p>
<h1>${event.title}</h1>
<p class="meta">${event.date ?? 'date unknown'}${event.location ? ` · ${event.location}` : ''} · ${plural(independent, 'independent source')}${detail.sources.length > independent ? ` (${plural(detail.sources.length, 'article')} in all)` : ''} · updated ${event.lastUpdated.slice(0, 10)}</p>
${briefSection(detail, briefBody(detail.brief, event.title, numbers), numbers)}
${participantsSection(event)}
${timelineSection(detail.brief, numbers)}
${claimMatrix(event, pageSources, numbers, paging, href)}
${quotesSection(event, detail.brief, numbers)}
${framingSection(event, numbers)}
${actionsSection(event, numbers)}
${sourcesSection(detail, pageSources, numbers, paging, href)}`;
  return layout({ title: event.title, main, scripts: ['/assets/chart.umd.min.js', '/assets/app.js'] });
}
