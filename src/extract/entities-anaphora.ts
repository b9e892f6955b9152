// Role mentions ("Russia's security chief", "the senior Chinese diplomat", "his Indonesian
// counterpart", "the governor") resolved to the one person whose titles and nationality fit.
// Conservative by design: a role mention that fits two people is left unresolved unless recency
// singles one out.
import {
  ANAPHORIC_ROLE_HEADS, GRADING_MODIFIERS, POSSESSIVE_PRONOUNS, ROLE_MODIFIERS, VAGUE_ROLE_HEADS, countriesIn, roleWordInTitle,
} from './entities-lexicon.js';
import { crossesLine, isCountryWord, type Word } from './entities-text.js';

/** How many sentences back a mention still makes a person "the one just talked about";
 *  one sentence of distance covers a role mention in the sentence after the name, as news prose does. */
export const RECENCY_WINDOW_SENTENCES = 1;
/** Most modifiers read before a role head ("the newly appointed deputy central bank governor"). */
const MAX_ROLE_MODIFIERS = 4;

export interface RoleMention {
  start: number;
  end: number;
  head: string;
  /** Modifiers that name the office ("security", "central", "bank"), grading words left out. */
  modifiers: string[];
  countries: Set<string>;
}

export interface PersonProfile {
  /** Lower-case words of the person's titles, with acronyms spelled out. */
  titleWords: Set<string>;
  countries: Set<string>;
  /** Start offsets of the person's name mentions. */
  mentionStarts: number[];
}

/** Finds role mentions among words not already taken by names or titles. */
export function findRoleMentions(
  text: string,
  words: Word[],
  taken: (index: number) => boolean,
  insideOrganisation: (index: number) => boolean,
): RoleMention[] {
  const found: RoleMention[] = [];
  for (let head = 0; head < words.length; head++) {
    const headWord = words[head];
    if (taken(head) || insideOrganisation(head) || !ANAPHORIC_ROLE_HEADS.has(headWord.lower)) continue;
    let first = head;
    while (first > 0 && head - first < MAX_ROLE_MODIFIERS && !taken(first - 1)) {
      const previous = words[first - 1];
      if (crossesLine(text, previous.end, words[first].start)) break;
      const modifier = ROLE_MODIFIERS.has(previous.lower) || (isCountryWord(previous) && !previous.possessive) || (insideOrganisation(first - 1) && !previous.possessive);
      if (!modifier) break;
      first--;
    }
    const determiner = words[first - 1];
    if (!determiner || taken(first - 1) || insideOrganisation(first - 1) && !determiner.possessive || crossesLine(text, determiner.end, words[first].start)) continue;
    let start: number;
    const countries = new Set<string>();
    if (determiner.lower === 'the') start = words[first].start;
    else if (determiner.possessive && isCountryWord(determiner)) {
      start = determiner.start;
      for (const code of countriesIn(determiner.lower)) countries.add(code);
    } else if (POSSESSIVE_PRONOUNS.has(determiner.lower) && headWord.lower === 'counterpart') start = words[first].start;
    else continue;
    const next = words[head + 1];
    // "the minister of ...", "the Governor Kamau ..." and "the minister, Kamau ..." are titles, not role mentions.
    if (next && !crossesLine(text, headWord.end, next.start)) {
      if (next.lower === 'of' || (next.capitalized && !next.isPunctuation) || taken(head + 1)) continue;
      if (next.text === ',' && words[head + 2]?.capitalized && taken(head + 2)) continue;
    }
    const modifiers: string[] = [];
    for (const word of words.slice(first, head)) {
      if (isCountryWord(word)) for (const code of countriesIn(word.lower)) countries.add(code);
      else if (!GRADING_MODIFIERS.has(word.lower)) modifiers.push(word.lower);
    }
    if (VAGUE_ROLE_HEADS.has(headWord.lower) && countries.size === 0 && modifiers.length === 0) continue;
    if (headWord.lower === 'counterpart' && countries.size === 0) continue;
    found.push({ start, end: headWord.end, head: headWord.lower, modifiers, countries });
  }
  return found;
}

function sharesCountry(a: Set<string>, b: Set<string>): boolean {
  for (const code of a) if (b.has(code)) return true;
  return false;
}

function fits(mention: RoleMention, person: PersonProfile): boolean {
  if (mention.countries.size > 0 && !sharesCountry(mention.countries, person.countries)) return false;
  if (mention.head === 'counterpart') return mention.countries.size > 0;
  if (!roleWordInTitle(mention.head, person.titleWords)) return false;
  return mention.modifiers.every((modifier) => roleWordInTitle(modifier, person.titleWords));
}

/**
 * Resolves role mentions to people: the index of the one person whose titles and nationality fit, or, when
 * several fit, of the one of them named in the same or the previous sentence; -1 when none or no single one.
 * Which people fit depends only on the mention's head, modifiers and countries, so it is worked out once per
 * such reading; recency looks only at the names in the window of sentences before the mention. Both keep a
 * long article's role mentions from each scanning every person.
 */
export function roleMentionResolver(people: PersonProfile[], sentenceOf: (offset: number) => number): (mention: RoleMention) => number {
  const fittingByReading = new Map<string, number[]>();
  const namesBySentence = new Map<number, { start: number; person: number }[]>();
  people.forEach((person, index) => {
    for (const start of person.mentionStarts) {
      const sentence = sentenceOf(start);
      const names = namesBySentence.get(sentence);
      if (names) names.push({ start, person: index });
      else namesBySentence.set(sentence, [{ start, person: index }]);
    }
  });
  return (mention) => {
    const reading = `${mention.head}|${mention.modifiers.join(' ')}|${[...mention.countries].sort().join(' ')}`;
    let fitting = fittingByReading.get(reading);
    if (!fitting) {
      fitting = people.flatMap((person, index) => (fits(mention, person) ? [index] : []));
      fittingByReading.set(reading, fitting);
    }
    if (fitting.length === 1) return fitting[0];
    if (fitting.length === 0) return -1;
    const candidates = new Set(fitting);
    const sentence = sentenceOf(mention.start);
    const recent = new Set<number>();
    for (let back = 0; back <= RECENCY_WINDOW_SENTENCES; back++) {
      for (const name of namesBySentence.get(sentence - back) ?? []) {
        if (name.start < mention.start && candidates.has(name.person)) recent.add(name.person);
      }
    }
    return recent.size === 1 ? [...recent][0] : -1;
  };
}
