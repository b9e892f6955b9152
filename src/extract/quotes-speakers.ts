// Speaker candidates: the article's entities when the caller has them, otherwise names found
// here from capitalisation, grouped so that a surname points back to the full name.

import type { Entity, EntityType } from '../types.js';
import { FEMALE_TITLES, MALE_TITLES, ORGANIZATION_HEADS } from './quotes-lexicon.js';

/** A tagged name span, as a named-entity tagger reports it. */
export interface NameSpan {
  start: number;
  end: number;
  text: string;
  type: 'PER' | 'ORG' | 'LOC' | 'MISC';
}

/** One mention of an entity, with what pronoun resolution needs to know about it. */
export interface SpeakerMention {
  start: number;
  end: number;
  entity: Entity;
  gender: 'm' | 'f' | null;
}

const CAPITALISED_NAME =
  /\b(?:[A-Z][\p{L}\p{M}'’\-]*\.?|[A-Z]\.)(?:[ \t]+(?:(?:of|de|da|van|von|al|bin|la|le|du)[ \t]+)?(?:[A-Z][\p{L}\p{M}'’\-]*|[A-Z]\.))*/gu;

/** Capitalised words that open sentences or headlines without being names. */
const NOT_NAMES = new Set([
  'The', 'A', 'An', 'But', 'And', 'Or', 'In', 'On', 'At', 'For', 'With', 'From', 'By', 'As', 'If', 'When', 'While',
  'After', 'Before', 'During', 'Since', 'This', 'That', 'These', 'Those', 'It', 'He', 'She', 'They', 'We', 'I',
  'His', 'Her', 'Their', 'Its', 'Our', 'My', 'You', 'Your', 'There', 'Here', 'What', 'Who', 'Why', 'How', 'Where',
  'Mr', 'Mrs', 'Ms', 'Dr', 'Mr.', 'Mrs.', 'Ms.', 'Dr.', 'So', 'Yet', 'Still', 'Also', 'However', 'Meanwhile',
  'According', 'Asked', 'Speaking', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November',
  'December', 'Jan', 'Feb', 'Sept', 'Oct', 'Nov', 'Dec', 'Not', 'No', 'Yes', 'All', 'Some', 'One', 'Both',
]);

/** Capitalised titles and roles that precede a name ("Foreign Minister Mauro Vieira"). */
const ROLE_WORDS = new Set([
  'President', 'Minister', 'Secretary', 'Senator', 'Governor', 'General', 'Chairman', 'Chief', 'Director',
  'Ambassador', 'Prime', 'Foreign', 'Defence', 'Defense', 'Deputy', 'Vice', 'Spokesman', 'Spokeswoman', 'King',
  'Queen', 'Prince', 'Princess', 'Pope', 'Judge', 'Justice', 'Mayor', 'Commissioner', 'Representative', 'Speaker',
  'Leader', 'Premier', 'Chancellor', 'Sen', 'Rep', 'Gov', 'Gen', 'Lt', 'Col', 'Capt', 'Sgt', 'Prof', 'Dr', 'Mr',
  'Mrs', 'Ms', 'Miss', 'Sir', 'Dame', 'Lord', 'Lady', 'Security', 'Council', 'Russian', 'Chinese', 'American',
  'British', 'Former', 'Acting', 'Senior', 'State', 'Interior', 'Finance', 'Economy', 'Trade', 'Coach', 'Captain',
  'Manager', 'Officer', 'Chair', 'Chairwoman', 'Secretary-General', 'Envoy', 'Inspector', 'Superintendent',
]);

/** The name without the titles and roles before it: "Treasury Secretary Amina Odhiambo" is "Amina Odhiambo". */
function stripTitles(words: string[]): string[] {
  let first = 0;
  for (let index = 0; index < words.length - 1; index += 1) {
    if (ROLE_WORDS.has(words[index].replace(/\.$/, ''))) first = index + 1;
  }
  return words.slice(first);
}

/** A capitalised word at a sentence start that is an inflected verb or adverb ("Addressing", "Asked", "Separately"). */
const SENTENCE_START_INFLECTION = /^\p{Lu}\p{Ll}+(?:ing|ed|ly)$/u;

function isSentenceStart(text: string, at: number): boolean {
  return /(?:^|[.!?:"“”]\s*|\n\s*)$/u.test(text.slice(Math.max(0, at - 3), at));
}

/**
 * Name-like capitalised spans for texts that come without entities. A span of two or more words,
 * or one word after a personal title, is a person unless an organisation word is in it; a lone
 * capitalised word is typed MISC (it may be a place), and joins a person only through a surname.
 */
export function findNameSpans(text: string): NameSpan[] {
  const spans: NameSpan[] = [];
  for (const match of text.matchAll(CAPITALISED_NAME)) {
    let offset = match.index ?? 0;
    // A possessive ends a name ("Bank's Governor Kamau Thugge" is two names), and so does a full
    // stop after anything but a title or an initial ("Wednesday. General Reid").
    const pieces = match[0].split(/(?<=['’]s)[ \t]+|(?<=(?:^|[ \t])(?!(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Prof)\.)[\p{L}]{2,}\.)[ \t]+/u);
    for (const piece of pieces) {
      addNameSpan(text, offset, piece, spans);
      offset = text.indexOf(piece, offset) + piece.length;
      offset = text.slice(offset).search(/\S/) + offset;
    }
  }
  return spans;
}

function addNameSpan(text: string, pieceStart: number, piece: string, spans: NameSpan[]): void {
  let words = piece.split(/[ \t]+/);
  let start = pieceStart;
  const skippable = (word: string, at: number) =>
    NOT_NAMES.has(word) || (isSentenceStart(text, at) && SENTENCE_START_INFLECTION.test(word));
  while (words.length && skippable(words[0], start)) {
    if (words.length === 1) return;
    start = text.indexOf(words[1], start + words[0].length);
    words = words.slice(1);
  }
  // A trailing possessive or full stop belongs to the sentence, not the name.
  const written = words[words.length - 1];
  const last = written.replace(/['’]s$/, '').replace(/\.$/, '');
  if (!last) return;
  words[words.length - 1] = last;
  const surface = words.join(' ');
  if (surface.length < 2) return;
  const end = pieceStart + piece.length - (written.length - last.length);
  const isOrganization = words.some((word) => ORGANIZATION_HEADS.has(word.toLowerCase())) || /^[A-Z]{2,}$/.test(surface);
  const titled = /\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|President|Minister|Secretary|Senator|Sen|Rep|Gov|Gen)\.?\s+$/.test(text.slice(Math.max(0, start - 12), start));
  const nameWords = stripTitles(words).filter((word) => !ROLE_WORDS.has(word));
  const isPerson = !isOrganization && !words.includes('of') && (nameWords.length >= 2 || (titled && nameWords.length === 1));
  spans.push({ start, end, text: text.slice(start, end), type: isOrganization ? 'ORG' : isPerson ? 'PER' : 'MISC' });
}

function entityTypeOf(type: NameSpan['type']): EntityType {
  if (type === 'PER') return 'person';
  if (type === 'ORG') return 'organization';
  return 'location';
}

/**
 * Entities from tagged spans: person names are grouped by their last word (so "Thugge" joins
 * "Kamau Thugge"), other names by their exact text. Ids are `q1`, `q2`, ... so they cannot be
 * mistaken for the article's own entity ids.
 */
export function entitiesFromNameSpans(spans: NameSpan[]): Entity[] {
  const entities: Entity[] = [];
  const byKey = new Map<string, Entity>();
  const personsFirst = [...spans].sort((a, b) =>
    Number(b.type === 'PER') - Number(a.type === 'PER') || b.text.length - a.text.length || a.start - b.start);
  for (const span of personsFirst) {
    const written = span.text.replace(/\.$/, '').split(/\s+/);
    const words = span.type === 'PER' ? stripTitles(written) : written;
    const name = words.join(' ');
    // A lone word that is a known person's surname is that person ("Thugge" after "Kamau Thugge").
    const asSurname = words.length === 1 && byKey.has(`PER:${name}`);
    const key = span.type === 'PER' || asSurname ? `PER:${words[words.length - 1]}` : `${span.type}:${name}`;
    let entity = byKey.get(key);
    if (!entity) {
      entity = { id: '', name, type: entityTypeOf(span.type), aliases: [], roles: [], mentions: [] };
      byKey.set(key, entity);
      // Names written family name first ("Li Qiang") are shortened to their first word.
      if (span.type === 'PER' && words.length > 1 && !byKey.has(`PER:${words[0]}`)) byKey.set(`PER:${words[0]}`, entity);
      entities.push(entity);
    } else if (entity.name !== name && !entity.aliases.includes(name)) {
      entity.aliases.push(name);
    }
    entity.mentions.push({ start: span.start, end: span.end, text: span.text });
  }
  entities.forEach((entity, index) => {
    entity.id = `q${index + 1}`;
    entity.mentions.sort((a, b) => a.start - b.start);
  });
  return entities;
}

function genderFromTitle(text: string, mentionStart: number): 'm' | 'f' | null {
  const before = text.slice(Math.max(0, mentionStart - 12), mentionStart).toLowerCase();
  const title = /(\p{L}+)\.?\s*$/u.exec(before)?.[1] ?? '';
  if (MALE_TITLES.has(title)) return 'm';
  if (FEMALE_TITLES.has(title)) return 'f';
  return null;
}

/** Every entity mention in text order, with a gender read from titles anywhere in the article ("Mr Li"). */
export function indexMentions(text: string, entities: Entity[]): SpeakerMention[] {
  const mentions: SpeakerMention[] = [];
  for (const entity of entities) {
    const titled = entity.mentions.map((mention) => genderFromTitle(text, mention.start)).find((gender) => gender);
    const gender = entity.type === 'person' ? titled ?? null : null;
    for (const mention of entity.mentions) mentions.push({ start: mention.start, end: mention.end, entity, gender });
  }
  return mentions.sort((a, b) => a.start - b.start || b.end - a.end);
}
