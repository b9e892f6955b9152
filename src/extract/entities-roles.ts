// Titles and roles attached to a person's name, read from the words around the name:
// before it ("Kenyan Central Bank Governor Kamau Thugge", "Governor of the ... Bank Thugge")
// and in an apposition after it ("Li Qiang, member of ... and Director of ...,", "X, the governor, said").
import {
  DETERMINERS, FUNCTION_WORDS, ROLE_MODIFIERS, ROLE_NOUNS, TITLE_CONNECTORS, countriesIn,
} from './entities-lexicon.js';
import { crossesLine, isAcronym, isCountryWord, type Word } from './entities-text.js';

/** Longest apposition read as a role; longer comma phrases are clauses, not titles (two long seen titles are ~20 words). */
const MAX_APPOSITION_WORDS = 30;

const CALENDAR_WORDS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar',
  'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

export interface RoleContext {
  text: string;
  words: Word[];
  /** NER type covering each word, or null. */
  coverage: ('PER' | 'ORG' | 'LOC' | 'MISC' | null)[];
}

export interface RoleReading {
  roles: string[];
  countries: Set<string>;
  /** Character range of every word read as part of a role, so it is not read again as a role mention. */
  ranges: { start: number; end: number }[];
}

function isRoleNoun(word: Word): boolean {
  return ROLE_NOUNS.has(word.lower) || word.lower.split('-').some((part) => ROLE_NOUNS.has(part) && word.lower.includes('-'));
}

function isTitleWord(context: RoleContext, index: number): boolean {
  const word = context.words[index];
  const covered = context.coverage[index];
  if (covered === 'PER' || word.isPunctuation) return false;
  if (covered) return true;
  if (isRoleNoun(word) || ROLE_MODIFIERS.has(word.lower)) return true;
  if (CALENDAR_WORDS.has(word.lower)) return false;
  if (!word.capitalized) return TITLE_CONNECTORS.has(word.lower);
  return !FUNCTION_WORDS.has(word.lower) || TITLE_CONNECTORS.has(word.lower);
}

/** A role phrase needs a role noun that heads it: last word, or followed by a complement ("Secretary of the ...", "ambassador to ..."). */
function hasRoleHead(words: Word[]): boolean {
  if (words.length === 0) return false;
  if (isRoleNoun(words[words.length - 1])) return true;
  return words.some((word, i) => isRoleNoun(word) && ['of', 'at', 'to'].includes(words[i + 1]?.lower ?? ''));
}

/** Splits coordinated titles at "and" before a role noun ("member of X and Director of Y"). */
function splitCoordinated(words: Word[]): Word[][] {
  const parts: Word[][] = [[]];
  words.forEach((word, i) => {
    if (word.lower === 'and' && !word.capitalized && words[i + 1] && isRoleNoun(words[i + 1])) parts.push([]);
    else parts[parts.length - 1].push(word);
  });
  return parts.filter((part) => part.length > 0);
}

/** Drops leading words that cannot open a title (connectors, articles, an unknown sentence-initial word). */
function trimLeft(context: RoleContext, first: number, last: number, sentenceStart: number): number {
  let index = first;
  while (index <= last) {
    const word = context.words[index];
    const lexical = isRoleNoun(word) || ROLE_MODIFIERS.has(word.lower) || context.coverage[index] !== null || isAcronym(word.text) || isCountryWord(word);
    if (TITLE_CONNECTORS.has(word.lower) || DETERMINERS.has(word.lower)) index++;
    else if (index === sentenceStart && !lexical) index++;
    else break;
  }
  return index;
}

function sentenceStartBefore(context: RoleContext, index: number): number {
  let cursor = index;
  while (cursor > 0) {
    const previous = context.words[cursor - 1];
    if (/^[.!?]$/.test(previous.text) || crossesLine(context.text, previous.end, context.words[cursor].start)) break;
    cursor--;
  }
  return cursor;
}

function addRoles(reading: RoleReading, context: RoleContext, words: Word[]): void {
  for (const part of splitCoordinated(words)) {
    if (!hasRoleHead(part)) continue;
    reading.roles.push(context.text.slice(part[0].start, part[part.length - 1].end));
  }
  // A country after "to" is where the person is posted ("ambassador to Indonesia"), not their own.
  const postedTo = words.findIndex((word) => word.lower === 'to');
  const ownPart = postedTo < 0 ? words : words.slice(0, postedTo);
  for (const code of countriesIn(ownPart.map((word) => word.text).join(' '))) reading.countries.add(code);
  reading.ranges.push({ start: words[0].start, end: words[words.length - 1].end });
}

/** A title written before the name, optionally across one comma ("Brazil's foreign minister, Mauro Vieira,"). */
function readTitleBefore(context: RoleContext, firstWord: number, lastWord: number, reading: RoleReading): void {
  const { words, text } = context;
  let end = firstWord - 1;
  if (words[end]?.text === ',') {
    const after = words[lastWord + 1];
    const enclosed = !after || /^[,.;:)]$/.test(after.text) || crossesLine(text, words[lastWord].end, after.start);
    if (!enclosed) return;
    end--;
  }
  let start = end + 1;
  let possessive: Word | null = null;
  for (let index = end; index >= 0; index--) {
    if (crossesLine(text, words[index].end, words[index + 1].start)) break;
    if (words[index].possessive) {
      // "China's foreign minister": the country is nationality; "the Council's Secretary": the owner is part of the title.
      if (isCountryWord(words[index])) possessive = words[index];
      if (possessive || !words[index].capitalized) break;
    }
    if (!isTitleWord(context, index)) break;
    start = index;
  }
  start = trimLeft(context, start, end, sentenceStartBefore(context, firstWord));
  const phrase = words.slice(start, end + 1);
  if (!hasRoleHead(phrase)) {
    if (possessive && phrase.length === 0) reading.ranges.push({ start: possessive.start, end: possessive.end });
    return;
  }
  addRoles(reading, context, phrase);
  if (possessive) {
    for (const code of countriesIn(possessive.lower)) reading.countries.add(code);
    reading.ranges.push({ start: possessive.start, end: possessive.end });
  }
}

/** A role in apposition after the name: ", the central bank governor," or ", member of ... ,". */
function readApposition(context: RoleContext, lastWord: number, reading: RoleReading): void {
  const { words, text } = context;
  if (words[lastWord + 1]?.text !== ',') return;
  let index = lastWord + 2;
  const opening = index;
  while (words[index] && (DETERMINERS.has(words[index].lower) || (words[index].possessive && isCountryWord(words[index])))) index++;
  const phraseStart = index;
  while (words[index] && !words[index].isPunctuation && index - opening < MAX_APPOSITION_WORDS) {
    if (crossesLine(text, words[index - 1].end, words[index].start)) break;
    const word = words[index];
    const allowed = word.possessive || isTitleWord(context, index);
    if (!allowed) return;
    index++;
  }
  const terminator = words[index];
  if (terminator && !/^[,.;:)(]$/.test(terminator.text)) return;
  const phrase = words.slice(phraseStart, index);
  if (phrase.length === 0 || !hasRoleHead(phrase)) return;
  const opener = phrase[0];
  const opensLikeTitle = isRoleNoun(opener) || ROLE_MODIFIERS.has(opener.lower) || isCountryWord(opener) || context.coverage[phraseStart] !== null || isAcronym(opener.text) || phraseStart > opening;
  if (!opensLikeTitle) return;
  for (const word of words.slice(opening, phraseStart)) for (const code of countriesIn(word.lower)) reading.countries.add(code);
  addRoles(reading, context, phrase);
}

/** Roles and nationality stated next to one name mention (its first and last word indexes). */
export function readRoles(context: RoleContext, firstWord: number, lastWord: number): RoleReading {
  const reading: RoleReading = { roles: [], countries: new Set(), ranges: [] };
  readTitleBefore(context, firstWord, lastWord, reading);
  readApposition(context, lastWord, reading);
  const previous = context.words[firstWord - 1];
  if (previous && context.coverage[firstWord - 1] !== 'PER' && isCountryWord(previous)) {
    for (const code of countriesIn(previous.lower)) reading.countries.add(code);
  }
  return reading;
}
