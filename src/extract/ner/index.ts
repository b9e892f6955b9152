// Named-entity tagger for news text: an averaged structured perceptron over BILOU tags trained
// in this repo on CoNLL-2003 (scripts/train-ner.ts). No npm package ships a trained English NER
// model and nothing may be downloaded at run time, so the tagger is the product's own code.
import { NER_TYPES, type NerType } from './features.js';
import { loadResources, DEFAULT_MODEL_DIR } from './resources.js';
import { tagSentences, type NerResources } from './tagger.js';
import { splitSentences, tokenize } from './tokenize.js';

export type { NerType };
export { NER_TYPES, tokenize, splitSentences };
export type { Token } from './tokenize.js';

export interface NerSpan {
  start: number;
  end: number;
  text: string;
  type: NerType;
}

let resources: NerResources | undefined;

/** Named entities in raw text; offsets are UTF-16 indices, `text.slice(start, end) === span.text`. */
export function tagEntities(text: string): NerSpan[] {
  resources ??= loadResources(DEFAULT_MODEL_DIR);
  const sentences = splitSentences(text, tokenize(text));
  const tagged = tagSentences(resources, sentences.map((sentence) => sentence.map((token) => token.text)));
  const spans: NerSpan[] = [];
  sentences.forEach((sentence, s) => {
    for (const entity of tagged[s]) {
      const start = sentence[entity.start].start;
      const end = sentence[entity.end - 1].end;
      spans.push({ start, end, text: text.slice(start, end), type: entity.type });
    }
  });
  return spans;
}
