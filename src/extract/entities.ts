// Entity resolution within one article: NER spans become entities with every mention, alias and
// role. This is dossier's core logic (which mentions are one person), so it is written here on top
// of general rules: name-variant matching (names.ts), titles around names (entities-roles.ts) and
// role mentions matched by office and nationality (entities-anaphora.ts).
import type { Entity, EntityType, Mention } from '../types.js';
import { findRoleMentions, roleMentionResolver, type PersonProfile } from './entities-anaphora.js';
import { acronymsOf, bestPersonName, bestPlaceName, countriesClash, uniqueCaseInsensitive } from './entities-forms.js';
import {
  ORGANISATION_WORDS, PLACE_HEAD_WORDS, ROLE_NOUNS, canonicalCountryName, countriesIn, isKnownPlaceName,
} from './entities-lexicon.js';
import { readRoles, type RoleContext } from './entities-roles.js';
import { isAcronym, tokenizeWords } from './entities-text.js';
import {
  bareWord, fullNamesMatch, isHonorific, nameWords, parseName, tokenKey, tokensMatch, TokenVariantIndex, type ParsedName,
} from './names.js';
import { splitSentences } from './sentences.js';
import { firstIndexWhere } from '../util/sorted.js';

export { entityKey, mergeEntities, type MergedEntity } from './entities-merge.js';

/** A span from the NER tagger (src/extract/ner); same shape as its output, declared here to keep the modules apart. */
export interface NerSpan {
  start: number;
  end: number;
  text: string;
  type: 'PER' | 'ORG' | 'LOC' | 'MISC';
}

const ENTITY_TYPES: Record<'PER' | 'ORG' | 'LOC', EntityType> = { PER: 'person', ORG: 'organization', LOC: 'location' };

/** Type order that settles a tie of tagger votes: a name shaped like a person's leans person, any other leans place. */
const TIE_ORDER_PERSON_SHAPED: EntityType[] = ['person', 'organization', 'location'];
const TIE_ORDER_OTHER: EntityType[] = ['location', 'organization', 'person'];

function majorityType(votes: Map<EntityType, number>, personShaped: boolean): EntityType {
  const order = personShaped ? TIE_ORDER_PERSON_SHAPED : TIE_ORDER_OTHER;
  return order.reduce((best, type) => ((votes.get(type) ?? 0) > (votes.get(best) ?? 0) ? type : best));
}

/** Given name(s) and surname, all capitalised, with no organisation, place or country word ("Bui Thanh Son", not "Central Bank of Kenya"). */
function isPersonShaped(name: string): boolean {
  const words = name.split(/\s+/).filter(Boolean);
  return words.length >= 2 && parseName(name).given.length > 0 && words.every((word) => /^\p{Lu}/u.test(word)) &&
    !words.some((word) => ORGANISATION_WORDS.has(bareWord(word)) || PLACE_HEAD_WORDS.has(bareWord(word))) &&
    countriesIn(name).size === 0 && !isKnownPlaceName(name);
}

interface Cluster {
  type: EntityType;
  names: Mention[];
  roleMentions: Mention[];
  roles: string[];
  countries: Set<string>;
  parsed: ParsedName[];
  typeVotes: Map<EntityType, number>;
}

function newCluster(type: EntityType): Cluster {
  return { type, names: [], roleMentions: [], roles: [], countries: new Set(), parsed: [], typeVotes: new Map() };
}

/** Narrows a span to the name itself: no article, possessive, edge punctuation, honorific or leading title. */
function cleanSpan(text: string, span: NerSpan): { start: number; end: number } | null {
  let start = Math.max(0, span.start);
  let end = Math.min(text.length, span.end);
  const advance = (pattern: RegExp): boolean => {
    const match = pattern.exec(text.slice(start, end));
    if (!match || match[0].length === end - start) return false;
    start += match[0].length;
    return true;
  };
  const retreat = (pattern: RegExp): boolean => {
    const match = pattern.exec(text.slice(start, end));
    if (!match || match[0].length === end - start) return false;
    end -= match[0].length;
    return true;
  };
  for (let changed = true; changed && start < end;) {
    changed = advance(/^[\s("“'‘\[]+/u) || advance(/^(?:the|The)\s+/) ||
      retreat(/[\s,;:!?)"”'’\]]+$/u) || retreat(/['’]s$/) || retreat(/(?<!(?:^|[.\s])\p{Lu})\.$/u);
    if (!changed && span.type === 'PER') {
      const lead = /^([\p{L}.-]+)\s+/u.exec(text.slice(start, end));
      if (lead && (isHonorific(lead[1]) || (/^\p{Lu}/u.test(lead[1]) && ROLE_NOUNS.has(lead[1].replace(/\.$/, '').toLowerCase())))) {
        changed = advance(/^[\p{L}.-]+\s+/u);
      }
    }
  }
  const cleaned = text.slice(start, end);
  return /\p{L}/u.test(cleaned) ? { start, end } : null;
}

/** Groups organisation and place mentions: same normalised name, acronym of a full name, acronym inside a longer name. */
function clusterPlacesAndOrganisations(text: string, spans: { start: number; end: number; type: 'ORG' | 'LOC' }[]): Cluster[] {
  const byKey = new Map<string, Cluster>();
  for (const span of spans) {
    const surface = text.slice(span.start, span.end);
    const key = nameWords(canonicalCountryName(surface) ?? surface).join(' ');
    if (!key) continue;
    const type = ENTITY_TYPES[span.type];
    if (!byKey.has(key)) byKey.set(key, newCluster(type));
    const cluster = byKey.get(key)!;
    cluster.names.push({ start: span.start, end: span.end, text: surface });
    cluster.typeVotes.set(type, (cluster.typeVotes.get(type) ?? 0) + 1);
  }
  const expansions = new Map<string, string>();
  // Which full names each acronym abbreviates, gathered once rather than by comparing every pair of names.
  const ownersByAcronym = new Map<string, Set<string>>();
  for (const [key, cluster] of byKey) {
    for (const mention of cluster.names) {
      if (isAcronym(mention.text)) continue;
      for (const acronym of acronymsOf(mention.text)) {
        const owners = ownersByAcronym.get(acronym);
        if (owners) owners.add(key);
        else ownersByAcronym.set(acronym, new Set([key]));
      }
    }
  }
  for (const [key, cluster] of byKey) {
    if (!cluster.names.every((mention) => isAcronym(mention.text))) continue;
    const owners = [...(ownersByAcronym.get(key) ?? [])].filter((other) => other !== key);
    if (owners.length !== 1) continue;
    expansions.set(key, owners[0]);
  }
  // A longer name written with an acronym ("UN Security Council") is the spelled-out one.
  const canonicalKey = (key: string): string => {
    const expanded = key.split(' ').map((word) => expansions.get(word) ?? word).join(' ');
    return byKey.has(expanded) ? expanded : key;
  };
  const merged = new Map<string, Cluster>();
  for (const [key, cluster] of byKey) {
    const target = canonicalKey(key);
    if (!merged.has(target)) merged.set(target, newCluster(cluster.type));
    const into = merged.get(target)!;
    into.names.push(...cluster.names);
    for (const [type, votes] of cluster.typeVotes) into.typeVotes.set(type, (into.typeVotes.get(type) ?? 0) + votes);
  }
  for (const cluster of merged.values()) cluster.type = majorityType(cluster.typeVotes, false);
  return [...merged.values()];
}

interface PersonMention extends Mention {
  parsed: ParsedName;
  roles: string[];
  countries: Set<string>;
  /** The type this mention argues for: the tagger's, or person when a title stands before the name. */
  vote: EntityType;
}

function addPersonMention(cluster: Cluster, mention: PersonMention): void {
  cluster.typeVotes.set(mention.vote, (cluster.typeVotes.get(mention.vote) ?? 0) + 1);
  cluster.names.push({ start: mention.start, end: mention.end, text: mention.text });
  cluster.parsed.push(mention.parsed);
  cluster.roles.push(...mention.roles);
  for (const code of mention.countries) cluster.countries.add(code);
}

function clusterGender(cluster: Cluster): 'm' | 'f' | null {
  return cluster.parsed.find((parsed) => parsed.gender)?.gender ?? null;
}

/** Files a list position under a key (a map of key to the positions filed under it). */
function addPosition(index: Map<string, Set<number>>, key: string, position: number): void {
  const positions = index.get(key);
  if (positions) positions.add(position);
  else index.set(key, new Set([position]));
}

/** The positions filed under a key, in increasing order. */
function positionsOf(index: Map<string, Set<number>>, key: string): number[] {
  return [...(index.get(key) ?? [])].sort((a, b) => a - b);
}

/**
 * Groups person mentions: full names by name compatibility, then single names onto the one full name they fit.
 * Clusters are looked up through indexes of their name tokens (exact keys and spelling variants) rather than by
 * scanning every cluster, so an article with thousands of names resolves in time linear in its length; the
 * indexes return candidates in creation order and the same tests as before decide among them.
 */
function clusterPeople(mentions: PersonMention[]): Cluster[] {
  const full: Cluster[] = [];
  const fullSurnames = new TokenVariantIndex();
  const fullGivenKeys = new Map<string, Set<number>>();
  const fullNameKeys = new Map<string, Set<number>>();
  const nameKey = (parsed: ParsedName) => parsed.tokens.map(tokenKey).join(' ');
  const addToFull = (position: number, mention: PersonMention): void => {
    addPersonMention(full[position], mention);
    fullSurnames.add(mention.parsed.surname, position);
    for (const given of mention.parsed.given) addPosition(fullGivenKeys, tokenKey(given), position);
    addPosition(fullNameKeys, nameKey(mention.parsed), position);
  };
  for (const mention of mentions.filter((m) => m.parsed.given.length > 0)) {
    const key = nameKey(mention.parsed);
    const compatible = fullSurnames.candidates(mention.parsed.surname).filter((position) =>
      !countriesClash(full[position].countries, mention.countries) && full[position].parsed.some((parsed) => fullNamesMatch(parsed, mention.parsed)));
    const exactPositions = new Set(fullNameKeys.get(key) ?? []);
    const exact = compatible.find((position) => exactPositions.has(position));
    const target = exact ?? (compatible.length === 1 ? compatible[0] : undefined);
    if (target !== undefined) addToFull(target, mention);
    else {
      full.push(newCluster('person'));
      addToFull(full.length - 1, mention);
    }
  }
  const single: Cluster[] = [];
  const singleSurnames = new TokenVariantIndex();
  for (const mention of mentions.filter((m) => m.parsed.given.length === 0)) {
    const word = mention.parsed.surname;
    const wordKey = tokenKey(word);
    const admissible = (cluster: Cluster): boolean => {
      const gender = clusterGender(cluster);
      return !(gender && mention.parsed.gender && gender !== mention.parsed.gender) && !countriesClash(cluster.countries, mention.countries);
    };
    const variants = fullSurnames.candidates(word);
    const bySurname = (exact: boolean) => variants.filter((position) => admissible(full[position]) &&
      full[position].parsed.some((parsed) => (exact ? tokenKey(parsed.surname) === wordKey : tokensMatch(parsed.surname, word))));
    // Family-name-first names ("Li Qiang" -> "Mr Li") match on another token of the full name.
    const byOtherToken = () => positionsOf(fullGivenKeys, wordKey).filter((position) => admissible(full[position]));
    let candidates = bySurname(true);
    if (candidates.length === 0) candidates = bySurname(false);
    if (candidates.length === 0) candidates = byOtherToken();
    if (candidates.length === 1) {
      addPersonMention(full[candidates[0]], mention);
      continue;
    }
    const earlier = candidates.length === 0
      ? singleSurnames.candidates(word).find((position) => admissible(single[position]) && tokensMatch(single[position].parsed[0].surname, word))
      : undefined;
    if (earlier !== undefined) addPersonMention(single[earlier], mention);
    else {
      const cluster = newCluster('person');
      addPersonMention(cluster, mention);
      single.push(cluster);
      singleSurnames.add(word, single.length - 1);
    }
  }
  return [...full, ...single];
}

/** Lower-case words of a person's titles, acronyms of the article's organisations spelled out. */
function titleWordsOf(roles: string[], acronymExpansions: Map<string, string>): Set<string> {
  const words = new Set<string>();
  for (const role of roles) {
    for (const raw of role.split(/[\s]+/)) {
      const word = raw.replace(/['’]s$/, '');
      const bare = bareWord(word);
      if (!bare) continue;
      words.add(bare);
      for (const part of word.toLowerCase().split('-')) if (bareWord(part)) words.add(bareWord(part));
      for (const expanded of (acronymExpansions.get(bare) ?? '').split(' ')) if (expanded) words.add(expanded);
    }
  }
  return words;
}

function toEntity(cluster: Cluster): Omit<Entity, 'id'> {
  const mentions = [...cluster.names, ...cluster.roleMentions]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .filter((mention, i, all) => i === 0 || mention.start !== all[i - 1].start || mention.end !== all[i - 1].end);
  const name = cluster.type === 'person' ? bestPersonName(cluster.names) : bestPlaceName(cluster.names);
  const aliases = [...new Set(mentions.map((mention) => mention.text))].filter((alias) => alias !== name);
  return { name, type: cluster.type, aliases, roles: uniqueCaseInsensitive(cluster.roles), mentions };
}

type TypedRange = { type: NerSpan['type']; start: number; end: number };

/** A country or capital is a place whatever the tagger read, unless an organisation word follows it
 *  ("Tashkent Institute") or it is a word of a person's full name in the article ("Jordan" after "Michael Jordan"). */
function retypeKnownPlaces(text: string, spans: TypedRange[]): TypedRange[] {
  const personNameWords = new Set(spans.filter((span) => span.type === 'PER').flatMap((span) => {
    const words = text.slice(span.start, span.end).split(/\s+/);
    return words.length > 1 ? words.map(bareWord) : [];
  }));
  return spans.map((span) => {
    const surface = text.slice(span.start, span.end);
    if (span.type === 'LOC' || !isKnownPlaceName(surface)) return span;
    const following = /^\s+(\p{Lu}[\p{L}.]*)/u.exec(text.slice(span.end))?.[1] ?? '';
    if (ORGANISATION_WORDS.has(bareWord(following))) return span;
    if (span.type === 'PER' && personNameWords.has(bareWord(surface))) return span;
    return { ...span, type: 'LOC' };
  });
}

/** Joins person clusters with place or organisation clusters written with the same name, so that one name is one
 *  entity of one type: the majority of its mentions' votes. */
function mergeSameNames(people: Cluster[], places: Cluster[]): Cluster[] {
  const keyOf = (name: string) => nameWords(canonicalCountryName(name) ?? name).join(' ');
  const placesByKey = new Map<string, Set<number>>();
  places.forEach((place, position) => {
    for (const mention of place.names) addPosition(placesByKey, keyOf(mention.text), position);
  });
  const taken = new Set<number>();
  const result: Cluster[] = [];
  for (const person of people) {
    // The person's fullest name only: "Victoria" the city is not "Victoria Alvarez" written by her given name.
    const same = positionsOf(placesByKey, keyOf(bestPersonName(person.names))).filter((position) => !taken.has(position));
    if (same.length === 0) {
      result.push(person);
      continue;
    }
    const merged = newCluster('person');
    for (const cluster of [person, ...same.map((position) => places[position])]) {
      merged.names.push(...cluster.names);
      for (const [type, votes] of cluster.typeVotes) merged.typeVotes.set(type, (merged.typeVotes.get(type) ?? 0) + votes);
    }
    for (const position of same) taken.add(position);
    merged.type = majorityType(merged.typeVotes, isPersonShaped(bestPersonName(person.names)));
    if (merged.type === 'person') Object.assign(merged, { roles: person.roles, countries: person.countries, parsed: person.parsed });
    result.push(merged);
  }
  return [...result, ...places.filter((_, position) => !taken.has(position))];
}

/** Index of the first of `ranges` (in text order, not overlapping) that ends after `offset`; `ranges.length` when none does. */
function firstEndingAfter(ranges: readonly { end: number }[], offset: number): number {
  return firstIndexWhere(ranges, (range) => range.end > offset);
}

/** For each word, the label of the first range (in list order) that overlaps it, or null: each range looks up only
 *  the words it overlaps. */
function coveredWords<R extends { start: number; end: number }, L>(words: { start: number; end: number }[], ranges: R[], label: (range: R) => L): (L | null)[] {
  const labels: (L | null)[] = new Array(words.length).fill(null);
  for (const range of ranges) {
    for (let index = firstEndingAfter(words, range.start); index < words.length && words[index].start < range.end; index++) {
      labels[index] ??= label(range);
    }
  }
  return labels;
}

/** Resolves an article's NER spans into entities with their mentions, aliases and roles. */
export function resolveEntities(text: string, spans: NerSpan[]): Entity[] {
  const words = tokenizeWords(text);
  const cleaned = retypeKnownPlaces(text, spans
    .filter((span) => span.start >= 0 && span.end <= text.length && span.start < span.end)
    .map((span) => ({ type: span.type, range: cleanSpan(text, span) }))
    .filter((span): span is { type: NerSpan['type']; range: { start: number; end: number } } => span.range !== null)
    .map((span) => ({ type: span.type, ...span.range })));
  /** Index of the first word ending after `offset`; `words.length` when none does (words are in text order). */
  const wordIndexAt = (offset: number) => firstEndingAfter(words, offset);
  const coverage = coveredWords(words, cleaned, (span) => span.type) as RoleContext['coverage'];
  const context: RoleContext = { text, words, coverage };
  const lastWordBefore = (offset: number) => {
    let index = wordIndexAt(offset) - 1;
    while (index + 1 < words.length && words[index + 1].start < offset) index++;
    return index;
  };

  const roleRanges: { start: number; end: number }[] = [];
  // Organisation or place spans shaped like a person's name are clustered with the people and vote by their tag.
  const personCandidate = (span: TypedRange) => span.type === 'PER' ||
    ((span.type === 'ORG' || span.type === 'LOC') && isPersonShaped(text.slice(span.start, span.end)));
  const personMentions: PersonMention[] = cleaned.filter(personCandidate).map((span) => {
    const reading = readRoles(context, wordIndexAt(span.start), lastWordBefore(span.end));
    // A title that ends in its role noun right before the name ("his counterpart X"), not "economist at X".
    const titled = reading.ranges.some((range) => range.end <= span.start) &&
      reading.roles.some((role) => ROLE_NOUNS.has((role.split(/\s+/).pop() ?? '').toLowerCase()));
    const vote: EntityType = span.type === 'PER' || titled ? 'person' : ENTITY_TYPES[span.type as 'ORG' | 'LOC'];
    if (vote === 'person') roleRanges.push(...reading.ranges);
    const surface = text.slice(span.start, span.end);
    return { start: span.start, end: span.end, text: surface, parsed: parseName(surface), roles: reading.roles, countries: reading.countries, vote };
  }).filter((mention) => mention.parsed.surname !== '');

  const personClusters = clusterPeople(personMentions);
  for (const cluster of personClusters) cluster.type = majorityType(cluster.typeVotes, isPersonShaped(bestPersonName(cluster.names)));
  const placeClusters = clusterPlacesAndOrganisations(text, cleaned.filter((span): span is typeof span & { type: 'ORG' | 'LOC' } =>
    (span.type === 'ORG' || span.type === 'LOC') && !personCandidate(span)));
  const outvoted = personClusters.filter((cluster) => cluster.type !== 'person').map((cluster) =>
    ({ ...newCluster(cluster.type), names: cluster.names, typeVotes: cluster.typeVotes }));
  const clusters = mergeSameNames(personClusters.filter((cluster) => cluster.type === 'person'), [...placeClusters, ...outvoted]);
  const people = clusters.filter((cluster) => cluster.type === 'person');
  const places = clusters.filter((cluster) => cluster.type !== 'person');
  const acronymExpansions = new Map<string, string>();
  for (const cluster of places) {
    const full = cluster.names.find((mention) => !isAcronym(mention.text.replace(/\s+/g, '')));
    if (!full) continue;
    for (const mention of cluster.names) if (isAcronym(mention.text)) acronymExpansions.set(bareWord(mention.text), nameWords(full.text).join(' '));
  }

  const profiles: PersonProfile[] = people.map((cluster) => {
    const titleWords = titleWordsOf(cluster.roles, acronymExpansions);
    // Organisations named by acronym in a title tell the nationality once spelled out ("CBK Governor" -> Kenya).
    for (const role of cluster.roles) {
      for (const word of role.split(/\s+/)) for (const code of countriesIn(acronymExpansions.get(bareWord(word)) ?? '')) cluster.countries.add(code);
    }
    return { titleWords, countries: cluster.countries, mentionStarts: cluster.names.map((mention) => mention.start) };
  });

  const sentences = splitSentences(text);
  const sentenceOf = (offset: number) => firstEndingAfter(sentences, offset);
  const inTitle = coveredWords(words, roleRanges, () => true);
  const taken = (index: number) => coverage[index] === 'PER' || inTitle[index] !== null;
  const resolveRole = roleMentionResolver(profiles, sentenceOf);
  for (const roleMention of findRoleMentions(text, words, taken, (index) => coverage[index] === 'ORG')) {
    const person = resolveRole(roleMention);
    if (person < 0) continue;
    people[person].roleMentions.push({ start: roleMention.start, end: roleMention.end, text: text.slice(roleMention.start, roleMention.end) });
  }

  return [...people, ...places]
    .map(toEntity)
    .sort((a, b) => a.mentions[0].start - b.mentions[0].start)
    .map((entity, i) => ({ id: `e${i + 1}`, ...entity }));
}
