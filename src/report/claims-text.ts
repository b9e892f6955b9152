// Plain-language pieces the brief renderers share: how an outlet differed (read off aligned claims),
// a quote variant with the words it differs in marked, and an updated figure's progression.
import type { Claim, FramingDifference, QuoteVariant } from '../events/types.js';

const EXAMPLE_CHARS = 90;

function shorten(text: string, max = EXAMPLE_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** One line per finding about the outlet, in the order an analyst reads them. */
export function outletFindings(framing: FramingDifference): string[] {
  const lines: string[] = [];
  if (framing.onlyHere && framing.onlyHere.count > 0) {
    const example = framing.onlyHere.claims[0];
    lines.push(`reports ${framing.onlyHere.count} claim${framing.onlyHere.count === 1 ? '' : 's'} no other source has${example ? `, e.g. “${shorten(example.text)}”` : ''}`);
  }
  if (framing.leftOut && framing.leftOut.count > 0) {
    const example = framing.leftOut.claims[0];
    lines.push(`leaves out ${framing.leftOut.count} claim${framing.leftOut.count === 1 ? '' : 's'} most others report${example ? `, e.g. “${shorten(example.text)}” (${example.articles} sources)` : ''}`);
  }
  if (framing.voices && framing.voices.length > 0) {
    lines.push(`quotes ${framing.voices.map((voice) => `${voice.speaker} (${percent(voice.share)} of its quotes)`).join(', ')}`);
  }
  if (framing.attributions && framing.attributions.length > 0) {
    lines.push(`credits ${framing.attributions.slice(0, 4).map((credit) => `${credit.to} (${credit.kind}${credit.statements > 1 ? `, ${credit.statements} statements` : ''})`).join(', ')}`);
  }
  const wording = framing.wording?.[0];
  // Events stored before claims were aligned carry only their terms.
  if (!wording && framing.terms.length > 0) lines.push(`uses wording the others do not: “${framing.terms.join('”, “')}”`);
  if (wording) {
    const other = wording.others[0];
    lines.push(`words a shared claim as “${wording.words.slice(0, 3).join('”, “')}”${other ? ` where another source writes “${shorten(other.text)}”` : ''}`);
  }
  return lines;
}

/** The variant's text in pieces, each flagged when it is a word the other renderings do not have. */
export function variantPieces(variant: QuoteVariant): { text: string; differs: boolean }[] {
  const pieces: { text: string; differs: boolean }[] = [];
  let at = 0;
  for (const span of [...(variant.differs ?? [])].sort((a, b) => a.start - b.start)) {
    if (span.start > at) pieces.push({ text: variant.text.slice(at, span.start), differs: false });
    pieces.push({ text: variant.text.slice(span.start, span.end), differs: true });
    at = span.end;
  }
  if (at < variant.text.length) pieces.push({ text: variant.text.slice(at), differs: false });
  return pieces;
}

/** "40 (2027-08-14T06:30) → 45 (2027-08-14T13:00)". */
export function progressionText(claim: Claim): string {
  return (claim.progression ?? []).map((step) => `${step.value}${step.published ? ` (${step.published})` : ''}`).join(' → ');
}
