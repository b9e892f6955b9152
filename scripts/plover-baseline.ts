// Trained baseline for the PLOVER evaluation: multinomial naive Bayes over sentence lemmas plus
// lexicon-hit features. Scored under cross-validation next to the lexicon coder; it did not beat it,
// so the product ships no trained model.
import type { PloverType } from '../src/events/types.js';
import { findLexiconActors } from '../src/events/plover-actors.js';
import { findTriggers, lemmaOf, tokenize } from '../src/events/plover-lexicon.js';

export interface NaiveBayesModel {
  classes: PloverType[];
  /** Log prior per class. */
  logPriors: number[];
  /** Feature → log likelihood per class. */
  logLikelihoods: Record<string, number[]>;
}

export interface TrainingExample {
  text: string;
  type: PloverType;
}

/** Laplace smoothing: the textbook add-one prior, not tuned. */
const SMOOTHING = 1;

const STOPWORDS = new Set(
  ('a an the and or but of to in on at by for with from as that this these those it its their his her they he she we ' +
    'is are was were be been has have had will would said says say also after before on over into than then who which ' +
    'while during about against between since not no so there here its our your one two three four five new last week ' +
    'monday tuesday wednesday thursday friday saturday sunday today yesterday').split(' '),
);

/** Lemma features of a sentence, leaving out actor names (they say who, not what happened),
 *  plus one `LEX:<type>` feature per lexicon pattern that fires. */
export function sentenceFeatures(sentence: string): string[] {
  const actorSpans = findLexiconActors(sentence);
  const inActor = (start: number) => actorSpans.some((span) => start >= span.start && start < span.end);
  const tokens = tokenize(sentence);
  const features: string[] = [];
  for (const token of tokens) {
    if (!/^\p{L}/u.test(token.lower) || STOPWORDS.has(token.lower) || inActor(token.start)) continue;
    features.push(lemmaOf(token.lower));
  }
  for (const match of findTriggers(tokens)) features.push(`LEX:${match.entry.type}`);
  return features;
}

export function trainNaiveBayes(examples: TrainingExample[]): NaiveBayesModel {
  const classes = [...new Set(examples.map((example) => example.type))].sort();
  const classIndex = new Map(classes.map((type, index) => [type, index]));
  const classCounts = classes.map(() => 0);
  const featureCounts = new Map<string, number[]>();
  const totals = classes.map(() => 0);
  for (const example of examples) {
    const index = classIndex.get(example.type)!;
    classCounts[index]++;
    for (const feature of sentenceFeatures(example.text)) {
      let counts = featureCounts.get(feature);
      if (!counts) featureCounts.set(feature, (counts = classes.map(() => 0)));
      counts[index]++;
      totals[index]++;
    }
  }
  const vocabularySize = featureCounts.size;
  const logLikelihoods: Record<string, number[]> = {};
  for (const [feature, counts] of featureCounts) {
    logLikelihoods[feature] = counts.map((count, index) =>
      round(Math.log((count + SMOOTHING) / (totals[index] + SMOOTHING * vocabularySize))),
    );
  }
  // Features unseen in a class get the smoothed zero count; stored as the "" entry.
  logLikelihoods[''] = totals.map((total) => round(Math.log(SMOOTHING / (total + SMOOTHING * vocabularySize))));
  return {
    classes,
    logPriors: classCounts.map((count) => round(Math.log(count / examples.length))),
    logLikelihoods,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Posterior over classes for a sentence; best first. */
export function classifySentence(model: NaiveBayesModel, sentence: string): { type: PloverType; probability: number }[] {
  const scores = [...model.logPriors];
  const unseen = model.logLikelihoods[''];
  for (const feature of sentenceFeatures(sentence)) {
    const likelihoods = model.logLikelihoods[feature];
    // A feature never seen in training says nothing about the class.
    if (!likelihoods) continue;
    for (let index = 0; index < scores.length; index++) scores[index] += likelihoods[index] ?? unseen[index];
  }
  const best = Math.max(...scores);
  const weights = scores.map((score) => Math.exp(score - best));
  const sum = weights.reduce((total, weight) => total + weight, 0);
  return model.classes
    .map((type, index) => ({ type, probability: weights[index] / sum }))
    .sort((a, b) => b.probability - a.probability);
}
