// Who an event is about: the entities of its articles merged across sources, NER noise dropped, and a
// resolver that maps any name an article uses (a transliteration, a surname, a role phrase, a capital
// standing for its government) onto one canonical participant, place or country.
import { createHash } from 'node:crypto';
import type { Article, EntityType } from '../types.js';
import type { Participant } from './types.js';
import { entityKey, mergeEntities, type MergedEntity } from '../extract/entities.js';
import { foldToAscii } from '../extract/names.js';
import { ACTOR_LEXICON, findLexiconActors, placeCode } from './plover-actors.js';

/** An organisation or place named fewer times than this in the event, by a single article, and never
 *  acting or speaking, is more often an NER slip (a heading, a treaty, a phrase in capitals) than a
 *  participant. Set by hand: a real participant is named again, by the same source or another. */
export const MIN_MENTIONS_OF_MINOR_PARTICIPANT = 2;
export const MIN_ARTICLES_OF_MINOR_PARTICIPANT = 2;
/** Ids longer than this are replaced by a hash: they go into URLs. */
const MAX_ID_CHARS = 80;

/** A merged entity of the event with how often it is named, before the noise filter. */
export interface Candidate {
  entity: MergedEntity;
  mentions: number;
  /** A one-word name the articles also write in lower case ("Treaty", "Summit"): a common noun that a
   *  heading or a sentence start capitalised, not a name. */
  commonWord: boolean;
}

/** URL-safe id stable across events and runs: the slug of the entity key (`person-sergei-shoigu`), or the
 *  type and a short hash of the key when the name has no Latin letters or is very long. */
export function participantId(key: string): string {
  const type = key.slice(0, key.indexOf(':'));
  const slug = foldToAscii(key).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > type.length + 1 && slug.length <= MAX_ID_CHARS) return slug;
  return `${type}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/** Words the texts write in lower case. */
function lowerCaseWords(texts: string[]): Set<string> {
  const words = new Set<string>();
  for (const text of texts) for (const word of text.match(/(?<![\p{L}\p{N}])\p{Ll}+(?![\p{L}\p{N}])/gu) ?? []) words.add(word);
  return words;
}

/** Merges the entities of the articles and counts the mentions of each merged entity. */
export function eventEntities(articles: Article[]): Candidate[] {
  const merged = mergeEntities(articles.map((article) => ({ article: article.id, entities: article.entities ?? [] })));
  // Mentions of each written name, per article.
  const mentionsOf = new Map<string, Map<string, number>>();
  for (const article of articles) {
    const counts = new Map<string, number>();
    for (const entity of article.entities ?? []) counts.set(entity.name, (counts.get(entity.name) ?? 0) + entity.mentions.length);
    mentionsOf.set(article.id, counts);
  }
  const lowerCase = lowerCaseWords(articles.map((article) => article.text));
  return merged.map((entity) => {
    const forms = new Set([entity.name, ...entity.aliases]);
    let mentions = 0;
    for (const id of entity.articles) for (const [name, count] of mentionsOf.get(id) ?? []) if (forms.has(name)) mentions += count;
    const oneWord = /^\p{Lu}\p{Ll}+$/u.test(entity.name);
    return { entity, mentions, commonWord: entity.type !== 'person' && oneWord && lowerCase.has(entity.name.toLowerCase()) };
  });
}

/** People always; an organisation or place when named often enough or by several sources, or when it
 *  speaks in a quote (`speakers`: canonical names). */
export function isNotable(candidate: Candidate, speakers: ReadonlySet<string>): boolean {
  const { entity, mentions, commonWord } = candidate;
  if (entity.type === 'person' || speakers.has(entity.name)) return true;
  return !commonWord && (mentions >= MIN_MENTIONS_OF_MINOR_PARTICIPANT || entity.articles.length >= MIN_ARTICLES_OF_MINOR_PARTICIPANT);
}

const TYPE_ORDER: Record<EntityType, number> = { person: 0, organization: 1, location: 2 };

/** The event's participants (people and organisations among the notable entities) in order: people
 *  first, each type by the number of articles naming it, then by mentions. */
export function selectParticipants(candidates: Candidate[], speakers: ReadonlySet<string>): Participant[] {
  return candidates
    .map((candidate, order) => ({ ...candidate, order }))
    .filter((candidate) => candidate.entity.type !== 'location' && isNotable(candidate, speakers))
    .sort((a, b) => TYPE_ORDER[a.entity.type] - TYPE_ORDER[b.entity.type] || b.entity.articles.length - a.entity.articles.length || b.mentions - a.mentions || a.order - b.order)
    .map(({ entity }) => ({
      id: participantId(entity.key),
      name: entity.name,
      type: entity.type,
      aliases: entity.aliases,
      roles: entity.roles,
      articles: entity.articles,
    }));
}

function normalizedForm(name: string): string {
  return foldToAscii(name).toLowerCase().replace(/['’]s\b/g, '').replace(/^the\s+/, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

function lastWord(key: string): string {
  return key.slice(key.lastIndexOf(' ') + 1).replace(/^[a-z]+:/, '');
}

/** The country a lexicon name stands for ("Russian", "Moscow", "Russia's" -> Russia), organisations aside. */
function lexiconCountry(name: string): { name: string; code: string } | null {
  const bare = name.trim().replace(/['’]s$/, '');
  const actor = ACTOR_LEXICON.get(bare) ?? ACTOR_LEXICON.get(bare.replace(/\.$/, ''));
  return actor && actor.kind !== 'organisation' ? { name: actor.name, code: actor.code } : null;
}

/** Maps the names articles use onto the event's canonical names. */
export class NameResolver {
  /** Normalised form -> canonical name; null where two entities share the form. */
  private readonly byForm = new Map<string, string | null>();
  private readonly byKey = new Map<string, string>();
  /** Surname key -> the people of the event with that surname. */
  private readonly bySurname = new Map<string, string[]>();
  /** First given name key -> the people of the event with that given name ("Nancy" in a family story). */
  private readonly byGivenName = new Map<string, string[]>();
  private readonly countryOfName = new Map<string, string>();

  constructor(entities: MergedEntity[]) {
    for (const entity of entities) {
      for (const form of [entity.name, ...entity.aliases]) {
        const key = normalizedForm(form);
        if (!key) continue;
        const known = this.byForm.get(key);
        this.byForm.set(key, known === undefined || known === entity.name ? entity.name : null);
      }
      this.byKey.set(entity.key, entity.name);
      const words = entity.key.slice('person:'.length).split(' ');
      if (entity.type === 'person' && words.length > 1) {
        this.bySurname.set(words[words.length - 1], [...(this.bySurname.get(words[words.length - 1]) ?? []), entity.name]);
        this.byGivenName.set(words[0], [...(this.byGivenName.get(words[0]) ?? []), entity.name]);
      }
      // A person's nationality, read from the roles ("Kenyan Central Bank Governor").
      const code = entity.type === 'location' ? placeCode(entity.name) : findLexiconActors(entity.roles.join('; ')).find((span) => placeCode(span.text))?.code;
      if (code) this.countryOfName.set(entity.name, code);
    }
  }

  /** The canonical name of `name`, or null when it is none of the event's entities nor a known country:
   *  a written form or spelling variant of an entity's name, a person's surname or given name when one
   *  person of the event has it. Countries, their demonyms and their capitals resolve to the country. */
  resolve(name: string): string | null {
    const country = lexiconCountry(name);
    if (country) return country.name;
    const byForm = this.byForm.get(normalizedForm(name));
    if (byForm) return byForm;
    for (const type of ['person', 'organization', 'location'] as const) {
      const byKey = this.byKey.get(entityKey(name, type));
      if (byKey) return byKey;
    }
    const personKey = entityKey(name, 'person');
    if (!personKey.includes(' ')) {
      const word = lastWord(personKey);
      const bySurname = this.bySurname.get(word) ?? [];
      if (bySurname.length === 1) return bySurname[0];
      const byGivenName = this.byGivenName.get(word) ?? [];
      if (bySurname.length === 0 && byGivenName.length === 1) return byGivenName[0];
    }
    return null;
  }

  /** Alpha-3 code of the country a resolved name belongs to (a person's nationality, a place's country). */
  countryOf(name: string): string | null {
    return this.countryOfName.get(name) ?? lexiconCountry(name)?.code ?? null;
  }
}

function surnameKey(name: string): string {
  return lastWord(entityKey(name, 'person'));
}

/** One id per person across events: an event that knows someone by surname only ("Putin") gives them the
 *  id of the one full name with that surname that any event, new or `known`, knows ("Vladimir Putin").
 *  Only `events` are changed. */
export function unifyPersonIds(events: { participants: Participant[] }[], known: { participants: Participant[] }[] = []): void {
  const fullIdsBySurname = new Map<string, Set<string>>();
  for (const event of [...events, ...known]) {
    for (const participant of event.participants) {
      if (participant.type !== 'person' || !entityKey(participant.name, 'person').includes(' ')) continue;
      const surname = surnameKey(participant.name);
      fullIdsBySurname.set(surname, (fullIdsBySurname.get(surname) ?? new Set()).add(participant.id));
    }
  }
  for (const event of events) {
    const own = new Set(event.participants.map((participant) => participant.id));
    for (const participant of event.participants) {
      if (participant.type !== 'person' || entityKey(participant.name, 'person').includes(' ')) continue;
      const ids = fullIdsBySurname.get(surnameKey(participant.name));
      // An event that lists the full name beside the surname keeps them apart: they were not merged.
      if (ids?.size === 1 && !own.has([...ids][0])) participant.id = [...ids][0];
    }
  }
}
