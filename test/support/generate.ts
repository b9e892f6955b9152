// News-like text made up from a seed: tests and benchmarks build their inputs from it rather than from any
// file that happens to exist. Names are syllable strings, so nothing here is about a real person or place.
import { seededRandom } from '../../src/util/random.js';

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tor', 'va', 'sen', 'dru', 'pel', 'nak', 'os', 'ir', 'bel', 'gan', 'tu', 'ze'];
const VERBS = ['said', 'told reporters', 'announced', 'denied', 'confirmed'];
const MONTHS = ['January', 'March', 'May', 'July', 'September', 'November'];

/** `count` paragraphs of three to six sentences with names, places, dates, numbers and quotes. */
export function newsParagraphs(seed: number, count: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const name = (): string => {
    const word = pick(SYLLABLES) + pick(SYLLABLES) + (random() < 0.5 ? pick(SYLLABLES) : '');
    return word[0].toUpperCase() + word.slice(1);
  };
  const sentence = (): string => {
    const kind = random();
    if (kind < 0.3) return `${name()} ${name()}, the minister of ${name()}, ${pick(VERBS)} on Monday that ${Math.floor(random() * 900) + 2} people had left ${name()}.`;
    if (kind < 0.5) return `"We will not accept this," ${name()} ${pick(VERBS)} in ${name()} on ${pick(MONTHS)} ${1 + Math.floor(random() * 27)}, 2024.`;
    if (kind < 0.7) return `The ${name()} Ministry of Foreign Affairs and ${name()} Corp. met in ${name()} last week.`;
    return `Officials in ${name()} said the talks with ${name()} would continue next Tuesday after ${Math.floor(random() * 50) + 2} hours.`;
  };
  return Array.from({ length: count }, () => Array.from({ length: 3 + Math.floor(random() * 4) }, sentence).join(' '));
}

/** About `chars` characters of text: paragraphs separated by blank lines, or one line when `oneLine`. */
export function newsText(seed: number, chars: number, oneLine = false): string {
  const parts: string[] = [];
  let length = 0;
  for (let batch = 0; length < chars; batch++) {
    for (const paragraph of newsParagraphs(seed * 7919 + batch, 20)) {
      parts.push(paragraph);
      length += paragraph.length + 2;
      if (length >= chars) break;
    }
  }
  return parts.join(oneLine ? ' ' : '\n\n');
}
