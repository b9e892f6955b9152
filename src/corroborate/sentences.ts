// Sentence lists per article and citations into them.
import type { Article } from '../types.js';
import type { Citation } from '../events/types.js';
import { splitSentences, type Sentence } from '../extract/sentences.js';

export class SentenceIndex {
  private readonly cache: Map<string, Sentence[]>;

  /** `known`: sentence lists already split (article id -> sentences), so no article is split twice. */
  constructor(known?: ReadonlyMap<string, Sentence[]>) {
    this.cache = new Map(known);
  }

  sentences(article: Article): Sentence[] {
    let sentences = this.cache.get(article.id);
    if (!sentences) {
      sentences = splitSentences(article.text);
      this.cache.set(article.id, sentences);
    }
    return sentences;
  }

  /** Cites the sentence holding `start` (the whole sentence, as other dossier citations do). */
  cite(article: Article, start: number): Citation | null {
    const sentences = this.sentences(article);
    const index = sentences.findIndex((sentence) => start >= sentence.start && start < sentence.end);
    if (index < 0) return null;
    return { article: article.id, sentence: index, start: sentences[index].start, end: sentences[index].end };
  }
}
