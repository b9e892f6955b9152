// When and where the reported event happened, read from the article text (never the publication date),
// and the earlier events an article refers back to.
import type { Article, DateMention, Entity, Mention, Span } from '../types.js';
import type { Citation, RelatedEvent } from './types.js';
import type { Sentence } from '../extract/sentences.js';
import { countriesIn, countriesOf } from '../extract/entities-lexicon.js';
import { capitalOf, resolveCity, type City } from '../places/gazetteer.js';

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
const RETROSPECTIVE_PATTERN = /\b(?:previous(?:ly)?|prior|earlier|ago|last (?:met|time|year|month|week|\w+ed)|first met|follows|followed|since)\b/i;
/** Production credits left in the body ("Additional reporting by ... in Ankara"): their places are the
 *  reporters', not the event's. */
const CREDIT_PATTERN = /\b(?:reporting|writing|editing|compiled|contributed|additional reporting) by\b/i;
/** Verbs and nouns of an occasion: the date or place nearest one belongs to it. */
const OCCASION_PATTERN =
  /\b(?:met|meet|meets|meeting|meetings|held|holds|hold|talks|talked|encounter|summit|visit|visited|visits|visiting|hosted|hosts|received|signed|signing|conference|negotiations|call|spoke|attended|attends|conducted|conducts|struck|strikes|hit|hits|jolted|shook|rocked|crashed|crash|derailed|collided|exploded|explosion|killed|erupted|opened|opens|closed|concluded|ended|convened|gathered|gather|arrived|arrives|landed|toured|travel|travels|raised|cut|lowered|kept|held|decided|decision|round|session|ceremony|election|vote|voted|quake|earthquake|epicentre|epicenter|blast|fire|flood|floods)\b/i;
/** Words that put the occasion at a place. "from", "for" and a destination ("bound for London", "a flight to
 *  Delhi") name somewhere else; "to" names the place of a visit ("will travel to Hanoi"). */
const PLACE_PREPOSITION = /\b(?:in|at|near|outside|off|to|hit|struck|rocked|jolted|shook|(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:-\w+)? of)\s+(?:the\s+)?(?:(?:coastal\s+|mountain\s+|border\s+)?(?:town|city|village|port|capital|municipality|resort) of\s+)?(?:\p{Lu}\p{L}+\s+)?$/iu;
const DESTINATION_BEFORE = /(?:\b(?:bound|headed|heading|en route|flights?|routes?|destined|diverted|return(?:ed|ing)?|back|travell?ing|flying|sailing|driving|pipeline)\s+(?:\w+\s+)?to\s+(?:the\s+)?$)|(?:\bfrom\s+(?:\p{Lu}[\p{L}-]*\s+)+(?:\p{Ll}{2,3}\s+(?:\p{Lu}[\p{L}-]*\s+)*)?to\s+(?:the\s+)?$)/u;
/** A place named by what it is the capital of: "in the Qatari capital", "in the Kazakh capital". */
const CAPITAL_PHRASE = /\b(?:in|at)\s+the\s+(\p{Lu}\p{L}+)\s+capital\b/gu;
/** A name followed by one of these is a region, not a town ("Surigao del Sur province"). */
const REGION_AFTER = /^(?:\s+(?:del|de|do|da)\s+\p{Lu}\p{L}+)?\s+(?:province|region|state|county|district|prefecture|oblast|governorate|department|island|islands|peninsula|coast|valley|sea|ocean)\b/iu;
/** A city named with no "in" or "at" before it counts only when it is this big, or a capital: a region
 *  ("Pacific") shares its name with many small towns. */
const UNINTRODUCED_CITY_MIN_POPULATION = 100_000;
/** A venue named after "at": "at the Dolmabahce Palace", "at the Ivato International Conference Centre". */
const VENUE_PATTERN =
  /\bat\s+(?:the\s+)?((?:\p{Lu}[\p{L}'’.-]*\s+(?:(?:of|de|du|des|del|and)\s+(?:the\s+)?)?){1,6}(?:Palace|Hotel|Hall|Centre|Center|House|Building|Kremlin|Square|Stadium|Arena|Embassy|Residence|Guesthouse|Guest House|Castle|Villa|Pavilion|Headquarters|Complex|Forum|Museum|Cathedral|Airport|Base))\b/u;

/** Where an event happened: a populated place from the gazetteer, with the venue the text names. */
export interface EventPlace {
  /** The city as the article writes it ("Geneva"). */
  name: string;
  /** GeoNames id, coordinates and ISO country code, null when the place is only a country. */
  geonameId: number | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  venue: string | null;
}

export interface EventAnchor {
  /** YYYY-MM-DD or null. */
  date: string | null;
  /** Last day of an occasion given as a range ("May 3-4"), else equal to `date`. */
  endDate: string | null;
  /** The article announces the occasion ahead of it ("will travel to Hanoi on May 3"). */
  preview: boolean;
  location: string | null;
  place: EventPlace | null;
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

/** A capitalised run of up to three words after a word that puts something at a place. */
const GAZETTEER_CANDIDATE = /\b(?:in|at|near|outside|off|hit|struck|of)\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2})/gu;

function placesIn(article: Article, sentence: Sentence): PlaceMention[] {
  const places: PlaceMention[] = [];
  const named: Span[] = [];
  for (const entity of article.entities ?? []) {
    for (const mention of entity.mentions) {
      if (!within(mention, sentence)) continue;
      named.push(mention);
      if (entity.type === 'location') places.push({ entity, mention });
    }
  }
  // Towns the tagger missed ("struck off Hinatuan"): a name the gazetteer knows as a city, after a place
  // preposition, that no entity covers.
  for (const match of sentence.text.matchAll(GAZETTEER_CANDIDATE)) {
    const words = match[1].split(/\s+/);
    const offset = sentence.start + match.index + match[0].length - match[1].length;
    for (let count = words.length; count >= 1; count--) {
      const name = words.slice(0, count).join(' ');
      const mention = { start: offset, end: offset + name.length, text: name };
      if (named.some((span) => span.start < mention.end && mention.start < span.end)) break;
      const city = cityOf(article, name);
      // A name the tagger left alone is trusted as a town only in a country the article names, or when
      // it is a large city: "of Commerce" is not the Californian town.
      if (!city || !(articleCountries(article).has(city.country) || city.population >= UNINTRODUCED_CITY_MIN_POPULATION)) continue;
      places.push({ entity: { id: `gazetteer:${name}`, name, type: 'location', aliases: [], roles: [], mentions: [mention] }, mention });
      break;
    }
  }
  return places;
}

function introducedPlaces(article: Article, sentence: Sentence): PlaceMention[] {
  return placesIn(article, sentence).filter((place) => {
    const before = article.text.slice(Math.max(sentence.start, place.mention.start - 40), place.mention.start);
    return PLACE_PREPOSITION.test(before) && !DESTINATION_BEFORE.test(before);
  });
}

/** Words that make a place name part of an outlet's name ("The Lagos Herald"). */
const OUTLET_WORDS = /^\s+(?:Herald|Times|Post|Tribune|Gazette|Daily|News|Observer|Chronicle|Journal|Courier|Mail|Star|Standard|Telegraph|Guardian|Express|Independent|Monitor|Reporter|Record|Sun|Mirror|Today|Review|Dispatch|Bulletin|Radio|TV|Television)\b/;

function isOutletMention(article: Article, mention: Mention): boolean {
  if (OUTLET_WORDS.test(article.text.slice(mention.end, mention.end + 20))) return true;
  return article.publisher !== null && article.publisher.includes(article.text.slice(mention.start, mention.end)) &&
    !countriesOf(mention.text).size && article.publisher.trim() !== mention.text;
}

const countriesOfArticle = new WeakMap<Article, Set<string>>();
/** Countries the article names: they settle which of several same-named cities is meant. */
function articleCountries(article: Article): Set<string> {
  let known = countriesOfArticle.get(article);
  if (!known) {
    known = new Set<string>();
    for (const entity of article.entities ?? []) if (entity.type === 'location') for (const code of countriesIn(entity.name)) known.add(code);
    countriesOfArticle.set(article, known);
  }
  return known;
}

/** The city a place name stands for; null for a country (never an event's city) or an unknown name. */
function cityOf(article: Article, name: string): City | null {
  if (countriesOf(name).size > 0) return null;
  return resolveCity(name, articleCountries(article));
}

interface PlaceCandidate {
  name: string;
  city: City | null;
}

function nearestPlace(places: PlaceMention[], offset: number): PlaceCandidate | null {
  const found = nearest(places.map((place) => ({ ...place.mention, name: place.entity.name })), offset);
  return found ? { name: found.name, city: null } : null;
}

function isRegionMention(article: Article, mention: Mention): boolean {
  return REGION_AFTER.test(article.text.slice(mention.end, mention.end + 40));
}

/** Capitals named by the country they belong to ("in the Qatari capital"), as places at their offsets. */
function capitalPhrases(article: Article, sentence: Sentence): { start: number; end: number; name: string; city: City }[] {
  const found: { start: number; end: number; name: string; city: City }[] = [];
  for (const match of sentence.text.matchAll(CAPITAL_PHRASE)) {
    const codes = [...countriesOf(match[1])];
    const city = codes.length === 1 ? capitalOf(codes[0]) : null;
    if (city) found.push({ start: sentence.start + match.index, end: sentence.start + match.index + match[0].length, name: city.name, city });
  }
  return found;
}

/** The place an occasion happened, in order of trust: a city put there by "in"/"at"/"near" (or a capital
 *  named by its country) nearest the occasion; a city a visit goes "to"; a large city named anywhere in the
 *  sentence; a country or region it introduces. Outlets' names and regions are never cities. */
function placeOf(article: Article, sentence: Sentence, offset: number): PlaceCandidate | null {
  const usable = (places: PlaceMention[]) => places.filter((place) => !isOutletMention(article, place.mention) && !isRegionMention(article, place.mention));
  const introduced = usable(introducedPlaces(article, sentence));
  const before = (place: PlaceMention) => article.text.slice(Math.max(sentence.start, place.mention.start - 40), place.mention.start);
  const cityMentions = (places: PlaceMention[], minPopulation = 0) =>
    places.flatMap((place) => {
      const city = cityOf(article, place.entity.name);
      return city && (city.population >= minPopulation || city.featureCode === 'PPLC') ? [{ ...place.mention, name: place.entity.name, city }] : [];
    });
  const located = [...cityMentions(introduced.filter((place) => !/\bto\s+(?:the\s+)?\S*\s*$/i.test(before(place)))), ...capitalPhrases(article, sentence)];
  const tiers = [
    located,
    cityMentions(introduced),
    cityMentions(usable(placesIn(article, sentence)), UNINTRODUCED_CITY_MIN_POPULATION),
  ];
  for (const tier of tiers) {
    const found = nearest(tier, offset);
    if (found) return { name: found.name, city: found.city };
  }
  return nearestPlace(introduced, offset) ?? nearestPlace(usable(placesIn(article, sentence)), offset);
}

function venueIn(text: string): string | null {
  return VENUE_PATTERN.exec(text)?.[1]?.trim() ?? null;
}

function toPlace(candidate: PlaceCandidate, venue: string | null): EventPlace {
  const { city } = candidate;
  return {
    name: candidate.name,
    geonameId: city?.id ?? null,
    country: city?.country ?? ([...countriesOf(candidate.name)][0] ?? null),
    lat: city?.lat ?? null,
    lon: city?.lon ?? null,
    venue,
  };
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
 * The dateline's city, where the lead says nothing against it: no other city introduced by "in"/"at" in the
 * sentence that dates the event or in an occasion sentence of the lead. A country merely named ("Kenya's
 * central bank raised ...") is not where the event happened, so it does not outrank the dateline.
 */
function consistentDatelinePlace(article: Article, sentences: Sentence[], lead: number[], evidence: number | null): PlaceCandidate | null {
  const name = datelinePlace(article);
  if (!name) return null;
  const city = cityOf(article, name);
  if (!city) return null;
  const contradicted = lead.some((index) => {
    const sentence = sentences[index];
    const namesOccasion = index === evidence || (!RETROSPECTIVE_PATTERN.test(sentence.text) && OCCASION_PATTERN.test(sentence.text));
    return namesOccasion && introducedPlaces(article, sentence).some((other) => {
      const otherCity = isOutletMention(article, other.mention) ? null : cityOf(article, other.entity.name);
      return otherCity !== null && otherCity.id !== city.id;
    });
  });
  return contradicted ? null : { name, city };
}

function leadIndexes(article: Article, sentences: Sentence[]): number[] {
  const lead: number[] = [];
  for (let i = 0; i < sentences.length && lead.length < LEAD_SENTENCES; i++) {
    if (!isCaption(article, sentences[i]) && !CREDIT_PATTERN.test(sentences[i].text)) lead.push(i);
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

/** A lead day this many days before publication is background ("On December 1 the two held talks"), not
 *  the reported occasion, when the lead also holds a recent one. */
const BACKGROUND_MIN_DAYS = 14;
/** Words that announce an occasion still to come. */
const FUTURE_PATTERN = /\b(?:will|is to|are to|is due to|are due to|is expected to|are expected to|plans? to|is set to|are set to|scheduled|to be held|next week|upcoming|ahead of)\b/i;

function rangeEnd(value: string | null): string | null {
  const parts = value?.split('/') ?? [];
  return parts.length === 2 ? fullDay(parts[1]) : null;
}

/** The date and place of the event an article reports, from the date expressions of its lead. */
export function eventAnchor(article: Article, sentences: Sentence[]): EventAnchor {
  const lead = leadIndexes(article, sentences);
  const published = fullDay(article.published);
  const found: { index: number; day: DateMention; date: string }[] = [];
  for (const index of lead) {
    const sentence = sentences[index];
    const days = datesIn(article, sentence).filter((date) => fullDay(date.value) !== null);
    if (days.length === 0) continue;
    const day = nearest(days, occasionOffset(sentence))!;
    if (looksBack(article, sentence, day)) continue;
    found.push({ index, day, date: fullDay(day.value)! });
  }
  const recent = published ? found.find((entry) => daysBetween(entry.date, published) < BACKGROUND_MIN_DAYS) : undefined;
  const chosen = recent ?? found[0];
  if (chosen) {
    const sentence = sentences[chosen.index];
    const candidate = placeOf(article, sentence, occasionOffset(sentence));
    const place = (candidate?.city ? candidate : null) ?? consistentDatelinePlace(article, sentences, lead, chosen.index) ??
      leadPlace(article, sentences, lead) ?? candidate;
    const preview = published ? chosen.date > published : FUTURE_PATTERN.test(sentence.text);
    return {
      date: chosen.date,
      endDate: rangeEnd(chosen.day.value) ?? chosen.date,
      preview: preview && FUTURE_PATTERN.test(sentence.text),
      location: place?.name ?? null,
      place: place ? toPlace(place, leadVenue(article, sentences, lead, chosen.index)) : null,
      evidence: cite(article, sentences, chosen.index),
    };
  }
  const place = consistentDatelinePlace(article, sentences, lead, null) ?? leadPlace(article, sentences, lead);
  return {
    date: null,
    endDate: null,
    preview: false,
    location: place?.name ?? null,
    place: place ? toPlace(place, leadVenue(article, sentences, lead, null)) : null,
    evidence: null,
  };
}

/** The venue the dated sentence or the lead's first occasion sentence names. */
function leadVenue(article: Article, sentences: Sentence[], lead: number[], evidence: number | null): string | null {
  const order = evidence === null ? lead : [evidence, ...lead.filter((index) => index !== evidence)];
  for (const index of order) {
    const text = sentences[index].text;
    if (index !== evidence && (RETROSPECTIVE_PATTERN.test(text) || !OCCASION_PATTERN.test(text))) continue;
    const venue = venueIn(text);
    if (venue) return venue;
  }
  return null;
}

/** The city of the lead's first occasion sentence that names one, else the first place one introduces. */
function leadPlace(article: Article, sentences: Sentence[], lead: number[]): PlaceCandidate | null {
  let fallback: PlaceCandidate | null = null;
  for (const index of lead) {
    const sentence = sentences[index];
    if (RETROSPECTIVE_PATTERN.test(sentence.text) || !OCCASION_PATTERN.test(sentence.text)) continue;
    const place = placeOf(article, sentence, occasionOffset(sentence));
    if (place?.city) return place;
    fallback ??= place;
  }
  return fallback;
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
      location: placeOf(article, sentence, occasionOffset(sentence))?.name ?? null,
      relation: 'referenced',
      evidence: [cite(article, sentences, index)],
    });
  });
  return related;
}
