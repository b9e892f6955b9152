// Same-claim model: do two sentences from different reports state the same thing? Features are
// overlaps of many kinds (words, stems, content words with WordNet synonyms, word and character
// n-grams, names, numbers), MT-style metrics (BLEU, word edit distance, longest common subsequence)
// and IDF-weighted cosine; a boosted-tree model trained on MSRP train (scripts/train-claims.ts) maps
// them to a probability. Hand-written because pairwise claim matching is the product's core.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stemmer } from 'stemmer';
import { predictBoosted, type BoostedModel } from './boosting.js';
import { STOPWORDS, canonicalWord, foldAccents } from './normalize.js';
import { synsetsOf } from './wordnet.js';

export interface SameClaimModel {
  /** Feature names in order, to refuse a model file built for another feature set. */
  features: string[];
  /** Inverse document frequency of stems over the training sentences. */
  idf: Record<string, number>;
  /** IDF of a stem the training sentences never used. */
  unseenIdf: number;
  boosted: BoostedModel;
  /** Probability from which a pair is the same claim: the cross-validated accuracy optimum on MSRP train. */
  threshold: number;
  /** Probability from which two statements of one event are one claim: the F1 optimum on STS-B train
   *  news pairs (headlines, deft-news; MSRpar left out, being MSRP), a pair scored 3 or more counting as one. */
  alignThreshold: number;
  /** The same for pairs that state a specific figure of one kind (percentage, money, a count of 100 or
   *  more of one measure), agreeing or not: the F1 optimum on the STS-B news pairs that do. */
  sharedFigureThreshold: number;
  /** IDF cosine below which a pair is not scored (unless it shares a figure): the 1st percentile of the
   *  STS-B train news pairs scored 3 or more, so about 1% of true matches are passed over for speed. */
  minCandidateCosine: number;
}

export interface PreparedSentence {
  words: string[];
  stems: string[];
  content: string[];
  /** Lower-case content words, for WordNet look-ups. */
  contentWords: string[];
  names: string[];
  numbers: string[];
  negated: boolean;
  chars: string;
  /** Multiset counts, computed once per sentence: every pair the sentence is in reuses them. */
  counts: Map<string, Map<string, number>>;
  lengths: Map<string, number>;
  synsets?: { each: Set<number>[]; union: Set<number> };
}

const NEGATIONS = new Set(['not', 'no', 'never', "n't", 'nor', 'none', 'nobody', 'nothing', 'without', 'neither']);

/** Numbers in a comparable form: "1,000" and "1000" alike, "5.0" and "5" alike; words stay words. */
function numberKey(token: string): string | null {
  const cleaned = token.replace(/[$€£¥%]/g, '').replace(/,(?=\d{3}\b)/g, '');
  if (!/^\d+(?:\.\d+)?$/.test(cleaned)) return null;
  return String(Number(cleaned));
}

export function prepareSentence(text: string): PreparedSentence {
  const raw = foldAccents(text).match(/[$€£¥]?\d+(?:[.,]\d+)*%?|[\p{L}]+(?:['’][\p{L}]+)*|n't/gu) ?? [];
  const words: string[] = [];
  const names: string[] = [];
  const numbers: string[] = [];
  let negated = false;
  raw.forEach((token, index) => {
    const lower = canonicalWord(token);
    words.push(lower);
    if (NEGATIONS.has(lower) || lower.endsWith("n't")) negated = !negated;
    const number = numberKey(token);
    if (number) numbers.push(number);
    else if (index > 0 && /^\p{Lu}/u.test(token)) names.push(lower);
  });
  const stems = words.map((word) => stemmer(word));
  const contentIndexes = words.map((word, index) => index).filter((index) => !STOPWORDS.has(words[index]) && !NEGATIONS.has(words[index]));
  return {
    words,
    stems,
    content: contentIndexes.map((index) => stems[index]),
    contentWords: contentIndexes.map((index) => words[index]),
    names,
    numbers,
    negated,
    chars: ` ${words.join(' ')} `,
    counts: new Map(),
    lengths: new Map(),
  };
}

type Grams = 'words' | 'stems' | 'content' | 'stems2' | 'stems3' | 'stems4' | 'words3' | 'chars3' | 'chars4' | 'chars5';

function gramsOf(sentence: PreparedSentence, kind: Grams): string[] {
  switch (kind) {
    case 'words': return sentence.words;
    case 'stems': return sentence.stems;
    case 'content': return sentence.content;
    case 'stems2': return ngrams(sentence.stems, 2);
    case 'stems3': return ngrams(sentence.stems, 3);
    case 'stems4': return ngrams(sentence.stems, 4);
    case 'words3': return ngrams(sentence.words, 3);
    default: return charGrams(sentence.chars, Number(kind.slice(5)));
  }
}

function countsOf(sentence: PreparedSentence, kind: Grams): Map<string, number> {
  let map = sentence.counts.get(kind);
  if (!map) {
    const grams = gramsOf(sentence, kind);
    map = counts(grams);
    sentence.counts.set(kind, map);
    sentence.lengths.set(kind, grams.length);
  }
  return map;
}

/** Multiset overlap of two sentences' grams of one kind, with both sizes. */
function shared(a: PreparedSentence, b: PreparedSentence, kind: Grams): { shared: number; a: number; b: number } {
  const left = countsOf(a, kind);
  const right = countsOf(b, kind);
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  let total = 0;
  for (const [gram, count] of small) {
    const other = large.get(gram);
    if (other) total += Math.min(count, other);
  }
  return { shared: total, a: a.lengths.get(kind)!, b: b.lengths.get(kind)! };
}

function counts(items: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const item of items) map.set(item, (map.get(item) ?? 0) + 1);
  return map;
}

/** Multiset overlap size. */
function overlap(a: string[], b: string[]): number {
  const available = counts(b);
  let shared = 0;
  for (const item of a) {
    const left = available.get(item) ?? 0;
    if (left > 0) {
      shared++;
      available.set(item, left - 1);
    }
  }
  return shared;
}

/** min and max of the two directional precisions, and their F-measure. */
function overlapFeatures(a: PreparedSentence, b: PreparedSentence, kind: Grams): number[] {
  const { shared: common, a: sizeA, b: sizeB } = shared(a, b, kind);
  if (sizeA === 0 && sizeB === 0) return [1, 1, 1];
  if (sizeA === 0 || sizeB === 0) return [0, 0, 0];
  const p = common / sizeA;
  const r = common / sizeB;
  return [Math.min(p, r), Math.max(p, r), p + r > 0 ? (2 * p * r) / (p + r) : 0];
}

function namesOverlap(a: string[], b: string[]): number[] {
  if (a.length === 0 && b.length === 0) return [1, 1];
  if (a.length === 0 || b.length === 0) return [0, 0];
  const common = overlap(a, b);
  return [Math.min(common / a.length, common / b.length), Math.max(common / a.length, common / b.length)];
}

function ngrams(items: string[], n: number): string[] {
  const grams: string[] = [];
  for (let i = 0; i + n <= items.length; i++) grams.push(items.slice(i, i + n).join(' '));
  return grams;
}

function charGrams(text: string, n: number): string[] {
  const grams: string[] = [];
  for (let i = 0; i + n <= text.length; i++) grams.push(text.slice(i, i + n));
  return grams;
}

function dice(a: PreparedSentence, b: PreparedSentence, kind: Grams): number {
  const { shared: common, a: sizeA, b: sizeB } = shared(a, b, kind);
  return sizeA + sizeB === 0 ? 1 : (2 * common) / (sizeA + sizeB);
}

/** Sentence BLEU (up to 4-grams of stems, add-one smoothing above unigrams, brevity penalty) of each
 *  sentence against the other; clipped matches are the same multiset overlap both ways. */
function bleuBothWays(a: PreparedSentence, b: PreparedSentence): [number, number] {
  if (a.stems.length === 0 || b.stems.length === 0) return [0, 0];
  let logA = 0;
  let logB = 0;
  (['stems', 'stems2', 'stems3', 'stems4'] as const).forEach((kind, index) => {
    const { shared: matched, a: sizeA, b: sizeB } = shared(a, b, kind);
    const precision = (size: number) => (index === 0 ? matched / size : (matched + 1) / (size + 1));
    logA += Math.log(Math.max(precision(sizeA), 1e-9)) / 4;
    logB += Math.log(Math.max(precision(sizeB), 1e-9)) / 4;
  });
  const brevity = (candidate: number, reference: number) => (candidate >= reference ? 1 : Math.exp(1 - reference / candidate));
  return [brevity(a.stems.length, b.stems.length) * Math.exp(logA), brevity(b.stems.length, a.stems.length) * Math.exp(logB)];
}

function lcsLength(a: string[], b: string[]): number {
  let previous = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const row = new Uint16Array(b.length + 1);
    for (let j = 1; j <= b.length; j++) row[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]);
    previous = row;
  }
  return previous[b.length];
}

function editDistance(a: string[], b: string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

/** Synsets of each content word, and their union: a word of another sentence has a synonym here when its
 *  synsets meet the union. Computed once per sentence. */
function synsetsOfSentence(sentence: PreparedSentence): { each: Set<number>[]; union: Set<number> } {
  if (!sentence.synsets) {
    const each = sentence.contentWords.map((word) => (/^\d/.test(word) ? new Set<number>() : synsetsOf(word)));
    const union = new Set<number>();
    for (const set of each) for (const offset of set) union.add(offset);
    sentence.synsets = { each, union };
  }
  return sentence.synsets;
}

/** Content words of `a` left unmatched by `b`, where a stem match or a WordNet synonym both count. */
function unmatchedContent(a: PreparedSentence, b: PreparedSentence): number[] {
  const stemsOfB = countsOf(b, 'content');
  const { each } = synsetsOfSentence(a);
  const { union } = synsetsOfSentence(b);
  const unmatched: number[] = [];
  a.content.forEach((stem, index) => {
    if (stemsOfB.has(stem)) return;
    for (const offset of each[index]) if (union.has(offset)) return;
    unmatched.push(index);
  });
  return unmatched;
}

function idfCosine(a: PreparedSentence, b: PreparedSentence, idf: (stem: string) => number): number {
  const left = countsOf(a, 'stems');
  const right = countsOf(b, 'stems');
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [stem, count] of left) {
    const weight = idf(stem);
    normA += (count * weight) ** 2;
    dot += count * (right.get(stem) ?? 0) * weight * weight;
  }
  for (const [stem, count] of right) normB += (count * idf(stem)) ** 2;
  return normA && normB ? dot / Math.sqrt(normA * normB) : 0;
}

export const FEATURE_NAMES = [
  'words.min', 'words.max', 'words.f', 'stems.min', 'stems.max', 'stems.f', 'content.min', 'content.max', 'content.f',
  'bigrams.min', 'bigrams.max', 'bigrams.f', 'trigrams.min', 'trigrams.max', 'trigrams.f',
  'chars3', 'chars4', 'chars5',
  'length.min', 'length.max', 'length.ratio', 'length.diff',
  'idf.cosine', 'synonym.min', 'synonym.max', 'unmatched.min', 'unmatched.max', 'unmatched.idf.max', 'unmatched.idf.sum',
  'names.min', 'names.max', 'names.unmatched',
  'numbers.any', 'numbers.equal', 'numbers.subset', 'numbers.unmatched',
  'negation.differs', 'bleu.min', 'bleu.max', 'lcs.min', 'lcs.max', 'edit',
] as const;

export function pairFeatures(a: PreparedSentence, b: PreparedSentence, idfOf: (stem: string) => number): number[] {
  const unmatchedA = unmatchedContent(a, b);
  const unmatchedB = unmatchedContent(b, a);
  const synonymShare = (unmatched: number[], sentence: PreparedSentence) => (sentence.content.length ? 1 - unmatched.length / sentence.content.length : 1);
  const unmatchedIdf = (unmatched: number[], sentence: PreparedSentence) => unmatched.reduce((sum, index) => sum + idfOf(sentence.content[index]), 0);
  const numbersA = new Set(a.numbers);
  const numbersB = new Set(b.numbers);
  const onlyA = [...numbersA].filter((n) => !numbersB.has(n)).length;
  const onlyB = [...numbersB].filter((n) => !numbersA.has(n)).length;
  const namesA = new Set(a.names);
  const namesB = new Set(b.names);
  const namesUnmatched = [...namesA].filter((n) => !namesB.has(n) && !b.words.includes(n)).length + [...namesB].filter((n) => !namesA.has(n) && !a.words.includes(n)).length;
  const lcs = lcsLength(a.stems, b.stems);
  const shorter = Math.max(1, Math.min(a.stems.length, b.stems.length));
  const longer = Math.max(1, a.stems.length, b.stems.length);
  const [bleuAB, bleuBA] = bleuBothWays(a, b);
  const synA = synonymShare(unmatchedA, a);
  const synB = synonymShare(unmatchedB, b);
  const idfA = unmatchedIdf(unmatchedA, a);
  const idfB = unmatchedIdf(unmatchedB, b);
  return [
    ...overlapFeatures(a, b, 'words'),
    ...overlapFeatures(a, b, 'stems'),
    ...overlapFeatures(a, b, 'content'),
    ...overlapFeatures(a, b, 'stems2'),
    ...overlapFeatures(a, b, 'words3'),
    dice(a, b, 'chars3'),
    dice(a, b, 'chars4'),
    dice(a, b, 'chars5'),
    Math.min(a.words.length, b.words.length), Math.max(a.words.length, b.words.length), shorter / longer, Math.abs(a.words.length - b.words.length),
    idfCosine(a, b, idfOf),
    Math.min(synA, synB), Math.max(synA, synB),
    Math.min(unmatchedA.length, unmatchedB.length), Math.max(unmatchedA.length, unmatchedB.length),
    Math.max(idfA, idfB), idfA + idfB,
    ...namesOverlap(a.names, b.names), namesUnmatched,
    Number(numbersA.size + numbersB.size > 0), Number(onlyA === 0 && onlyB === 0), Number(onlyA === 0 || onlyB === 0), onlyA + onlyB,
    Number(a.negated !== b.negated),
    Math.min(bleuAB, bleuBA), Math.max(bleuAB, bleuBA),
    lcs / longer, lcs / shorter,
    editDistance(a.stems, b.stems) / longer,
  ];
}

export function idfLookup(model: Pick<SameClaimModel, 'idf' | 'unseenIdf'>): (stem: string) => number {
  return (stem) => model.idf[stem] ?? model.unseenIdf;
}

/** models/claims at the repository root; this file sits two levels below it in src/ and in dist/. */
export const DEFAULT_CLAIM_MODEL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../models/claims/same-claim.json');

let loaded: SameClaimModel | null = null;

export function loadSameClaimModel(file = DEFAULT_CLAIM_MODEL): SameClaimModel {
  if (loaded && file === DEFAULT_CLAIM_MODEL) return loaded;
  if (!existsSync(file)) throw new Error(`same-claim model not found at ${file}: run npm run train:claims`);
  const model = JSON.parse(readFileSync(file, 'utf8')) as SameClaimModel;
  if (model.features.join(',') !== FEATURE_NAMES.join(',')) throw new Error(`same-claim model at ${file} was built for other features: run npm run train:claims`);
  if (file === DEFAULT_CLAIM_MODEL) loaded = model;
  return model;
}

/** Scores sentence pairs with one model; prepared sentences are cached by text. */
export class SameClaimScorer {
  private readonly prepared = new Map<string, PreparedSentence>();
  private readonly idfOf: (stem: string) => number;

  constructor(readonly model: SameClaimModel = loadSameClaimModel()) {
    this.idfOf = idfLookup(model);
  }

  prepare(text: string): PreparedSentence {
    let sentence = this.prepared.get(text);
    if (!sentence) {
      sentence = prepareSentence(text);
      this.prepared.set(text, sentence);
    }
    return sentence;
  }

  private readonly vectors = new Map<PreparedSentence, { weights: Map<string, number>; norm: number }>();

  /** IDF-weighted cosine of the two texts' stems: the cheap first look before the model. */
  cosine(a: string, b: string): number {
    const left = this.vector(this.prepare(a));
    const right = this.vector(this.prepare(b));
    if (!left.norm || !right.norm) return 0;
    const [small, large] = left.weights.size <= right.weights.size ? [left, right] : [right, left];
    let dot = 0;
    for (const [stem, weight] of small.weights) dot += weight * (large.weights.get(stem) ?? 0);
    return dot / (left.norm * right.norm);
  }

  /** The text's stems with their IDF weights, scaled to unit length (for an inverted index). */
  unitWeights(text: string): Map<string, number> {
    const { weights, norm } = this.vector(this.prepare(text));
    return new Map([...weights].map(([stem, weight]) => [stem, norm ? weight / norm : 0]));
  }

  private vector(sentence: PreparedSentence): { weights: Map<string, number>; norm: number } {
    let vector = this.vectors.get(sentence);
    if (!vector) {
      const weights = new Map<string, number>();
      for (const [stem, count] of counts(sentence.stems)) weights.set(stem, count * this.idfOf(stem));
      let norm = 0;
      for (const weight of weights.values()) norm += weight * weight;
      vector = { weights, norm: Math.sqrt(norm) };
      this.vectors.set(sentence, vector);
    }
    return vector;
  }

  /** Probability that the two texts state the same thing. */
  probability(a: string, b: string): number {
    return predictBoosted(this.model.boosted, pairFeatures(this.prepare(a), this.prepare(b), this.idfOf));
  }
}
