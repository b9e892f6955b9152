// Same-claim model on MSRP test (1,725 pairs), trained on MSRP train only (npm run train:claims).
//
//   npm run eval:claims
//
// Official MSRP convention: accuracy and F1 of the positive ("same meaning") class.
import { predictBoosted } from '../src/corroborate/boosting.js';
import { idfLookup, loadSameClaimModel, pairFeatures, prepareSentence } from '../src/corroborate/paraphrase.js';
import { accuracyAndF1, readMsrp } from './msrp.js';

const model = loadSameClaimModel();
const idfOf = idfLookup(model);
const pairs = readMsrp('test');
const started = performance.now();
const predicted = pairs.map((pair) => Number(predictBoosted(model.boosted, pairFeatures(prepareSentence(pair.a), prepareSentence(pair.b), idfOf)) >= model.threshold));
const seconds = (performance.now() - started) / 1000;
const scores = accuracyAndF1(pairs.map((pair) => pair.label), predicted);
const percent = (value: number) => Number((100 * value).toFixed(2));
console.error(`MSRP test, ${pairs.length} pairs: accuracy ${percent(scores.accuracy)}%, F1 ${percent(scores.f1)} (P ${percent(scores.precision)}, R ${percent(scores.recall)}), ${(pairs.length / seconds).toFixed(0)} pairs/s`);
console.error('references: majority 66.5 / 79.9; Madnani et al. 2012 77.4 / 84.1; Ji & Eisenstein 2013 80.4 / 85.9');
console.log(JSON.stringify({ eval: 'claims', corpus: 'msrp-test', pairs: pairs.length, accuracy: percent(scores.accuracy), f1: percent(scores.f1), precision: percent(scores.precision), recall: percent(scores.recall), threshold: model.threshold }));
