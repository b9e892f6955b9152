// Claims across sources: factual slots (numbers, dates, places, titles) are read from each sentence
// with the words around them; slots that describe the same thing in different articles are compared.
// The same value in two independent sources is an agreed claim, different values a discrepancy,
// a slot only one independent source fills a single-source claim.
import type { Article } from '../types.js';
import type { Citation, Claim, Discrepancy, DiscrepancyValue } from '../events/types.js';
import { findLexiconActors, placeCode } from '../events/plover-actors.js';
import { lemmaOf } from '../events/plover-lexicon.js';
import { STOPWORDS, canonicalWord, foldAccents } from './normalize.js';
import type { SentenceIndex } from './sentences.js';

type SlotKind = 'percentage' | 'amount' | 'number' | 'date' | 'place';

interface Fact {
  article: string;
  kind: SlotKind;
  /** Unit and role that must match for two facts to be compared ("percentage|to"). */
  slot: string;
  /** Comparable value: a number, a TIMEX3 date, a place code or name. */
  value: string;
  display: string;
  /** Numeric facts: the interval the words allow ("nearly 5" is 4.5 to 5, "more than 10" is 10 and up). */
  range?: [number, number];
  context: Set<string>;
  /** Context words written in lower case: common words say what is measured, names only which story. */
  commonContext: Set<string>;
  /** Context words in sentence order with their surface forms, to describe what the fact is about. */
  contextWords: { key: string; text: string }[];
  citation: Citation;
}

/** Content words on each side of a value that describe what it measures. Set by hand: six reaches
 *  back over "raised its key interest rate by" to the subject in typical news clauses. */
const CONTEXT_WINDOW = 6;
/** Two facts are about one thing when they share this many context words... */
export const MIN_SHARED_CONTEXT = 2;
/** ...and this share of their joint context (Jaccard). Calibrated by hand on the fixture stories:
 *  rate-decision sentences from different outlets score 0.3–0.6, a rate against inflation under 0.2. */
export const MIN_CONTEXT_JACCARD = 0.25;

const CLAUSE_BREAKS = new Set([',', ';', ':', '(', ')', 'while', 'whereas', 'but', 'although', 'and', '—', '–']);
const MAGNITUDES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, m: 1e6, k: 1e3 };
/** How far an approximate figure ("about 5", "nearly 5") may lie from the value written. Set by hand:
 *  news rounds to the nearest whole or half unit, within a tenth of the figure. */
const APPROXIMATE_TOLERANCE = 0.1;
/** Words before a figure that make it a bound or an approximation, and the interval they give. */
const HEDGES: [RegExp, (value: number) => [number, number]][] = [
  [/^(nearly|almost)$/, (v) => [v * (1 - APPROXIMATE_TOLERANCE), v]],
  [/^(about|around|roughly|approximately|some|estimated|close to|an estimated)$/, (v) => [v * (1 - APPROXIMATE_TOLERANCE), v * (1 + APPROXIMATE_TOLERANCE)]],
  [/^(more than|over|above|at least|upwards of|in excess of|exceeding)$/, (v) => [v, Number.POSITIVE_INFINITY]],
  [/^(less than|fewer than|under|below|up to|at most)$/, (v) => [Number.NEGATIVE_INFINITY, v]],
];
/** Credit lines ("X in Washington contributed to this report"): who wrote the story, not what happened. */
const CREDIT_LINE = /\bcontributed (?:reporting|to this (?:report|story|article))\b/i;
const CURRENCY_WORDS = /^(dollars?|euros?|pounds?|yuan|rubles?|roubles?|yen|rupees?|reais|real|lira|francs?)$/i;
const ROLE_OF: Record<string, string> = { from: 'from', by: 'by', to: 'value', at: 'value', of: 'value', 'is': 'value', was: 'value' };
const PLACE_PREPOSITIONS = new Set(['in', 'at']);

interface ClaimToken {
  text: string;
  start: number;
  end: number;
}

function claimTokens(text: string): ClaimToken[] {
  return [...text.matchAll(/[$€£¥]?\d+(?:[.,]\d+)*%?|[\p{L}]+(?:['’.-][\p{L}]+)*|[^\s\p{L}\p{N}]/gu)].map((match) => ({
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
}

const isNumberToken = (token: ClaimToken | undefined) => !!token && /\d/.test(token.text);

function contextAround(tokens: ClaimToken[], first: number, last: number): { key: string; text: string }[] {
  const words: { index: number; key: string; text: string }[] = [];
  const collect = (from: number, step: number) => {
    let taken = 0;
    for (let i = from; i >= 0 && i < tokens.length && taken < CONTEXT_WINDOW; i += step) {
      const lower = tokens[i].text.toLowerCase();
      if (CLAUSE_BREAKS.has(lower) || isNumberToken(tokens[i])) break;
      if (!/^\p{L}/u.test(lower) || STOPWORDS.has(lower)) continue;
      words.push({ index: i, key: canonicalWord(lemmaOf(canonicalWord(lower))), text: tokens[i].text });
      taken++;
    }
  };
  collect(first - 1, -1);
  collect(last + 1, 1);
  return words.sort((a, b) => a.index - b.index).map(({ key, text }) => ({ key, text }));
}

function roleOf(tokens: ClaimToken[], index: number): string {
  return ROLE_OF[tokens[index - 1]?.text.toLowerCase() ?? ''] ?? 'value';
}

function parseNumber(text: string): number {
  return Number(text.replace(/[$€£¥%]/g, '').replace(/,(?=\d{3}\b)/g, ''));
}

function makeFact(article: Article, citation: Citation, kind: SlotKind, slot: string, value: string, display: string, context: { key: string; text: string }[]): Fact {
  return {
    article: article.id, kind, slot: `${kind}|${slot}`, value, display,
    context: new Set(context.map((word) => word.key)),
    commonContext: new Set(context.filter((word) => /^\p{Ll}/u.test(word.text)).map((word) => word.key)),
    contextWords: context, citation,
  };
}

/** The interval a figure stands for, read from the one or two words before it. */
function rangeOf(tokens: ClaimToken[], index: number, amount: number): [number, number] {
  const word = (i: number) => tokens[i]?.text.toLowerCase() ?? '';
  for (const words of [`${word(index - 2)} ${word(index - 1)}`, word(index - 1)]) {
    const hedge = HEDGES.find(([pattern]) => pattern.test(words));
    if (hedge) return hedge[1](amount);
  }
  return [amount, amount];
}

/** Tokens written together with no space between them ("7", ":", "24"). */
function joined(tokens: ClaimToken[], index: number, length: number): boolean {
  for (let i = index; i < index + length - 1; i++) if (!tokens[i + 1] || tokens[i + 1].start !== tokens[i].end) return false;
  return index >= 0;
}

/** A number that is not a quantity of its own: part of a clock time, a score, a phone number or a
 *  numeric range ("7:24", "2-1", "10-80"), a compound modifier ("65-year-old", "150-strong": it describes
 *  one person or thing, and stories name many), or an end of a range ("between 25 and 30", "10 to 35"). */
function notAQuantity(tokens: ClaimToken[], index: number): boolean {
  const isNumber = (i: number) => /^[$€£¥]?\d/.test(tokens[i]?.text ?? '');
  const isJoiner = (i: number) => /^[-–:/]$/.test(tokens[i]?.text ?? '');
  if (isJoiner(index + 1) && joined(tokens, index, 3) && (isNumber(index + 2) || /^\p{L}/u.test(tokens[index + 2].text))) return true;
  if (isJoiner(index - 1) && isNumber(index - 2) && joined(tokens, index - 2, 3)) return true;
  const word = (i: number) => tokens[i]?.text.toLowerCase() ?? '';
  if (word(index - 1) === 'between' || (word(index - 1) === 'and' && [2, 3, 4].some((back) => word(index - back) === 'between'))) return true;
  if (word(index + 1) === 'to' && isNumber(index + 2)) return word(index - 1) !== 'from';
  return word(index - 1) === 'to' && isNumber(index - 2) && word(index - 3) !== 'from';
}

function numberFacts(article: Article, sentenceText: string, offset: number, citation: Citation, dateSpans: { start: number; end: number }[]): Fact[] {
  const tokens = claimTokens(sentenceText);
  const facts: Fact[] = [];
  tokens.forEach((token, index) => {
    if (!/^[$€£¥]?\d/.test(token.text) || notAQuantity(tokens, index)) return;
    const absoluteStart = offset + token.start;
    if (dateSpans.some((span) => absoluteStart >= span.start && absoluteStart < span.end)) return;
    let last = index;
    let amount = parseNumber(token.text);
    if (!Number.isFinite(amount)) return;
    const next = tokens[index + 1]?.text.toLowerCase();
    if (next && MAGNITUDES[next]) {
      amount *= MAGNITUDES[next];
      last++;
    }
    const unitToken = tokens[last + 1]?.text.toLowerCase() ?? '';
    let kind: SlotKind = 'number';
    let unit = '';
    if (token.text.endsWith('%') || unitToken === 'percent' || (unitToken === 'per' && tokens[last + 2]?.text.toLowerCase() === 'cent')) {
      kind = 'percentage';
      if (!token.text.endsWith('%')) last += unitToken === 'per' ? 2 : 1;
    } else if (/^[$€£¥]/.test(token.text) || CURRENCY_WORDS.test(unitToken)) {
      kind = 'amount';
      unit = /^[$€£¥]/.test(token.text) ? token.text[0] : canonicalWord(unitToken);
      if (!/^[$€£¥]/.test(token.text)) last++;
    } else if (/^(19|20)\d\d$/.test(token.text)) {
      return; // A bare year is a date the date extractor did not anchor; it is not a quantity.
    } else {
      // A count takes its noun as unit: "12 people" and "12 soldiers" are different facts.
      unit = /^\p{L}/u.test(unitToken) ? lemmaOf(canonicalWord(unitToken)) : '';
      if (unit) last++;
    }
    const display = sentenceText.slice(token.start, tokens[last].end);
    const fact = makeFact(article, citation, kind, `${unit}|${roleOf(tokens, index)}`, String(amount), display, contextAround(tokens, index, last));
    facts.push({ ...fact, range: rangeOf(tokens, index, amount) });
  });
  return facts;
}

const RELATIVE_TO_ANOTHER_EVENT = /\b(prior|earlier|before|later|after|ago|previous|since)\b/i;
/** Sentences about an earlier (or later) meeting, visit or round: their dates belong to that happening. */
const EARLIER_HAPPENING = /\b(previous|earlier|last|prior|former|next|upcoming)\s+(meeting|encounter|visit|talks|round|summit|session|call|trip)\b/i;

function sentenceFacts(article: Article, sentences: SentenceIndex): Fact[] {
  const facts: Fact[] = [];
  const dated = (article.dates ?? []).filter((date) => date.value && /^\d{4}-\d{2}(-\d{2})?$/.test(date.value));
  const places = (article.entities ?? []).filter((entity) => entity.type === 'location');
  sentences.sentences(article).forEach((sentence, index) => {
    if (CREDIT_LINE.test(sentence.text)) return;
    const citation: Citation = { article: article.id, sentence: index, start: sentence.start, end: sentence.end };
    const tokens = claimTokens(sentence.text);
    const tokenAt = (absolute: number) => tokens.findIndex((token) => token.start + sentence.start >= absolute);
    const inSentence = dated.filter((date) => date.start >= sentence.start && date.end <= sentence.end);
    facts.push(...numberFacts(article, sentence.text, sentence.start, citation, inSentence));
    for (const date of inSentence) {
      // "two months prior", "a year earlier": dates counted from another happening are about that one, not a rival value.
      if (RELATIVE_TO_ANOTHER_EVENT.test(date.text) || EARLIER_HAPPENING.test(sentence.text)) continue;
      const first = tokenAt(date.start);
      const last = Math.max(first, tokenAt(date.end) - 1);
      if (first < 0) continue;
      facts.push(makeFact(article, citation, 'date', '', date.value!, date.text, contextAround(tokens, first, last)));
    }
    // Places the sentence puts something in: known location entities and country/capital names after "in"/"at".
    const placeSpans = [
      ...places.flatMap((entity) =>
        entity.mentions.filter((mention) => mention.start >= sentence.start && mention.end <= sentence.end).map((mention) => ({ start: mention.start - sentence.start, end: mention.end - sentence.start, name: entity.name })),
      ),
      ...findLexiconActors(sentence.text).filter((span) => placeCode(span.text) && !/^[a-z]/.test(span.text)).map((span) => ({ start: span.start, end: span.end, name: span.text })),
    ];
    const seen = new Set<number>();
    for (const place of placeSpans) {
      const first = tokens.findIndex((token) => token.start >= place.start);
      if (first < 1 || seen.has(first) || !PLACE_PREPOSITIONS.has(tokens[first - 1].text.toLowerCase())) continue;
      seen.add(first);
      const last = Math.max(first, tokens.findIndex((token) => token.end >= place.end));
      const value = placeCode(place.name) ?? foldAccents(place.name).toLowerCase();
      facts.push(makeFact(article, citation, 'place', '', value, place.name, contextAround(tokens, first - 1, last)));
    }
  });
  return facts;
}

function sharedWords(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared;
}

function aboutTheSameThing(a: Fact, b: Fact): boolean {
  if (a.slot !== b.slot) return false;
  const shared = sharedWords(a.context, b.context);
  const union = a.context.size + b.context.size - shared;
  return shared >= MIN_SHARED_CONTEXT && union > 0 && shared / union >= MIN_CONTEXT_JACCARD;
}

/** Stricter, for a contradiction: the shared words that say what is measured must be common words, not
 *  only names ("St. Patrick Church in X" and "St. Cecilia Church in Y" are two churches). */
function measureTheSameThing(a: Fact, b: Fact): boolean {
  return aboutTheSameThing(a, b) && sharedWords(a.commonContext, b.commonContext) >= MIN_SHARED_CONTEXT;
}

/** Values that do not contradict each other: equal, a date and a more precise date inside it, or
 *  figures whose intervals meet ("nearly 5" and 4.7; "more than 110" and 115). */
function compatible(a: { kind: SlotKind; value: string; range?: [number, number] }, b: { value: string; range?: [number, number] }): boolean {
  if (a.value === b.value) return true;
  if (a.range && b.range) return a.range[0] <= b.range[1] && b.range[0] <= a.range[1];
  return a.kind === 'date' && (a.value.startsWith(b.value) || b.value.startsWith(a.value));
}

function describe(group: Fact[]): string {
  const counts = new Map<string, number>();
  for (const fact of group) for (const word of fact.context) counts.set(word, (counts.get(word) ?? 0) + 1);
  const articles = new Set(group.map((fact) => fact.article)).size;
  // Names and dates in the context tell which story, not which quantity: the description keeps common words.
  const shared = group[0].contextWords.filter(
    (word, index, all) => /^\p{Ll}/u.test(word.text) && (counts.get(word.key) ?? 0) >= Math.min(articles, 2) && all.findIndex((other) => other.key === word.key) === index,
  );
  return `${shared.map((word) => word.text).join(' ')} (${group[0].kind})`.trim();
}

function uniqueCitations(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((citation) => {
    const key = `${citation.article}:${citation.sentence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface ValueGroup {
  kind: SlotKind;
  display: string;
  value: string;
  /** Numeric groups: what all their figures allow together. */
  range?: [number, number];
  facts: Fact[];
}

const width = (fact: Fact) => (fact.range ? fact.range[1] - fact.range[0] : 0);

function groupValues(facts: Fact[]): ValueGroup[] {
  // Most precise values first, so a month joins the day inside it, and "about 5" joins 4.7, rather than the reverse.
  const sorted = [...facts].sort((a, b) => width(a) - width(b) || b.value.length - a.value.length);
  const groups: ValueGroup[] = [];
  for (const fact of sorted) {
    const group = groups.find((candidate) => compatible(candidate, fact));
    if (!group) {
      groups.push({ kind: fact.kind, display: fact.display, value: fact.value, range: fact.range, facts: [fact] });
      continue;
    }
    group.facts.push(fact);
    if (group.range && fact.range) group.range = [Math.max(group.range[0], fact.range[0]), Math.min(group.range[1], fact.range[1])];
  }
  return groups;
}

export interface ClaimResult {
  claims: Claim[];
  discrepancies: Discrepancy[];
}

export function compareClaims(articles: Article[], independent: Set<string>, sentences: SentenceIndex): ClaimResult {
  const facts = articles.filter((article) => article.status === 'ok').flatMap((article) => sentenceFacts(article, sentences));
  const parent = facts.map((_, index) => index);
  const find = (index: number): number => (parent[index] === index ? index : (parent[index] = find(parent[index])));
  for (let i = 0; i < facts.length; i++) {
    for (let j = i + 1; j < facts.length; j++) {
      if (facts[i].article !== facts[j].article && aboutTheSameThing(facts[i], facts[j])) parent[find(j)] = find(i);
    }
  }
  const clusters = new Map<number, Fact[]>();
  facts.forEach((fact, index) => clusters.set(find(index), [...(clusters.get(find(index)) ?? []), fact]));

  const claims: Claim[] = [];
  const discrepancies: Discrepancy[] = [];
  const corroboratedSentences = new Set<string>();
  const singleSource: Fact[] = [];
  const independentArticles = (group: Fact[]) => [...new Set(group.map((fact) => fact.article))].filter((id) => independent.has(id));
  // Every value each article states, of any slot: an article that gives both values knows both, and
  // tells two things apart rather than disagreeing with another source.
  const stated = new Map<string, Fact[]>();
  for (const fact of facts) stated.set(fact.article, [...(stated.get(fact.article) ?? []), fact]);
  const articleById = new Map(articles.map((article) => [article.id, article]));
  const knows = (id: string, group: ValueGroup): boolean =>
    (stated.get(id) ?? []).some((fact) => fact.kind === group.kind && group.facts.some((member) => compatible({ ...member, range: undefined }, fact))) ||
    (group.kind === 'place' && new RegExp(`(?<![\\p{L}])${escapeRegExp(group.display)}(?![\\p{L}])`, 'u').test(articleById.get(id)?.text ?? ''));
  /** Sources disagree when two values each have a source that states it and knows none of the other
   *  values, in sentences that measure the same thing. */
  const disputed = (groups: ValueGroup[]): boolean => {
    const exclusive = groups.map((group) => group.facts.filter((fact) => groups.every((other) => other === group || !knows(fact.article, other))));
    return exclusive.some((facts, i) => exclusive.some((others, j) => j > i && facts.some((fact) => others.some((other) => fact.article !== other.article && measureTheSameThing(fact, other)))));
  };
  const cite = (group: ValueGroup, status: Claim['status']) => {
    const evidence = uniqueCitations(group.facts.map((fact) => fact.citation));
    evidence.forEach((citation) => corroboratedSentences.add(`${citation.article}:${citation.sentence}`));
    const text = sentenceText(articles, evidence[0]);
    // One sentence can hold several disputed values (a rate and the step to it): it is one claim.
    const same = claims.find((claim) => claim.status === status && claim.text === text && claim.evidence[0].article === evidence[0].article);
    if (same) {
      same.evidence = uniqueCitations([...same.evidence, ...evidence]);
      same.articles = [...new Set([...same.articles, ...independentArticles(group.facts)])];
      return;
    }
    claims.push({ text, status, articles: independentArticles(group.facts), evidence });
  };
  for (const cluster of clusters.values()) {
    const groups = groupValues(cluster).filter((group) => independentArticles(group.facts).length > 0);
    if (groups.length >= 2 && disputed(groups)) {
      const values: DiscrepancyValue[] = groups.map((group) => ({
        value: group.display,
        articles: [...new Set(group.facts.map((fact) => fact.article))],
        evidence: uniqueCitations(group.facts.map((fact) => fact.citation)),
      }));
      discrepancies.push({ about: describe(cluster), values });
      for (const group of groups) cite(group, 'contradicted');
      continue;
    }
    // Values no source disputes are separate facts, each agreed or single-source on its own.
    for (const group of groups) {
      if (independentArticles(group.facts).length >= 2) cite(group, 'agreed');
      else singleSource.push(...group.facts.filter((fact) => independent.has(fact.article)));
    }
  }
  // One single-source claim per sentence, and none for a sentence already cited as agreed or contradicted.
  for (const citation of uniqueCitations(singleSource.map((fact) => fact.citation))) {
    if (corroboratedSentences.has(`${citation.article}:${citation.sentence}`)) continue;
    claims.push({ text: sentenceText(articles, citation), status: 'single-source', articles: [citation.article], evidence: [citation] });
  }
  return { claims, discrepancies };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sentenceText(articles: Article[], citation: Citation): string {
  const article = articles.find((candidate) => candidate.id === citation.article);
  return article ? article.text.slice(citation.start, citation.end) : '';
}
