// Linear-chain tagging model: per-feature tag weights + tag transition weights, decoded with
// Viterbi under BILOU constraints, and its compact on-disk format.
import { gunzipSync, gzipSync } from 'node:zlib';
import { NER_TYPES, type NerType, type WordInfo } from './features.js';

const POSITIONS = ['B', 'I', 'L', 'U'] as const;
/** Tag 0 is O; tag 1 + 4·type + position is B/I/L/U of NER_TYPES[type]. */
export const TAGS: string[] = ['O', ...NER_TYPES.flatMap((type) => POSITIONS.map((position) => `${position}-${type}`))];
export const TAG_COUNT = TAGS.length;

export function tagOf(position: (typeof POSITIONS)[number], type: NerType): number {
  return 1 + NER_TYPES.indexOf(type) * 4 + POSITIONS.indexOf(position);
}
function positionOf(tag: number): string {
  return tag === 0 ? 'O' : POSITIONS[(tag - 1) % 4];
}
function typeIndexOf(tag: number): number {
  return tag === 0 ? -1 : Math.floor((tag - 1) / 4);
}

/** Whether tag `next` may follow tag `prev` in BILOU; prev = -1 is the sentence start, next = -1 its end. */
export function allowedTransition(prev: number, next: number): boolean {
  const inside = prev >= 0 && (positionOf(prev) === 'B' || positionOf(prev) === 'I');
  if (next === -1) return !inside;
  const continues = positionOf(next) === 'I' || positionOf(next) === 'L';
  if (inside) return continues && typeIndexOf(prev) === typeIndexOf(next);
  return !continues;
}

/** Start scores (row TAG_COUNT) and transitions prev·TAG_COUNT + next, -Infinity where BILOU forbids. */
export function transitionMask(): Float32Array {
  const mask = new Float32Array((TAG_COUNT + 1) * TAG_COUNT);
  for (let prev = -1; prev < TAG_COUNT; prev++) {
    for (let next = 0; next < TAG_COUNT; next++) {
      if (!allowedTransition(prev, next)) mask[(prev < 0 ? TAG_COUNT : prev) * TAG_COUNT + next] = -Infinity;
    }
  }
  return mask;
}
const MASK = transitionMask();
const END_ALLOWED = TAGS.map((_, tag) => allowedTransition(tag, -1));

/**
 * Viterbi over emission scores (n·TAG_COUNT) and transitions ((TAG_COUNT+1)·TAG_COUNT, last row
 * = start); returns the best constrained tag sequence.
 */
export function viterbi(emissions: Float64Array, n: number, transitions: Float32Array | Float64Array): Int32Array {
  const T = TAG_COUNT;
  const tags = new Int32Array(n);
  if (n === 0) return tags;
  const score = new Float64Array(n * T);
  const back = new Int32Array(n * T);
  for (let t = 0; t < T; t++) score[t] = emissions[t] + transitions[T * T + t] + MASK[T * T + t];
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      let bestPrev = 0;
      for (let p = 0; p < T; p++) {
        const s = score[(i - 1) * T + p] + transitions[p * T + t] + MASK[p * T + t];
        if (s > best) [best, bestPrev] = [s, p];
      }
      score[i * T + t] = best + emissions[i * T + t];
      back[i * T + t] = bestPrev;
    }
  }
  let best = -Infinity;
  for (let t = 0; t < T; t++) {
    const s = score[(n - 1) * T + t];
    if (END_ALLOWED[t] && s > best) [best, tags[n - 1]] = [s, t];
  }
  for (let i = n - 1; i > 0; i--) tags[i - 1] = back[i * T + tags[i]];
  return tags;
}

/** Token index spans [start, end) with their type, read off a BILOU tag sequence. */
export function tagsToSpans(tags: ArrayLike<number>): { start: number; end: number; type: NerType }[] {
  const spans: { start: number; end: number; type: NerType }[] = [];
  let open = -1;
  for (let i = 0; i < tags.length; i++) {
    const position = positionOf(tags[i]);
    const type = NER_TYPES[typeIndexOf(tags[i])];
    if (position === 'U') spans.push({ start: i, end: i + 1, type });
    else if (position === 'B') open = i;
    else if (position === 'L' && open >= 0) {
      spans.push({ start: open, end: i + 1, type });
      open = -1;
    }
  }
  return spans;
}

/** BILOU tags for a sentence of length n with the given entity spans. */
export function spansToTags(n: number, spans: { start: number; end: number; type: NerType }[]): Int32Array {
  const tags = new Int32Array(n);
  for (const { start, end, type } of spans) {
    if (end - start === 1) tags[start] = tagOf('U', type);
    else {
      tags[start] = tagOf('B', type);
      for (let i = start + 1; i < end - 1; i++) tags[i] = tagOf('I', type);
      tags[end - 1] = tagOf('L', type);
    }
  }
  return tags;
}

export interface LinearModel {
  featureIndex: Map<string, number>;
  /** featureId·TAG_COUNT + tag */
  weights: Float32Array;
  transitions: Float32Array;
}

/** Adds the weights of the features the model knows to `out` at `offset`, in the order given. */
function addScores(model: LinearModel, features: string[], out: Float64Array, offset: number): void {
  const T = TAG_COUNT;
  for (const feature of features) {
    const id = model.featureIndex.get(feature);
    if (id === undefined) continue;
    const base = id * T;
    for (let t = 0; t < T; t++) out[offset + t] += model.weights[base + t];
  }
}

/**
 * Tag scores of every token: the sum of its features' weights, intrinsic features first. The intrinsic
 * part is summed once per word and model and reused for every later occurrence; the additions happen in
 * the order the features are listed in (`sentenceFeatures`), so the scores are the same to the last bit
 * as summing every feature of every token.
 */
export function emissionScoresOf(model: LinearModel, words: WordInfo[], context: (i: number) => string[]): Float64Array {
  const T = TAG_COUNT;
  const emissions = new Float64Array(words.length * T);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word.intrinsicScores?.model !== model) {
      const scores = new Float64Array(T);
      addScores(model, word.intrinsic, scores, 0);
      word.intrinsicScores = { model, scores };
    }
    emissions.set(word.intrinsicScores.scores, i * T);
    addScores(model, context(i), emissions, i * T);
  }
  return emissions;
}

// Weights are stored as int16 multiples of max|w| / WEIGHT_LEVELS, sparse per feature
// (a tag bitmask then the non-zero values); 15 bits keep decoding identical to float weights
// on eng.testa.
const WEIGHT_LEVELS = 32767;

interface ModelHeader {
  tags: string[];
  scale: number;
  features: string;
  transitions: number[];
}

export function serializeModel(model: LinearModel): Buffer {
  const T = TAG_COUNT;
  let maxAbs = 0;
  for (const w of model.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs / WEIGHT_LEVELS || 1;
  const names: string[] = [];
  const body: number[] = [];
  for (const [name, id] of model.featureIndex) {
    const quantized = Array.from({ length: T }, (_, t) => Math.round(model.weights[id * T + t] / scale));
    let mask = 0;
    quantized.forEach((q, t) => (mask |= q !== 0 ? 1 << t : 0));
    if (mask === 0) continue;
    names.push(name);
    body.push(mask & 0xffff, mask >>> 16);
    for (const q of quantized) if (q !== 0) body.push(q & 0xffff);
  }
  const header: ModelHeader = {
    tags: TAGS,
    scale,
    features: names.join('\n'),
    transitions: Array.from(model.transitions),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const values = Buffer.from(new Uint16Array(body).buffer);
  return gzipSync(Buffer.concat([length, headerBytes, values]), { level: 9 });
}

export function deserializeModel(compressed: Buffer): LinearModel {
  const T = TAG_COUNT;
  const raw = gunzipSync(compressed);
  const headerLength = raw.readUInt32LE(0);
  const header = JSON.parse(raw.subarray(4, 4 + headerLength).toString('utf8')) as ModelHeader;
  if (header.tags.join() !== TAGS.join()) throw new Error('NER model was trained with a different tag set');
  const valueBytes = raw.subarray(4 + headerLength);
  const values = new Int16Array(valueBytes.buffer.slice(valueBytes.byteOffset, valueBytes.byteOffset + valueBytes.length));
  const names = header.features.split('\n');
  const featureIndex = new Map<string, number>();
  const weights = new Float32Array(names.length * T);
  let cursor = 0;
  names.forEach((name, id) => {
    featureIndex.set(name, id);
    const mask = (values[cursor] & 0xffff) | ((values[cursor + 1] & 0xffff) << 16);
    cursor += 2;
    for (let t = 0; t < T; t++) if (mask & (1 << t)) weights[id * T + t] = values[cursor++] * header.scale;
  });
  return { featureIndex, weights, transitions: Float32Array.from(header.transitions) };
}
