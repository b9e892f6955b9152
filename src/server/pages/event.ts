// One event: brief, participants, timeline chart, claim matrix, quotes, discrepancies, framing,
// actions, and the sources side by side with their cited sentences highlighted.
import { html } from 'hono/html';
import type { Citation, Claim, DossierEvent } from '../../events/types.js';
import type { Brief } from '../../report/brief.js';
import type { EventDetail, EventSource } from '../views.js';
import { annotationMarks, renderSentences } from './annotated.js';
import { articleHref, citationLink, entityHref, eventHref, layout, plural, type Html } from './layout.js';

type SourceNumbers = Map<string, { n: number; label: string }>;

function sourceLabel(source: EventSource): string {
  return source.meta.publisher ?? source.meta.title ?? source.meta.id;
}

function citations(list: Citation[], numbers: SourceNumbers): Html {
  return html`<span class="cites">${list.map((citation) => citationLink(citation, numbers))}</span>`;
}

export type ClaimStance = 'agrees' | 'contradicts' | 'silent';

/**
 * A source agrees when it is among the claim's articles. For a contradicted claim, a source that
 * is cited as evidence but does not make the claim is the one contradicting it. Otherwise silent.
 */
export function claimStance(claim: Claim, articleId: string): ClaimStance {
  if (claim.articles.includes(articleId)) return 'agrees';
  if (claim.status === 'contradicted' && claim.evidence.some((c) => c.article === articleId)) return 'contradicts';
  return 'silent';
}

const STANCE_SYMBOL: Record<ClaimStance, string> = { agrees: '✓', contradicts: '✗', silent: '–' };

function briefSection(detail: EventDetail, brief: Html, numbers: SourceNumbers): Html {
  return html`<section aria-labelledby="brief-h"><h2 id="brief-h">Brief</h2>${brief}
<ol class="source-key">${detail.sources.map(
    (source) => html`<li><span class="source-n">[${numbers.get(source.meta.id)?.n}]</span> <a href="${articleHref(source.meta.id)}">${sourceLabel(source)}</a>${source.meta.published ? html` <span class="muted">${source.meta.published}</span>` : ''}${source.meta.independent ? '' : html` <span class="badge">re-post</span>`}</li>`,
  )}</ol></section>`;
}

/** The brief (src/report/brief.ts): what happened, then the claims by how well sources back them. */
function briefBody(brief: Brief, numbers: SourceNumbers): Html {
  const when = [brief.when, brief.where].filter(Boolean).join(', ');
  const claimList = (title: string, claims: Claim[]) =>
    claims.length === 0
      ? ''
      : html`<h3>${title}</h3><ul class="brief">${claims.map(
          (claim) => html`<li class="claim-${claim.status}">${claim.text} ${citations(claim.evidence, numbers)}</li>`,
        )}</ul>`;
  return html`<p class="lead">${brief.headline}${when ? ` (${when})` : ''}</p>
${brief.whatHappened.length > 0
  ? html`<h3>What happened</h3><ul class="brief">${brief.whatHappened.map(
      (sentence) => html`<li>${sentence.text} ${citations([sentence.citation], numbers)}</li>`,
    )}</ul>`
  : ''}
${claimList('Sources agree', brief.agreements)}
${claimList('Sources disagree', brief.contradictions.claims)}
${claimList('Reported by one source only', brief.singleSource)}`;
}

function participantsSection(event: DossierEvent): Html {
  if (event.participants.length === 0) return html``;
  return html`<section aria-labelledby="participants-h"><h2 id="participants-h">Participants</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Roles</th><th scope="col">Also called</th><th scope="col">Articles</th></tr></thead>
<tbody>${event.participants.map(
    (p) => html`<tr><th scope="row"><a href="${entityHref(p.id)}">${p.name}</a></th><td>${p.type}</td><td>${p.roles.join('; ')}</td><td>${p.aliases.join('; ')}</td><td>${p.articles.length}</td></tr>`,
  )}</tbody></table></div></section>`;
}

/** The brief's timeline (this event, series and referenced events, reports): a Chart.js chart drawn by
 *  /assets/app.js from the canvas's data attribute, and the same entries as a table. */
function timelineSection(brief: Brief, numbers: SourceNumbers): Html {
  if (brief.timeline.length === 0) return html``;
  const points = brief.timeline
    .filter((entry) => entry.date !== null)
    .map((entry) => ({ date: entry.date, title: entry.label, row: entry.kind }));
  return html`<section aria-labelledby="timeline-h"><h2 id="timeline-h">Timeline</h2>
${points.length > 0 ? html`<div class="chart-box"><canvas id="timeline-chart" role="img" aria-label="Timeline chart; the table below lists the same entries" data-points="${JSON.stringify(points)}"></canvas></div>` : ''}
<div class="table-wrap"><table><thead><tr><th scope="col">Date</th><th scope="col">What</th><th scope="col">Kind</th><th scope="col">Evidence</th></tr></thead>
<tbody>${brief.timeline.map(
    (entry) => html`<tr><td>${entry.date ?? 'unknown'}</td><td>${entry.eventId && entry.eventId !== brief.eventId ? html`<a href="${eventHref(entry.eventId)}">${entry.label}</a>` : entry.label}</td><td>${entry.kind}</td><td>${citations(entry.evidence, numbers)}</td></tr>`,
  )}</tbody></table></div></section>`;
}

function claimMatrix(event: DossierEvent, sources: EventSource[], numbers: SourceNumbers): Html {
  if (event.claims.length === 0) return html``;
  const independent = sources.filter((source) => source.meta.independent);
  return html`<section aria-labelledby="claims-h"><h2 id="claims-h">Claims by source</h2>
<div class="table-wrap"><table class="matrix"><thead><tr><th scope="col">Claim</th>${independent.map(
    (source) => html`<th scope="col"><a href="${articleHref(source.meta.id)}">[${numbers.get(source.meta.id)?.n}] ${sourceLabel(source)}</a></th>`,
  )}</tr></thead>
<tbody>${event.claims.map(
    (claim) => html`<tr><th scope="row">${claim.text}</th>${independent.map((source) => {
      const stance = claimStance(claim, source.meta.id);
      const evidence = claim.evidence.filter((c) => c.article === source.meta.id);
      return html`<td class="stance stance-${stance}"><span aria-hidden="true">${STANCE_SYMBOL[stance]}</span> ${stance} ${citations(evidence, numbers)}</td>`;
    })}</tr>`,
  )}</tbody></table></div></section>`;
}

function quotesSection(event: DossierEvent, numbers: SourceNumbers): Html {
  if (event.quotes.length === 0) return html``;
  return html`<section aria-labelledby="quotes-h"><h2 id="quotes-h">Key quotes</h2>
${event.quotes.map(
    (quote) => html`<figure class="key-quote"><blockquote>${quote.text}</blockquote>
<figcaption>${quote.speaker ?? 'Unknown speaker'} · ${quote.variants.map(
      (variant) => html`<a class="cite" href="${articleHref(variant.article)}" title="${variant.text}">[${numbers.get(variant.article)?.n ?? variant.article}] ${numbers.get(variant.article)?.label ?? ''}</a> `,
    )}</figcaption></figure>`,
  )}</section>`;
}

function discrepanciesSection(event: DossierEvent, numbers: SourceNumbers): Html {
  if (event.discrepancies.length === 0) return html``;
  return html`<section aria-labelledby="discrepancies-h" class="discrepancies"><h2 id="discrepancies-h">Discrepancies</h2>
<ul>${event.discrepancies.map(
    (d) => html`<li><strong>Sources disagree on ${d.about}:</strong><ul>${d.values.map(
      (value) => html`<li><span class="value">${value.value}</span> — ${value.articles.map((id) => numbers.get(id)?.label ?? id).join(', ')} ${citations(value.evidence, numbers)}</li>`,
    )}</ul></li>`,
  )}</ul></section>`;
}

function framingSection(event: DossierEvent, numbers: SourceNumbers): Html {
  if (event.framing.length === 0) return html``;
  return html`<section aria-labelledby="framing-h"><h2 id="framing-h">How outlets differed</h2>
<ul>${event.framing.map(
    (f) => html`<li><a href="${articleHref(f.article)}">${f.publisher ?? numbers.get(f.article)?.label ?? f.article}</a> alone says: ${f.terms.map((term, i) => html`${i > 0 ? ', ' : ''}<q>${term}</q>`)}</li>`,
  )}</ul></section>`;
}

function actionsSection(event: DossierEvent, numbers: SourceNumbers): Html {
  if (event.actions.length === 0) return html``;
  return html`<section aria-labelledby="actions-h"><h2 id="actions-h">Actions</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Date</th><th scope="col">Place</th><th scope="col">Evidence</th></tr></thead>
<tbody>${event.actions.map(
    (a) => html`<tr><td>${a.actor ?? '—'}</td><td><span class="badge">${a.type}</span>${a.mode ? ` ${a.mode}` : ''}</td><td>${a.target ?? '—'}</td><td>${a.date ?? '—'}</td><td>${a.location ?? '—'}</td><td>${citations(a.evidence, numbers)}</td></tr>`,
  )}</tbody></table></div></section>`;
}

function sourcesSection(detail: EventDetail, numbers: SourceNumbers): Html {
  const participantIds = new Map(
    detail.event.participants.flatMap((p) => [p.name, ...p.aliases].map((name): [string, string] => [name, p.id])),
  );
  return html`<section aria-labelledby="sources-h"><h2 id="sources-h">Sources side by side</h2>
<p class="muted">Sentences the event cites are highlighted.</p>
<div class="sources">${detail.sources.map((source) => {
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

export function eventPage(detail: EventDetail): Html {
  const { event } = detail;
  const numbers: SourceNumbers = new Map(
    detail.sources.map((source, index) => [source.meta.id, { n: index + 1, label: sourceLabel(source) }]),
  );
  const independent = detail.sources.filter((source) => source.meta.independent).length;
  const main = html`<p class="crumbs"><a href="/">Events</a></p>
<h1>${event.title}</h1>
<p class="meta">${event.date ?? 'date unknown'}${event.location ? ` · ${event.location}` : ''} · ${plural(independent, 'independent source')}${detail.sources.length > independent ? ` (${plural(detail.sources.length, 'article')} in all)` : ''} · updated ${event.lastUpdated.slice(0, 10)}</p>
${briefSection(detail, briefBody(detail.brief, numbers), numbers)}
${discrepanciesSection(event, numbers)}
${participantsSection(event)}
${timelineSection(detail.brief, numbers)}
${claimMatrix(event, detail.sources, numbers)}
${quotesSection(event, numbers)}
${framingSection(event, numbers)}
${actionsSection(event, numbers)}
${sourcesSection(detail, numbers)}`;
  return layout({ title: event.title, main, scripts: ['/assets/chart.umd.min.js', '/assets/app.js'] });
}
