// When and where the reported event happened, read from the article text (never the publication date),
// and the earlier events an article refers back to.
import type { Article, DateMention, Entity, Mention } from '../types.js';
import type { Citation, RelatedEvent } from './types.js';
import type { Sentence } from '../extract/sentences.js';

/** How many sentences from the top of the body count as the lead. News leads state the event's
 *  date and place within the first paragraph; 6 leaves room for a caption and a credit line above it. */
const LEAD_SENTENCES = 6;
/** A dated meeting this many days before the event is a separate, earlier event. */
const EARLIER_EVENT_MIN_DAYS = 7;
const MAX_TITLE_CHARS = 160;

/** Photo captions and credits: their dates and places belong to the picture, not the story. */
const CAPTION_PATTERN =
  /\b(?:photo|photograph|picture|image)s?\s*(?::|\/|by\b)|\bfile photo\b|\bhost photo\b|\b(?:reuters|afp|ap|getty images|epa|xinhua)\/|\bvia reuters\b|\(ap photo\b|\b(?:shakes|shaking|shake) hands\b|\b(?:poses?|posing) for\b|\b(?:gestures|gesturing|looks on)\b/i;
/** Words that place a sentence's occasion before the one being reported. */
const RETROSPECTIVE_PATTERN = /\b(?:previous(?:ly)?|prior|earlier|ago|last (?:met|time|year|month|week)|first met|follows|followed|since)\b/i;
/** Verbs and nouns of an occasion: the date or place nearest one belongs to it. */
const OCCASION_PATTERN =
  /\b(?:met|meet|meets|meeting|meetings|held|holds|hold|talks|talked|encounter|summit|visit|visited|visits|visiting|hosted|hosts|received|signed|signing|conference|negotiations|call|spoke|attended|attends|conducted|conducts)\b/i;
const PLACE_PREPOSITION = /\b(?:in|at|to|from)\s+(?:the\s+)?$/i;

export interface EventAnchor {
  /** YYYY-MM-DD or null. */
  date: string | null;
  location: string | null;
  /** The sentence the date (or, without a date, the place) was read from. */
  evidence: Citation | null;
}

function fullDay(value: string | null): string | null {
  const match = value ? /^(\d{4}-\d{2}-\d{2})(?:T|$)/.exec(value) : null;
  return match ? match[1] : null;
}

function within(span: { start: number; end: number }, sentence: Sentence): boolean {
  return span.start >= sentence.start && span.end <= sentence.end;
}

function cite(article: Article, sentences: Sentence[], index: number): Citation {
  return { article: article.id, sentence: index, start: sentences[index].start, end: sentences[index].end };
}

/** A photo caption or credit left in the body, or a sentence of one of the article's captions. */
export function isCaption(article: Article, sentence: Sentence): boolean {
  if (CAPTION_PATTERN.test(sentence.text)) return true;
  const normalized = sentence.text.replace(/\s+/g, ' ').trim();
  return article.captions.some((caption) => caption.replace(/\s+/g, ' ').includes(normalized));
}

/** Where in the sentence the occasion is named: the first occasion verb or noun, else the sentence start. */
function occasionOffset(sentence: Sentence): number {
  const match = OCCASION_PATTERN.exec(sentence.text);
  return sentence.start + (match ? match.index : 0);
}

function nearest<T extends { start: number; end: number }>(spans: T[], offset: number): T | undefined {
  return [...spans].sort((a, b) => Math.abs(a.start - offset) - Math.abs(b.start - offset) || a.start - b.start)[0];
}

interface PlaceMention {
  entity: Entity;
  mention: Mention;
}

function placesIn(article: Article, sentence: Sentence): PlaceMention[] {
  const places: PlaceMention[] = [];
  for (const entity of article.entities ?? []) {
    if (entity.type !== 'location') continue;
    for (const mention of entity.mentions) if (within(mention, sentence)) places.push({ entity, mention });
  }
  return places;
}

function introducedPlaces(article: Article, sentence: Sentence): PlaceMention[] {
  return placesIn(article, sentence)
    .filter((place) => PLACE_PREPOSITION.test(article.text.slice(Math.max(sentence.start, place.mention.start - 12), place.mention.start)));
}

function nearestPlace(places: PlaceMention[], offset: number): string | null {
  return nearest(places.map((place) => ({ ...place.mention, name: place.entity.name })), offset)?.name ?? null;
}

/** The place an occasion happened: a location introduced by "in"/"at" nearest the occasion, else any location. */
function placeOf(article: Article, sentence: Sentence, offset: number): string | null {
  const introduced = introducedPlaces(article, sentence);
  return nearestPlace(introduced.length > 0 ? introduced : placesIn(article, sentence), offset);
}

/** Particles written in lower case inside a place name ("Rio de Janeiro", "Port-au-Prince"). */
const PLACE_PARTICLES = new Set(['of', 'the', 'de', 'da', 'do', 'das', 'dos', 'del', 'di', 'la', 'le', 'les', 'el', 'au', 'aux', 'en', 'upon', 'on']);

/** "PORT-AU-PRINCE" -> "Port-au-Prince": a dateline's capitals in the case the name is written in. */
function titleCase(place: string): string {
  return place.toLowerCase().replace(/\p{L}+/gu, (word, offset: number) =>
    offset > 0 && PLACE_PARTICLES.has(word) ? word : word[0].toUpperCase() + word.slice(1));
}

/**
 * The place named by the article's dateline ("NAIROBI, March 11 (Reuters)" -> "Nairobi", "LIMA, Peru (AP)"
 * -> "Lima"), written as the text's own location entity where it names the same place; null for a bare credit.
 */
function datelinePlace(article: Article): string | null {
  const place = article.dateline?.split(/[,(/]/)[0].trim() ?? '';
  if (!/\p{L}/u.test(place)) return null;
  const written = place === place.toUpperCase() ? titleCase(place) : place;
  const entity = (article.entities ?? []).find((candidate) => candidate.type === 'location' &&
    candidate.name.toLowerCase() === written.toLowerCase());
  return entity ? entity.name : written;
}

/**
 * The dateline's place, where the lead says nothing against it: no location introduced by "in"/"at"
 * in the sentence that dates the event or in an occasion sentence of the lead. A country merely named
 * ("Kenya's central bank raised ...") is not where the event happened, so it does not outrank the dateline.
 */
function consistentDatelinePlace(article: Article, sentences: Sentence[], lead: number[], evidence: number | null): string | null {
  const place = datelinePlace(article);
  if (!place) return null;
  const contradicted = lead.some((index) => {
    const sentence = sentences[index];
    const namesOccasion = index === evidence || (!RETROSPECTIVE_PATTERN.test(sentence.text) && OCCASION_PATTERN.test(sentence.text));
    return namesOccasion && introducedPlaces(article, sentence).some((other) => other.entity.name.toLowerCase() !== place.toLowerCase());
  });
  return contradicted ? null : place;
}

function leadIndexes(article: Article, sentences: Sentence[]): number[] {
  const lead: number[] = [];
  for (let i = 0; i < sentences.length && lead.length < LEAD_SENTENCES; i++) {
    if (!isCaption(article, sentences[i])) lead.push(i);
  }
  return lead;
}

function datesIn(article: Article, sentence: Sentence): DateMention[] {
  return (article.dates ?? []).filter((date) => within(date, sentence));
}

/** Whether a cue word is part of, or written right against, a date expression ("since January",
 *  "began last year", "two weeks ago"). */
function attachedToDate(article: Article, cue: { start: number; end: number }, date: DateMention): boolean {
  if (cue.start < date.end && cue.end > date.start) return true;
  const gap = cue.end <= date.start ? article.text.slice(cue.end, date.start) : article.text.slice(date.end, cue.start);
  return /^\s*$/.test(gap);
}

/**
 * Whether the sentence looks back at an earlier occasion. A cue tied to another date of the sentence
 * only dates a side clause ("raised the rate on Thursday ... which has fallen since January"), so the
 * sentence still reports the event on `day`; a cue tied to `day` itself or standing alone does not.
 */
function looksBack(article: Article, sentence: Sentence, day: DateMention): boolean {
  const others = datesIn(article, sentence).filter((date) => date !== day);
  for (const match of sentence.text.matchAll(new RegExp(RETROSPECTIVE_PATTERN.source, 'gi'))) {
    const cue = { start: sentence.start + match.index, end: sentence.start + match.index + match[0].length };
    if (!others.some((date) => attachedToDate(article, cue, date))) return true;
  }
  return false;
}

/** The date and place of the event an article reports, from the date expressions of its lead. */
export function eventAnchor(article: Article, sentences: Sentence[]): EventAnchor {
  const lead = leadIndexes(article, sentences);
  for (const index of lead) {
    const sentence = sentences[index];
    const days = datesIn(article, sentence).filter((date) => fullDay(date.value) !== null);
    if (days.length === 0) continue;
    const offset = occasionOffset(sentence);
    const day = nearest(days, offset)!;
    if (looksBack(article, sentence, day)) continue;
    const date = fullDay(day.value)!;
    const location = consistentDatelinePlace(article, sentences, lead, index) ?? placeOf(article, sentence, offset) ??
      leadPlace(article, sentences, lead);
    return { date, location, evidence: cite(article, sentences, index) };
  }
  const location = consistentDatelinePlace(article, sentences, lead, null) ?? leadPlace(article, sentences, lead);
  return { date: null, location, evidence: null };
}

function leadPlace(article: Article, sentences: Sentence[], lead: number[]): string | null {
  for (const index of lead) {
    const sentence = sentences[index];
    if (RETROSPECTIVE_PATTERN.test(sentence.text) || !OCCASION_PATTERN.test(sentence.text)) continue;
    const place = placeOf(article, sentence, occasionOffset(sentence));
    if (place) return place;
  }
  return null;
}

function parseDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function daysBetween(earlier: string, later: string): number {
  return Math.round((parseDay(later).getTime() - parseDay(earlier).getTime()) / 86_400_000);
}

/** "P2M" before 2026-02-01 -> "2025-12"; day and week durations keep the day. */
function subtractDuration(anchor: string, duration: string): string | null {
  const match = /^P(\d+)([DWMY])$/.exec(duration);
  if (!match) return null;
  const amount = Number(match[1]);
  const date = parseDay(anchor);
  switch (match[2]) {
    case 'D':
      date.setUTCDate(date.getUTCDate() - amount);
      return date.toISOString().slice(0, 10);
    case 'W':
      date.setUTCDate(date.getUTCDate() - 7 * amount);
      return date.toISOString().slice(0, 10);
    case 'M':
      date.setUTCDate(1);
      date.setUTCMonth(date.getUTCMonth() - amount);
      return date.toISOString().slice(0, 7);
    default:
      return String(date.getUTCFullYear() - amount);
  }
}

/** A date that lies before `eventDay` at its own precision ("2025-12" before "2026-02-01"). */
function isBefore(value: string, eventDay: string): boolean {
  return value < eventDay.slice(0, value.length);
}

function referencedDate(article: Article, sentence: Sentence, eventDay: string): string | null {
  const retrospective = RETROSPECTIVE_PATTERN.test(sentence.text);
  for (const mention of datesIn(article, sentence)) {
    const value = mention.value;
    if (!value) continue;
    if (/^P\d+[DWMY]$/.test(value)) {
      if (retrospective) return subtractDuration(eventDay, value);
      continue;
    }
    const head = value.split('/')[0];
    if (!/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(head.slice(0, 10))) continue;
    const day = head.slice(0, 10);
    if (!isBefore(day, eventDay)) continue;
    if (day.length === 10 && daysBetween(day, eventDay) < EARLIER_EVENT_MIN_DAYS) continue;
    return day;
  }
  return null;
}

function shortTitle(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_TITLE_CHARS ? flat : `${flat.slice(0, MAX_TITLE_CHARS - 1).replace(/\s+\S*$/, '')}…`;
}

/** Earlier occasions the article mentions ("a previous encounter in Moscow two months prior"), placed on the
 *  calendar relative to the event's day, with the sentence that mentions them. */
export function referencedEvents(article: Article, sentences: Sentence[], anchor: EventAnchor): RelatedEvent[] {
  const eventDay = anchor.date ?? fullDay(article.published);
  if (!eventDay) return [];
  const related: RelatedEvent[] = [];
  sentences.forEach((sentence, index) => {
    if (anchor.evidence?.sentence === index || !OCCASION_PATTERN.test(sentence.text)) return;
    if (isCaption(article, sentence)) return;
    const date = referencedDate(article, sentence, eventDay);
    if (!date) return;
    related.push({
      id: null,
      title: shortTitle(sentence.text),
      date,
      location: placeOf(article, sentence, occasionOffset(sentence)),
      relation: 'referenced',
      evidence: [cite(article, sentences, index)],
    });
  });
  return related;
}
