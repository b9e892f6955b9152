// The events list: filters, a timeline strip of events per day, and the newest events first.
import { html } from 'hono/html';
import type { EventFilter, EventPage } from '../views.js';
import { entityHref, eventHref, layout, plural, type Html } from './layout.js';

/** Bar heights in the strip come from CSS classes (inline styles are barred by the CSP). */
const STRIP_LEVELS = 5;

function filterForm(filter: EventFilter): Html {
  const field = (name: keyof EventFilter, label: string, type = 'text', extra = '') =>
    html`<label>${label}<input name="${name}" type="${type}" value="${filter[name] ?? ''}" ${extra}></label>`;
  return html`<form class="filters" method="get" action="/" aria-label="Filter events">
  ${field('q', 'Text', 'search')}
  ${field('from', 'From', 'date')}
  ${field('to', 'To', 'date')}
  ${field('place', 'Place')}
  ${field('participant', 'Participant')}
  ${field('source', 'Source')}
  ${field('minSources', 'Min. independent sources', 'number', 'min="0" step="1"')}
  <div class="filter-actions"><button type="submit">Apply</button> <a href="/">Clear</a></div>
</form>`;
}

function queryString(filter: EventFilter, changes: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...changes })) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

function timelineStrip(filter: EventFilter, counts: { date: string; count: number }[]): Html {
  if (counts.length === 0) return html``;
  const most = Math.max(...counts.map((entry) => entry.count));
  return html`<nav class="strip" aria-label="Events per day">
  <ol>${counts.map(({ date, count }) => {
    const level = Math.max(1, Math.ceil((count / most) * STRIP_LEVELS));
    return html`<li><a href="${queryString(filter, { from: date, to: date, offset: undefined })}" title="${date}: ${plural(count, 'event')}"><span class="bar level-${level}"></span><span class="strip-date">${date}</span></a></li>`;
  })}</ol>
</nav>`;
}

export function eventsPage(
  filter: EventFilter,
  page: EventPage,
  paging: { limit: number; offset: number },
  counts: { date: string; count: number }[],
): Html {
  const { limit, offset } = paging;
  const shownTo = offset + page.events.length;
  const main = html`<h1>Events</h1>
${filterForm(filter)}
${timelineStrip(filter, counts)}
<p class="count">${page.total === 0 ? 'No events match.' : `Showing ${offset + 1}–${shownTo} of ${plural(page.total, 'event')}, newest first.`}</p>
<ol class="event-list">
${page.events.map(
  (event) => html`<li class="event-card">
  <h2><a href="${eventHref(event.id)}">${event.title}</a></h2>
  <p class="meta"><span>${event.date ?? 'date unknown'}</span>${event.location ? html` · <span>${event.location}</span>` : ''} · <span>${plural(event.independentSources, 'independent source')}</span>${event.articleCount > event.independentSources ? html` <span class="muted">(${plural(event.articleCount, 'article')} in all)</span>` : ''}</p>
  ${event.publishers.length > 0 ? html`<p class="publishers">${event.publishers.join(' · ')}</p>` : ''}
  <ul class="chips" aria-label="Participants">${event.participants.slice(0, 8).map((p) => html`<li><a class="chip chip-${p.type}" href="${entityHref(p.id)}">${p.name}</a></li>`)}</ul>
</li>`,
)}
</ol>
<nav class="pager" aria-label="Pages">
${offset > 0 ? html`<a rel="prev" href="${queryString(filter, { offset: Math.max(0, offset - limit) || undefined, limit: paging.limit })}">← Newer</a>` : ''}
${shownTo < page.total ? html`<a rel="next" href="${queryString(filter, { offset: shownTo, limit: paging.limit })}">Older →</a>` : ''}
</nav>`;
  return layout({ title: 'Events', main });
}
