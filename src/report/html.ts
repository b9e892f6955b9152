// HTML rendering of a brief: one self-contained page, no scripts. Every string from an article is untrusted
// and escaped; links are kept only for http(s) URLs.
import { outletFindings, progressionText, variantPieces } from './claims-text.js';
import type { Citation } from '../events/types.js';
import { sourceNumber, type Brief } from './brief.js';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
.cite{font-size:.8em;color:#666;vertical-align:super}blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid #ccc}
dl.facts dt{font-weight:600;float:left;width:5rem}dl.facts dd{margin-left:5.5rem}`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

function citation(brief: Brief, cite: Citation): string {
  const number = sourceNumber(brief.sources, cite.article);
  return number === null ? '' : ` <a class="cite" href="#source-${number}">[${number}, ${cite.sentence}]</a>`;
}

function sourceRefs(brief: Brief, articles: string[]): string {
  const numbers = articles.map((article) => sourceNumber(brief.sources, article)).filter((number) => number !== null);
  return numbers.length === 0 ? '' : ` <span class="cite">${numbers.map((n) => `<a href="#source-${n}">[${n}]</a>`).join(' ')}</span>`;
}

function list(items: string[]): string {
  return `<ul>\n${items.map((item) => `<li>${item}</li>`).join('\n')}\n</ul>`;
}

export function renderBriefHtml(brief: Brief): string {
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(brief.headline)}</h1>`);
  const who = brief.who.map((person) => escapeHtml(person.roles.length > 0 ? `${person.name} (${person.roles.join('; ')})` : person.name));
  parts.push(
    `<dl class="facts"><dt>When</dt><dd>${escapeHtml(brief.when ?? 'unknown')}</dd><dt>Where</dt><dd>${escapeHtml(brief.where ?? 'unknown')}</dd>` +
      `<dt>Who</dt><dd>${who.length > 0 ? who.join(', ') : 'unknown'}</dd></dl>`,
  );
  parts.push('<h2>What happened</h2>');
  parts.push(
    brief.whatHappened.length === 0
      ? '<p>No summary could be drawn from the sources.</p>'
      : list(brief.whatHappened.map((sentence) => `${escapeHtml(sentence.text)}${citation(brief, sentence.citation)}`)),
  );
  if (brief.keyQuotes.length > 0) {
    parts.push('<h2>Key quotes</h2>');
    for (const quote of brief.keyQuotes) {
      const variants = (quote.variants ?? []).filter((variant) => variant.text !== quote.text);
      // Renderings that differ (translations, trims) side by side, the words they differ in marked.
      const shown = variants.map((variant) => `<li>“${variantPieces(variant).map((piece) => (piece.differs ? `<mark>${escapeHtml(piece.text)}</mark>` : escapeHtml(piece.text))).join('')}”${sourceRefs(brief, [variant.article])}</li>`);
      parts.push(`<blockquote>“${escapeHtml(quote.text)}” — ${escapeHtml(quote.speaker ?? 'unattributed')}${sourceRefs(brief, quote.articles)}${shown.length ? `<ul class="variants">${shown.join('')}</ul>` : ''}</blockquote>`);
    }
  }
  const claims = (title: string, items: Brief['agreements']): void => {
    if (items.length === 0) return;
    parts.push(`<h2>${title}</h2>`, list(items.map((claim) => `${escapeHtml(claim.text)}${sourceRefs(brief, claim.articles)}`)));
  };
  claims('Sources agree', brief.agreements);
  const { claims: contradicted, discrepancies } = brief.contradictions;
  if (contradicted.length > 0 || discrepancies.length > 0) {
    parts.push(
      '<h2>Sources disagree</h2>',
      list([
        ...contradicted.map((claim) => `${escapeHtml(claim.text)}${sourceRefs(brief, claim.articles)}`),
        ...discrepancies.map(
          (discrepancy) =>
            `${escapeHtml(discrepancy.about)}: ${discrepancy.values.map((value) => `${escapeHtml(value.value)}${sourceRefs(brief, value.articles)}`).join(' vs ')}`,
        ),
      ]),
    );
  }
  if ((brief.updated ?? []).length > 0) {
    parts.push('<h2>Figures that changed as reports came in</h2>', list((brief.updated ?? []).map((claim) => `${escapeHtml(claim.text)}${sourceRefs(brief, claim.articles)}: ${escapeHtml(progressionText(claim))}`)));
  }
  claims('Reported by one source only', brief.singleSource);
  if ((brief.attributed ?? []).length > 0) {
    parts.push('<h2>Only as what one party said</h2>', list((brief.attributed ?? []).map((claim) => `${escapeHtml(claim.text)}${claim.attribution ? ` (credited to ${escapeHtml(claim.attribution)})` : ''}${sourceRefs(brief, claim.articles)}`)));
  }
  const outlets = brief.outletDifferences.map((framing) => ({ framing, findings: outletFindings(framing) })).filter((entry) => entry.findings.length > 0);
  if (outlets.length > 0) {
    parts.push(
      '<h2>How outlets differed</h2>',
      list(outlets.map(({ framing, findings }) => `${escapeHtml(framing.publisher ?? 'Unknown outlet')}${sourceRefs(brief, [framing.article])}${list(findings.map(escapeHtml))}`)),
    );
  }
  parts.push(
    '<h2>Timeline</h2>',
    list(
      brief.timeline.map(
        (entry) =>
          `<time>${escapeHtml(entry.date ?? 'undated')}</time> — ${escapeHtml(entry.label)}${entry.kind === 'event' ? ' <em>(this event)</em>' : ''}${entry.evidence.map((cite) => citation(brief, cite)).join('')}`,
      ),
    ),
  );
  parts.push('<h2>Sources</h2>', '<ol>');
  for (const source of brief.sources) {
    const title = escapeHtml(source.title ?? 'untitled');
    const linked = source.url && /^https?:\/\//i.test(source.url) ? `<a href="${escapeHtml(source.url)}" rel="noopener noreferrer nofollow">${title}</a>` : title;
    const copyOf = source.duplicateOf ? `, copy of [${sourceNumber(brief.sources, source.duplicateOf) ?? '?'}]` : '';
    parts.push(`<li id="source-${source.number}">${escapeHtml(source.publisher ?? 'Unknown outlet')}: ${linked} (${escapeHtml(source.published ?? 'undated')}${copyOf})</li>`);
  }
  parts.push('</ol>');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(brief.headline)}</title>
<style>${STYLE}</style>
</head>
<body>
<article>
${parts.join('\n')}
</article>
</body>
</html>
`;
}
