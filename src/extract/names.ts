// Name normalisation and comparison shared by in-article resolution and cross-article merging.
// The matching rules are dossier's own core logic (no library models transliteration variants
// of person names), so they are written here: fold to ASCII, then erase the spelling choices that
// romanisation systems make differently (y/i, kh/h, ou/u, doubled letters, -iy/-yy endings).
import anyAscii from 'any-ascii';
import { distance } from 'fastest-levenshtein';

/** Courtesy titles that precede a name and are not part of it (nor a role). */
const HONORIFICS = new Map<string, 'm' | 'f' | null>([
  ['mr', 'm'], ['mister', 'm'], ['sir', 'm'], ['lord', 'm'], ['monsieur', 'm'], ['senor', 'm'], ['herr', 'm'],
  ['mrs', 'f'], ['ms', 'f'], ['miss', 'f'], ['madam', 'f'], ['madame', 'f'], ['mme', 'f'], ['dame', 'f'], ['lady', 'f'],
  ['dr', null], ['prof', null], ['professor', null], ['mx', null],
]);

/** Lower-case name particles: part of a surname, never a given name or a surname by themselves. */
const PARTICLES = new Set(['bin', 'ibn', 'bint', 'al', 'el', 'abu', 'de', 'da', 'do', 'dos', 'das', 'di', 'del', 'della', 'van', 'von', 'der', 'den', 'la', 'le', 'du', 'ter', 'ten', 'y']);

const GENERATIONAL = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/** Shortest folded token in which any one edit still counts as a spelling variant ("Lavrov"/"Lavrow");
 *  shorter names differ by one letter too often ("Kamau"/"Kamal"). Set on hand-made variant and clash pairs. */
const MIN_LENGTH_FOR_ONE_EDIT = 6;
/** Shortest folded token in which one vowel change counts ("Ahmed"/"Ahmad", not "Wang"/"Wong"). */
const MIN_LENGTH_FOR_ONE_VOWEL_EDIT = 5;
/** Shortest folded token in which two vowel changes count ("Mohammed"/"Muhammad", not "Putin"/"Patan"). */
const MIN_LENGTH_FOR_TWO_VOWEL_EDITS = 7;

export interface ParsedName {
  /** Name tokens as written, without honorifics, particles kept. */
  tokens: string[];
  /** Gender implied by an honorific (Mr/Ms), or null. */
  gender: 'm' | 'f' | null;
  /** Given-name tokens (everything before the surname, particles excluded). */
  given: string[];
  /** The last non-particle, non-generational token. */
  surname: string;
}

export const foldToAscii = memoized((text: string): string => anyAscii(text.normalize('NFC')));

/** Bare lower-case letters of a word: folded, without dots, apostrophes or hyphens. */
export function bareWord(word: string): string {
  return foldToAscii(word).toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Longer inputs are not names or words: they are computed every time rather than kept. */
const MEMO_MAX_INPUT_CHARS = 200;

/**
 * Remembers the last results of a pure string function. Entity resolution asks for the key of the same
 * few thousand names over and over; the bound keeps a long-running server's memory flat.
 */
function memoized(compute: (input: string) => string, capacity = 20_000): (input: string) => string {
  let cache = new Map<string, string>();
  return (input) => {
    if (input.length > MEMO_MAX_INPUT_CHARS) return compute(input);
    const known = cache.get(input);
    if (known !== undefined) return known;
    const value = compute(input);
    if (cache.size >= capacity) cache = new Map();
    cache.set(input, value);
    return value;
  };
}

/** A spelling-insensitive key for one name token: variants from different romanisations collapse. */
export const tokenKey = memoized((token: string): string =>
  bareWord(token)
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/ou|oo/g, 'u')
    .replace(/([aeiou])j$/g, '$1i')
    .replace(/y/g, 'i')
    .replace(/ie(?=[^aeiou])/g, 'i')
    .replace(/(.)\1+/g, '$1'));

/** Most edits between the keys of two tokens that `tokensMatch` can accept. */
const MAX_TOKEN_EDITS = 2;

/** Every string made from `key` by deleting at most `depth` characters. */
function deletions(key: string, depth: number): Set<string> {
  const found = new Set([key]);
  let frontier = [key];
  for (let level = 0; level < depth; level++) {
    const next: string[] = [];
    for (const word of frontier) {
      for (let i = 0; i < word.length; i++) {
        const shorter = word.slice(0, i) + word.slice(i + 1);
        if (!found.has(shorter)) {
          found.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return found;
}

/**
 * Values filed under name tokens, found again by any token that may be a spelling variant of theirs, without
 * comparing against every token filed (which made resolution quadratic in the length of an article). Two keys
 * within edit distance d share a string that both reach by at most d deletions (the symmetric-delete idea of
 * SymSpell), so the candidates are a superset of what `tokensMatch` accepts: callers still apply their test.
 */
export class TokenVariantIndex {
  private readonly byVariant = new Map<string, Set<number>>();

  /** Files `value` (an index into the caller's list) under `token`. */
  add(token: string, value: number): void {
    const key = tokenKey(token);
    if (!key) return;
    for (const variant of deletions(key, MAX_TOKEN_EDITS)) {
      const values = this.byVariant.get(variant);
      if (values) values.add(value);
      else this.byVariant.set(variant, new Set([value]));
    }
  }

  /** Values filed under a token that may match `token`, in increasing order. */
  candidates(token: string): number[] {
    const key = tokenKey(token);
    if (!key) return [];
    const found = new Set<number>();
    for (const variant of deletions(key, MAX_TOKEN_EDITS)) for (const value of this.byVariant.get(variant) ?? []) found.add(value);
    return [...found].sort((a, b) => a - b);
  }
}

/** Consonant outline used for vowel-only transliteration differences (Mohammed/Muhammad). */
function consonantOutline(key: string): string {
  return key.charAt(0) + key.slice(1).replace(/[aeiou]/g, '');
}

/** True when two name tokens are spelling variants of one another. */
export function tokensMatch(a: string, b: string): boolean {
  const keyA = tokenKey(a);
  const keyB = tokenKey(b);
  if (!keyA || !keyB) return false;
  if (keyA === keyB) return true;
  if (keyA[0] !== keyB[0]) return false;
  const shorter = Math.min(keyA.length, keyB.length);
  const edits = distance(keyA, keyB);
  if (edits === 1 && shorter >= MIN_LENGTH_FOR_ONE_EDIT) return true;
  if (consonantOutline(keyA) !== consonantOutline(keyB)) return false;
  return (edits === 1 && shorter >= MIN_LENGTH_FOR_ONE_VOWEL_EDIT) || (edits === 2 && shorter >= MIN_LENGTH_FOR_TWO_VOWEL_EDITS);
}

/** A given name is compatible with another when one is the other's initial or a spelling variant. */
function givenTokensCompatible(a: string, b: string): boolean {
  const bareA = bareWord(a);
  const bareB = bareWord(b);
  if (bareA.length === 1 || bareB.length === 1) return bareA[0] === bareB[0];
  return tokensMatch(a, b);
}

export function honorificGender(word: string): 'm' | 'f' | null | undefined {
  return HONORIFICS.get(bareWord(word));
}

export function isHonorific(word: string): boolean {
  return HONORIFICS.has(bareWord(word));
}

export function isParticle(word: string): boolean {
  return PARTICLES.has(word) || /^(al|el)-/.test(word);
}

export function parseName(text: string): ParsedName {
  const words = text
    .split(/\s+/)
    .map((word) => word.replace(/['’]s$/, '').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, ''))
    .filter(Boolean);
  let gender: 'm' | 'f' | null = null;
  while (words.length > 1 && isHonorific(words[0])) {
    gender = honorificGender(words.shift()!) ?? gender;
  }
  const tokens = words.map((word) => word.replace(/\.$/, '')).filter(Boolean);
  const core = tokens.filter((token) => !GENERATIONAL.has(bareWord(token)));
  const meaningful = core.filter((token) => !isParticle(token));
  const surname = meaningful.length ? meaningful[meaningful.length - 1] : (core[core.length - 1] ?? '');
  return { tokens, gender, given: meaningful.slice(0, -1), surname };
}

/** True when two multi-token names can be one person: surnames match and given names do not clash. */
export function fullNamesMatch(a: ParsedName, b: ParsedName): boolean {
  if (!a.surname || !b.surname || !tokensMatch(a.surname, b.surname)) return false;
  if (a.gender && b.gender && a.gender !== b.gender) return false;
  const [shorter, longer] = a.given.length <= b.given.length ? [a.given, b.given] : [b.given, a.given];
  if (shorter.length === 0) return true;
  // The first given names must agree; a shorter name may skip middle names ("Luiz Lula" ~ "Luiz Inacio Lula").
  if (!givenTokensCompatible(shorter[0], longer[0])) return false;
  let cursor = 1;
  for (const token of shorter.slice(1)) {
    while (cursor < longer.length && !givenTokensCompatible(token, longer[cursor])) cursor++;
    if (cursor === longer.length) return false;
    cursor++;
  }
  return true;
}

/** Folded lower-case words of an organisation or place name, without a leading article or dots. */
export function nameWords(name: string): string[] {
  const words = foldToAscii(name)
    .replace(/['’]s\b/g, '')
    .replace(/&/g, ' and ')
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .map((word) => word.replace(/\./g, ''))
    .filter(Boolean);
  if (words[0] === 'the') words.shift();
  return words;
}
