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
  context: Set<string>;
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
const MAGNITUDES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, m: 1e6 };
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
  return { article: article.id, kind, slot: `${kind}|${slot}`, value, display, context: new Set(context.map((word) => word.key)), contextWords: context, citation };
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
    facts.push(makeFact(article, citation, kind, `${unit}|${roleOf(tokens, index)}`, String(amount), display, contextAround(tokens, index, last)));
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

function aboutTheSameThing(a: Fact, b: Fact): boolean {
  if (a.slot !== b.slot) return false;
  let shared = 0;
  for (const word of a.context) if (b.context.has(word)) shared++;
  const union = a.context.size + b.context.size - shared;
  return shared >= MIN_SHARED_CONTEXT && union > 0 && shared / union >= MIN_CONTEXT_JACCARD;
}

/** Values that do not contradict each other: equal, or a date and a more precise date inside it. */
function compatible(kind: SlotKind, a: string, b: string): boolean {
  if (a === b) return true;
  return kind === 'date' && (a.startsWith(b) || b.startsWith(a));
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
  display: string;
  value: string;
  facts: Fact[];
}

function groupValues(kind: SlotKind, facts: Fact[]): ValueGroup[] {
  // Most precise values first, so a month joins the day inside it rather than the reverse.
  const sorted = [...facts].sort((a, b) => b.value.length - a.value.length);
  const groups: ValueGroup[] = [];
  for (const fact of sorted) {
    const group = groups.find((candidate) => compatible(kind, candidate.value, fact.value));
    if (group) group.facts.push(fact);
    else groups.push({ display: fact.display, value: fact.value, facts: [fact] });
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
    (stated.get(id) ?? []).some((fact) => fact.kind === group.facts[0].kind && compatible(fact.kind, fact.value, group.value)) ||
    (group.facts[0].kind === 'place' && new RegExp(`(?<![\\p{L}])${escapeRegExp(group.display)}(?![\\p{L}])`, 'u').test(articleById.get(id)?.text ?? ''));
  /** Sources disagree when at least two values each have a source that states it and knows none of the others. */
  const disputed = (groups: ValueGroup[]): boolean =>
    groups.filter((group) => group.facts.some((fact) => groups.every((other) => other === group || !knows(fact.article, other)))).length >= 2;
  for (const cluster of clusters.values()) {
    const valueGroups = groupValues(cluster[0].kind, cluster).filter((group) => independentArticles(group.facts).length > 0);
    // Values that no source disputes are separate facts, each agreed or single-source on its own.
    const groups = valueGroups.length >= 2 && !disputed(valueGroups) ? [] : valueGroups;
    for (const group of valueGroups.length >= 2 && groups.length === 0 ? valueGroups : []) {
      if (independentArticles(group.facts).length >= 2) {
        const evidence = uniqueCitations(group.facts.map((fact) => fact.citation));
        evidence.forEach((citation) => corroboratedSentences.add(`${citation.article}:${citation.sentence}`));
        claims.push({ text: sentenceText(articles, evidence[0]), status: 'agreed', articles: independentArticles(group.facts), evidence });
      } else {
        singleSource.push(...group.facts.filter((fact) => independent.has(fact.article)));
      }
    }
    if (groups.length >= 2) {
      const values: DiscrepancyValue[] = groups.map((group) => ({
        value: group.display,
        articles: [...new Set(group.facts.map((fact) => fact.article))],
        evidence: uniqueCitations(group.facts.map((fact) => fact.citation)),
      }));
      discrepancies.push({ about: describe(cluster), values });
      for (const group of groups) {
        const evidence = uniqueCitations(group.facts.map((fact) => fact.citation));
        evidence.forEach((citation) => corroboratedSentences.add(`${citation.article}:${citation.sentence}`));
        claims.push({ text: sentenceText(articles, evidence[0]), status: 'contradicted', articles: independentArticles(group.facts), evidence });
      }
    } else if (groups.length === 1 && independentArticles(groups[0].facts).length >= 2) {
      const evidence = uniqueCitations(groups[0].facts.map((fact) => fact.citation));
      evidence.forEach((citation) => corroboratedSentences.add(`${citation.article}:${citation.sentence}`));
      claims.push({ text: sentenceText(articles, evidence[0]), status: 'agreed', articles: independentArticles(groups[0].facts), evidence });
    } else if (groups.length === 1) {
      singleSource.push(...groups[0].facts.filter((fact) => independent.has(fact.article)));
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
