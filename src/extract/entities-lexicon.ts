// Word lists for role and nationality reasoning. These are general English and world facts
// (role nouns, country names and demonyms), never lists of particular people.
import { createRequire } from 'node:module';
import type { Countries } from 'world-countries';
import { nameWords } from './names.js';

/** Nouns that head a title or role ("Foreign Minister", "central bank governor"). */
export const ROLE_NOUNS = new Set([
  'minister', 'secretary', 'secretary-general', 'undersecretary', 'under-secretary', 'chief', 'head', 'governor',
  'president', 'vice-president', 'premier', 'chancellor', 'spokesperson', 'spokesman', 'spokeswoman', 'envoy',
  'ambassador', 'diplomat', 'director', 'director-general', 'chairman', 'chairwoman', 'chair', 'chairperson', 'ceo',
  'commissioner', 'commander', 'general', 'admiral', 'leader', 'king', 'queen', 'prince', 'princess', 'emir', 'sultan',
  'senator', 'congressman', 'congresswoman', 'lawmaker', 'legislator', 'mp', 'mayor', 'judge', 'justice',
  'attorney-general', 'prosecutor', 'official', 'adviser', 'advisor', 'aide', 'member', 'deputy', 'treasurer',
  'officer', 'founder', 'co-founder', 'executive', 'manager', 'negotiator', 'representative', 'delegate', 'speaker',
  'counsellor', 'councillor', 'coordinator', 'administrator', 'economist', 'analyst', 'editor', 'correspondent',
  'pope', 'bishop', 'archbishop', 'cardinal', 'monarch', 'counterpart', 'boss', 'vice-chairman', 'vice-premier',
]);

/** Words that may stand inside a role phrase before its head noun ("deputy", "central bank", "top"). */
export const ROLE_MODIFIERS = new Set([
  'deputy', 'vice', 'acting', 'interim', 'former', 'prime', 'foreign', 'defence', 'defense', 'finance', 'interior',
  'trade', 'economy', 'economic', 'security', 'state', 'central', 'bank', 'national', 'general', 'chief', 'top',
  'senior', 'junior', 'first', 'permanent', 'special', 'executive', 'military', 'army', 'police', 'health', 'energy',
  'education', 'justice', 'home', 'affairs', 'external', 'federal', 'regional', 'provincial', 'county', 'city',
  'party', 'opposition', 'government', 'cabinet', 'presidential', 'council', 'intelligence', 'treasury', 'monetary',
  'policy', 'committee', 'veteran', 'longtime', 'long-serving', 'outgoing', 'incoming', 'visiting', 'newly', 'appointed',
  'elected', 'assistant', 'associate', 'managing', 'principal', 'lead', 'agriculture', 'labour', 'labor', 'transport',
  'communications', 'information', 'industry', 'investment', 'planning', 'development', 'environment', 'climate',
]);

/** Modifiers that only grade a role and say nothing about which office it is. */
export const GRADING_MODIFIERS = new Set([
  'top', 'senior', 'junior', 'veteran', 'longtime', 'long-serving', 'outgoing', 'incoming', 'visiting', 'newly',
  'appointed', 'elected', 'powerful', 'influential', 'new', 'chief',
]);

/** For a role head in a role mention, further title words that make a person fit it
 *  ("the top diplomat" fits a "Foreign Minister"; "the ambassador" does not fit one). */
const ROLE_HEAD_FITS: Record<string, string[]> = {
  spokesperson: ['spokesman', 'spokeswoman'],
  spokesman: ['spokesperson'],
  spokeswoman: ['spokesperson'],
  chairman: ['chair', 'chairperson'],
  chairwoman: ['chair', 'chairperson'],
  chair: ['chairman', 'chairwoman', 'chairperson'],
  adviser: ['advisor'],
  advisor: ['adviser'],
  chief: ['head', 'leader', 'secretary', 'director', 'chairman', 'chairwoman', 'chair', 'chairperson', 'commander'],
  boss: ['chief', 'head', 'leader', 'secretary', 'director', 'chairman', 'chairwoman', 'chair', 'chairperson', 'ceo'],
  leader: ['head', 'chief', 'president', 'chairman', 'chairwoman', 'chair', 'premier'],
  diplomat: ['foreign', 'ambassador', 'envoy'],
  ceo: ['executive'],
  defence: ['defense'],
  defense: ['defence'],
};

/** Role heads that say so little that they may only be resolved with a nationality or a modifier. */
export const VAGUE_ROLE_HEADS = new Set(['chief', 'head', 'leader', 'boss', 'official', 'member', 'officer', 'aide', 'counterpart', 'executive']);

/** Role heads used for role mentions ("the minister"); the rest are too generic to point at one person. */
export const ANAPHORIC_ROLE_HEADS = new Set([...ROLE_NOUNS].filter((noun) => !['member', 'official', 'officer', 'aide', 'analyst', 'economist', 'editor', 'correspondent', 'delegate', 'representative', 'manager', 'founder', 'co-founder', 'deputy', 'general', 'justice', 'head', 'executive'].includes(noun)));

/** Capitalised words that are function words and so end a title phrase ("On", "After", "When"). */
export const FUNCTION_WORDS = new Set([
  'a', 'an', 'about', 'after', 'against', 'also', 'although', 'among', 'as', 'at', 'because', 'before', 'between',
  'but', 'by', 'during', 'earlier', 'from', 'however', 'if', 'in', 'into', 'last', 'later', 'meanwhile', 'next',
  'not', 'on', 'or', 'since', 'so', 'still', 'than', 'that', 'then', 'this', 'these', 'those', 'though', 'through',
  'to', 'today', 'tomorrow', 'under', 'until', 'upon', 'when', 'where', 'whether', 'which', 'while', 'who', 'whom',
  'with', 'without', 'yesterday', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'its', 'their', 'our',
  'my', 'your', 'said', 'says', 'told', 'met', 'and', 'of', 'for', 'the',
]);

/** Lower-case words that may join the parts of a title ("Secretary of the Security Council", "economist at X"). */
export const TITLE_CONNECTORS = new Set(['of', 'the', 'for', 'and', 'on', 'to', 'at']);

export const DETERMINERS = new Set(['the', 'a', 'an']);
export const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'their', 'its']);

/** True when `word` (a role head or modifier of a role mention) is named, or stood for, in the words of a title. */
export function roleWordInTitle(word: string, titleWords: Set<string>): boolean {
  return titleWords.has(word) || (ROLE_HEAD_FITS[word] ?? []).some((fit) => titleWords.has(fit));
}

/** Country names, official names, alternative spellings and demonyms, to ISO alpha-2 codes. */
const COUNTRY_CODES = new Map<string, Set<string>>();
/** Two-letter country abbreviations common in English news; other alpha-2 codes clash with words ("IN", "NO"). */
const ABBREVIATIONS_USED_IN_NEWS = new Set(['US', 'UK']);

function addCountryForm(form: string, code: string): void {
  if (form.includes(',')) return;
  const key = nameWords(form).join(' ');
  if (!key) return;
  if (!COUNTRY_CODES.has(key)) COUNTRY_CODES.set(key, new Set());
  COUNTRY_CODES.get(key)!.add(code);
}

// world-countries is CommonJS whose typings declare an ES default export; require() gives the array itself.
const countries = createRequire(import.meta.url)('world-countries') as Countries;
const CANONICAL_COUNTRY_NAME = new Map<string, string>();
for (const country of countries) {
  CANONICAL_COUNTRY_NAME.set(country.cca2, country.name.common);
  addCountryForm(country.name.common, country.cca2);
  addCountryForm(country.name.official, country.cca2);
  for (const spelling of country.altSpellings) {
    if (spelling.length > 2 || ABBREVIATIONS_USED_IN_NEWS.has(spelling)) addCountryForm(spelling, country.cca2);
  }
  const demonyms = country.demonyms?.eng;
  if (demonyms) {
    addCountryForm(demonyms.m, country.cca2);
    addCountryForm(demonyms.f, country.cca2);
  }
}

/** Country names (common, official, alternative spellings) and capital cities, demonyms left out:
 *  a name written as one of these is a place whatever a tagger reads ("Hanoi hoped", "Vietnam said"). */
const PLACE_NAMES = new Set<string>();
function addPlaceName(form: string): void {
  if (form.includes(',')) return;
  const key = nameWords(form).join(' ');
  if (key) PLACE_NAMES.add(key);
}
for (const country of countries) {
  addPlaceName(country.name.common);
  addPlaceName(country.name.official);
  for (const spelling of country.altSpellings) if (spelling.length > 2 || ABBREVIATIONS_USED_IN_NEWS.has(spelling)) addPlaceName(spelling);
  for (const capital of country.capital) addPlaceName(capital);
}

/** True when a name is exactly a country or a capital city ("the Russian Federation", "Tashkent"). */
export function isKnownPlaceName(name: string): boolean {
  return PLACE_NAMES.has(nameWords(name).join(' '));
}

/** Head words of organisation names; after a place name they make it part of one ("Tashkent Institute"). */
export const ORGANISATION_WORDS = new Set([
  'academy', 'agency', 'airlines', 'airport', 'airways', 'army', 'association', 'authority', 'bank', 'board', 'brigade',
  'bureau', 'capital', 'church', 'club', 'college', 'commission', 'committee', 'company', 'corp', 'corporation',
  'council', 'court', 'department', 'forces', 'foundation', 'front', 'fund', 'group', 'holdings', 'hospital', 'inc',
  'industries', 'institute', 'investments', 'league', 'ltd', 'managers', 'media', 'ministry', 'motors', 'movement',
  'nations', 'network', 'news', 'office', 'organisation', 'organization', 'parliament', 'partners', 'party', 'police',
  'post', 'press', 'radio', 'school', 'securities', 'service', 'society', 'television', 'times', 'tribunal', 'union',
  'university',
]);

/** Head words of place names ("Ho Chi Minh City", "Red Sea"): a name with one is not a person's. */
export const PLACE_HEAD_WORDS = new Set([
  'city', 'town', 'province', 'region', 'state', 'county', 'district', 'island', 'islands', 'sea', 'ocean', 'river',
  'lake', 'bay', 'gulf', 'coast', 'valley', 'mountains', 'strait', 'peninsula', 'asia', 'africa', 'europe', 'america',
]);

/** The longest number of words in a country form ("Democratic People's Republic of Korea"). */
const LONGEST_COUNTRY_FORM = Math.max(...[...COUNTRY_CODES.keys()].map((key) => key.split(' ').length));

/** Country codes a phrase names exactly ("Chinese", "Russia's", "the Russian Federation"), or none. */
export function countriesOf(phrase: string): Set<string> {
  return COUNTRY_CODES.get(nameWords(phrase).join(' ')) ?? new Set();
}

/** Every country named anywhere in a phrase, by longest match over its words. */
export function countriesIn(phrase: string): Set<string> {
  const words = nameWords(phrase);
  const found = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (let length = Math.min(LONGEST_COUNTRY_FORM, words.length - i); length >= 1; length--) {
      const codes = COUNTRY_CODES.get(words.slice(i, i + length).join(' '));
      if (codes) {
        for (const code of codes) found.add(code);
        i += length - 1;
        break;
      }
    }
  }
  return found;
}

/** The common English name of the country a place name stands for ("Russian Federation" -> "Russia"), or null. */
export function canonicalCountryName(name: string): string | null {
  const codes = countriesOf(name);
  if (codes.size !== 1) return null;
  return CANONICAL_COUNTRY_NAME.get([...codes][0]) ?? null;
}
