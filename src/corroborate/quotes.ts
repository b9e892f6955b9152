// Quotes across sources. A direct quote is only text a source put inside quotation marks, verbatim;
// one quote in several translations or trims ("only legitimate government" / "sole legitimate
// government") is one aligned quote whose variants mark the words they differ in. Indirect speech is
// kept apart and rendered "X said that ...", never inside quotation marks.
import type { Article, Quote } from '../types.js';
import type { AlignedQuote, QuoteVariant } from '../events/types.js';
import { STOPWORDS, foldAccents, wordTokens } from './normalize.js';
import { areSynonyms } from './wordnet.js';

/** Least Dice overlap of content words (synonyms counting as shared) for two renderings to be one
 *  quote. Set by hand from general translation behaviour: a word or two swapped in a ten-word quote
 *  keeps 0.8 and above, two statements of one speaker on one topic share 0.3–0.5. */
export const MIN_QUOTE_DICE = 0.7;
/** A trim must keep at least this many words of the fuller rendering to be recognised as one. */
export const MIN_TRIM_WORDS = 3;
/** A quoted fragment shorter than this (words) is a term in scare quotes, not a quote. */
export const MIN_QUOTE_WORDS = 3;

const OPENING = /["“„«‘'‹「『]/u;
const CLOSING = /["”»’'›」』]/u;
const ANY_MARK = /["“”„«»‹›「」『』]|(?<![\p{L}])['‘](?=\p{L})/u;
/** A fragment in double quotation marks, or in single ones (an apostrophe inside a word, "People's",
 *  does not close it). */
const QUOTED_FRAGMENT = /["“«„]([^"“”«»„]+?)[,.;:!?…]?["”»]|(?<![\p{L}])['‘]((?:[^'‘’]|(?<=\p{L})['’](?=\p{L}))+?)[,.;:!?…]?['’](?![\p{L}])/gu;

interface QuoteItem {
  article: string;
  text: string;
  start: number;
  end: number;
  speaker: string | null;
  kind: 'direct' | 'indirect';
  keys: string[];
  content: string[];
  words: { key: string; surface: string; start: number; end: number }[];
}

/** True when the article puts quotation marks right around [start, end) (allowing the closing mark
 *  after a comma or full stop the source kept inside it). */
function insideMarks(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 2), start).trimStart();
  const after = text.slice(end, end + 3).replace(/^[,.;:!?…]+/, '');
  return OPENING.test(before.slice(-1)) && CLOSING.test(after.charAt(0));
}

/** Passages of `quote` that the source itself put in quotation marks: the whole quote when it is so
 *  marked, else each marked fragment inside it long enough to be a quote ("... have been subjected to
 *  serious shocks," insisting ...). */
function verbatimPassages(article: Article, quote: Quote): { start: number; end: number }[] {
  if (article.text.slice(quote.start, quote.end) !== quote.text) return [];
  let start = quote.start;
  let end = quote.end;
  // Some extractors keep the marks in the span.
  if (OPENING.test(quote.text.charAt(0)) && CLOSING.test(quote.text.replace(/[,.;:!?…]+$/, '').slice(-1))) {
    start += 1;
    end = quote.start + quote.text.replace(/[,.;:!?…]+$/, '').length - 1;
  }
  const inner = article.text.slice(start, end);
  if (insideMarks(article.text, start, end) && !ANY_MARK.test(inner)) return [{ start, end }];
  const fragments: { start: number; end: number }[] = [];
  for (const match of inner.matchAll(QUOTED_FRAGMENT)) {
    const fragmentStart = start + match.index + 1;
    const body = (match[1] ?? match[2]).replace(/[,.;:!?…]+$/, '');
    if (body.split(/\s+/).filter(Boolean).length >= MIN_QUOTE_WORDS) fragments.push({ start: fragmentStart, end: fragmentStart + body.length });
  }
  return fragments;
}

/** A passage of several sentences as its sentences: one source's long quote holds what others quote
 *  one sentence at a time, and each sentence aligns on its own. */
function sentencesOf(text: string, passage: { start: number; end: number }): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  let start = passage.start;
  const body = text.slice(passage.start, passage.end);
  for (const match of body.matchAll(/[.!?](?:\s+)(?=\p{Lu})/gu)) {
    const end = passage.start + match.index + 1;
    if (end > start) parts.push({ start, end });
    start = passage.start + match.index + match[0].length;
  }
  if (passage.end > start) parts.push({ start, end: passage.end });
  return parts;
}

function contains(longer: string[], shorter: string[]): boolean {
  outer: for (let i = 0; i + shorter.length <= longer.length; i++) {
    for (let j = 0; j < shorter.length; j++) if (longer[i + j] !== shorter[j]) continue outer;
    return true;
  }
  return false;
}

/** A trim of a translation: some run of the longer rendering matches the shorter word for word, a
 *  synonym or an inflection counting as a match, for at least MIN_QUOTE_DICE of its words. */
function softlyContains(longer: string[], shorter: string[]): boolean {
  for (let i = 0; i + shorter.length <= longer.length; i++) {
    let matched = 0;
    for (let j = 0; j < shorter.length; j++) {
      const [x, y] = [longer[i + j], shorter[j]];
      if (x === y || areSynonyms(x, y) || sharesStem(x, y)) matched++;
    }
    if (matched >= MIN_QUOTE_DICE * shorter.length) return true;
  }
  return false;
}

/** Dice overlap where a WordNet synonym counts as the same word ("confirm"/"reaffirm" do not share a
 *  synset, "sole"/"only" do). */
function softDice(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  // Exact matches first: when even a synonym for every other word could not reach the bar, stop there.
  const exact = multisetOverlap(a, b);
  if ((2 * (exact + Math.min(a.length, b.length) - exact)) / (a.length + b.length) < MIN_QUOTE_DICE) return (2 * exact) / (a.length + b.length);
  const unused = [...b];
  let shared = 0;
  for (const word of a) {
    let index = unused.indexOf(word);
    if (index < 0) index = unused.findIndex((other) => areSynonyms(word, other) || sharesStem(word, other));
    if (index >= 0) {
      shared++;
      unused.splice(index, 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}

function multisetOverlap(a: string[], b: string[]): number {
  const available = new Map<string, number>();
  for (const word of b) available.set(word, (available.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of a) {
    const left = available.get(word) ?? 0;
    if (left > 0) {
      shared++;
      available.set(word, left - 1);
    }
  }
  return shared;
}

/** "confirm"/"reaffirm", "support"/"supports": one word with a prefix or an inflection. */
function sharesStem(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (shorter.length < 5) return false;
  return longer.endsWith(shorter) || longer.startsWith(shorter.slice(0, Math.max(5, shorter.length - 2)));
}

function surnameKey(name: string): string {
  return foldAccents(name).toLowerCase().split(/\s+/).filter(Boolean).at(-1) ?? '';
}

/** Speakers agree when either is unknown, one name contains the other, or they share a surname. */
function speakersAgree(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  const left = foldAccents(a).toLowerCase();
  const right = foldAccents(b).toLowerCase();
  return left.includes(right) || right.includes(left) || surnameKey(a) === surnameKey(b);
}

function sameQuote(a: QuoteItem, b: QuoteItem): boolean {
  if (a.kind !== b.kind || !speakersAgree(a.speaker, b.speaker)) return false;
  if (a.keys.join(' ') === b.keys.join(' ')) return a.keys.length > 0;
  const [shorter, longer] = a.keys.length <= b.keys.length ? [a, b] : [b, a];
  if (shorter.keys.length >= MIN_TRIM_WORDS && (contains(longer.keys, shorter.keys) || softlyContains(longer.keys, shorter.keys))) return true;
  return softDice(a.content, b.content) >= MIN_QUOTE_DICE;
}

function itemOf(article: Article, quote: Quote, start: number, passageEnd: number, kind: QuoteItem['kind']): QuoteItem | null {
  // A closing full stop or comma is the sentence's, not the speaker's words: "... all of China." is "... all of China".
  const end = start + article.text.slice(start, passageEnd).replace(/[\s,.;:!?…]+$/u, '').length;
  const text = article.text.slice(start, end);
  const words = wordTokens(text).map((token) => ({ key: token.key, surface: foldAccents(token.text.toLowerCase()).replace(/’/g, "'"), start: token.start, end: token.end }));
  if (words.length === 0) return null;
  const keys = words.map((word) => word.key);
  return { article: article.id, text, start, end, speaker: quote.speaker, kind, keys, content: keys.filter((key) => !STOPWORDS.has(key)), words };
}

/** Offsets (in the variant's text) of the words no other variant has: what a reader compares side by side. */
function differingWords(item: QuoteItem, others: QuoteItem[]): { start: number; end: number }[] {
  if (others.length === 0) return [];
  // Compared as written (case and accents aside): "sole" against "only" is exactly what a reader should see.
  const reference = new Set(others.flatMap((other) => other.words.map((word) => word.surface)));
  return item.words.filter((word) => !reference.has(word.surface)).map(({ start, end }) => ({ start, end }));
}

/** "X said that ...": indirect speech in the reporter's words, never as a quotation. */
export function reportedSpeech(speaker: string | null, content: string): string {
  const body = content.trim().replace(/^that\s+/i, '').replace(/[.]+$/, '');
  // A common word opening the content starts the subordinate clause in lower case; a name keeps its capital.
  const clause = /^(?:The|A|An|It|This|That|These|Those|There|Its|Their|His|Her|They|He|She)\b/.test(body) ? body.charAt(0).toLowerCase() + body.slice(1) : body;
  return `${speaker ?? 'A source'} said that ${clause}.`;
}

export function alignQuotes(articles: Article[]): AlignedQuote[] {
  const items: QuoteItem[] = [];
  for (const article of articles) {
    if (article.status !== 'ok') continue;
    for (const quote of article.quotes ?? []) {
      const passages = verbatimPassages(article, quote).flatMap((passage) => sentencesOf(article.text, passage));
      for (const passage of passages) {
        const item = itemOf(article, quote, passage.start, passage.end, 'direct');
        if (item && item.keys.length >= MIN_QUOTE_WORDS) items.push(item);
      }
      if (passages.length === 0 && quote.kind === 'indirect') {
        const item = itemOf(article, quote, quote.start, quote.end, 'indirect');
        if (item && item.keys.length >= MIN_QUOTE_WORDS) items.push(item);
      }
    }
  }
  // Union-find over pairwise matches: a trim of a trim still joins the full quote.
  const parent = items.map((_, index) => index);
  const find = (index: number): number => (parent[index] === index ? index : (parent[index] = find(parent[index])));
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (find(i) !== find(j) && sameQuote(items[i], items[j])) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, QuoteItem[]>();
  items.forEach((item, index) => {
    const root = find(index);
    groups.set(root, [...(groups.get(root) ?? []), item]);
  });
  const aligned: AlignedQuote[] = [...groups.values()].map((group) => {
    const fullest = [...group].sort((a, b) => b.keys.length - a.keys.length)[0];
    const speaker = group.map((item) => item.speaker).filter((name): name is string => !!name).sort((a, b) => b.length - a.length)[0] ?? null;
    // One variant per distinct rendering per article; the same words twice in one article add nothing.
    const distinct = group.filter((item, index) => group.findIndex((other) => other.article === item.article && other.text === item.text) === index);
    const variants: QuoteVariant[] = distinct.map((item) => ({
      article: item.article,
      text: item.text,
      start: item.start,
      end: item.end,
      differs: differingWords(item, distinct.filter((other) => other.text !== item.text)),
    }));
    const quote: AlignedQuote = { text: fullest.text, speaker, articles: [...new Set(group.map((item) => item.article))], variants, kind: fullest.kind };
    if (fullest.kind === 'indirect') quote.rendered = reportedSpeech(speaker, fullest.text);
    return quote;
  });
  // Direct quotes first, then the most widely reported; ties keep the order of first appearance.
  return aligned.sort((a, b) => Number(a.kind === 'indirect') - Number(b.kind === 'indirect') || b.articles.length - a.articles.length);
}
