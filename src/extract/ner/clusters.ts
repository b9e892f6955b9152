// Word clusters computed from unlabeled text, standing in for the distributional-similarity
// classes of the Stanford CRF: each word is represented by PPMI-weighted counts of its left and
// right neighbours, and words are grouped by hierarchical spherical k-means so a word gets a
// coarse-to-fine path ("3.12.7") like a Brown-cluster bit-string prefix.
import { seededRandom } from '../../util/random.js';

export interface ClusterOptions {
  /** Words seen fewer times get no cluster. */
  minWordCount: number;
  /** How many of the most frequent (lower-cased) words serve as context dimensions. */
  contextWords: number;
  /** Number of children at each level of the hierarchy. */
  branching: number[];
  iterations: number;
  seed: number;
}

type SparseVector = { indices: Int32Array; values: Float32Array };

function contextVectors(sentences: string[][], words: string[], options: ClusterOptions): SparseVector[] {
  const lowerCounts = new Map<string, number>();
  for (const sentence of sentences) for (const token of sentence) lowerCounts.set(token.toLowerCase(), (lowerCounts.get(token.toLowerCase()) ?? 0) + 1);
  const contexts = [...lowerCounts.entries()].sort((a, b) => b[1] - a[1]).slice(0, options.contextWords).map(([w]) => w);
  const contextIndex = new Map(contexts.map((w, i) => [w, i + 1]));
  // Context id 0 stands for the sentence boundary; dimension = 2·id + side (0 = left, 1 = right).
  const wordIndex = new Map(words.map((w, i) => [w, i]));
  const cooc: Map<number, number>[] = words.map(() => new Map());
  const contextTotals = new Float64Array(2 * (contexts.length + 1));
  for (const sentence of sentences) {
    const ids = sentence.map((token) => contextIndex.get(token.toLowerCase()) ?? -1);
    for (let i = 0; i < sentence.length; i++) {
      const w = wordIndex.get(sentence[i]);
      if (w === undefined) continue;
      const left = i === 0 ? 0 : ids[i - 1];
      const right = i === sentence.length - 1 ? 0 : ids[i + 1];
      for (const dim of [left >= 0 ? 2 * left : -1, right >= 0 ? 2 * right + 1 : -1]) {
        if (dim < 0) continue;
        cooc[w].set(dim, (cooc[w].get(dim) ?? 0) + 1);
        contextTotals[dim]++;
      }
    }
  }
  // Context-distribution smoothing (exponent 0.75) keeps rare contexts from dominating PPMI.
  const smoothed = contextTotals.map((c) => Math.pow(c, 0.75));
  const smoothedTotal = smoothed.reduce((a, b) => a + b, 0);
  return cooc.map((row) => {
    let rowTotal = 0;
    for (const c of row.values()) rowTotal += c;
    const entries: [number, number][] = [];
    for (const [dim, c] of row) {
      const pmi = Math.log((c / rowTotal) / (smoothed[dim] / smoothedTotal));
      if (pmi > 0) entries.push([dim, pmi]);
    }
    const norm = Math.sqrt(entries.reduce((s, [, v]) => s + v * v, 0)) || 1;
    entries.sort((a, b) => a[0] - b[0]);
    return {
      indices: Int32Array.from(entries.map(([d]) => d)),
      values: Float32Array.from(entries.map(([, v]) => v / norm)),
    };
  });
}

function dot(vector: SparseVector, centroid: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < vector.indices.length; j++) sum += vector.values[j] * centroid[vector.indices[j]];
  return sum;
}

/** Spherical k-means with k-means++ seeding; returns the cluster of each member. */
function sphericalKMeans(vectors: SparseVector[], members: number[], k: number, dims: number, options: ClusterOptions, rng: () => number): Int32Array {
  const assignment = new Int32Array(members.length);
  if (members.length <= k) {
    members.forEach((_, i) => (assignment[i] = i));
    return assignment;
  }
  const centroids: Float64Array[] = [];
  const densify = (member: number): Float64Array => {
    const c = new Float64Array(dims);
    const v = vectors[member];
    for (let j = 0; j < v.indices.length; j++) c[v.indices[j]] = v.values[j];
    return c;
  };
  centroids.push(densify(members[Math.floor(rng() * members.length)]));
  const distance = new Float64Array(members.length).fill(Infinity);
  while (centroids.length < k) {
    const last = centroids[centroids.length - 1];
    let sum = 0;
    members.forEach((m, i) => {
      distance[i] = Math.min(distance[i], 1 - dot(vectors[m], last));
      sum += Math.max(distance[i], 0);
    });
    let target = rng() * sum;
    let chosen = members.length - 1;
    for (let i = 0; i < members.length; i++) {
      target -= Math.max(distance[i], 0);
      if (target <= 0) {
        chosen = i;
        break;
      }
    }
    centroids.push(densify(members[chosen]));
  }
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    members.forEach((m, i) => {
      let best = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dot(vectors[m], centroids[c]);
        if (s > best) [best, assignment[i]] = [s, c];
      }
    });
    const sizes = new Int32Array(k);
    for (const c of centroids) c.fill(0);
    members.forEach((m, i) => {
      const c = centroids[assignment[i]];
      const v = vectors[m];
      sizes[assignment[i]]++;
      for (let j = 0; j < v.indices.length; j++) c[v.indices[j]] += v.values[j];
    });
    centroids.forEach((c, index) => {
      if (sizes[index] === 0) {
        c.set(densify(members[Math.floor(rng() * members.length)]));
        return;
      }
      const norm = Math.sqrt(c.reduce((s, x) => s + x * x, 0)) || 1;
      for (let j = 0; j < dims; j++) c[j] /= norm;
    });
  }
  return assignment;
}

/** Cluster paths for every word seen at least `minWordCount` times in the sentences. */
export function computeClusters(sentences: string[][], options: ClusterOptions): Map<string, string[]> {
  const counts = new Map<string, number>();
  for (const sentence of sentences) for (const token of sentence) counts.set(token, (counts.get(token) ?? 0) + 1);
  const words = [...counts.entries()].filter(([, c]) => c >= options.minWordCount).sort((a, b) => b[1] - a[1]).map(([w]) => w);
  const vectors = contextVectors(sentences, words, options);
  const dims = 2 * (options.contextWords + 1);
  const rng = seededRandom(options.seed);
  const paths: string[][] = words.map(() => []);
  let groups: number[][] = [words.map((_, i) => i)];
  for (const k of options.branching) {
    const next: number[][] = [];
    for (const group of groups) {
      const assignment = sphericalKMeans(vectors, group, k, dims, options, rng);
      const children: number[][] = Array.from({ length: k }, () => []);
      group.forEach((member, i) => {
        children[assignment[i]].push(member);
        paths[member].push(String(assignment[i]));
      });
      next.push(...children.filter((child) => child.length > 0));
    }
    groups = next;
  }
  return new Map(words.map((w, i) => [w, paths[i]]));
}
