// One participant across events: names, roles over time, events in date order and quotes.
import { html } from 'hono/html';
import type { EntityDetail } from '../views.js';
import { articleHref, eventHref, layout, plural, type Html } from './layout.js';

/** Longest lists the page shows (latest first beyond the cap); the API returns everything. */
const MAX_LISTED_EVENTS = 200;
const MAX_LISTED_QUOTES = 100;
const MAX_EVENTS_PER_ROLE = 5;

export function entityPage(entity: EntityDetail): Html {
  const titles = new Map(entity.events.map((event) => [event.id, event.title]));
  const events = entity.events.slice(-MAX_LISTED_EVENTS);
  const quotes = entity.quotes.slice(-MAX_LISTED_QUOTES);
  const main = html`<p class="crumbs"><a href="/">Events</a></p>
<h1>${entity.name}</h1>
<p class="meta">${entity.type} · ${plural(entity.events.length, 'event')}${entity.aliases.length > 0 ? html` · also called ${entity.aliases.join(', ')}` : ''}</p>
${entity.roles.length > 0
  ? html`<section aria-labelledby="roles-h"><h2 id="roles-h">Roles over time</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">Role</th><th scope="col">First seen</th><th scope="col">Events</th></tr></thead>
<tbody>${entity.roles.map(
      (role) => html`<tr><th scope="row">${role.role}</th><td class="date-cell">${role.first ?? 'unknown'}</td><td>${role.events.slice(0, MAX_EVENTS_PER_ROLE).map((id, i) => html`${i > 0 ? ', ' : ''}<a href="${eventHref(id)}">${titles.get(id) ?? id}</a>`)}${role.events.length > MAX_EVENTS_PER_ROLE ? ` and ${role.events.length - MAX_EVENTS_PER_ROLE} more` : ''}</td></tr>`,
    )}</tbody></table></div></section>`
  : ''}
<section aria-labelledby="events-h"><h2 id="events-h">Events</h2>
${events.length < entity.events.length ? html`<p class="muted">The latest ${events.length} of ${entity.events.length}.</p>` : ''}
<ol class="entity-events">${events.map(
  (event) => html`<li><span class="date-label">${event.date ?? 'date unknown'}</span> <a href="${eventHref(event.id)}">${event.title}</a>${event.location ? html` <span class="muted">${event.location}</span>` : ''}${event.roles.length > 0 ? html` <span class="muted">as ${event.roles.join('; ')}</span>` : ''}</li>`,
)}</ol></section>
${quotes.length > 0
  ? html`<section aria-labelledby="quotes-h"><h2 id="quotes-h">Quotes</h2>
${quotes.length < entity.quotes.length ? html`<p class="muted">The latest ${quotes.length} of ${entity.quotes.length}.</p>` : ''}${quotes.map(
      (quote) => html`<figure class="key-quote"><blockquote>${quote.text}</blockquote>
<figcaption>${quote.date ?? ''} · <a href="${eventHref(quote.event)}">${titles.get(quote.event) ?? quote.event}</a> · ${quote.variants.map((v, i) => html`<a class="cite" href="${articleHref(v.article)}">[${i + 1}]</a> `)}</figcaption></figure>`,
    )}</section>`
  : ''}`;
  return layout({ title: entity.name, main });
}
