// Duplicate and syndication detection across articles.
//
// MinHash signatures over word shingles, bucketed with LSH, then every candidate pair is verified on
// the exact shingle sets. Written here rather than taken from a library because it is core to how
// dossier counts independent sources and is small: the npm MinHash packages are unmaintained and
// none does the containment check that syndicated re-posts (wire copy plus an aggregator's
// disclaimer and repeated paragraphs) need.
import type { Article } from '../types.js';

/** Words per shingle: 5-word shingles rarely recur between independently written texts. */
const SHINGLE_WORDS = 5;
/** LSH layout: 40 bands of 3 rows (120 hashes). The S-curve midpoint is (1/40)^(1/3) ~= 0.29, so pairs
 *  with Jaccard >= 0.5 become candidates with probability > 0.99. */
const LSH_BANDS = 40;
const LSH_ROWS = 3;
const SIGNATURE_SIZE = LSH_BANDS * LSH_ROWS;
/** Near-copy when the shingle sets overlap this much (Jaccard). Calibrated on the Multi-News validation
 *  sample (all 237k document pairs): reports of one story written separately reached at most 0.31, while
 *  copies of one text (wire re-posts) were at 0.77 or above; 0.5 sits in the gap. */
export const NEAR_DUPLICATE_JACCARD = 0.5;
/** Syndicated re-post when this share of the shorter text's shingles is in the longer one (containment):
 *  a wire story embedded in a page with extra paragraphs. Same calibration: separate reports reached at most
 *  0.53 (one page of dotted crawl junk aside), copies 0.91 or above. */
export const SYNDICATION_CONTAINMENT = 0.8;
/** Above this Jaccard a copy is the same text with light edits ('near'); below it, a re-post that adds
 *  or repeats material around the original ('syndicated'). */
const NEAR_COPY_JACCARD = 0.8;
/** Containment alone is not trusted on texts this short (in shingles): a shared sentence would suffice. */
const MIN_SHINGLES_FOR_CONTAINMENT = 40;

export type DuplicateKind = 'exact' | 'near' | 'syndicated';

export interface DuplicateLink {
  id: string;
  /** The earliest copy (by published date, then id) of the group the article belongs to. */
  duplicateOf: string;
  kind: DuplicateKind;
  jaccard: number;
  containment: number;
}

export interface DedupResult {
  /** Articles kept, in input order: exact copies are folded into their original. */
  kept: Article[];
  /** Every article that copies another, exact copies included. */
  links: DuplicateLink[];
  /** id -> original, for quick look-ups. */
  originalOf: Map<string, string>;
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** FNV-1a over a string, 32-bit. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** murmur3's finaliser: turns (shingle hash XOR seed) into one of SIGNATURE_SIZE independent-looking hashes. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS: number[] = (() => {
  const seeds: number[] = [];
  let state = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    state = mix(state + 0x6d2b79f5);
    seeds.push(state);
  }
  return seeds;
})();

export function shingles(text: string): Set<number> {
  const tokens = words(text);
  const set = new Set<number>();
  if (tokens.length === 0) return set;
  if (tokens.length < SHINGLE_WORDS) {
    set.add(fnv1a(tokens.join(' ')));
    return set;
  }
  for (let i = 0; i + SHINGLE_WORDS <= tokens.length; i++) set.add(fnv1a(tokens.slice(i, i + SHINGLE_WORDS).join(' ')));
  return set;
}

export function minhashSignature(shingleSet: Set<number>): Uint32Array {
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const shingle of shingleSet) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = mix(shingle ^ SEEDS[i]);
      if (h < signature[i]) signature[i] = h;
    }
  }
  return signature;
}

export function overlap(a: Set<number>, b: Set<number>): { jaccard: number; containment: number } {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  const union = a.size + b.size - shared;
  return { jaccard: union === 0 ? 0 : shared / union, containment: small.size === 0 ? 0 : shared / small.size };
}

function publishedTime(article: Article): number {
  const time = article.published ? Date.parse(article.published) : NaN;
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/** Earliest first: published date, then id. Undated articles come last. */
export function compareByPublished(a: Article, b: Article): number {
  return publishedTime(a) - publishedTime(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function classify(a: Set<number>, b: Set<number>): { kind: 'near' | 'syndicated'; jaccard: number; containment: number } | null {
  const { jaccard, containment } = overlap(a, b);
  const contained = containment >= SYNDICATION_CONTAINMENT && Math.min(a.size, b.size) >= MIN_SHINGLES_FOR_CONTAINMENT;
  if (jaccard < NEAR_DUPLICATE_JACCARD && !contained) return null;
  return { kind: jaccard >= NEAR_COPY_JACCARD ? 'near' : 'syndicated', jaccard, containment };
}

/** Groups copies of one text and points each copy at the group's earliest article. */
export function deduplicate(articles: Article[]): DedupResult {
  const unique = [...new Map(articles.map((article) => [article.id, article])).values()];
  const ordered = unique.sort(compareByPublished);
  const parent = ordered.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  // The root of a set is always its earliest member because the lower index wins.
  const union = (i: number, j: number): void => {
    const [ri, rj] = [find(i), find(j)];
    if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
  };

  const exactOf = new Map<number, number>();
  const firstWithText = new Map<string, number>();
  const shingleSets: Set<number>[] = [];
  const buckets = new Map<string, number[]>();
  const candidatePairs = new Set<string>();
  ordered.forEach((article, i) => {
    const normalized = words(article.text).join(' ');
    const earlier = firstWithText.get(normalized);
    shingleSets.push(shingles(article.text));
    if (earlier !== undefined && normalized !== '') {
      exactOf.set(i, earlier);
      union(earlier, i);
      return;
    }
    firstWithText.set(normalized, i);
    if (shingleSets[i].size === 0) return;
    const signature = minhashSignature(shingleSets[i]);
    for (let band = 0; band < LSH_BANDS; band++) {
      const key = `${band}:${Array.from(signature.subarray(band * LSH_ROWS, (band + 1) * LSH_ROWS)).join(',')}`;
      const bucket = buckets.get(key);
      if (bucket) {
        for (const j of bucket) candidatePairs.add(`${j},${i}`);
        bucket.push(i);
      } else {
        buckets.set(key, [i]);
      }
    }
  });

  const pairScores = new Map<number, { kind: 'near' | 'syndicated'; jaccard: number; containment: number }>();
  const sortedPairs = [...candidatePairs].map((pair) => pair.split(',').map(Number)).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  for (const [j, i] of sortedPairs) {
    const verdict = classify(shingleSets[j], shingleSets[i]);
    if (!verdict) continue;
    union(j, i);
    const best = pairScores.get(i);
    if (!best || verdict.jaccard > best.jaccard) pairScores.set(i, verdict);
    const reverse = pairScores.get(j);
    if (!reverse || verdict.jaccard > reverse.jaccard) pairScores.set(j, verdict);
  }

  const links: DuplicateLink[] = [];
  const originalOf = new Map<string, string>();
  ordered.forEach((article, i) => {
    const root = find(i);
    if (root === i) return;
    const original = ordered[root].id;
    originalOf.set(article.id, original);
    const kind: DuplicateKind = exactOf.has(i) ? 'exact' : (pairScores.get(i)?.kind ?? 'near');
    links.push({ id: article.id, duplicateOf: original, kind, ...overlap(shingleSets[root], shingleSets[i]) });
  });
  const exactIds = new Set(links.filter((link) => link.kind === 'exact').map((link) => link.id));
  const seen = new Set<string>();
  const kept = articles.filter((article) => {
    if (exactIds.has(article.id) || seen.has(article.id)) return false;
    seen.add(article.id);
    return true;
  });
  return { kept, links, originalOf };
}
