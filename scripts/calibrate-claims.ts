// Alignment thresholds of the claims layer, calibrated on STS-B train news pairs (headlines and
// deft-news; MSRpar left out, being MSRP), a similarity of 3 or more ("roughly equivalent") counting
// as the same claim (the shared-figure bar also reads dev, see below). Pairs are scored as the claims layer
// scores them: the better of the plain text and the text with its figures masked. Run on its own it recalibrates
// the shipped model without retraining it:
//
//   npx tsx scripts/calibrate-claims.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sharesFigure } from '../src/corroborate/claims.js';
import { DEFAULT_CLAIM_MODEL, SameClaimScorer, loadSameClaimModel, type SameClaimModel } from '../src/corroborate/paraphrase.js';
import { readQuantities } from '../src/corroborate/quantities.js';
import { accuracyAndF1, readStsNews } from './msrp.js';

const mask = (text: string) => {
  let masked = text;
  for (const quantity of readQuantities(text).reverse()) masked = masked.slice(0, quantity.start) + 'several' + masked.slice(quantity.figureEnd);
  return masked;
};

function bestF1(labels: number[], probabilities: number[]): { threshold: number; f1: number } {
  let best = { threshold: 0.5, f1: 0 };
  for (let t = 0.05; t <= 0.9001; t += 0.01) {
    const { f1 } = accuracyAndF1(labels, probabilities.map((p) => Number(p >= t)));
    if (f1 > best.f1) best = { threshold: Number(t.toFixed(2)), f1 };
  }
  return best;
}

export function calibrateAlignment(probabilityOf: (a: string, b: string) => number, cosineOf: (a: string, b: string) => number): { threshold: number; sharedFigureThreshold: number; minCandidateCosine: number } {
  const pairs = readStsNews('train');
  const labels = pairs.map((pair) => Number(pair.score >= 3));
  const cosines = pairs.filter((_, i) => labels[i] === 1).map((pair) => cosineOf(pair.a, pair.b)).sort((a, b) => a - b);
  const minCandidateCosine = Number(cosines[Math.floor(0.01 * cosines.length)].toFixed(3));
  const probabilities = pairs.map((pair) => Math.max(probabilityOf(mask(pair.a), mask(pair.b)), probabilityOf(pair.a, pair.b)));
  const all = bestF1(labels, probabilities);
  // Few headline pairs share a figure, so this subset also takes the dev split (STS-B is not reported on).
  const figurePairs = [...pairs, ...readStsNews('dev')].filter((pair) => sharesFigure(readQuantities(pair.a), readQuantities(pair.b)));
  const figure = bestF1(figurePairs.map((pair) => Number(pair.score >= 3)), figurePairs.map((pair) => Math.max(probabilityOf(mask(pair.a), mask(pair.b)), probabilityOf(pair.a, pair.b))));
  const withFigure = figurePairs;
  console.error(`alignment threshold ${all.threshold} (F1 ${(100 * all.f1).toFixed(2)} on ${pairs.length} STS-B train news pairs); with a shared figure ${figure.threshold} (F1 ${(100 * figure.f1).toFixed(2)} on ${withFigure.length})`);
  console.error(`candidate cosine floor ${minCandidateCosine} (1st percentile of ${cosines.length} matching pairs)`);
  return { threshold: all.threshold, sharedFigureThreshold: Math.min(figure.threshold, all.threshold), minCandidateCosine };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const model = JSON.parse(readFileSync(DEFAULT_CLAIM_MODEL, 'utf8')) as SameClaimModel;
  const scorer = new SameClaimScorer({ ...model, alignThreshold: 0, sharedFigureThreshold: 0, minCandidateCosine: 0 });
  const calibrated = calibrateAlignment((a, b) => scorer.probability(a, b), (a, b) => scorer.cosine(a, b));
  writeFileSync(DEFAULT_CLAIM_MODEL, JSON.stringify({ ...model, alignThreshold: calibrated.threshold, sharedFigureThreshold: calibrated.sharedFigureThreshold, minCandidateCosine: calibrated.minCandidateCosine }));
  loadSameClaimModel();
}
