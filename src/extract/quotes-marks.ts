// Finding quoted passages from quotation marks. Hand-written because it is the core of the
// product's quote model: it must tell quotation marks from apostrophes and inch marks, and
// carry a quote over paragraph breaks the way news copy does (no closing mark at the end of a
// paragraph, an opening mark at the start of the next).

export interface QuoteRegion {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the closing mark (or the paragraph end for an unclosed curly quote). */
  close: number;
  /** Offsets of the content inside the marks. */
  innerStart: number;
  innerEnd: number;
  style: 'double' | 'single';
}

interface Paragraph {
  start: number;
  end: number;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Characters after which a mark at a word start is an opening mark. */
const OPENING_CONTEXT = /[\s([{\u2014\u2013\-/:;,"\u201c]/u;

export function paragraphsOf(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const linePattern = /[^\n]+/g;
  for (let match = linePattern.exec(text); match; match = linePattern.exec(text)) {
    if (match[0].trim()) paragraphs.push({ start: match.index, end: match.index + match[0].length });
  }
  return paragraphs;
}

function markWidth(text: string, at: number): number {
  return text[at] === "'" && text[at + 1] === "'" ? 2 : 1;
}

type MarkRole = 'open' | 'close' | 'either' | null;

function doubleMarkRole(text: string, at: number): MarkRole {
  const mark = text[at];
  // Two apostrophes stand for a straight double mark in some wire copy (''Like this,'' she said).
  if (mark === "'" && text[at + 1] === "'" && text[at - 1] !== "'") return 'either';
  // An opening curly mark after a word or a comma and before a space is a closing mark typed wrong (“Yes,“ she said).
  if (mark === '\u201c' && /[\p{L}\p{N},.!?]/u.test(text[at - 1] ?? ' ') && /\s/.test(text[at + 1] ?? '\n')) return 'close';
  if (mark === '\u201c' || mark === '\u201e') return 'open';
  if (mark === '\u201d') return 'close';
  if (mark === '"') return 'either';
  return null;
}

function singleMarkRole(text: string, at: number, paragraphStart: number): MarkRole {
  const mark = text[at];
  if (mark !== '\u2018' && mark !== '\u2019' && mark !== "'") return null;
  if (mark === "'" && (text[at + 1] === "'" || text[at - 1] === "'")) return null;
  const before = at > paragraphStart ? text[at - 1] : ' ';
  const after = text[at + 1] ?? ' ';
  const wordStart = OPENING_CONTEXT.test(before) && LETTER_OR_DIGIT.test(after);
  // An apostrophe inside a word ("Russia's") or a year ("'90s") is never a quotation mark.
  const wordEnd = !/\s/.test(before) && !LETTER_OR_DIGIT.test(after);
  if (mark === '\u2018') return wordStart ? 'open' : null;
  if (wordStart && /\d/.test(after)) return null;
  if (wordStart) return 'open';
  if (wordEnd) return 'close';
  return null;
}

/** Whether the document quotes with single marks first (British style) rather than double marks. */
function prefersSingleQuotes(text: string): boolean {
  let singleOpens = 0;
  let doubleOpens = 0;
  for (let at = 0; at < text.length; at += 1) {
    if (doubleMarkRole(text, at) === 'open' || (text[at] === '"' && OPENING_CONTEXT.test(text[at - 1] ?? ' '))) {
      doubleOpens += 1;
    } else if (singleMarkRole(text, at, 0) === 'open') singleOpens += 1;
  }
  return singleOpens > doubleOpens;
}

function startsWithOpeningMark(text: string, paragraph: Paragraph, style: 'double' | 'single'): boolean {
  const first = text[paragraph.start];
  const second = text[paragraph.start + 1];
  return style === 'double'
    ? first === '\u201c' || first === '"' || (first === "'" && second === "'")
    : first === '\u2018' || (first === "'" && second !== "'");
}

/** Quote regions of one mark style, skipping the ranges in `insideOf` (quotes of the other style). */
function scanStyle(text: string, paragraphs: Paragraph[], style: 'double' | 'single', insideOf: QuoteRegion[]): QuoteRegion[] {
  const regions: QuoteRegion[] = [];
  // Offsets only grow during the scan, so one cursor walks through the regions (sorted by opening mark) once.
  const blocking = [...insideOf].sort((a, b) => a.open - b.open);
  let cursor = 0;
  let reach = -1;
  const blocked = (at: number): boolean => {
    while (cursor < blocking.length && blocking[cursor].open <= at) reach = Math.max(reach, blocking[cursor++].close);
    return at < reach;
  };
  let open: { at: number; curly: boolean } | null = null;
  for (let index = 0; index < paragraphs.length; index += 1) {
    const paragraph = paragraphs[index];
    for (let at = paragraph.start; at < paragraph.end; at += 1) {
      if (blocked(at)) continue;
      const role = style === 'double' ? doubleMarkRole(text, at) : singleMarkRole(text, at, paragraph.start);
      if (!role) continue;
      const continuesQuote = open !== null && open.at < paragraph.start && at === paragraph.start && role !== 'close';
      if (continuesQuote) continue;
      if (open === null) {
        // A closing curly mark used as an opener at a word start (”Like this.”), as careless copy has it.
        const misusedOpener = role === 'close' && OPENING_CONTEXT.test(at > paragraph.start ? text[at - 1] : ' ') &&
          LETTER_OR_DIGIT.test(text[at + 1] ?? ' ');
        if (role === 'close' && !misusedOpener) continue;
        if (role === 'either' && !OPENING_CONTEXT.test(at > paragraph.start ? text[at - 1] : ' ')) continue;
        open = { at, curly: text[at] !== '"' && text[at] !== "'" };
        at += markWidth(text, at) - 1;
      } else if (role !== 'open') {
        const width = markWidth(text, at);
        regions.push({ open: open.at, close: at + width, innerStart: open.at + markWidth(text, open.at), innerEnd: at, style });
        open = null;
        at += width - 1;
      } else if (style === 'double') {
        // Two opening curly marks in a row: the first was never closed; restart at the second.
        open = { at, curly: true };
      }
    }
    if (open === null) continue;
    const next = paragraphs[index + 1];
    if (next && startsWithOpeningMark(text, next, style)) continue;
    // An unclosed curly double quote ends with its paragraph; an unclosed straight or single mark
    // is more likely an inch sign or an apostrophe, so it is dropped.
    if (open.curly && style === 'double') {
      regions.push({ open: open.at, close: paragraph.end, innerStart: open.at + 1, innerEnd: paragraph.end, style });
    }
    open = null;
  }
  return regions;
}

/** All quoted passages of the text, in order, outer quotes only (a quote within a quote is part of it). */
export function findQuoteRegions(text: string): QuoteRegion[] {
  const paragraphs = paragraphsOf(text);
  const primary: 'double' | 'single' = prefersSingleQuotes(text) ? 'single' : 'double';
  const secondary: 'double' | 'single' = primary === 'double' ? 'single' : 'double';
  const primaryRegions = scanStyle(text, paragraphs, primary, []);
  const secondaryRegions = scanStyle(text, paragraphs, secondary, primaryRegions);
  return [...primaryRegions, ...secondaryRegions]
    .filter((region) => text.slice(region.innerStart, region.innerEnd).trim().length > 0)
    .sort((a, b) => a.open - b.open);
}
