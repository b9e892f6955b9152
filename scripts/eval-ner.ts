// Scores the shipped NER model on CoNLL-2003 eng.testb (IOB1) and the corrected CoNLL++ test
// set (IOB2): entity-level exact-match micro P/R/F1 per type and overall, as conlleval computes it.
// The tagger sees each document's gold tokens and sentences (as conlleval assumes).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConll, scoreEntities } from '../src/extract/ner/conll.js';
import { loadResources } from '../src/extract/ner/resources.js';
import { tagSentences } from '../src/extract/ner/tagger.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const evalData = process.env.DOSSIER_EVAL_DATA ?? path.resolve(repoRoot, '../shared/eval-data');

const resources = loadResources();
const results: Record<string, { f1: number; perType: Record<string, number> }> = {};
for (const [name, file] of [
  ['eng.testb', 'eng.testb'],
  ['conllpp_test', 'conllpp_test.txt'],
] as const) {
  const documents = readConll(path.join(evalData, 'conll2003', file));
  const started = performance.now();
  const predicted = documents.flatMap((doc) => tagSentences(resources, doc.map((s) => s.tokens)));
  const elapsedMs = performance.now() - started;
  const scores = scoreEntities(documents.flatMap((doc) => doc.map((s) => s.entities)), predicted);
  const tokens = documents.reduce((n, doc) => n + doc.reduce((m, s) => m + s.tokens.length, 0), 0);
  console.log(`${name}: ${tokens} tokens tagged in ${elapsedMs.toFixed(0)} ms`);
  console.log('type   precision  recall     F1   gold  predicted');
  for (const [type, s] of Object.entries(scores)) {
    console.log(
      `${type.padEnd(5)} ${s.precision.toFixed(2).padStart(9)} ${s.recall.toFixed(2).padStart(7)} ${s.f1.toFixed(2).padStart(6)} ${String(s.gold).padStart(6)} ${String(s.predicted).padStart(10)}`,
    );
  }
  console.log('');
  const round = (value: number): number => Number(value.toFixed(2));
  results[name] = {
    f1: round(scores.ALL.f1),
    perType: Object.fromEntries((['PER', 'ORG', 'LOC', 'MISC'] as const).map((type) => [type, round(scores[type].f1)])),
  };
}
console.log(
  JSON.stringify({
    dataset: 'conll2003/eng.testb',
    metric: 'entity_micro_f1',
    value: results['eng.testb'].f1,
    per_type: results['eng.testb'].perType,
    conllpp_test: { value: results.conllpp_test.f1, per_type: results.conllpp_test.perType },
  }),
);
