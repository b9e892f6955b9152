// Cross-article entity merging for the event builder: one person written "Zelensky" in one article,
// "Volodymyr Zelenskyy" in another and "Volodymir Zelenskiy" in a third is one participant; a namesake with a
// clashing given name or nationality stays apart.
import type { Entity, EntityType } from '../types.js';
import { acronymsOf, bestPersonName, bestPlaceName, countriesClash, uniqueCaseInsensitive } from './entities-forms.js';
import { GRADING_MODIFIERS, ROLE_NOUNS, canonicalCountryName, countriesIn, countriesOf } from './entities-lexicon.js';
import { isAcronym } from './entities-text.js';
import {
  bareWord, fullNamesMatch, isParticle, nameWords, parseName, tokenKey, tokensMatch, type ParsedName,
} from './names.js';

export interface MergedEntity {
  key: string;
  name: string;
  type: EntityType;
  aliases: string[];
  roles: string[];
  articles: string[];
}

/**
 * A normalised key so that variants of one name map to one key: diacritics folded, honorifics and
 * possessives dropped, transliteration variants collapsed (Volodymyr Zelensky = Volodymir Zelenskiy), country
 * names reduced to their common form (Russian Federation = Russia).
 */
export function entityKey(name: string, type: EntityType): string {
  if (type === 'person') {
    return `person:${parseName(name).tokens.map((token) => (isParticle(token) ? bareWord(token) : tokenKey(token))).join(' ')}`;
  }
  const country = canonicalCountryName(name);
  return `${type}:${nameWords(country ?? name).join(' ')}`;
}

interface Item {
  article: string;
  entity: Entity;
  parsed: ParsedName;
  countries: Set<string>;
}

interface Group {
  type: EntityType;
  items: Item[];
}

/** An alias that is a written name, not a role phrase ("Zelenskyy", not "Ukraine's president"). */
function isNameForm(alias: string): boolean {
  const words = alias.split(/\s+/);
  return words.every((word) => /^\p{Lu}/u.test(word) || isParticle(word)) && !words.some((word) => ROLE_NOUNS.has(word.toLowerCase()));
}

/** Office words of an entity's roles and role aliases ("security", "council"), without small words and grading. */
function titleWordsOf(item: Item): string[] {
  const phrases = [...item.entity.roles, ...item.entity.aliases.filter((alias) => !isNameForm(alias))];
  return phrases.flatMap((phrase) => nameWords(phrase)).filter((word) => word.length > 3 && !GRADING_MODIFIERS.has(word) && countriesOf(word).size === 0);
}

function sharesTitleWord(a: string[], b: string[]): boolean {
  const other = new Set(b);
  return a.some((word) => other.has(word));
}

function mergePeople(items: Item[]): Group[] {
  const full: Group[] = [];
  // Fuller given names first, so that an initial ("V. Zelensky") meets the names it could stand for.
  const withGiven = items.filter((item) => item.parsed.given.length > 0)
    .sort((a, b) => bareWord(b.parsed.given.join('')).length - bareWord(a.parsed.given.join('')).length);
  for (const item of withGiven) {
    const key = entityKey(item.entity.name, 'person');
    // Complete linkage: an item joins a group only if it fits every member, so no chain of near-matches merges two people.
    const compatible = full.filter((group) => group.items.every((other) =>
      fullNamesMatch(other.parsed, item.parsed) && !countriesClash(other.countries, item.countries)));
    const exact = compatible.find((group) => group.items.some((other) => entityKey(other.entity.name, 'person') === key));
    const target = exact ?? (compatible.length === 1 ? compatible[0] : undefined);
    if (target) target.items.push(item);
    else full.push({ type: 'person', items: [item] });
  }
  const single: Group[] = [];
  for (const item of items.filter((candidate) => candidate.parsed.given.length === 0)) {
    const word = item.parsed.surname;
    const fits = (group: Group, match: (parsed: ParsedName) => boolean) =>
      group.items.every((other) => !countriesClash(other.countries, item.countries)) && group.items.some((other) => match(other.parsed));
    let candidates = full.filter((group) => fits(group, (parsed) => tokenKey(parsed.surname) === tokenKey(word)));
    if (candidates.length === 0) candidates = full.filter((group) => fits(group, (parsed) => tokensMatch(parsed.surname, word)));
    if (candidates.length === 0) candidates = full.filter((group) => fits(group, (parsed) => parsed.given.some((given) => tokenKey(given) === tokenKey(word))));
    // Several people share the surname: the titles decide, if they point at exactly one of them.
    if (candidates.length > 1) {
      const sharing = candidates.filter((group) => sharesTitleWord(titleWordsOf(item), group.items.flatMap(titleWordsOf)));
      candidates = sharing.length === 1 ? sharing : candidates;
    }
    const target = candidates.length === 1
      ? candidates[0]
      : candidates.length === 0 ? single.find((group) => fits(group, (parsed) => tokensMatch(parsed.surname, word))) : undefined;
    if (target) target.items.push(item);
    else single.push({ type: 'person', items: [item] });
  }
  return [...full, ...single];
}

/** Organisations and places: one group per shared normalised form, an acronym joining the one name it spells. */
function mergePlacesAndOrganisations(items: Item[]): Group[] {
  const groups: Group[] = [];
  const groupOfKey = new Map<string, Group>();
  const formsOf = (item: Item) => [item.entity.name, ...item.entity.aliases].map((form) => nameWords(canonicalCountryName(form) ?? form).join(' ')).filter(Boolean);
  for (const item of items) {
    const owners = [...new Set(formsOf(item).map((form) => groupOfKey.get(form)).filter((group): group is Group => group !== undefined))];
    let target = owners[0];
    if (!target) {
      target = { type: item.entity.type, items: [] };
      groups.push(target);
    }
    for (const other of owners.slice(1)) {
      target.items.push(...other.items);
      groups.splice(groups.indexOf(other), 1);
      for (const [form, group] of groupOfKey) if (group === other) groupOfKey.set(form, target);
    }
    target.items.push(item);
    for (const form of formsOf(item)) groupOfKey.set(form, target);
  }
  // An acronym-only group joins the single spelled-out group whose initials it is.
  for (const group of [...groups]) {
    const forms = group.items.flatMap((item) => [item.entity.name, ...item.entity.aliases]);
    if (!forms.every((form) => isAcronym(form))) continue;
    const acronym = bareWord(forms[0]);
    const owners = groups.filter((other) => other !== group &&
      other.items.some((item) => [item.entity.name, ...item.entity.aliases].some((form) => !isAcronym(form) && acronymsOf(form).includes(acronym))));
    if (owners.length !== 1) continue;
    owners[0].items.push(...group.items);
    groups.splice(groups.indexOf(group), 1);
  }
  for (const group of groups) {
    const votes = new Map<EntityType, number>();
    for (const item of group.items) votes.set(item.entity.type, (votes.get(item.entity.type) ?? 0) + 1);
    group.type = [...votes.entries()].sort((a, b) => b[1] - a[1])[0][0];
  }
  return groups;
}

/** Merges the entities of many articles into one list of participants with all their aliases, roles and articles. */
export function mergeEntities(perArticle: { article: string; entities: Entity[] }[]): MergedEntity[] {
  const items: Item[] = perArticle.flatMap(({ article, entities }) => entities.map((entity) => ({
    article,
    entity,
    parsed: parseName(entity.name),
    countries: countriesIn(entity.roles.join(' ; ')),
  })));
  const order = new Map(items.map((item, i) => [item, i]));
  const groups = [
    ...mergePeople(items.filter((item) => item.entity.type === 'person')),
    ...mergePlacesAndOrganisations(items.filter((item) => item.entity.type !== 'person')),
  ].sort((a, b) => Math.min(...a.items.map((item) => order.get(item)!)) - Math.min(...b.items.map((item) => order.get(item)!)));
  return groups.map((group) => {
    const sorted = [...group.items].sort((a, b) => order.get(a)! - order.get(b)!);
    const forms = sorted.flatMap((item) => [item.entity.name, ...item.entity.aliases]);
    const personNames = forms.filter(isNameForm);
    // A person known only by role phrases keeps the best of those rather than no name at all.
    const nameForms = group.type === 'person' && personNames.length > 0 ? personNames : forms;
    const name = group.type === 'person' ? bestPersonName(nameForms.map((text) => ({ text }))) : bestPlaceName(nameForms.map((text) => ({ text })));
    return {
      key: entityKey(name, group.type),
      name,
      type: group.type,
      aliases: [...new Set(forms)].filter((form) => form !== name),
      roles: uniqueCaseInsensitive(sorted.flatMap((item) => item.entity.roles)),
      articles: [...new Set(sorted.map((item) => item.article))],
    };
  });
}
