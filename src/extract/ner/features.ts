// Feature extraction for the NER sequence tagger, shared by training and tagging so both see
// exactly the same feature strings.

export type NerType = 'PER' | 'ORG' | 'LOC' | 'MISC';
export const NER_TYPES: readonly NerType[] = ['PER', 'ORG', 'LOC', 'MISC'];

/** Case class of a word form as it is usually written in running text. */
export type CaseClass = 'lower' | 'title' | 'upper' | 'mixed' | 'none';

/** Distributional and dictionary knowledge the features draw on (all derived from training data). */
export interface NerLexicon {
  /** Word form -> hierarchical cluster path, one id per level, coarse to fine ("3.12.7"). */
  clusters: Map<string, string[]>;
  /** Lower-cased word -> how it is mostly written in mid-sentence positions. */
  casePrior: Map<string, CaseClass>;
}

/** Lower-cased entity string (tokens joined by one space) -> the types it was annotated with. */
export type Gazetteer = Map<string, NerType[]>;
export const GAZETTEER_MAX_TOKENS = 6;

/** Maps typographic variants to the ASCII forms used in the Reuters training text. */
export function normalizeToken(token: string): string {
  if (token === '—' || token === '–' || token === '―') return '--';
  if (token === '…') return '...';
  return token
    .replace(/[“”„«»″]/g, '"')
    .replace(/[‘’‚′`]/g, "'")
    .replace(/‐/g, '-');
}

export function caseClass(word: string): CaseClass {
  if (!/\p{L}/u.test(word)) return 'none';
  if (!/\p{Lu}/u.test(word)) return 'lower';
  if (!/\p{Ll}/u.test(word)) return word.replace(/[^\p{L}]/gu, '').length > 1 ? 'upper' : 'title';
  if (/^\P{L}*\p{Lu}[^\p{Lu}]*$/u.test(word)) return 'title';
  return 'mixed';
}

/** Collapsed word shape: "Nairobi" -> "Xx", "U.N." -> "X.X.", "1996-08-22" -> "d-d-d". */
export function wordShape(word: string): string {
  let shape = '';
  let last = '';
  for (const char of word) {
    let cls: string;
    if (/\p{Lu}/u.test(char)) cls = 'X';
    else if (/\p{L}/u.test(char)) cls = 'x';
    else if (/\p{N}/u.test(char)) cls = 'd';
    else cls = char;
    if (cls !== last) shape += cls;
    last = cls;
  }
  return shape;
}

function formOf(token: string): string {
  return token.replace(/\p{N}/gu, '0');
}

/** Cluster path of a word, falling back to its title-case and lower-case forms (for ALL-CAPS headlines). */
function clusterPath(lexicon: NerLexicon, word: string): string[] | undefined {
  const exact = lexicon.clusters.get(word);
  if (exact) return exact;
  const lower = word.toLowerCase();
  const title = lower.charAt(0).toUpperCase() + lower.slice(1);
  return lexicon.clusters.get(title) ?? lexicon.clusters.get(lower);
}

// Every proper prefix (in whole tokens) of a gazetteer entry, per gazetteer: a run of tokens that starts
// no entry ends the search from its first token, so most tokens cost one look-up instead of six.
const gazetteerPrefixes = new WeakMap<Gazetteer, Set<string>>();

function prefixesOf(gazetteer: Gazetteer): Set<string> {
  let prefixes = gazetteerPrefixes.get(gazetteer);
  if (!prefixes) {
    prefixes = new Set();
    for (const entry of gazetteer.keys()) {
      const tokens = entry.split(' ');
      for (let length = 1; length < tokens.length; length++) prefixes.add(tokens.slice(0, length).join(' '));
    }
    gazetteerPrefixes.set(gazetteer, prefixes);
  }
  return prefixes;
}

/** Marks each token with the gazetteer entries covering it: "PER:B", "LOC:U", ... */
export function gazetteerMatches(lowerTokens: string[], gazetteer: Gazetteer): string[][] {
  const matches: string[][] = lowerTokens.map(() => []);
  const prefixes = prefixesOf(gazetteer);
  for (let start = 0; start < lowerTokens.length; start++) {
    let key = '';
    for (let length = 1; length <= GAZETTEER_MAX_TOKENS && start + length <= lowerTokens.length; length++) {
      if (length > 1 && !prefixes.has(key)) break;
      key = length === 1 ? lowerTokens[start] : `${key} ${lowerTokens[start + length - 1]}`;
      const types = gazetteer.get(key);
      if (!types) continue;
      for (const type of types) {
        for (let offset = 0; offset < length; offset++) {
          const position = length === 1 ? 'U' : offset === 0 ? 'B' : offset === length - 1 ? 'L' : 'I';
          matches[start + offset].push(`${type}:${position}`);
        }
      }
    }
  }
  return matches;
}

/**
 * Dominant mid-sentence case class of each lower-cased word seen at least `minCount` times,
 * skipping sentence-initial tokens and ALL-CAPS headlines where case says nothing. Over one
 * document it tells a headline's "WANG" or a sentence-initial "Turkey" how the word is written
 * elsewhere; over a large corpus it is a case prior for the word.
 */
export function dominantCasing(sentences: string[][], minCount = 1): Map<string, CaseClass> {
  const counts = new Map<string, Map<CaseClass, number>>();
  for (const sentence of sentences) {
    if (isAllCaps(sentence)) continue;
    for (let i = 1; i < sentence.length; i++) {
      const cls = caseClass(sentence[i]);
      if (cls === 'none') continue;
      const lower = sentence[i].toLowerCase();
      let byClass = counts.get(lower);
      if (!byClass) counts.set(lower, (byClass = new Map()));
      byClass.set(cls, (byClass.get(cls) ?? 0) + 1);
    }
  }
  const dominant = new Map<string, CaseClass>();
  for (const [lower, byClass] of counts) {
    let total = 0;
    let best: CaseClass = 'none';
    let bestCount = 0;
    for (const [cls, count] of byClass) {
      total += count;
      if (count > bestCount) [best, bestCount] = [cls, count];
    }
    if (total >= minCount) dominant.set(lower, best);
  }
  return dominant;
}

/** A headline-style sentence with letters but no lower-case letter. */
export function isAllCaps(sentence: string[]): boolean {
  let letters = 0;
  for (const token of sentence) {
    if (/\p{Ll}/u.test(token)) return false;
    if (/\p{Lu}/u.test(token)) letters++;
  }
  return letters > 1;
}

/** What the rest of the document says about each word (non-local evidence, Ratinov & Roth 2009). */
export interface DocumentEvidence {
  casing: Map<string, CaseClass>;
  /**
   * Lower-cased capitalized word -> its roles in capitalized runs across the document
   * ("last<after cluster 3.1>", "single", ...) and the words next to its occurrences.
   */
  aggregate: Map<string, Set<string>>;
}

// Cap on aggregated neighbour features per word, so that a name repeated 50 times in a long
// article does not swamp its local features.
const MAX_AGGREGATE_FEATURES = 24;

function isCapitalized(token: string): boolean {
  return /^\p{Lu}/u.test(token);
}

export function documentEvidence(sentences: string[][], lexicon: NerLexicon): DocumentEvidence {
  const aggregate = new Map<string, Set<string>>();
  const add = (lower: string, feature: string): void => {
    let set = aggregate.get(lower);
    if (!set) aggregate.set(lower, (set = new Set()));
    if (set.size < MAX_AGGREGATE_FEATURES) set.add(feature);
  };
  for (const sentence of sentences) {
    if (isAllCaps(sentence)) continue;
    for (let i = 0; i < sentence.length; i++) {
      if (!isCapitalized(sentence[i]) || !/\p{L}/u.test(sentence[i])) continue;
      let end = i;
      while (end + 1 < sentence.length && isCapitalized(sentence[end + 1]) && /\p{L}/u.test(sentence[end + 1])) end++;
      for (let j = i; j <= end; j++) {
        const lower = sentence[j].toLowerCase();
        const role = i === end ? 'single' : j === i ? 'first' : j === end ? 'last' : 'mid';
        // A sentence-initial single word says little: it is capitalized anyway.
        if (!(role === 'single' && i === 0)) add(lower, `role=${role}`);
        if (role === 'last' || role === 'mid') add(lower, `role=${role}|${clusterPath(lexicon, sentence[j - 1])?.slice(0, 2).join('.') ?? '?'}`);
        if (j > 0) add(lower, `w-1=${sentence[j - 1].toLowerCase()}`);
        if (j + 1 < sentence.length) add(lower, `w+1=${sentence[j + 1].toLowerCase()}`);
      }
      i = end;
    }
  }
  return { casing: dominantCasing(sentences), aggregate };
}

export interface SentenceContext {
  lexicon: NerLexicon;
  gazetteer: Gazetteer;
  document: DocumentEvidence;
}

/** Everything about a word form that does not depend on its context. */
export interface WordInfo {
  lower: string;
  shape: string;
  prior: CaseClass;
  /** Cluster path prefixes at levels 0..2 ("?" when the word has no cluster). */
  clusters: [string, string, string];
  /** Features of the word alone. */
  intrinsic: string[];
  /** The tag scores of `intrinsic` under a model, summed once per word and model (the tagger's cache). */
  intrinsicScores?: { model: object; scores: Float64Array };
}

// Per-lexicon memo of WordInfo: most tokens of an article repeat, and shapes and affixes are
// the costliest part of feature extraction. Cleared when it reaches WORD_CACHE_LIMIT entries.
const WORD_CACHE_LIMIT = 200_000;
const wordCaches = new WeakMap<NerLexicon, Map<string, WordInfo>>();

function wordInfo(lexicon: NerLexicon, token: string): WordInfo {
  let cache = wordCaches.get(lexicon);
  if (!cache) wordCaches.set(lexicon, (cache = new Map()));
  const cached = cache.get(token);
  if (cached) return cached;
  const form = formOf(token);
  const lower = form.toLowerCase();
  const shape = wordShape(token);
  const prior = lexicon.casePrior.get(lower) ?? 'none';
  const path = clusterPath(lexicon, token);
  const level = (depth: number): string => (path ? path.slice(0, depth + 1).join('.') : '?');
  const clusters: [string, string, string] = [level(0), level(1), level(2)];
  const intrinsic = [
    'bias',
    `w=${form}`,
    `lw=${lower}`,
    `sh=${shape}`,
    `cp=${prior}`,
    `cp|sh=${prior}|${shape}`,
    `c0=${clusters[0]}`,
    `c1=${clusters[1]}`,
    `c2=${clusters[2]}`,
    `c2|sh=${clusters[2]}|${shape}`,
  ];
  for (let length = 1; length <= 4 && length <= lower.length; length++) {
    intrinsic.push(`p${length}=${lower.slice(0, length)}`, `s${length}=${lower.slice(-length)}`);
  }
  const info: WordInfo = { lower, shape, prior, clusters, intrinsic, intrinsicScores: undefined };
  if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
  cache.set(token, info);
  return info;
}

const SENTENCE_EDGE: WordInfo = { lower: '<s>', shape: '<s>', prior: 'none', clusters: ['<s>', '<s>', '<s>'], intrinsic: [], intrinsicScores: undefined };
const SENTENCE_END: WordInfo = { ...SENTENCE_EDGE, lower: '</s>', shape: '</s>' };

/** The words of one sentence and what its features need besides them. */
export interface SentenceWords {
  tokens: string[];
  words: WordInfo[];
  gazetteer: string[][];
  allCaps: boolean;
}

export function sentenceWords(tokens: string[], context: SentenceContext): SentenceWords {
  const words = tokens.map((token) => wordInfo(context.lexicon, token));
  return { tokens, words, gazetteer: gazetteerMatches(words.map((w) => w.lower), context.gazetteer), allCaps: isAllCaps(tokens) };
}

/** The features of token i that depend on its context: every feature but the word's intrinsic ones, which come first. */
export function contextFeatures(sentence: SentenceWords, i: number, context: SentenceContext): string[] {
  const { tokens, words, gazetteer, allCaps } = sentence;
  const n = tokens.length;
  const word = (k: number): WordInfo => (k < 0 ? SENTENCE_EDGE : k >= n ? SENTENCE_END : words[k]);
  const { lower, shape, prior, clusters } = words[i];
  const prev = word(i - 1);
  const next = word(i + 1);
  const docCase = context.document.casing.get(tokens[i].toLowerCase()) ?? 'none';
  const features = [
    `w-1=${prev.lower}`,
    `w+1=${next.lower}`,
    `w-2=${word(i - 2).lower}`,
    `w+2=${word(i + 2).lower}`,
    `w-1|w=${prev.lower}|${lower}`,
    `w|w+1=${lower}|${next.lower}`,
    `sh-1=${prev.shape}`,
    `sh+1=${next.shape}`,
    `sh-1|sh=${prev.shape}|${shape}`,
    `sh|sh+1=${shape}|${next.shape}`,
    `sh-1|sh|sh+1=${prev.shape}|${shape}|${next.shape}`,
    `w-1|sh=${prev.lower}|${shape}`,
    `sh|w+1=${shape}|${next.lower}`,
    `dc=${docCase}|${i === 0 || allCaps}`,
    `dc|sh=${docCase}|${shape}`,
    `c1-1=${prev.clusters[1]}`,
    `c1+1=${next.clusters[1]}`,
    `c2-1=${prev.clusters[2]}`,
    `c2+1=${next.clusters[2]}`,
    `c0-1|c0|c0+1=${prev.clusters[0]}|${clusters[0]}|${next.clusters[0]}`,
  ];
  if (i === 0) features.push('first', `first|sh=${shape}`, `first|cp=${prior}`);
  if (allCaps) features.push(`caps|cp=${prior}`, `caps|c1=${clusters[1]}`, `caps|dc=${docCase}`);
  if (isCapitalized(tokens[i])) for (const evidence of context.document.aggregate.get(tokens[i].toLowerCase()) ?? []) features.push(`doc:${evidence}`);
  for (const match of gazetteer[i]) features.push(`g=${match}`, `g|sh=${match}|${shape}`);
  if (i > 0) for (const match of gazetteer[i - 1]) features.push(`g-1=${match}`);
  if (i + 1 < n) for (const match of gazetteer[i + 1]) features.push(`g+1=${match}`);
  return features;
}

/** Feature strings for every token of one sentence of normalized tokens (training reads these). */
export function sentenceFeatures(tokens: string[], context: SentenceContext): string[][] {
  const sentence = sentenceWords(tokens, context);
  return tokens.map((_, i) => [...sentence.words[i].intrinsic, ...contextFeatures(sentence, i, context)]);
}
