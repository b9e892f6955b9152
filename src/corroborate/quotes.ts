// Aligns one quote as several sources render it: translation variants ("sole"/"only"), spelling
// variants ("destabilise"/"destabilize") and trims (one rendering a sub-span of another).
import type { Article } from '../types.js';
import type { AlignedQuote, QuoteVariant } from '../events/types.js';
import { STOPWORDS, foldAccents, wordTokens } from './normalize.js';

/** Least Dice overlap of content words for two renderings to count as one quote. Calibrated by hand
 *  on translation pairs (a word or two swapped in ten-word quotes scores 0.8 and above) against
 *  different statements of one speaker on one topic (0.3–0.5). */
export const MIN_QUOTE_DICE = 0.7;
/** A trim must keep at least this many words of the fuller rendering to be recognised as one. */
export const MIN_TRIM_WORDS = 3;

interface QuoteItem {
  article: string;
  text: string;
  start: number;
  end: number;
  speaker: string | null;
  keys: string[];
  content: string[];
}

function contains(longer: string[], shorter: string[]): boolean {
  outer: for (let i = 0; i + shorter.length <= longer.length; i++) {
    for (let j = 0; j < shorter.length; j++) if (longer[i + j] !== shorter[j]) continue outer;
    return true;
  }
  return false;
}

function dice(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const counts = new Map<string, number>();
  for (const word of a) counts.set(word, (counts.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of b) {
    const count = counts.get(word) ?? 0;
    if (count > 0) {
      shared++;
      counts.set(word, count - 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}

function surnameKey(name: string): string {
  const words = foldAccents(name).toLowerCase().split(/\s+/).filter(Boolean);
  return words.at(-1) ?? '';
}

/** Speakers agree when either is unknown or they share a surname ("Li Qiang" / "Li"... by last word,
 *  or one name containing the other). */
function speakersAgree(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  const left = foldAccents(a).toLowerCase();
  const right = foldAccents(b).toLowerCase();
  return left.includes(right) || right.includes(left) || surnameKey(a) === surnameKey(b);
}

function sameQuote(a: QuoteItem, b: QuoteItem): boolean {
  if (!speakersAgree(a.speaker, b.speaker)) return false;
  if (a.keys.join(' ') === b.keys.join(' ')) return a.keys.length > 0;
  const [shorter, longer] = a.keys.length <= b.keys.length ? [a, b] : [b, a];
  if (shorter.keys.length >= MIN_TRIM_WORDS && contains(longer.keys, shorter.keys)) return true;
  return dice(a.content, b.content) >= MIN_QUOTE_DICE;
}

export function alignQuotes(articles: Article[]): AlignedQuote[] {
  const items: QuoteItem[] = [];
  for (const article of articles) {
    if (article.status !== 'ok') continue;
    for (const quote of article.quotes ?? []) {
      const keys = wordTokens(quote.text).map((token) => token.key);
      if (!keys.length) continue;
      items.push({
        article: article.id,
        text: quote.text,
        start: quote.start,
        end: quote.end,
        speaker: quote.speaker,
        keys,
        content: keys.filter((key) => !STOPWORDS.has(key)),
      });
    }
  }
  // Union-find over pairwise matches: a trim of a trim still joins the full quote.
  const parent = items.map((_, index) => index);
  const find = (index: number): number => (parent[index] === index ? index : (parent[index] = find(parent[index])));
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (find(i) !== find(j) && sameQuote(items[i], items[j])) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, QuoteItem[]>();
  items.forEach((item, index) => {
    const root = find(index);
    groups.set(root, [...(groups.get(root) ?? []), item]);
  });
  const aligned: AlignedQuote[] = [...groups.values()].map((group) => {
    const fullest = [...group].sort((a, b) => b.keys.length - a.keys.length)[0];
    const speaker = group.map((item) => item.speaker).filter((name): name is string => !!name).sort((a, b) => b.length - a.length)[0] ?? null;
    const variants: QuoteVariant[] = group.map(({ article, text, start, end }) => ({ article, text, start, end }));
    return { text: fullest.text, speaker, articles: [...new Set(group.map((item) => item.article))], variants };
  });
  // Most widely reported first; ties keep the order of first appearance.
  return aligned.sort((a, b) => b.articles.length - a.articles.length);
}
