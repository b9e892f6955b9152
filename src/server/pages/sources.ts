// The Sources page: every live source with its status, last success, articles added and next poll.
import { html } from 'hono/html';
import type { Source } from '../../store/store.js';
import { isWebUrl, layout, plural, type Html } from './layout.js';

function when(value: string | null): Html | string {
  return value ? html`<time datetime="${value}">${value.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</time>` : '—';
}

function every(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

export function sourcesPage(sources: Source[], allowIngest: boolean): Html {
  const rows = sources.map(
    (source) => html`<tr>
  <td>${isWebUrl(source.url) ? html`<a href="${source.url}" rel="noreferrer noopener">${source.url}</a>` : source.url}<br><span class="muted">${source.id} · ${source.kind} · every ${every(source.intervalSeconds)}</span></td>
  <td>${source.lastStatus ?? 'not polled yet'}${source.errorCount > 0 ? html`<br><span class="error-message">${plural(source.errorCount, 'failure')} in a row: ${source.lastError}</span>` : ''}</td>
  <td>${when(source.lastSuccessAt)}</td>
  <td>${source.articlesAdded}</td>
  <td>${when(source.nextFetchAt)}</td>
</tr>`,
  );
  const main = html`<h1>Sources</h1>
<p>Feeds, sitemaps and pages that <code>dossier watch</code> polls. ${
    allowIngest
      ? html`Add one with <code>POST /api/sources</code> or <code>dossier sources add URL</code>.`
      : html`Add one with <code>dossier sources add URL</code> (the API accepts new sources only under <code>--allow-ingest</code>).`
  }</p>
${sources.length === 0
  ? html`<p>No sources yet.</p>`
  : html`<div class="table-wrap"><table class="stack sources">
<thead><tr><th scope="col">Source</th><th scope="col">Status</th><th scope="col">Last success</th><th scope="col">Articles added</th><th scope="col">Next poll</th></tr></thead>
<tbody>${rows}</tbody></table></div>`}`;
  return layout({ title: 'Sources', main });
}
