// Groups articles into events by average-linkage agglomeration over a similarity that mixes what the texts
// say (TF-IDF cosine) with whom and where they name (a cosine over entity names weighted by how rare each is
// in the batch), with one hard rule: two articles that report their occasion on days too far apart are never
// one event, however much vocabulary they share. Written here because it is dossier's core: grouping a series
// of similar happenings (monthly rate decisions, successive meetings of the same two officials) apart while
// keeping differently-worded reports of one happening together is what no generic clustering package does.
import { stemmer } from 'stemmer';
import { eng as englishStopwords } from 'stopword';
import type { Article, EntityType } from '../types.js';
import { compareByPublished } from './dedup.js';
import type { EventAnchor } from './timeline.js';

/** Merge two groups when the mean similarity of their article pairs reaches this. Tuned with NAME_WEIGHT as a
 *  set on the training data only (ECB+ train topics and the Multi-News validation sample, each pooled, by
 *  `npm run eval:cluster`'s sweep); see the README for the test figures. */
export const JOIN_THRESHOLD = 0.14;
/** Share of the similarity given to the names both articles use (people, organisations, places), the rest
 *  being the text cosine. Swept with the threshold on the same training data: 0 / 0.3 / 0.5. A bonus for
 *  the same reported day or city, and a penalty for different cities, were swept too (0.05-0.1) and moved
 *  the training F1 by under 0.002: the day rule below does that work. */
export const NAME_WEIGHT = 0.3;
/** Reported days further apart than this never form one event (one day of slack for time zones, "on
 *  Sunday" read against a late-night publication time, and next-day follow-ups). A multi-day occasion
 *  counts from its first to its last day. */
export const MAX_DAY_GAP = 1;
/** People identify an event more than organisations, organisations more than places. */
const ENTITY_TYPE_WEIGHTS: Record<EntityType, number> = { person: 3, organization: 2, location: 1 };
/** Title words count double: the headline is the densest statement of the event. */
const TITLE_REPEAT = 2;

const STOPWORDS = new Set(englishStopwords);

export type SparseVector = Map<string, number>;

/** Lowercased, stemmed content words (stopwords and bare numbers dropped). */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []) {
    const bare = word.replace(/['’].*$/, '');
    if (bare.length < 2 || STOPWORDS.has(bare) || /^\p{N}+$/u.test(bare)) continue;
    terms.push(stemmer(bare));
  }
  return terms;
}

/** TF-IDF with sublinear term frequency and smoothed IDF (as scikit-learn's defaults), vectors unit length. */
export class TfidfSpace {
  private readonly idf = new Map<string, number>();
  private readonly unseenIdf: number;

  constructor(documents: readonly (readonly string[])[]) {
    const documentFrequency = new Map<string, number>();
    for (const terms of documents) for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    const n = documents.length;
    for (const [term, df] of documentFrequency) this.idf.set(term, Math.log((n + 1) / (df + 1)) + 1);
    this.unseenIdf = Math.log(n + 1) + 1;
  }

  vector(terms: readonly string[]): SparseVector {
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    const vector: SparseVector = new Map();
    let norm = 0;
    for (const [term, count] of counts) {
      const weight = (1 + Math.log(count)) * (this.idf.get(term) ?? this.unseenIdf);
      vector.set(term, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  }
}

export function dot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other !== undefined) sum += weight * other;
  }
  return sum;
}

export function norm(vector: SparseVector): number {
  let sum = 0;
  for (const weight of vector.values()) sum += weight * weight;
  return Math.sqrt(sum);
}

/** Terms per article: grouping, titling and every rebuild of the events read them again. */
const termsOf = new WeakMap<Article, readonly string[]>();

export function articleTerms(article: Article): readonly string[] {
  const known = termsOf.get(article);
  if (known) return known;
  const titleTerms = contentTerms(article.title ?? '');
  const terms: string[] = [];
  for (let i = 0; i < TITLE_REPEAT; i++) terms.push(...titleTerms);
  terms.push(...contentTerms(article.text));
  termsOf.set(article, terms);
  return terms;
}

/** What the clusterer knows about one article. */
export interface ClusterInput {
  article: Article;
  anchor: EventAnchor;
  /** Entity key -> weight, keys stable across articles (see build.ts). */
  entities: Map<string, number>;
}

export interface ClusterOptions {
  threshold?: number;
  nameWeight?: number;
}

export function entityWeights(article: Article, keyOf: (name: string, type: EntityType) => string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const entity of article.entities ?? []) {
    const key = keyOf(entity.name, entity.type);
    weights.set(key, ENTITY_TYPE_WEIGHTS[entity.type]);
    // A person named by surname alone in another report ("Cheeks" for "Maurice Cheeks") shares this key.
    const surname = entity.type === 'person' ? key.split(' ').slice(1).at(-1) : undefined;
    if (surname) weights.set(`surname:${surname}`, ENTITY_TYPE_WEIGHTS.person);
  }
  return weights;
}

/** Entity vectors weighted by type and by rarity in the batch (a smoothed IDF), unit length. */
function nameVectors(inputs: readonly ClusterInput[]): SparseVector[] {
  const frequency = new Map<string, number>();
  for (const input of inputs) for (const key of input.entities.keys()) frequency.set(key, (frequency.get(key) ?? 0) + 1);
  const n = inputs.length;
  return inputs.map((input) => {
    const vector: SparseVector = new Map();
    let sum = 0;
    for (const [key, weight] of input.entities) {
      const value = weight * (Math.log((n + 1) / (frequency.get(key)! + 1)) + 1);
      vector.set(key, value);
      sum += value * value;
    }
    const length = Math.sqrt(sum);
    if (length > 0) for (const [key, value] of vector) vector.set(key, value / length);
    return vector;
  });
}

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

/** The days a group's articles report: the latest first day and the earliest last day among them. Two
 *  articles are days apart when one's occasion starts more than MAX_DAY_GAP days after the other's ends, so
 *  a group holds no such pair exactly when latestStart - earliestEnd <= MAX_DAY_GAP. */
interface DaySpan {
  latestStart: number;
  earliestEnd: number;
}

function daySpan(anchor: EventAnchor): DaySpan {
  if (!anchor.date) return { latestStart: Number.NEGATIVE_INFINITY, earliestEnd: Number.POSITIVE_INFINITY };
  return { latestStart: dayNumber(anchor.date), earliestEnd: dayNumber(anchor.endDate ?? anchor.date) };
}

function joinSpans(a: DaySpan, b: DaySpan): DaySpan {
  return { latestStart: Math.max(a.latestStart, b.latestStart), earliestEnd: Math.min(a.earliestEnd, b.earliestEnd) };
}

function daysApart(span: DaySpan): boolean {
  return span.latestStart - span.earliestEnd > MAX_DAY_GAP;
}

/** Texts shorter than this many words are compared on their words alone (see clusterArticles). */
const NAMED_TEXT_MIN_WORDS = 40;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** The same occasion told in other words: the same reported day, the same city and someone named in both
 *  are evidence enough on their own (reports of one happening by a wire, a ministry and a blog share few
 *  words). Set so that this evidence alone reaches JOIN_THRESHOLD. */
const SAME_OCCASION_BONUS = 0.15;
/** Two reports that put their occasions in different cities are, other things equal, different events.
 *  Swept on the training data (0 / 0.05 / 0.1): neutral there, where few articles name a city. */
const OTHER_CITY_PENALTY = 0.1;

function sharesParticipant(a: ClusterInput, b: ClusterInput): boolean {
  for (const key of a.entities.keys()) if (!key.startsWith('location:') && !key.startsWith('surname:') && b.entities.has(key)) return true;
  return false;
}

function occasionEvidence(a: ClusterInput, b: ClusterInput): number {
  const cityA = a.anchor.place?.geonameId ?? null;
  const cityB = b.anchor.place?.geonameId ?? null;
  if (cityA === null || cityB === null) return 0;
  if (cityA !== cityB) return -OTHER_CITY_PENALTY;
  const sameDay = a.anchor.date !== null && b.anchor.date !== null && !daysApart(joinSpans(daySpan(a.anchor), daySpan(b.anchor)));
  return sameDay && sharesParticipant(a, b) ? SAME_OCCASION_BONUS : 0;
}

/** Candidate pairs come from an inverted index: articles sharing one of their most weighted terms or one of
 *  their people and organisations. Every other pair has too little in common to matter and scores 0. Places
 *  are left out of the look-up: most events name a few common ones. Set on the Multi-News validation
 *  sample: with 10 terms the groups equalled those of comparing every pair. */
const CANDIDATE_TERMS = 10;

function topTerms(vector: SparseVector, count: number): string[] {
  return [...vector].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, count).map(([term]) => term);
}

/** A binary max-heap of candidate merges, ordered by mean similarity, then by the lower group index so the
 *  result does not depend on insertion order. */
class MergeHeap {
  private readonly items: { score: number; a: number; b: number }[] = [];
  get size(): number {
    return this.items.length;
  }
  private before(x: { score: number; a: number; b: number }, y: { score: number; a: number; b: number }): boolean {
    return x.score > y.score || (x.score === y.score && (x.a < y.a || (x.a === y.a && x.b < y.b)));
  }
  push(item: { score: number; a: number; b: number }): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }
  pop(): { score: number; a: number; b: number } | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        if (left < items.length && this.before(items[left], items[best])) best = left;
        if (right < items.length && this.before(items[right], items[best])) best = right;
        if (best === i) break;
        [items[i], items[best]] = [items[best], items[i]];
        i = best;
      }
    }
    return top;
  }
}

/** Groups articles into events. Deterministic: articles are taken by published date, then id, so the same
 *  set gives the same events whatever order it came in. Groups come out in the order they start. */
export function clusterArticles<T extends ClusterInput>(inputs: T[], options: ClusterOptions = {}): T[][] {
  const threshold = options.threshold ?? JOIN_THRESHOLD;
  const nameWeight = options.nameWeight ?? NAME_WEIGHT;

  const ordered = [...inputs].sort((a, b) => compareByPublished(a.article, b.article));
  const space = new TfidfSpace(ordered.map((input) => articleTerms(input.article)));
  const vectors = ordered.map((input) => space.vector(articleTerms(input.article)));
  const names = nameVectors(ordered);
  const short = ordered.map((input) => wordCount(input.article.text) < NAMED_TEXT_MIN_WORDS);
  // Sums of pair similarities between groups, keyed by the other group.
  const links = ordered.map(() => new Map<number, number>());
  const postings = new Map<string, number[]>();
  ordered.forEach((input, i) => {
    const keys = [...topTerms(vectors[i], CANDIDATE_TERMS).map((term) => `t:${term}`), ...[...input.entities.keys()].filter((key) => !key.startsWith('location:')).map((key) => `e:${key}`)];
    const candidates = new Set<number>();
    for (const key of keys) {
      const list = postings.get(key);
      if (list) {
        for (const j of list) candidates.add(j);
        list.push(i);
      } else postings.set(key, [i]);
    }
    for (const j of candidates) {
      // Short texts (a headline, a brief) are compared on their words alone: their names are most of their
      // words already, and a second count of them outweighs everything else they say.
      const named = names[i].size > 0 && names[j].size > 0 && !short[i] && !short[j];
      const text = dot(vectors[i], vectors[j]);
      // The day-and-city evidence is on the scale of article similarities, far above a headline's.
      const evidence = short[i] || short[j] ? 0 : occasionEvidence(input, ordered[j]);
      const similarity = (named ? (1 - nameWeight) * text + nameWeight * dot(names[i], names[j]) : text) + evidence;
      links[i].set(j, similarity);
      links[j].set(i, similarity);
    }
  });
  const size = ordered.map(() => 1);
  const spans = ordered.map((input) => daySpan(input.anchor));
  const members = ordered.map((_, i) => [i]);
  const alive = ordered.map(() => true);
  const heap = new MergeHeap();
  const offer = (a: number, b: number) => {
    const sum = links[a].get(b)!;
    const score = sum / (size[a] * size[b]);
    if (score >= threshold && !daysApart(joinSpans(spans[a], spans[b]))) heap.push({ score, a: Math.min(a, b), b: Math.max(a, b) });
  };
  links.forEach((neighbours, a) => neighbours.forEach((_, b) => a < b && offer(a, b)));
  while (heap.size > 0) {
    const { score, a, b } = heap.pop()!;
    if (!alive[a] || !alive[b] || links[a].get(b) === undefined || links[a].get(b)! / (size[a] * size[b]) !== score) continue;
    if (daysApart(joinSpans(spans[a], spans[b]))) continue;
    // b joins a: its pair sums add to a's (a conflict with either side stays a conflict).
    alive[b] = false;
    for (const [c, sum] of links[b]) {
      links[c].delete(b);
      if (c === a) continue;
      const merged = (links[a].get(c) ?? 0) + sum;
      links[a].set(c, merged);
      links[c].set(a, merged);
    }
    links[a].delete(b);
    links[b].clear();
    size[a] += size[b];
    spans[a] = joinSpans(spans[a], spans[b]);
    members[a].push(...members[b]);
    for (const c of links[a].keys()) offer(a, c);
  }
  return members
    .filter((_, i) => alive[i])
    .map((group) => group.sort((x, y) => x - y))
    .sort((x, y) => x[0] - y[0])
    .map((group) => group.map((i) => ordered[i]));
}
