// Framing: the words one outlet uses for the event that no other outlet in it uses
// ("strategic dialogue" against "strategic communication", "invasion" against "military actions").
import type { Article } from '../types.js';
import type { FramingDifference } from '../events/types.js';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { lemmaOf } from '../events/plover-lexicon.js';
import { STOPWORDS, canonicalWord } from './normalize.js';

// wink-nlp is the project's sentence splitter already (src/extract/sentences.ts); its tagger picks nouns and adjectives.
const nlp = winkNLP(model, ['pos']);
const its = nlp.its;

/** Terms reported per outlet, most distinctive first. */
export const MAX_FRAMING_TERMS = 5;
/** A term counts as the outlet's framing from this many uses (a headline use counts as one); a single
 *  use is too often incidental. Set by hand: news stories repeat the label they give an event. */
export const MIN_TERM_USES = 2;

interface Term {
  key: string;
  text: string;
  uses: number;
  inTitle: boolean;
  words: string[];
}

/** Part-of-speech tags that can name or characterise an event ("military actions", "invasion"). */
const FRAMING_TAGS = new Set(['NOUN', 'ADJ']);

function terms(article: Article): Map<string, Term> {
  const found = new Map<string, Term>();
  const add = (text: string, keyWords: string[], inTitle: boolean) => {
    const key = keyWords.join(' ');
    const term = found.get(key) ?? { key, text, uses: 0, inTitle: false, words: keyWords };
    if (inTitle) term.inTitle = true;
    else term.uses++;
    found.set(key, term);
  };
  const scan = (text: string, inTitle: boolean) => {
    // Runs of common nouns and adjectives; names (PROPN), verbs, numbers and stopwords break a run.
    const tokens = nlp.readDoc(text).tokens();
    const words = tokens.out();
    const tags = tokens.out(its.pos);
    let run: { text: string; key: string }[] = [];
    const flush = () => {
      run.forEach((word, index) => {
        add(word.text, [word.key], inTitle);
        if (index > 0) add(`${run[index - 1].text} ${word.text}`, [run[index - 1].key, word.key], inTitle);
      });
      run = [];
    };
    words.forEach((word, index) => {
      const lower = word.toLowerCase();
      if (!FRAMING_TAGS.has(tags[index]) || STOPWORDS.has(lower) || !/^\p{L}{3,}/u.test(word)) return flush();
      run.push({ text: lower, key: lemmaOf(canonicalWord(lower)) });
    });
    flush();
  };
  if (article.title) scan(article.title, true);
  scan(article.text, false);
  return found;
}

export function framingDifferences(articles: Article[], independent: Set<string>): FramingDifference[] {
  const outlets = articles.filter((article) => article.status === 'ok' && independent.has(article.id));
  if (outlets.length < 2) return [];
  const termsByArticle = new Map(outlets.map((article) => [article.id, terms(article)]));
  const usedBy = new Map<string, number>();
  for (const found of termsByArticle.values()) for (const key of found.keys()) usedBy.set(key, (usedBy.get(key) ?? 0) + 1);
  const ownTerms = (id: string) => [...termsByArticle.get(id)!.values()].filter((term) => usedBy.get(term.key) === 1);
  const differences: FramingDifference[] = [];
  for (const article of outlets) {
    const own = ownTerms(article.id);
    // A two-word label that shares a word with another outlet's own label is a contrast of framings.
    const othersOwnPairs = outlets.filter((other) => other !== article).flatMap((other) => ownTerms(other.id).filter((term) => term.words.length === 2));
    const contrasts = (term: Term) => term.words.length === 2 && othersOwnPairs.some((other) => other.words.some((word) => term.words.includes(word)));
    const chosen = own
      // Headline-only words are left out: headline grammar fools the tagger, and the body is where the outlet frames.
      .filter((term) => term.uses > 0 && (term.uses + Number(term.inTitle) >= MIN_TERM_USES || contrasts(term)))
      .sort((a, b) => Number(contrasts(b)) - Number(contrasts(a)) || b.uses + Number(b.inTitle) - (a.uses + Number(a.inTitle)) || b.words.length - a.words.length || a.key.localeCompare(b.key));
    // A bigram already chosen makes its own words redundant.
    const selected: Term[] = [];
    for (const term of chosen) {
      if (selected.length >= MAX_FRAMING_TERMS) break;
      if (term.words.length === 1 && selected.some((other) => other.words.includes(term.words[0]))) continue;
      selected.push(term);
    }
    if (selected.length) differences.push({ article: article.id, publisher: article.publisher, terms: selected.map((term) => term.text) });
  }
  return differences;
}
