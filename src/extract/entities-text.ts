// Word tokens with offsets, and the small lexical tests that role and name scans share.
import { countriesOf } from './entities-lexicon.js';

export interface Word {
  start: number;
  end: number;
  text: string;
  /** Lower case, possessive ending removed ("Russia's" -> "russia"). */
  lower: string;
  isPunctuation: boolean;
  possessive: boolean;
  capitalized: boolean;
}

const WORD_PATTERN = /[\p{L}\p{N}]+(?:[.'’\-&][\p{L}\p{N}]+)*|\S/gu;

export function tokenizeWords(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD_PATTERN)) {
    const surface = match[0];
    const isPunctuation = !/[\p{L}\p{N}]/u.test(surface);
    const possessive = /['’]s$/.test(surface);
    words.push({
      start: match.index!,
      end: match.index! + surface.length,
      text: surface,
      lower: surface.replace(/['’]s$/, '').toLowerCase(),
      isPunctuation,
      possessive,
      capitalized: /^\p{Lu}/u.test(surface),
    });
  }
  return words;
}

/** All capitals, optionally dotted: "UN", "U.N", "CBK", "SCO". */
export function isAcronym(surface: string): boolean {
  const bare = surface.replace(/\./g, '');
  return bare.length >= 2 && bare.length <= 8 && /^[\p{Lu}][\p{Lu}\p{N}&]+$/u.test(bare);
}

export function isCountryWord(word: Word): boolean {
  return word.capitalized && countriesOf(word.lower).size > 0;
}

/** True when the text between two offsets holds a line break (a paragraph or heading boundary). */
export function crossesLine(text: string, from: number, to: number): boolean {
  return /[\r\n]/.test(text.slice(from, to));
}
