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

/** Most bars the strip shows: beyond this, days are merged into months, then months into years. */
const STRIP_MAX_BARS = 60;

interface StripBar {
  label: string;
  from: string;
  to: string;
  count: number;
}

function lastDayOfMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(year, monthNumber, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** Per-day counts (oldest first) as bars of days, months or years, whichever gives at most STRIP_MAX_BARS. */
export function stripBars(counts: { date: string; count: number }[]): StripBar[] {
  const merge = (key: (date: string) => string, range: (bucket: string) => [string, string]): StripBar[] => {
    const bars = new Map<string, StripBar>();
    for (const { date, count } of counts) {
      const label = key(date);
      const bar = bars.get(label);
      if (bar) bar.count += count;
      else {
        const [from, to] = range(label);
        bars.set(label, { label, from, to, count });
      }
    }
    return [...bars.values()];
  };
  const days = merge((date) => date, (day) => [day, day]);
  if (days.length <= STRIP_MAX_BARS) return days;
  const months = merge((date) => date.slice(0, 7), (month) => [`${month}-01`, lastDayOfMonth(month)]);
  if (months.length <= STRIP_MAX_BARS) return months;
  return merge((date) => date.slice(0, 4), (year) => [`${year}-01-01`, `${year}-12-31`]);
}

function timelineStrip(filter: EventFilter, counts: { date: string; count: number }[]): Html {
  if (counts.length === 0) return html``;
  const bars = stripBars(counts);
  const most = Math.max(...bars.map((bar) => bar.count));
  return html`<nav class="strip" aria-label="Events per period">
  <ol>${bars.map(({ label, from, to, count }) => {
    const level = Math.max(1, Math.ceil((count / most) * STRIP_LEVELS));
    return html`<li><a href="${queryString(filter, { from, to, offset: undefined })}" title="${label}: ${plural(count, 'event')}"><span class="bar level-${level}"></span><span class="strip-date">${label}</span></a></li>`;
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
