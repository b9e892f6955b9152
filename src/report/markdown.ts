// Markdown rendering of a brief. Citations read [source number, sentence index].
import { outletFindings, progressionText, variantPieces } from './claims-text.js';
import type { Citation } from '../events/types.js';
import { sourceNumber, type Brief } from './brief.js';

/** Article text is untrusted: keep it from opening Markdown or HTML constructs when rendered. */
function inline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]<>|#]/g, (char) => `\\${char}`);
}

function citationMark(brief: Brief, citation: Citation): string {
  const number = sourceNumber(brief.sources, citation.article);
  return number === null ? '' : ` [${number}, ${citation.sentence}]`;
}

function sourceList(brief: Brief, articles: string[]): string {
  const numbers = articles.map((article) => sourceNumber(brief.sources, article)).filter((number) => number !== null);
  // One bracket per source, so a list of sources never reads like a [source, sentence] citation.
  return numbers.length === 0 ? '' : ` ${numbers.map((number) => `[${number}]`).join('')}`;
}

export function renderBriefMarkdown(brief: Brief): string {
  const lines: string[] = [`# ${inline(brief.headline)}`, ''];
  lines.push(`- **When:** ${brief.when ?? 'unknown'}`);
  lines.push(`- **Where:** ${brief.where ? inline(brief.where) : 'unknown'}`);
  const who = brief.who.map((person) => (person.roles.length > 0 ? `${inline(person.name)} (${inline(person.roles.join('; '))})` : inline(person.name)));
  lines.push(`- **Who:** ${who.length > 0 ? who.join(', ') : 'unknown'}`, '');

  lines.push('## What happened', '');
  if (brief.whatHappened.length === 0) lines.push('No summary could be drawn from the sources.');
  for (const sentence of brief.whatHappened) lines.push(`- ${inline(sentence.text)}${citationMark(brief, sentence.citation)}`);
  lines.push('');

  if (brief.keyQuotes.length > 0) {
    lines.push('## Key quotes', '');
    for (const quote of brief.keyQuotes) {
      lines.push(`> “${inline(quote.text)}” — ${quote.speaker ? inline(quote.speaker) : 'unattributed'}${sourceList(brief, quote.articles)}`, '');
      // Renderings that differ (translations, trims) side by side, the words they differ in in bold.
      const variants = (quote.variants ?? []).filter((variant) => variant.text !== quote.text);
      for (const variant of variants) {
        const marked = variantPieces(variant).map((piece) => (piece.differs ? `**${inline(piece.text)}**` : inline(piece.text))).join('');
        lines.push(`>  - as “${marked}”${sourceList(brief, [variant.article])}`);
      }
      if (variants.length > 0) lines.push('');
    }
  }

  const claimLines = (title: string, claims: Brief['agreements']): void => {
    if (claims.length === 0) return;
    lines.push(`## ${title}`, '');
    for (const claim of claims) lines.push(`- ${inline(claim.text)}${sourceList(brief, claim.articles)}`);
    lines.push('');
  };
  claimLines('Sources agree', brief.agreements);
  if (brief.contradictions.claims.length > 0 || brief.contradictions.discrepancies.length > 0) {
    lines.push('## Sources disagree', '');
    for (const claim of brief.contradictions.claims) lines.push(`- ${inline(claim.text)}${sourceList(brief, claim.articles)}`);
    for (const discrepancy of brief.contradictions.discrepancies) {
      const values = discrepancy.values.map((value) => `${inline(value.value)}${sourceList(brief, value.articles)}`);
      lines.push(`- ${inline(discrepancy.about)}: ${values.join(' vs ')}`);
    }
    lines.push('');
  }
  if ((brief.updated ?? []).length > 0) {
    lines.push('## Figures that changed as reports came in', '');
    for (const claim of brief.updated ?? []) lines.push(`- ${inline(claim.text)}${sourceList(brief, claim.articles)}: ${inline(progressionText(claim))}`);
    lines.push('');
  }
  claimLines('Reported by one source only', brief.singleSource);
  if ((brief.attributed ?? []).length > 0) {
    lines.push('## Only as what one party said', '');
    for (const claim of brief.attributed ?? []) lines.push(`- ${inline(claim.text)}${claim.attribution ? ` (credited to ${inline(claim.attribution)})` : ''}${sourceList(brief, claim.articles)}`);
    lines.push('');
  }

  if (brief.outletDifferences.length > 0) {
    lines.push('## How outlets differed', '');
    for (const framing of brief.outletDifferences) {
      const findings = outletFindings(framing);
      if (findings.length === 0) continue;
      lines.push(`- ${inline(framing.publisher ?? 'Unknown outlet')}${sourceList(brief, [framing.article])}:`);
      for (const finding of findings) lines.push(`  - ${inline(finding)}`);
    }
    lines.push('');
  }

  lines.push('## Timeline', '');
  for (const entry of brief.timeline) {
    const cites = entry.evidence.map((citation) => citationMark(brief, citation)).join('');
    lines.push(`- ${entry.date ?? 'undated'} — ${inline(entry.label)}${entry.kind === 'event' ? ' (this event)' : ''}${cites}`);
  }
  lines.push('');

  lines.push('## Sources', '');
  for (const source of brief.sources) {
    const copyOf = source.duplicateOf ? `, copy of [${sourceNumber(brief.sources, source.duplicateOf) ?? '?'}]` : '';
    const title = source.title ? inline(source.title) : 'untitled';
    const link = source.url && /^https?:\/\//i.test(source.url) ? ` <${source.url.replace(/[<>\s]/g, encodeURIComponent)}>` : '';
    lines.push(`${source.number}. ${inline(source.publisher ?? 'Unknown outlet')}: ${title} (${source.published ?? 'undated'}${copyOf})${link}`);
  }
  return `${lines.join('\n')}\n`;
}
