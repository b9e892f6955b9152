// One participant across events: names, roles over time, events in date order and quotes.
import { html } from 'hono/html';
import type { EntityDetail } from '../views.js';
import { articleHref, eventHref, layout, plural, type Html } from './layout.js';

export function entityPage(entity: EntityDetail): Html {
  const main = html`<p class="crumbs"><a href="/">Events</a></p>
<h1>${entity.name}</h1>
<p class="meta">${entity.type} · ${plural(entity.events.length, 'event')}${entity.aliases.length > 0 ? html` · also called ${entity.aliases.join(', ')}` : ''}</p>
${entity.roles.length > 0
  ? html`<section aria-labelledby="roles-h"><h2 id="roles-h">Roles over time</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">Role</th><th scope="col">First seen</th><th scope="col">Events</th></tr></thead>
<tbody>${entity.roles.map(
      (role) => html`<tr><th scope="row">${role.role}</th><td>${role.first ?? 'unknown'}</td><td>${role.events.map((id, i) => html`${i > 0 ? ', ' : ''}<a href="${eventHref(id)}">${entity.events.find((e) => e.id === id)?.title ?? id}</a>`)}</td></tr>`,
    )}</tbody></table></div></section>`
  : ''}
<section aria-labelledby="events-h"><h2 id="events-h">Events</h2>
<ol class="entity-events">${entity.events.map(
  (event) => html`<li><span class="date-label">${event.date ?? 'date unknown'}</span> <a href="${eventHref(event.id)}">${event.title}</a>${event.location ? html` <span class="muted">${event.location}</span>` : ''}${event.roles.length > 0 ? html` <span class="muted">as ${event.roles.join('; ')}</span>` : ''}</li>`,
)}</ol></section>
${entity.quotes.length > 0
  ? html`<section aria-labelledby="quotes-h"><h2 id="quotes-h">Quotes</h2>${entity.quotes.map(
      (quote) => html`<figure class="key-quote"><blockquote>${quote.text}</blockquote>
<figcaption>${quote.date ?? ''} · <a href="${eventHref(quote.event)}">${entity.events.find((e) => e.id === quote.event)?.title ?? quote.event}</a> · ${quote.variants.map((v, i) => html`<a class="cite" href="${articleHref(v.article)}">[${i + 1}]</a> `)}</figcaption></figure>`,
    )}</section>`
  : ''}`;
  return layout({ title: entity.name, main });
}
