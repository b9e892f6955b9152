// Evaluates PLOVER action coding on the public gold-standard records (plover-gsr).
// How the records are kept apart from the coder:
//  - the shipped coder is the verb lexicon, written from the PLOVER category definitions and the
//    CAMEO→PLOVER code descriptions, never from the gold sentences, so it is scored on all 322 records;
//  - the trained baseline (naive Bayes, scripts/plover-baseline.ts) learns from gold records, so it is
//    scored by 5-fold cross-validation: each fold is coded by a model trained on the other four folds
//    (plus the CAMEO code descriptions). It is reported alone and as a fallback behind the lexicon.
// Usage: npm run eval:plover
import { codeSentence, type CodedSentence } from '../src/events/actions.js';
import { classifySentence, trainNaiveBayes, type NaiveBayesModel } from './plover-baseline.js';
import type { PloverType } from '../src/events/types.js';
import { loadCameoDescriptions, loadGoldRecords, loadPetrarchDevRecords, type GoldActor, type GoldRecord } from './plover-data.js';

const FOLDS = 5;

/** The gold records predate PLOVER's ACCUSE label and file accusations (CAMEO 112) under DISAPPROVE. */
function asGoldLabel(type: PloverType | null): string {
  if (type === 'ACCUSE') return 'DISAPPROVE';
  return type ?? 'NONE';
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/['’]s\b/g, '').replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** An actor agrees with the gold when the codes are equal or one text contains the other. */
function actorAgrees(text: string | null, code: string | null, gold: GoldActor[]): boolean {
  return gold.some((actor) => {
    if (code && actor.code && code === actor.code) return true;
    if (!text) return false;
    const predicted = normalise(text);
    const expected = normalise(actor.actorText);
    if (!predicted || !expected) return false;
    const contains = (outer: string, inner: string) => ` ${outer} `.includes(` ${inner} `);
    return contains(predicted, expected) || contains(expected, predicted);
  });
}

interface Scores {
  accuracy: number;
  macroF1: number;
  /** F1 per gold label, for the per-type report. */
  perLabel: Map<string, number>;
  coded: number;
  sourceAgreement: number;
  targetAgreement: number;
}

function score(records: GoldRecord[], predictions: (CodedSentence | null)[]): Scores {
  const labels = [...new Set(records.map((record) => record.event))];
  let correct = 0;
  const perLabel = new Map<string, number>();
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    records.forEach((record, index) => {
      const predicted = asGoldLabel(predictions[index]?.type ?? null);
      if (predicted === label && record.event === label) tp++;
      else if (predicted === label) fp++;
      else if (record.event === label) fn++;
    });
    perLabel.set(label, tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
  }
  let sourceTotal = 0;
  let sourceAgreed = 0;
  let targetTotal = 0;
  let targetAgreed = 0;
  records.forEach((record, index) => {
    const prediction = predictions[index];
    if (asGoldLabel(prediction?.type ?? null) === record.event) correct++;
    if (record.source.length) {
      sourceTotal++;
      if (prediction && actorAgrees(prediction.actor, prediction.actorCode, record.source)) sourceAgreed++;
    }
    if (record.target.length) {
      targetTotal++;
      if (prediction && actorAgrees(prediction.target, prediction.targetCode, record.target)) targetAgreed++;
    }
  });
  return {
    accuracy: correct / records.length,
    macroF1: [...perLabel.values()].reduce((sum, value) => sum + value, 0) / perLabel.size,
    perLabel,
    coded: predictions.filter(Boolean).length / records.length,
    sourceAgreement: sourceAgreed / sourceTotal,
    targetAgreement: targetAgreed / targetTotal,
  };
}

function crossValidatedModels(records: GoldRecord[]): NaiveBayesModel[] {
  const descriptions = loadCameoDescriptions();
  return Array.from({ length: FOLDS }, (_, fold) =>
    trainNaiveBayes([
      ...records.filter((_, index) => index % FOLDS !== fold).map((record) => ({ text: record.text, type: record.event })),
      ...descriptions,
    ]),
  );
}

const round = (value: number) => Math.round(value * 1000) / 1000;
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function report(name: string, scores: Scores): void {
  console.log(
    `${name.padEnd(34)} accuracy ${percent(scores.accuracy).padStart(6)}  macro-F1 ${percent(scores.macroF1).padStart(6)}  ` +
      `coded ${percent(scores.coded).padStart(6)}  source ${percent(scores.sourceAgreement).padStart(6)}  target ${percent(scores.targetAgreement).padStart(6)}`,
  );
}

const records = loadGoldRecords();
const counts = new Map<string, number>();
for (const record of records) counts.set(record.event, (counts.get(record.event) ?? 0) + 1);
const [majorityLabel, majorityCount] = [...counts].sort((a, b) => b[1] - a[1])[0];

const models = crossValidatedModels(records);
const lexiconOnly = records.map((record) => codeSentence(record.text));
const classifierOnly = records.map((record, index): CodedSentence => {
  const [best] = classifySentence(models[index % FOLDS], record.text);
  return { type: best.type, mode: null, actor: null, target: null, confidence: best.probability, actorCode: null, targetCode: null, location: null, trigger: { start: 0, end: 0 } };
});
const withFallback = records.map((_, index) => lexiconOnly[index] ?? classifierOnly[index]);
const majority = records.map((): CodedSentence => ({ ...classifierOnly[0], type: majorityLabel as PloverType }));

console.log(`PLOVER gold-standard records: ${records.length} sentences, ${counts.size} event types`);
report(`majority class (${majorityLabel})`, score(records, majority));
report('naive Bayes alone (5-fold CV)', score(records, classifierOnly));
const lexiconScores = score(records, lexiconOnly);
report('lexicon alone (shipped; held out)', lexiconScores);
report('lexicon, NB fallback (5-fold CV)', score(records, withFallback));

console.log(
  'F1 by type (lexicon): ' +
    [...lexiconScores.perLabel].sort((a, b) => a[0].localeCompare(b[0])).map(([label, f1]) => `${label} ${percent(f1)}`).join(', '),
);

// Development set: the PETRARCH2 validation records, CAMEO codes mapped with the official 2021 table.
// A prediction is right when its label is one of the record's labels (NONE: no act to code).
const dev = loadPetrarchDevRecords();
const devCorrect = dev.records.filter((record) => record.labels.has(asGoldLabel(codeSentence(record.text)?.type ?? null))).length;
const devAccuracy = devCorrect / dev.records.length;
console.log(`development set (PETRARCH2 validation, ${dev.records.length} records, ${dev.skipped} left out): accuracy ${percent(devAccuracy)}`);

// Second development set: the CAMEO code descriptions of the 2021 table read as sentences
// ("Officials demand release of persons or property."), each labelled by its code.
const descriptions = loadCameoDescriptions();
const descriptionCorrect = descriptions.filter((example) => {
  const sentence = `Officials ${example.text.charAt(0).toLowerCase()}${example.text.slice(1)}.`;
  return asGoldLabel(codeSentence(sentence)?.type ?? null) === example.type;
}).length;
const descriptionAccuracy = descriptionCorrect / descriptions.length;
console.log(`development set (CAMEO code descriptions, ${descriptions.length}): accuracy ${percent(descriptionAccuracy)}`);

console.log(
  JSON.stringify({
    dataset: 'plover-gsr',
    metric: 'event_type_accuracy',
    value: round(lexiconScores.accuracy),
    macro_f1: round(lexiconScores.macroF1),
    source_agreement: round(lexiconScores.sourceAgreement),
    target_agreement: round(lexiconScores.targetAgreement),
    coded: round(lexiconScores.coded),
    dev_accuracy: round(devAccuracy),
    dev_records: dev.records.length,
    dev_descriptions_accuracy: round(descriptionAccuracy),
    naive_bayes_cv_accuracy: round(score(records, classifierOnly).accuracy),
    majority_baseline: round(majorityCount / records.length),
    records: records.length,
    protocol: 'lexicon written without the records; naive Bayes baseline 5-fold CV',
  }),
);
