// Page shell and small shared pieces. Every value goes through Hono's `html` tag, which escapes
// strings; article text is untrusted and is never passed through `raw`.
import { html } from 'hono/html';
import type { Citation } from '../../events/types.js';

export type Html = ReturnType<typeof html>;

export function layout(options: { title: string; main: Html; query?: string; scripts?: string[] }): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · dossier</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
  <a class="brand" href="/">dossier</a>
  <nav aria-label="Main"><a href="/">Events</a> <a href="/sources">Sources</a></nav>
  <form class="site-search" action="/search" method="get" role="search">
    <label for="site-q" class="visually-hidden">Search articles</label>
    <input id="site-q" name="q" type="search" placeholder="Search articles" value="${options.query ?? ''}">
    <button type="submit">Search</button>
  </form>
</header>
<main id="main" tabindex="-1">
${options.main}
</main>
</body>
</html>`;
}

export function errorPage(status: number, message: string): Html {
  return layout({
    title: `Error ${status}`,
    main: html`<h1>${status === 404 ? 'Not found' : 'Bad request'}</h1><p class="error-message">${message}</p>
<p><a href="/">Back to the events</a></p>`,
  });
}

export function articleHref(id: string, sentence?: number): string {
  return `/articles/${encodeURIComponent(id)}${sentence === undefined ? '' : `#s${sentence}`}`;
}

export function eventHref(id: string): string {
  return `/events/${encodeURIComponent(id)}`;
}

export function entityHref(id: string): string {
  return `/entities/${encodeURIComponent(id)}`;
}

/** A link to the cited sentence, labelled with the source's number on the page. */
export function citationLink(citation: Citation, sourceNumbers: Map<string, { n: number; label: string }>): Html {
  const source = sourceNumbers.get(citation.article);
  const label = source ? `${source.n}` : citation.article.slice(0, 6);
  const description = `${source?.label ?? citation.article}, sentence ${citation.sentence + 1}`;
  return html`<a class="cite" href="${articleHref(citation.article, citation.sentence)}" title="${description}" aria-label="${description}">[${label}]</a>`;
}

/** Only web links become anchors: a stored URL is untrusted and could be `javascript:`. */
export function isWebUrl(url: string | null): url is string {
  return url !== null && /^https?:\/\//i.test(url);
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
