// Averaged structured perceptron (Collins 2002) for the linear-chain tagger: Viterbi-decode
// each training sentence with the current weights and move weights toward the gold path.
import { TAG_COUNT, viterbi, type LinearModel } from './model.js';

export interface TrainingSentence {
  /** Feature ids of token i: featureIds[offsets[i] .. offsets[i+1]). */
  featureIds: Int32Array;
  offsets: Int32Array;
  gold: Int32Array;
}

export class AveragedPerceptron {
  private readonly weights: Float64Array;
  private readonly weightSums: Float64Array;
  private readonly transitions = new Float64Array((TAG_COUNT + 1) * TAG_COUNT);
  private readonly transitionSums = new Float64Array((TAG_COUNT + 1) * TAG_COUNT);
  /** Number of sentences seen; updates are stored scaled by it for lazy averaging (Daumé's trick). */
  private step = 1;

  constructor(featureCount: number) {
    this.weights = new Float64Array(featureCount * TAG_COUNT);
    this.weightSums = new Float64Array(featureCount * TAG_COUNT);
  }

  private emissions(sentence: TrainingSentence): Float64Array {
    const T = TAG_COUNT;
    const n = sentence.gold.length;
    const scores = new Float64Array(n * T);
    for (let i = 0; i < n; i++) {
      for (let k = sentence.offsets[i]; k < sentence.offsets[i + 1]; k++) {
        const base = sentence.featureIds[k] * T;
        for (let t = 0; t < T; t++) scores[i * T + t] += this.weights[base + t];
      }
    }
    return scores;
  }

  private bumpTransition(prev: number, next: number, delta: number): void {
    const index = prev * TAG_COUNT + next;
    this.transitions[index] += delta;
    this.transitionSums[index] += delta * this.step;
  }

  /** One perceptron update; returns whether the sentence was decoded correctly. */
  train(sentence: TrainingSentence): boolean {
    const T = TAG_COUNT;
    const n = sentence.gold.length;
    const predicted = viterbi(this.emissions(sentence), n, this.transitions);
    let correct = true;
    for (let i = 0; i < n; i++) {
      const gold = sentence.gold[i];
      const guess = predicted[i];
      const goldPrev = i === 0 ? T : sentence.gold[i - 1];
      const guessPrev = i === 0 ? T : predicted[i - 1];
      if (gold !== guess || goldPrev !== guessPrev) {
        this.bumpTransition(goldPrev, gold, 1);
        this.bumpTransition(guessPrev, guess, -1);
      }
      if (gold === guess) continue;
      correct = false;
      for (let k = sentence.offsets[i]; k < sentence.offsets[i + 1]; k++) {
        const base = sentence.featureIds[k] * T;
        this.weights[base + gold] += 1;
        this.weightSums[base + gold] += this.step;
        this.weights[base + guess] -= 1;
        this.weightSums[base + guess] -= this.step;
      }
    }
    this.step++;
    return correct;
  }

  /** The averaged weights as a model over the given feature names (index = feature id). */
  averaged(featureIndex: Map<string, number>): LinearModel {
    const average = (current: Float64Array, sums: Float64Array): Float32Array =>
      Float32Array.from(current, (w, i) => w - sums[i] / this.step);
    return {
      featureIndex,
      weights: average(this.weights, this.weightSums),
      transitions: average(this.transitions, this.transitionSums),
    };
  }
}
