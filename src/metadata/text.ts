// Metadata read from the text itself: publication date lines, bylines, datelines,
// credited agencies and language.
import * as chrono from 'chrono-node';
import { franc } from 'franc-min';
import { iso6393To1 } from 'iso-639-3';
import { AGENCIES, agencyAlternation, canonicalAgency } from '../clean/rules.js';

/** franc needs this much text to tell languages apart reliably; below it the language stays unknown. */
const LANGUAGE_MIN_CHARS = 200;

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Parses a date as printed in a page ("February 28, 2025 21:14", "2026-02-02", "3 March 2024")
 * to ISO 8601: a date, or a date-time when the time is given. No time zone is invented.
 */
export function parsePrintedDate(text: string): string | null {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?/.exec(text);
  if (iso) {
    const [, y, m, d, hh, mm, ss, zone] = iso;
    if (!hh) return `${y}-${m}-${d}`;
    return `${y}-${m}-${d}T${hh}:${mm}${ss ? `:${ss}` : ''}${zone ? normaliseZone(zone) : ''}`;
  }
  // Dotted numeric dates are day first wherever they are printed ("03.09.2025" is 3 September); chrono
  // would read them month first.
  const dotted = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b(?:,?\s+(\d{1,2}):(\d{2}))?/.exec(text);
  if (dotted && Number(dotted[2]) >= 1 && Number(dotted[2]) <= 12 && Number(dotted[1]) >= 1 && Number(dotted[1]) <= 31) {
    const [, d, m, y, hh, mm] = dotted;
    const date = `${y}-${pad(Number(m))}-${pad(Number(d))}`;
    return hh ? `${date}T${pad(Number(hh))}:${mm}` : date;
  }
  const parsed = chrono.parse(text, undefined, { forwardDate: false })[0];
  if (!parsed || !parsed.start.isCertain('year') || !parsed.start.isCertain('month') || !parsed.start.isCertain('day')) {
    return null;
  }
  const start = parsed.start;
  const date = `${start.get('year')}-${pad(start.get('month') ?? 1)}-${pad(start.get('day') ?? 1)}`;
  if (!start.isCertain('hour')) return date;
  return `${date}T${pad(start.get('hour') ?? 0)}:${pad(start.get('minute') ?? 0)}`;
}

function normaliseZone(zone: string): string {
  if (zone === 'Z') return 'Z';
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

const MONTH_NUMBERS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A publication date read from an ambiguous numeric form ("08/04/2025": 8 April or 4 August) checked
 * against the dateline's month and day ("Port Sudan, April 8 (SUNA)"): when only the other reading agrees
 * with the dateline, that reading is the date. Any other date is returned as it is.
 */
export function reconcileWithDateline(published: string | null, printed: string | null, dateline: string | null): string | null {
  if (!published || !printed || !dateline) return published;
  const numeric = /\b(\d{1,2})[/](\d{1,2})[/](\d{4})\b/.exec(printed);
  const named = /\b([A-Z][a-z]{2})[a-z]*\.?\s+(\d{1,2})\b/.exec(dateline);
  if (!numeric || !named) return published;
  const month = MONTH_NUMBERS.indexOf(named[1].toLowerCase()) + 1;
  const day = Number(named[2]);
  const [first, second] = [Number(numeric[1]), Number(numeric[2])];
  const current = { month: Number(published.slice(5, 7)), day: Number(published.slice(8, 10)) };
  if (month === 0 || (current.month === month && current.day === day)) return published;
  if (first === day && second === month) return `${numeric[3]}-${pad(month)}-${pad(day)}${published.slice(10)}`;
  return published;
}

/** Normalises a machine-readable date (meta tags, JSON-LD, JSONL `published`) to ISO 8601, or null. */
export function normaliseDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  const printed = parsePrintedDate(trimmed);
  if (printed) return printed;
  const time = Date.parse(trimmed);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
/** "NAIROBI, March 11 (Reuters) -", "WASHINGTON (AP) —", "MOSCOW, February 1. /TASS/.", "BEIJING, Feb. 1 (Xinhua) --". */
const DATELINE = new RegExp(
  `^((?:[\\p{Lu}][\\p{Lu}.'’ -]{1,40}?)(?:,\\s*[\\p{Lu}][\\p{L}.' -]{1,30}?)?(?:,\\s*(?:${MONTH}\\s+\\d{1,2}|\\d{1,2}\\s+${MONTH})\\.?)?\\s*(?:\\(([^)]{2,40})\\)|/([A-Z-]{2,20})/\\.?)?)\\s*(?:--|-|—|–)\\s+`,
  'u',
);
/** TASS closes its dateline with the slashed credit and no dash: "MOSCOW, February 1. /TASS/. Russia ...". */
const SLASHED_DATELINE = new RegExp(
  `^((\\p{Lu}[\\p{Lu}.'’ -]{1,40}?)(?:,\\s*(?:${MONTH}\\s+\\d{1,2}|\\d{1,2}\\s+${MONTH})\\.?)?\\s*/([A-Z-]{2,20})/\\.?)\\s+(?=\\p{Lu})`,
  'u',
);
/** Indian agency copy names the place in title case, then the agency: "New Delhi, Mar 11 (PTI):", "Mumbai [India], March 11 (ANI):". */
const AGENCY_COLON_DATELINE = new RegExp(
  `^((\\p{Lu}[\\p{L}'’-]+(?: \\p{Lu}[\\p{L}'’-]+){0,2})(?: \\[[\\p{L} ]{2,30}\\])?(?:,\\s*(?:${MONTH}\\s+\\d{1,2}|\\d{1,2}\\s+${MONTH})\\.?)?\\s*\\(([^)]{2,20})\\))\\s*(?::|--|-|—|–)\\s+`,
  'u',
);
/** A lead that opens with only a credit: "(Xinhua) Rescue teams ...". */
const CREDIT_OPENING = /^\(([A-Z][A-Za-z-]{1,20}(?: [A-Z][A-Za-z-]+){0,2})\)\s+/;

export interface Dateline {
  dateline: string;
  agency: string | null;
  /** Length of the prefix to strip from the first paragraph. */
  length: number;
}

export function readDateline(paragraph: string): Dateline | null {
  const match = DATELINE.exec(paragraph);
  if (match) {
    const place = match[1].split(/[,(/]/)[0].trim();
    // The place part must be written in capitals, as datelines are; a capitalised phrase is not a dateline.
    if (place.length >= 2 && place === place.toUpperCase() && /\p{Lu}{2}/u.test(place)) {
      const agency = match[2] ?? match[3] ?? null;
      return { dateline: match[1].trim(), agency: agency ? canonicalAgency(agency.trim()) : null, length: match[0].length };
    }
  }
  for (const pattern of [SLASHED_DATELINE, AGENCY_COLON_DATELINE]) {
    const agencyDateline = pattern.exec(paragraph);
    if (agencyDateline && isAgency(agencyDateline[3])) {
      return { dateline: agencyDateline[1].trim(), agency: canonicalAgency(agencyDateline[3]), length: agencyDateline[0].length };
    }
  }
  const credit = CREDIT_OPENING.exec(paragraph);
  if (credit && isAgency(credit[1])) {
    return { dateline: `(${credit[1]})`, agency: canonicalAgency(credit[1]), length: credit[0].length };
  }
  return null;
}

export function isAgency(name: string): boolean {
  const lower = name.toLowerCase();
  return AGENCIES.some((agency) => agency.toLowerCase() === lower);
}

/** Agencies named as the source of the report inside the text ("state news agency TASS reported", "according to Reuters"). */
/** Contexts that name an agency as the source of a report; built once, they run on every article. */
const CITED_AGENCY_PATTERNS = [
  new RegExp(`\\b(?:according to|reported by|told|cited by|quoted by|per)\\s+(?:the\\s+)?(?:state\\s+|official\\s+)?(?:news\\s+agency\\s+)?(${agencyAlternation})\\b`, 'g'),
  new RegExp(`\\b(${agencyAlternation})\\s+(?:news\\s+agency\\s+)?(?:reported|said|quoted|cited|reports)\\b`, 'g'),
  new RegExp(`\\bnews agency\\s+(${agencyAlternation})\\b`, 'g'),
];

export function agenciesCitedInText(text: string): string[] {
  const found = new Set<string>();
  for (const pattern of CITED_AGENCY_PATTERNS) {
    for (const match of text.matchAll(pattern)) found.add(canonicalAgency(match[1]));
  }
  return [...found];
}

/** Byline names without the "By" and trailing date or outlet. */
export function readByline(line: string): { byline: string; date: string | null; agency: string | null } {
  const body = line.replace(/^\W*by:?\s+/i, '');
  const parts = body.split(/\s*[|·•]\s*|\s+[–-]\s+/);
  let names = parts[0];
  let agency: string | null = null;
  const comma = names.split(/\s*,\s*/);
  if (comma.length > 1 && isAgency(comma[comma.length - 1])) {
    agency = canonicalAgency(comma.pop() as string);
    names = comma.join(', ');
  } else {
    // "JANE DOE and TOM ROE Associated Press": the agency follows the names without a comma.
    const trailing = AGENCIES.filter((name) => names.endsWith(` ${name}`)).sort((a, b) => b.length - a.length)[0];
    if (trailing) {
      agency = canonicalAgency(trailing);
      names = names.slice(0, -trailing.length).trim();
    }
  }
  // "Jane Otieno in Nairobi": the place is where the reporter was, not part of the byline.
  names = names.replace(/ in \p{Lu}[\p{L} '’-]{1,30}$/u, '');
  let date: string | null = null;
  for (const part of parts.slice(1)) {
    if (!date) date = parsePrintedDate(part);
    if (!agency && isAgency(part)) agency = canonicalAgency(part);
  }
  return { byline: names.trim(), date, agency };
}

/** ISO 639-1 code of the text's language, or null when there is too little text to tell. */
export function detectLanguage(text: string): string | null {
  if (text.length < LANGUAGE_MIN_CHARS) return null;
  const code = franc(text.slice(0, 4000), { minLength: LANGUAGE_MIN_CHARS });
  if (code === 'und') return null;
  return iso6393To1[code] ?? code;
}
