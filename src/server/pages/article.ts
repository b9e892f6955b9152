// One article: annotated clean text with sentence anchors, and beside it the metadata, captions,
// reader comments, removed lines with their reasons, duplicates and events.
import { html } from 'hono/html';
import type { ArticleDetail } from '../views.js';
import { annotationMarks, renderSentences } from './annotated.js';
import { articleHref, entityHref, eventHref, isWebUrl, layout, type Html } from './layout.js';

function metadataList(detail: ArticleDetail): Html {
  const a = detail.article;
  const rows: [string, Html | string | null][] = [
    ['Publisher', a.publisher],
    ['Published', a.published],
    ['Byline', a.byline],
    ['Dateline', a.dateline],
    ['Agencies', a.agencies.length > 0 ? a.agencies.join(', ') : null],
    ['Language', a.language],
    ['URL', a.url === null ? null : isWebUrl(a.url) ? html`<a href="${a.url}" rel="noreferrer noopener">${a.url}</a>` : a.url],
    ['Source', a.source],
    ['Status', a.status === 'ok' ? 'ok' : `rejected: ${a.reason ?? 'no reason given'}`],
  ];
  return html`<dl class="meta-list">${rows
    .filter(([, value]) => value !== null)
    .map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`;
}

function entitiesAside(detail: ArticleDetail, participantIds: Map<string, string>): Html {
  const entities = detail.article.entities ?? [];
  if (entities.length === 0) return html``;
  return html`<section aria-labelledby="entities-h"><h2 id="entities-h">Entities</h2><ul class="entities">${entities.map((entity) => {
    const participant = [entity.name, ...entity.aliases].map((name) => participantIds.get(name)).find(Boolean);
    const name = participant ? html`<a href="${entityHref(participant)}">${entity.name}</a>` : entity.name;
    return html`<li><span class="entity entity-${entity.type}">${name}</span> <span class="muted">${entity.type}${entity.roles.length > 0 ? ` · ${entity.roles.join(', ')}` : ''} · ${entity.mentions.length}×</span></li>`;
  })}</ul></section>`;
}

function listSection<T>(id: string, title: string, items: T[], render: (item: T) => Html): Html {
  if (items.length === 0) return html``;
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${title}</h2><ul>${items.map((item) => html`<li>${render(item)}</li>`)}</ul></section>`;
}

export function articlePage(detail: ArticleDetail): Html {
  const a = detail.article;
  const participantIds = new Map(
    detail.participants.flatMap((p) => [p.name, ...p.aliases].map((name): [string, string] => [name, p.id])),
  );
  const body =
    a.text.length > 0
      ? renderSentences(a.text, detail.sentences, annotationMarks(a, participantIds))
      : html`<p class="muted">No clean text${a.reason ? `: ${a.reason}` : ''}.</p>`;
  const main = html`<p class="crumbs"><a href="/">Events</a>${detail.events.map((e) => html` · <a href="${eventHref(e.id)}">${e.title}</a>`)}</p>
<h1>${a.title ?? 'Untitled article'}</h1>
<div class="article-layout">
<article class="article-text" aria-label="Article text">
<p class="legend" aria-hidden="true"><span class="entity entity-person">person</span> <span class="entity entity-organization">organisation</span> <span class="entity entity-location">place</span> <span class="date">date</span> <span class="quote quote-direct">quote</span></p>
${body}
</article>
<aside class="article-aside">
${metadataList(detail)}
${listSection('events-h', 'Events', detail.events, (e) => html`<a href="${eventHref(e.id)}">${e.title}</a> <span class="muted">${e.date ?? ''}</span>`)}
${listSection('duplicates-h', 'Duplicates', detail.duplicates, (d) => html`<a href="${articleHref(d.id)}">${d.id}</a> — ${d.relation === 'copy' ? 're-posts this article' : 'this article re-posts it'}`)}
${entitiesAside(detail, participantIds)}
${listSection('captions-h', 'Captions', a.captions, (caption) => html`${caption}`)}
${listSection('comments-h', 'Reader comments', a.comments, (comment) => html`<strong>${comment.author}</strong>: ${comment.text}`)}
${listSection('removed-h', 'Removed from the page', a.removed, (removal) => html`<span class="removed-text">${removal.text}</span> <span class="muted">— ${removal.reason}</span>`)}
${listSection('messages-h', 'Processing notes', a.messages, (m) => html`<span class="badge">${m.level}</span> ${m.stage}: ${m.reason}`)}
</aside>
</div>`;
  return layout({ title: a.title ?? 'Article', main });
}
