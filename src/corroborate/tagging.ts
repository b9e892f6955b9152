// Part-of-speech tags and lemmas of an article's words (wink-nlp, the project's tagger), computed once
// per article text and looked up by character span: tagging each clause on its own costs many times more.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const nlp = winkNLP(model, ['pos']);
const its = nlp.its;

export interface TaggedWord {
  text: string;
  start: number;
  end: number;
  pos: string;
  lemma: string;
}

const cache = new Map<string, TaggedWord[]>();
/** Articles kept tagged at once; an event's corroboration touches each of its articles a few times. */
const CACHE_SIZE = 256;

export function taggedWords(text: string): TaggedWord[] {
  let words = cache.get(text);
  if (words) return words;
  const doc = nlp.readDoc(text);
  const surfaces = doc.tokens().out();
  const tags = doc.tokens().out(its.pos);
  // wink types its.lemma with a model-addons parameter the lite model fills in; it returns strings as its.pos does.
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.pos);
  words = [];
  let position = 0;
  surfaces.forEach((surface, index) => {
    const at = text.indexOf(surface, position);
    if (at < 0) return;
    position = at + surface.length;
    words!.push({ text: surface, start: at, end: at + surface.length, pos: tags[index], lemma: lemmas[index] });
  });
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(text, words);
  return words;
}

/** The tagged words of `text` inside [start, end). */
export function wordsIn(text: string, start: number, end: number): TaggedWord[] {
  const words = taggedWords(text);
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (words[middle].start < start) low = middle + 1;
    else high = middle;
  }
  const found: TaggedWord[] = [];
  for (let i = low; i < words.length && words[i].end <= end; i++) found.push(words[i]);
  return found;
}
