// Trains the shipped NER model (models/ner) from CoNLL-2003 eng.train, choosing the number of
// perceptron epochs on eng.testa. Word clusters and the case prior come from unlabeled text:
// eng.train tokens, the PolNeAR article texts and the Multi-News sample documents.
// Usage: npm run train:ner [-- --reuse-lexicon]   (reuse models/ner/lexicon.json.gz)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeClusters } from '../src/extract/ner/clusters.js';
import { readConll, scoreEntities, type ConllDocument } from '../src/extract/ner/conll.js';
import {
  documentEvidence,
  dominantCasing,
  normalizeToken,
  sentenceFeatures,
  type Gazetteer,
  type NerLexicon,
} from '../src/extract/ner/features.js';
import { spansToTags } from '../src/extract/ner/model.js';
import { AveragedPerceptron, type TrainingSentence } from '../src/extract/ner/perceptron.js';
import { DEFAULT_MODEL_DIR, loadLexicon, saveLexicon, saveResources } from '../src/extract/ner/resources.js';
import { tagSentences } from '../src/extract/ner/tagger.js';
import { splitSentences, tokenize } from '../src/extract/ner/tokenize.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const evalData = process.env.DOSSIER_EVAL_DATA ?? path.resolve(repoRoot, '../shared/eval-data');

// Features seen fewer times in eng.train are dropped: 2 keeps about 167K of 399K features,
// which keeps models/ner near 1 MB.
const MIN_FEATURE_COUNT = 2;
// Training-set gazetteer features come from the other folds so that the model does not learn
// to trust a gazetteer that covers every training entity (10 folds, by document).
const GAZETTEER_FOLDS = 10;
const MAX_EPOCHS = 12;
const CLUSTER_OPTIONS = { minWordCount: 3, contextWords: 3000, branching: [16, 8, 8], iterations: 8, seed: 7 };
// A word needs this many mid-sentence sightings in the unlabeled text for a case prior.
const CASE_PRIOR_MIN_COUNT = 3;

function log(message: string): void {
  process.stderr.write(`[train-ner] ${message}\n`);
}

function unlabeledSentences(train: ConllDocument[]): string[][] {
  const sentences: string[][] = train.flatMap((doc) => doc.map((s) => s.tokens.map(normalizeToken)));
  const addText = (text: string): void => {
    for (const sentence of splitSentences(text, tokenize(text))) sentences.push(sentence.map((t) => normalizeToken(t.text)));
  };
  const polnear = path.join(evalData, 'polnear');
  for (const split of readdirSync(polnear, { withFileTypes: true })) {
    if (!split.isDirectory()) continue;
    const textDir = path.join(polnear, split.name, 'text');
    for (const file of readdirSync(textDir)) addText(readFileSync(path.join(textDir, file), 'utf8'));
  }
  const multiNews = path.join(evalData, 'multi-news-sample');
  for (const file of readdirSync(multiNews).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(path.join(multiNews, file), 'utf8').split('\n')) {
      if (line.trim()) for (const document of (JSON.parse(line) as { documents: string[] }).documents) addText(document);
    }
  }
  return sentences;
}

function buildLexicon(train: ConllDocument[]): NerLexicon {
  const sentences = unlabeledSentences(train);
  log(`unlabeled text: ${sentences.length} sentences, ${sentences.reduce((n, s) => n + s.length, 0)} tokens`);
  const clusters = computeClusters(sentences, CLUSTER_OPTIONS);
  log(`clustered ${clusters.size} words`);
  return { clusters, casePrior: dominantCasing(sentences, CASE_PRIOR_MIN_COUNT) };
}

function buildGazetteer(documents: ConllDocument[]): Gazetteer {
  const gazetteer: Gazetteer = new Map();
  for (const doc of documents) {
    for (const sentence of doc) {
      for (const entity of sentence.entities) {
        const key = sentence.tokens.slice(entity.start, entity.end).map((t) => normalizeToken(t).toLowerCase()).join(' ');
        const types = gazetteer.get(key) ?? [];
        if (!types.includes(entity.type)) gazetteer.set(key, [...types, entity.type]);
      }
    }
  }
  return gazetteer;
}

function documentFeatures(doc: ConllDocument, lexicon: NerLexicon, gazetteer: Gazetteer): string[][][] {
  const normalized = doc.map((s) => s.tokens.map(normalizeToken));
  const document = documentEvidence(normalized, lexicon);
  return normalized.map((tokens) => sentenceFeatures(tokens, { lexicon, gazetteer, document }));
}

function main(): void {
  const started = Date.now();
  const conll = path.join(evalData, 'conll2003');
  const train = readConll(path.join(conll, 'eng.train'));
  const dev = readConll(path.join(conll, 'eng.testa'));
  const lexicon = process.argv.includes('--reuse-lexicon') ? loadLexicon(DEFAULT_MODEL_DIR) : buildLexicon(train);
  saveLexicon(DEFAULT_MODEL_DIR, lexicon);
  log(`lexicon ready after ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const foldGazetteers = Array.from({ length: GAZETTEER_FOLDS }, (_, fold) =>
    buildGazetteer(train.filter((_, d) => d % GAZETTEER_FOLDS !== fold)),
  );
  const trainFeatures = train.map((doc, d) => documentFeatures(doc, lexicon, foldGazetteers[d % GAZETTEER_FOLDS]));
  const counts = new Map<string, number>();
  for (const doc of trainFeatures) for (const s of doc) for (const token of s) for (const f of token) counts.set(f, (counts.get(f) ?? 0) + 1);
  const featureIndex = new Map<string, number>();
  for (const [feature, count] of counts) if (count >= MIN_FEATURE_COUNT) featureIndex.set(feature, featureIndex.size);
  log(`${featureIndex.size} features kept of ${counts.size}`);

  const sentences: TrainingSentence[] = [];
  train.forEach((doc, d) =>
    doc.forEach((sentence, s) => {
      const ids: number[] = [];
      const offsets = [0];
      for (const token of trainFeatures[d][s]) {
        for (const f of token) {
          const id = featureIndex.get(f);
          if (id !== undefined) ids.push(id);
        }
        offsets.push(ids.length);
      }
      sentences.push({
        featureIds: Int32Array.from(ids),
        offsets: Int32Array.from(offsets),
        gold: spansToTags(sentence.tokens.length, sentence.entities),
      });
    }),
  );
  trainFeatures.length = 0;

  const gazetteer = buildGazetteer(train);
  const perceptron = new AveragedPerceptron(featureIndex.size);
  let order = sentences.map((_, i) => i);
  let seed = 12345;
  const nextRandom = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  let best = { f1: -1, epoch: 0, model: perceptron.averaged(featureIndex) };
  for (let epoch = 1; epoch <= MAX_EPOCHS; epoch++) {
    order = order.map((i) => [nextRandom(), i]).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
    let errors = 0;
    for (const i of order) if (!perceptron.train(sentences[i])) errors++;
    const model = perceptron.averaged(featureIndex);
    const predicted = dev.flatMap((doc) => tagSentences({ model, lexicon, gazetteer }, doc.map((s) => s.tokens)));
    const f1 = scoreEntities(dev.flatMap((doc) => doc.map((s) => s.entities)), predicted).ALL.f1;
    log(`epoch ${epoch}: ${errors} training sentences wrong, eng.testa F1 ${f1.toFixed(2)}`);
    if (f1 > best.f1) best = { f1, epoch, model };
  }
  saveResources(DEFAULT_MODEL_DIR, { model: best.model, lexicon, gazetteer });
  log(`saved epoch ${best.epoch} (eng.testa F1 ${best.f1.toFixed(2)}) to ${DEFAULT_MODEL_DIR} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main();
