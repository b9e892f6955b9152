// Tags a document given as sentences of tokens with the linear model.
import { contextFeatures, documentEvidence, normalizeToken, sentenceWords, type Gazetteer, type NerLexicon, type NerType } from './features.js';
import { emissionScoresOf, tagsToSpans, viterbi, type LinearModel } from './model.js';

// Courtesy titles are not part of a name in the CoNLL guidelines, but Reuters rarely writes
// them, so the model has too few examples to learn that; they are trimmed off PER spans.
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'dame']);

function withoutHonorific(tokens: string[], span: { start: number; end: number; type: NerType }): typeof span {
  const first = tokens[span.start].toLowerCase().replace(/\.$/, '');
  return span.type === 'PER' && span.end - span.start > 1 && HONORIFICS.has(first) ? { ...span, start: span.start + 1 } : span;
}

export interface NerResources {
  model: LinearModel;
  lexicon: NerLexicon;
  gazetteer: Gazetteer;
}

/** Token-index entity spans for each sentence of a document (tokens as written, not yet normalized). */
export function tagSentences(resources: NerResources, sentences: string[][]): { start: number; end: number; type: NerType }[][] {
  const normalized = sentences.map((sentence) => sentence.map(normalizeToken));
  const document = documentEvidence(normalized, resources.lexicon);
  return normalized.map((tokens) => {
    const context = { lexicon: resources.lexicon, gazetteer: resources.gazetteer, document };
    const sentence = sentenceWords(tokens, context);
    const emissions = emissionScoresOf(resources.model, sentence.words, (i) => contextFeatures(sentence, i, context));
    const tags = viterbi(emissions, tokens.length, resources.model.transitions);
    return tagsToSpans(tags).map((span) => withoutHonorific(tokens, span));
  });
}
