// Name forms shared by in-article resolution and cross-article merging.
import { isAcronym } from './entities-text.js';
import { nameWords, parseName } from './names.js';

/** Words skipped when spelling an acronym out of a name ("Central Bank of Kenya" -> CBK). */
const ACRONYM_SKIPPED_WORDS = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'de', 'du', 'des', 'la', 'le', 'et']);

export function acronymsOf(name: string): string[] {
  const words = nameWords(name).filter((word) => /^[a-z]/.test(word));
  if (words.length < 2) return [];
  const content = words.filter((word) => !ACRONYM_SKIPPED_WORDS.has(word)).map((word) => word[0]).join('');
  const every = words.map((word) => word[0]).join('');
  return content === every ? [content] : [content, every];
}

/** True when both sides have known nationalities and none is shared. */
export function countriesClash(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const code of a) if (b.has(code)) return false;
  return true;
}

/** The fullest person name: most name words, then most often written. */
export function bestPersonName(names: { text: string }[]): string {
  const counts = new Map<string, number>();
  for (const mention of names) counts.set(mention.text, (counts.get(mention.text) ?? 0) + 1);
  const score = (name: string) => parseName(name).tokens.length;
  return [...counts.keys()].reduce((best, name) =>
    score(name) > score(best) || (score(name) === score(best) && counts.get(name)! > counts.get(best)!) ? name : best);
}

/** The fullest place or organisation name: spelled out rather than an acronym, then most words. */
export function bestPlaceName(names: { text: string }[]): string {
  const score = (name: string) => [isAcronym(name.replace(/\s+/g, '')) ? 0 : 1, nameWords(name).length, name.length];
  return names.map((mention) => mention.text).reduce((best, name) => {
    const [a, b] = [score(name), score(best)];
    return a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2]))) ? name : best;
  });
}

export function uniqueCaseInsensitive(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
