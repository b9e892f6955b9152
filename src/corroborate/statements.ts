// Claims as structured statements: each sentence or clause of an article becomes one statement with
// who, the predicate (its lemma and PLOVER kind), to whom, normalised quantities, the day, the place,
// negation, hedging and whom the outlet attributes it to. Written here (the product's core); PLOVER
// coding (src/events/actions.ts) gives actor, act and target, wink-nlp (tagging.ts) the predicate's lemma.
import type { Article, Entity } from '../types.js';
import type { Citation, ClaimStatement } from '../events/types.js';
import * as chrono from 'chrono-node';
import { codeSentence } from '../events/actions.js';
import { placeCode } from '../events/plover-actors.js';
import { foldAccents } from './normalize.js';
import { readQuantities, type Quantity } from './quantities.js';
import type { SentenceIndex } from './sentences.js';
import { wordsIn } from './tagging.js';


/** A statement with what alignment needs: its text with values masked, so "rose to 11.25%" and
 *  "rose to 11.5 percent" read alike and their figures are compared afterwards. */
export interface StatementRecord {
  statement: ClaimStatement;
  quantities: Quantity[];
  /** Place code or folded name, for comparison. */
  placeKey: string | null;
  masked: string;
  published: string | null;
}

/** Credit lines ("X in Washington contributed to this report"): who wrote the story, not what happened. */
const CREDIT_LINE = /\bcontributed (?:reporting|to this (?:report|story|article))\b|^(?:reporting|writing|editing) by\b/i;
/** Statements shorter than this (words) are fragments: headings, bylines, captions. */
const MIN_STATEMENT_WORDS = 4;
const CLAUSE_BREAK = /;\s+|,\s+(?:while|whereas)\s+|\s+(?:while|whereas)\s+(?=\p{L})/gu;
const NEGATION = /\b(?:not|never|no|none|neither|nor|denied|denies|deny)\b|n['’]t\b/i;
/** Modal and intent words that make a statement a possibility or a plan, not a fact. */
const HEDGE = /\b(?:could|may|might|would|should|plans? to|planning to|planned to|(?:is|are|was|were) expected to|expects? to|likely|unlikely|reportedly|allegedly|(?:is|are) set to|intends? to|aims? to|considering|possibly|probably|is due to|are due to)\b/i;
/** Reporting verbs: the clause tells what someone said. */
const REPORTING = 'said|says|say|told|tells|announced|stated|declared|added|noted|stressed|claimed|insisted|reported|confirmed|warned|urged|wrote|argued|emphasized|emphasised|reiterated|affirmed|reaffirmed|asserted|explained|pointed out';
const REPORTING_WORD = new RegExp(`^(?:${REPORTING})$`, 'i');
const ACCORDING_TO = /\baccording to ((?:the |a |an )?[\p{L}\p{N}'’.&-]+(?: (?!and\b|or\b)[\p{L}\p{N}'’.&-]+){0,4}?)(?=[,.;:]|\s+(?:on|in|at|and|or|which|who|that|citing|quoting)\b|$)/iu;
const SAID_AFTER = new RegExp(`[,"”]\\s*((?:the |a |an )?[\\p{Lu}][\\p{L}'’.-]*(?: [\\p{L}'’.-]+){0,5}?|(?:the |a |an )[\\p{Ll}][\\p{L}'’-]*(?: [\\p{L}'’-]+){0,4}?)\\s+(?:${REPORTING})\\b[^,;]*[.]?$`, 'u');
const SAID_BEFORE = new RegExp(`^((?:the |a |an )?[\\p{Lu}][\\p{L}'’.-]*(?: [\\p{L}'’.-]+){0,5}?)\\s+(?:${REPORTING})(?:\\s+(?:on|in|late|earlier)\\s+[\\p{L}\\p{N} ]+?)?\\s+(?:that\\s+)?(?=\\p{L})`, 'u');
const SAID_INVERTED = new RegExp(`[,"”]\\s*(?:${REPORTING})\\s+((?:the |a |an )?[\\p{L}][\\p{L}'’.-]*(?: [\\p{L}'’.-]+){0,5}?)[.]?$`, 'u');
/** A date counted from another happening ("two months prior") or in a sentence about an earlier round: not this claim's day. */
const RELATIVE_TO_ANOTHER_EVENT = /\b(prior|earlier|before|later|after|ago|previous|since)\b/i;
const EARLIER_HAPPENING = /\b(previous|earlier|last|prior|former|next|upcoming)\s+(meeting|encounter|visit|talks|round|summit|session|call|trip)\b/i;

interface Clause {
  start: number;
  end: number;
}

function clausesOf(text: string): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  for (const match of text.matchAll(CLAUSE_BREAK)) {
    const words = text.slice(start, match.index).split(/\s+/).filter(Boolean).length;
    const rest = text.slice(match.index + match[0].length).split(/\s+/).filter(Boolean).length;
    if (words < MIN_STATEMENT_WORDS || rest < MIN_STATEMENT_WORDS) continue;
    clauses.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  clauses.push({ start, end: text.length });
  return clauses;
}

/** "... as the two officials met in Beijing", "... during talks with X on Sunday": a subordinate phrase
 *  reporting an act of its own (another PLOVER type than the clause's) is also a statement, so the
 *  meeting it reports can align with other sources' reports of the meeting. */
const SUBORDINATE = /\s(?:as|during|when|after)\s+(?=\p{L})/gu;

function subordinateActs(text: string, clause: Clause, entities: Entity[]): Clause[] {
  const body = text.slice(clause.start, clause.end);
  const main = codeSentence(body, { entities });
  for (const match of body.matchAll(SUBORDINATE)) {
    const tailStart = match.index + match[0].length;
    const tail = body.slice(tailStart);
    if (match.index < 20 || tail.split(/\s+/).filter(Boolean).length < MIN_STATEMENT_WORDS) continue;
    const coded = codeSentence(tail, { entities });
    if (coded && coded.type !== main?.type) return [{ start: clause.start + tailStart, end: clause.end }];
  }
  return [];
}

function cleanName(name: string): string {
  // Adverbs that stand between a name and its verb ("Shoigu explicitly said") are not part of the name.
  return name.replace(/^(?:the|a|an)\s+/i, '').replace(/[.,;:]+$/, '').replace(/(?:\s+\p{Ll}+ly)+$/u, '').trim();
}

/** Whom the clause credits: "according to X", "X said ...", "..., X said", or the channel of a quote in it. */
function attributionOf(text: string, quotes: { channel: string | null }[]): string | null {
  const according = ACCORDING_TO.exec(text);
  if (according) return cleanName(according[1]);
  for (const pattern of [SAID_AFTER, SAID_INVERTED]) {
    const match = pattern.exec(text);
    if (match) return cleanName(match[1]);
  }
  const before = SAID_BEFORE.exec(text);
  if (before && !/^(?:it|this|that|there)$/i.test(before[1])) return cleanName(before[1]);
  // A quote's channel ("TASS reported") credits the report even where the clause does not say so.
  return quotes.find((quote) => quote.channel)?.channel ?? null;
}

interface MentionAt {
  name: string;
  type: Entity['type'];
  start: number;
  end: number;
}

function mentionsIn(entities: Entity[], start: number, end: number): MentionAt[] {
  const found: MentionAt[] = [];
  for (const entity of entities) {
    const mention = entity.mentions.find((m) => m.start >= start && m.end <= end);
    if (mention) found.push({ name: entity.name, type: entity.type, start: mention.start, end: mention.end });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The predicate: the PLOVER trigger when the clause codes, else its first main verb (after the subject).
 *  `start`: the clause's offset in the article text. */
function predicateOf(articleText: string, start: number, end: number, trigger: { start: number; end: number } | null): { predicate: string | null; lemma: string | null; offset: number } {
  const words = wordsIn(articleText, start, end);
  if (trigger) {
    const word = words.find((candidate) => candidate.start - start >= trigger.start);
    return { predicate: articleText.slice(start + trigger.start, start + trigger.end), lemma: word?.lemma ?? null, offset: trigger.start };
  }
  const verb = words.find((word) => word.pos === 'VERB' && !REPORTING_WORD.test(word.text)) ?? words.find((word) => word.pos === 'VERB' || word.pos === 'AUX');
  if (!verb) return { predicate: null, lemma: null, offset: end - start };
  return { predicate: verb.text, lemma: verb.lemma, offset: verb.start - start };
}

const MONTH_DAY = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b/g;

/** Month-and-day dates the annotator left unanchored ("on Feb 1"), read by chrono-node against the
 *  publication date, so a clause still carries its day. */
function printedDays(text: string, start: number, published: string): { start: number; end: number; text: string; value: string }[] {
  const reference = new Date(published.length === 10 ? `${published}T12:00:00Z` : published);
  if (Number.isNaN(reference.getTime())) return [];
  const found: { start: number; end: number; text: string; value: string }[] = [];
  for (const match of text.matchAll(MONTH_DAY)) {
    const parsed = chrono.parse(match[0], reference, { forwardDate: false })[0];
    if (!parsed?.start.isCertain('month') || !parsed.start.isCertain('day')) continue;
    const pad = (n: number | null) => String(n ?? 0).padStart(2, '0');
    found.push({ start: start + match.index, end: start + match.index + match[0].length, text: match[0], value: `${parsed.start.get('year')}-${pad(parsed.start.get('month'))}-${pad(parsed.start.get('day'))}` });
  }
  return found;
}

/** An open end of an interval ("more than 900") is null, which JSON can carry. */
const bound = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** `reference`: the date to read undated "Feb 1" against when the article has no publication date (the
 *  event's latest): an event's reports are contemporaneous. */
export function extractStatements(article: Article, sentences: SentenceIndex, reference: string | null = null): StatementRecord[] {
  const records: StatementRecord[] = [];
  const entities = article.entities ?? [];
  const days = (article.dates ?? []).filter((date) => date.value && /^\d{4}-\d{2}(?:-\d{2})?$/.test(date.value));
  sentences.sentences(article).forEach((sentence, index) => {
    if (CREDIT_LINE.test(sentence.text)) return;
    const citation: Citation = { article: article.id, sentence: index, start: sentence.start, end: sentence.end };
    for (const clause of clausesOf(sentence.text).flatMap((whole) => [whole, ...subordinateActs(sentence.text, whole, entities)])) {
      const raw = sentence.text.slice(clause.start, clause.end);
      const text = raw.trim();
      if (text.split(/\s+/).length < MIN_STATEMENT_WORDS) continue;
      const start = sentence.start + clause.start + raw.indexOf(text);
      const end = start + text.length;
      const dayMentions = days.filter((date) => date.start >= start && date.end <= end);
      const readAgainst = article.published ?? reference;
      if (dayMentions.length === 0 && readAgainst) dayMentions.push(...printedDays(text, start, readAgainst));
      const quantities = readQuantities(text, dayMentions.map((date) => ({ start: date.start - start, end: date.end - start })));
      const coded = codeSentence(text, { entities });
      const { predicate, lemma, offset } = predicateOf(article.text, start, end, coded?.trigger ?? null);
      const mentioned = mentionsIn(entities, start, end);
      const quotes = (article.quotes ?? []).filter((quote) => quote.start < end && quote.end > start);
      const attribution = attributionOf(text, quotes);
      const people = mentioned.filter((m) => m.type !== 'location');
      const who = coded?.actor ? [coded.actor] : people.filter((m) => m.start - start < offset && m.name !== attribution).map((m) => m.name);
      const toWhom = coded?.target ? [coded.target] : people.filter((m) => m.start - start > offset).map((m) => m.name);
      const day = EARLIER_HAPPENING.test(text) ? null : dayMentions.find((date) => !RELATIVE_TO_ANOTHER_EVENT.test(date.text))?.value ?? null;
      // A place the clause puts something in: a location mentioned after "in"/"at", or the PLOVER coder's.
      const located = placeIn(article.text, start, end, mentioned, dayMentions);
      const place = located?.name ?? coded?.location ?? null;
      const hedge = HEDGE.exec(text)?.[0].toLowerCase() ?? null;
      const statement: ClaimStatement = {
        article: article.id,
        text,
        start,
        end,
        citation,
        who: [...new Set(who)],
        predicate,
        lemma,
        kind: coded?.type ?? (new RegExp(`\\b(?:${REPORTING})\\b`, 'i').test(text) && attribution ? 'STATEMENT' : 'STATE'),
        toWhom: [...new Set(toWhom)].filter((name) => !who.includes(name)),
        quantities: quantities.map((q) => ({ text: q.text, value: q.value, low: bound(q.low), high: bound(q.high), dimension: q.dimension, unit: q.unit })),
        day,
        place,
        negated: NEGATION.test(text),
        hedge,
        attribution,
      };
      records.push({ statement, quantities, placeKey: place ? placeCode(place) ?? foldAccents(place).toLowerCase() : null, masked: maskValues(text, start, quantities, dayMentions, located), published: article.published });
    }
  });
  return records;
}

/** The clause with its figures, day and place masked by marker words (which the model reads alike). */
function maskValues(text: string, start: number, quantities: Quantity[], days: { start: number; end: number }[], place: { start: number; end: number } | null): string {
  const spans = [
    ...quantities.map((q) => ({ start: q.start, end: q.figureEnd, with: 'several' })),
    ...days.map((d) => ({ start: d.start - start, end: d.end - start, with: 'that day' })),
    ...(place ? [{ start: place.start - start, end: place.end - start, with: 'there' }] : []),
  ].sort((a, b) => b.start - a.start);
  let masked = text;
  let floor = Number.POSITIVE_INFINITY;
  for (const span of spans) {
    if (span.end > floor || span.start < 0) continue;
    masked = masked.slice(0, span.start) + span.with + masked.slice(span.end);
    floor = span.start;
  }
  return masked;
}

const MONTHS_AND_DAYS = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;

/** Where the clause puts something: a location entity after "in"/"at", else a capitalised name there
 *  that no entity, date or month claims (the tagger misses some towns). */
function placeIn(text: string, start: number, end: number, mentioned: MentionAt[], days: { start: number; end: number }[]): MentionAt | null {
  const after = (m: { start: number }) => /\b(?:in|at)\s+(?:the\s+)?$/i.test(text.slice(Math.max(start, m.start - 10), m.start));
  const located = mentioned.find((m) => m.type === 'location' && after(m));
  if (located) return located;
  const clause = text.slice(start, end);
  for (const match of clause.matchAll(/\b(?:in|at)\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)/gu)) {
    const at = start + match.index + match[0].length - match[1].length;
    const name = match[1];
    if (MONTHS_AND_DAYS.test(name) || days.some((d) => at >= d.start && at < d.end)) continue;
    // A person is never a place; a name the tagger took for an organisation after "in" usually is one.
    if (mentioned.some((m) => m.type === 'person' && at < m.end && m.start < at + name.length)) continue;
    return { name, type: 'location', start: at, end: at + name.length };
  }
  return null;
}
