// Full-text search over articles.
import { html } from 'hono/html';
import type { SearchHit } from '../../store/store.js';
import { articleHref, layout, type Html } from './layout.js';

/** The store marks matched terms with `[` and `]`; they become <mark> elements, the rest stays text. */
function snippet(text: string): Html {
  const parts = text.split(/(\[[^\]]*\])/);
  return html`${parts.map((part) =>
    part.startsWith('[') && part.endsWith(']') ? html`<mark>${part.slice(1, -1)}</mark>` : part,
  )}`;
}

export function searchPage(query: string, hits: SearchHit[]): Html {
  const main = html`<h1>Search: ${query}</h1>
${hits.length === 0
  ? html`<p>No articles match.</p>`
  : html`<ol class="hits">${hits.map(
      (hit) => html`<li><h2><a href="${articleHref(hit.id)}">${hit.title ?? hit.source}</a></h2><p class="meta">${hit.published ?? 'date unknown'} · ${hit.source}</p><p>${snippet(hit.snippet)}</p></li>`,
    )}</ol>`}`;
  return layout({ title: `Search: ${query}`, main, query });
}
