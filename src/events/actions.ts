// PLOVER action coding: who did what to whom, per sentence, merged across articles with evidence.
// A verb-pattern lexicon (plover-lexicon.ts) finds the act; noun phrases around the trigger give actor
// and target. A naive Bayes model over lemmas, trained on the public PLOVER records, was tried as a
// fallback and as a re-ranker and added nothing under cross-validation (scripts/eval-plover.ts), so the
// coder is the lexicon alone.
import type { Article, Entity } from '../types.js';
import type { Action, Citation, PloverType } from './types.js';
import { splitSentences, type Sentence } from '../extract/sentences.js';
import { ACTOR_LEXICON, findLexiconActors, placeCode } from './plover-actors.js';
import { findTriggers, matchesWord, tokenize, type Token, type TriggerMatch } from './plover-lexicon.js';
import { monetaryAuthorityAt, otherKindOf, type OtherKind } from './plover-kinds.js';

export type { OtherKind } from './plover-kinds.js';

export interface CodingContext {
  /** Known named entities; a mention of a name or alias is reported under the entity's full name. */
  entities?: Pick<Entity, 'name' | 'aliases' | 'type'>[];
}

export interface CodedSentence {
  type: PloverType;
  mode: string | null;
  actor: string | null;
  target: string | null;
  confidence: number;
  /** Country (ISO alpha-3) or IGO/NGO code of the actor and target, when the lexicon knows it. */
  actorCode: string | null;
  targetCode: string | null;
  /** A place the sentence puts the act in ("in Geneva"), when named. */
  location: string | null;
  /** Character span of the words that triggered the coding. */
  trigger: { start: number; end: number };
}

/** Confidence of a lexicon coding: multi-word verb patterns are the most specific; noun triggers
 *  ("talks", "sanctions") the least, since the noun may not name this sentence's own act. Set by hand. */
const CONFIDENCE = { phrase: 0.9, verb: 0.8, noun: 0.6 } as const;

const NEGATIONS = new Set(['not', "n't", 'never', 'no']);
const FUTURE_AUXILIARIES = new Set(['will', 'would', 'shall']);
const INTENT_BEFORE_TO = ['plan', 'intend', 'expect', 'schedule', 'due', 'set', 'hope', 'aim', 'prepare', 'about', 'going', 'ready', 'willing', 'prepared', 'likely', 'be'];
/** Cooperative acts that become AGREE when only announced ("will visit") and REJECT when negated. */
const COOPERATIVE: ReadonlySet<PloverType> = new Set(['CONSULT', 'SUPPORT', 'COOPERATE', 'AID', 'AGREE']);
/** Objects that make a verb a communication act, not the act itself ("released a statement"). */
const NON_EVENT_OBJECTS = new Set(['statement', 'report', 'figures', 'data', 'video', 'details', 'results', 'communique', 'photos']);
const DETERMINERS = new Set(['a', 'an', 'the', 'its', 'their', 'his', 'her', 'our', 'new']);
const PASSIVE_AUXILIARIES = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'be', 'got']);
/** Prepositions whose object is a place, time or topic, never the actor. */
const NON_ACTOR_PREPOSITIONS = new Set(['in', 'at', 'near', 'from', 'during', 'on', 'since', 'until', 'after', 'before', 'over', 'across', 'inside', 'outside', 'into', 'about', 'of', 'by', 'for', 'with', 'against', 'to', 'under']);
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'near', 'inside']);
/** Verbs that open reported speech: the act of the sentence is in the clause after them. */
const REPORTING = ['say', 'tell', 'announce', 'report', 'state', 'add', 'according', 'claim', 'note', 'confirm'];
/** Heads of actor noun phrases that are not names. */
const ACTOR_NOUNS = new Set(
  ('government governments police army troops forces force rebels militants protesters demonstrators officials official ' +
    'minister ministers president prime premier parliament opposition soldiers guerrillas insurgents gunmen students workers ' +
    'leaders leader authorities court military navy party union council delegation diplomats envoy ambassador spokesman ' +
    'spokeswoman spokesperson ministry cabinet administration regime negotiators lawmakers legislators militia militias ' +
    'fighters separatists refugees villagers residents group groups bank activists journalists civilians hostages prisoners detainees').split(' '),
);
const CALENDAR = /^(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
const FUNCTION_WORDS = new Set(
  'the a an in on at of to for by with from and or but as after before during while when this that these those it its their his her they he she we i you there here if although though since because yet also meanwhile however'.split(' '),
);

/** Modes of DEMAND and REJECT, read from the object of the act (CAMEO 10x/12x as mapped in 2021). */
const OBJECT_MODES: [RegExp, string][] = [
  [/^(aid|assistance|help|support|funds|loans?|troops|peacekeepers)$/, 'assist'],
  [/^(release|withdrawal|ceasefire|truce|lifting|end|halt|return)$/, 'yield'],
  [/^(resignation|reform|reforms|change|changes|elections?|referendum)$/, 'change'],
  [/^(talks|negotiations|meeting|dialogue|mediation|summit)$/, 'meet'],
];
const OBJECT_MODE_WINDOW = 6;

interface NounPhrase {
  first: number;
  last: number;
  start: number;
  end: number;
  text: string;
  name: string;
  code: string | null;
  isPlace: boolean;
  /** The phrase names a known person ("Foreign Minister Ana Ruiz"). */
  isPerson: boolean;
  /** How to name the phrase as a place: the entity's name or the words as written ("Berlin", not "Germany"). */
  placeName: string;
}

function hasWordBefore(tokens: Token[], index: number, window: number, accept: (token: Token) => boolean): boolean {
  for (let i = Math.max(0, index - window); i < index; i++) if (accept(tokens[i])) return true;
  return false;
}

function isAnnouncedOnly(tokens: Token[], index: number): boolean {
  if (hasWordBefore(tokens, index, 2, (token) => FUTURE_AUXILIARIES.has(token.lower))) return true;
  const previous = tokens[index - 1];
  const beforeTo = tokens[index - 2];
  return previous?.lower === 'to' && !!beforeTo && INTENT_BEFORE_TO.some((word) => matchesWord(beforeTo, word));
}

function objectIsCommunication(tokens: Token[], match: TriggerMatch): boolean {
  let next = match.last + 1;
  while (tokens[next] && DETERMINERS.has(tokens[next].lower)) next++;
  return !!tokens[next] && NON_EVENT_OBJECTS.has(tokens[next].lower);
}

/** Words that open a subordinate clause: an act inside one ("after rebels attacked the town") is
 *  background to the main clause's act. "that" and "as" are left out: too often a complement or a
 *  comparison. */
const SUBORDINATORS = new Set(['after', 'before', 'since', 'following', 'when', 'while', 'because', 'amid', 'despite', 'if', 'unless', 'until', 'who', 'which', 'whose', 'where', 'whom']);
const CLAUSE_MARKS = new Set([',', ';', ':', '(', ')', '—', '–']);

/** For each token, whether it stands in a subordinate clause: from a subordinator to the next clause mark. */
function subordinateTokens(tokens: Token[]): boolean[] {
  const inside: boolean[] = [];
  let open = false;
  for (const token of tokens) {
    if (CLAUSE_MARKS.has(token.lower)) open = false;
    else if (SUBORDINATORS.has(token.lower)) open = true;
    inside.push(open);
  }
  return inside;
}

/** Hostile acts that, announced but not yet done ("will impose sanctions", "vowed to attack"), are
 *  threats (CAMEO 13: threaten sanctions, repression, force, protest). */
const HOSTILE: ReadonlySet<PloverType> = new Set(['SANCTION', 'COERCE', 'ASSAULT', 'FIGHT', 'PROTEST', 'THREATEN']);
/** Verbs of commitment whose complement carries the act's nature: "pledged to help" is AGREE,
 *  "vowed to strike back" a threat. */
const COMMITMENT_VERBS = new Set(['pledge', 'promise', 'vow', 'commit', 'offer']);

/** A past participle used as an adjective before its noun ("Detained activists began a hunger
 *  strike"): it names a state, not the sentence's act. */
function isParticipleModifier(tokens: Token[], index: number): boolean {
  const token = tokens[index];
  const previous = tokens[index - 1];
  return /(ed|en)$/.test(token.lower) && token.lemma !== token.lower && tokens[index + 1]?.pos === 'NOUN' &&
    (!previous || DETERMINERS.has(previous.lower) || previous.pos === 'ADJ' || previous.pos === 'NUM');
}

/** A verb pattern whose verb is met as a noun ("in order to", "told the press in order to", "the host
 *  country", "conducted a strike"): the lexicon lists the nouns that name acts on their own. A word the tagger misreads in an odd context
 *  ("Guards tortured ...") matches only through its verb reading and is kept. */
function isNounUse(tokens: Token[], match: TriggerMatch): boolean {
  const token = tokens[match.first];
  const word = match.entry.words[0];
  if (!/^(NOUN|PROPN)$/.test(token.pos) || (token.lemma !== word && token.lower !== word)) return false;
  // Only in a noun's own context: after a determiner, adjective, preposition or number, or first in the
  // sentence. After a plural subject the tagger also reads present-tense verbs as nouns ("Officials sign").
  const previous = tokens[match.first - 1];
  return !previous || /^(DET|ADJ|ADP|NUM|PRON|VERB)$/.test(previous.pos) || DETERMINERS.has(previous.lower);
}

interface RankedMatch {
  match: TriggerMatch;
  /** The trigger is used as a verb here (a verb pattern whose first word wink tags as a verb). */
  verbal: boolean;
  subordinate: boolean;
}

/** Picks the act of the sentence: a verb before a noun, a main clause before a subordinate one, then
 *  the earliest (the main verb precedes its complements: "threatened to impose sanctions" is a threat),
 *  then the longest pattern at that position. */
function chooseTrigger(tokens: Token[], matches: TriggerMatch[]): { match: TriggerMatch; type: PloverType; mode: string | null } | null {
  const subordinate = subordinateTokens(tokens);
  const ranked: RankedMatch[] = matches
    .map((match) => ({
      match,
      verbal:
        match.entry.pos === 'verb' &&
        (match.entry.words.length > 1 || /^(VERB|AUX)$/.test(tokens[match.first].pos)) &&
        !isNounUse(tokens, match),
      subordinate: subordinate[match.first],
    }))
    .sort(
      (a, b) =>
        Number(!a.verbal) - Number(!b.verbal) ||
        Number(a.subordinate) - Number(b.subordinate) ||
        a.match.first - b.match.first ||
        b.match.entry.words.length - a.match.entry.words.length ||
        b.match.last - b.match.first - (a.match.last - a.match.first),
    );
  for (const { match, verbal } of ranked) {
    if (match.entry.pos === 'verb' && (objectIsCommunication(tokens, match) || isParticipleModifier(tokens, match.first) || isNounUse(tokens, match))) continue;
    const negated = hasWordBefore(tokens, match.first, 3, (token) => token.negated || NEGATIONS.has(token.lower));
    const type = match.entry.type;
    const cooperative = COOPERATIVE.has(type);
    if (negated) {
      // "did not agree", "will not release": a refusal (CAMEO 12, including 124 "decline to yield").
      // A negated hostile act is no act at all.
      if (cooperative || YIELDING.has(type)) return { match, type: 'REJECT', mode: objectMode(tokens, match) };
      continue;
    }
    const governing = verbal ? governingNoun(tokens, ranked, match) : undefined;
    if (governing) {
      // "the demand that troops withdraw", "a call for the junta to allow": the noun's act governs the clause.
      return { match: governing, type: governing.entry.type, mode: governing.entry.type === 'DEMAND' ? objectMode(tokens, governing) : governing.entry.mode };
    }
    if (verbal && hasWordBefore(tokens, match.first, 2, (token) => OBLIGATION.has(token.lower)) && type !== 'DEMAND') {
      // "Tokyo said Pyongyang must accept inspections": what another party must do is a demand.
      return { match, type: 'DEMAND', mode: objectMode(tokens, match) };
    }
    if (verbal && HOSTILE.has(type) && type !== 'THREATEN' && hasWordBefore(tokens, match.first, 2, (token) => POSSIBILITY.has(token.lower))) {
      // "could invade", "may impose sanctions": a hostile act held out as possible is a threat.
      return { match, type: 'THREATEN', mode: null };
    }
    if (verbal && isAnnouncedOnly(tokens, match.first)) {
      // PLOVER codes a stated intention to meet, help, cooperate or yield as AGREE (CAMEO 03x, 035
      // "express intent to yield"), and an announced hostile act as a threat (CAMEO 13x).
      if ((cooperative || YIELDING.has(type)) && type !== 'AGREE' && !(YIELDING.has(type) && conditionAfter(tokens, match.last, 'unless'))) {
        return { match, type: 'AGREE', mode: null };
      }
      if (HOSTILE.has(type)) return { match, type: 'THREATEN', mode: null };
    }
    if (tokens[match.first].lemma === 'order') {
      // An authority's order is the act it orders: "ordered the arrest of", "ordered an inquiry",
      // "ordered troops to withdraw"; "ordered troops to the border" is the mobilisation itself.
      const ordered = ranked.find((other) => other.match.first > match.first && other.match.first <= match.last + 4 && other.match.entry.type !== 'DEMAND');
      if (ordered) return { match: ordered.match, type: ordered.match.entry.type, mode: ordered.match.entry.mode };
    }
    if (type === 'AGREE' && COMMITMENT_VERBS.has(tokens[match.first].lemma)) {
      const committed = ranked.find((other) => other.match.first > match.last && other.match.first <= match.last + 3);
      if (committed && HOSTILE.has(committed.match.entry.type)) return { match, type: 'THREATEN', mode: null };
    }
    if (crowdBefore(tokens, match.first) && !hasWordBefore(tokens, match.first, 2, (token) => PASSIVE_AUXILIARIES.has(token.lower))) {
      // A crowd's violence is a riot, its blockades and occupations obstruction (CAMEO 144-145), and
      // its demands a demonstration (PLOVER: demands made by demonstrating are PROTEST).
      if (type === 'ASSAULT') return { match, type: 'PROTEST', mode: 'riot' };
      // Crowds hold no authority to coerce: their closures and seizures obstruct.
      if (type === 'COERCE' || OBSTRUCTING.has(tokens[match.first].lemma) || OBSTRUCTING.has(tokens[match.first].base)) return { match, type: 'PROTEST', mode: 'obstruct' };
      if (type === 'DEMAND' && tokens[match.first].lower.endsWith('ing')) return { match, type: 'PROTEST', mode: 'demo' };
    }
    if (type === 'PROTEST' && match.entry.pos === 'verb' && tokens[match.first].lemma === 'protest' && tokens[match.last + 1]?.lower === 'to') {
      // "protested to the embassy": an official complaint (CAMEO 114), not a demonstration.
      return { match, type: 'DISAPPROVE', mode: null };
    }
    if (STRIKERS.has(subjectWord(tokens, match.first)) && (tokens[match.first].lemma === 'strike' || tokens[match.first].base === 'strike')) {
      return { match, type: 'PROTEST', mode: 'boycott' };
    }
    if (verbal && CONDITIONAL_THREAT_TYPES.has(type) && isAnnouncedOnly(tokens, match.first) && conditionAfter(tokens, match.last)) {
      // "will pull out of the talks unless ...": an announced act made conditional is a threat (CAMEO 13).
      return { match, type: 'THREATEN', mode: null };
    }
    const mode = type === 'DEMAND' || type === 'REJECT' ? objectMode(tokens, match) : match.entry.mode;
    return { match, type, mode };
  }
  return null;
}

/** Crowds whose violence is a riot (CAMEO 145, "protest violently"), not an armed attack. */
const CROWDS = new Set(['rioters', 'rioter', 'mob', 'mobs', 'protesters', 'protestors', 'demonstrators', 'crowd', 'crowds', 'students', 'strikers', 'activists']);
/** Acts by which a crowd obstructs: blocking, occupying, seizing a building or road. */
const OBSTRUCTING = new Set(['block', 'occupy', 'seize', 'storm', 'blockade', 'barricade', 'capture', 'take']);
/** Who strikes when "strike" is a labour stoppage, not an attack. */
const STRIKERS = new Set(['workers', 'employees', 'unions', 'union', 'teachers', 'doctors', 'nurses', 'miners', 'drivers', 'staff', 'dockers', 'pilots', 'farmers']);
/** Announced acts that a condition ("unless", "if") turns into a threat. */
const CONDITIONAL_THREAT_TYPES: ReadonlySet<PloverType> = new Set(['RETREAT', 'REJECT', 'MOBILIZE', 'SANCTION']);

function conditionAfter(tokens: Token[], index: number, ...words: string[]): boolean {
  const conditions = words.length ? words : ['unless', 'if'];
  return tokens.slice(index + 1).some((token) => conditions.includes(token.lower));
}

/** Yielding acts: announced, they are an intent to yield (AGREE); held over the other side with
 *  "unless", a threat. */
const YIELDING: ReadonlySet<PloverType> = new Set(['RETREAT', 'CONCEDE']);
const OBLIGATION = new Set(['must', 'should']);
const POSSIBILITY = new Set(['could', 'may', 'might']);
/** Noun triggers that take a clause naming the act they are about ("a demand that", "a threat to"). */
const GOVERNING_TYPES: ReadonlySet<PloverType> = new Set(['DEMAND', 'THREATEN', 'REJECT', 'AGREE']);
const COMPLEMENT_MARKS = new Set(['that', 'to', 'for']);
const GOVERNING_WINDOW = 8;

function governingNoun(tokens: Token[], ranked: RankedMatch[], match: TriggerMatch): TriggerMatch | undefined {
  return ranked.find(({ match: noun, verbal }) => {
    if (verbal || noun.entry.pos !== 'noun' || !GOVERNING_TYPES.has(noun.entry.type)) return false;
    if (noun.last >= match.first || match.first - noun.last > GOVERNING_WINDOW) return false;
    const between = tokens.slice(noun.last + 1, match.first);
    return between.length > 0 && COMPLEMENT_MARKS.has(between[0].lower) && !between.some((token) => CLAUSE_MARKS.has(token.lower));
  })?.match;
}

/** The noun right before a verb (its subject head, when the subject is a plain noun phrase). */
function subjectWord(tokens: Token[], index: number): string {
  return tokens[index - 1]?.lower ?? '';
}

function crowdBefore(tokens: Token[], index: number): boolean {
  for (let i = index - 1; i >= 0 && !CLAUSE_MARKS.has(tokens[i].lower); i--) if (CROWDS.has(tokens[i].lower)) return true;
  return false;
}

function objectMode(tokens: Token[], match: TriggerMatch): string | null {
  for (let i = match.last + 1; i < Math.min(tokens.length, match.last + 1 + OBJECT_MODE_WINDOW); i++) {
    for (const [pattern, mode] of OBJECT_MODES) if (pattern.test(tokens[i].lower)) return mode;
  }
  return null;
}

function isCapitalised(token: Token): boolean {
  return /^\p{Lu}/u.test(token.text) && !FUNCTION_WORDS.has(token.lower) && !CALENDAR.test(token.text);
}

/** Noun phrases that can be actors: runs of capitalised words, known names and actor nouns
 *  ("Sudanese government forces", "Foreign Minister Mauro Vieira"), with their codes. */
function nounPhrases(sentence: string, tokens: Token[], context: CodingContext | undefined): NounPhrase[] {
  const lexiconSpans = findLexiconActors(sentence);
  const entitySpans: { start: number; end: number; name: string; isPlace: boolean; isPerson: boolean }[] = [];
  for (const entity of context?.entities ?? []) {
    for (const form of new Set([entity.name, ...entity.aliases])) {
      if (form.length < 2) continue;
      for (let at = sentence.indexOf(form); at >= 0; at = sentence.indexOf(form, at + form.length)) {
        const before = sentence[at - 1] ?? ' ';
        const after = sentence[at + form.length] ?? ' ';
        if (/[\p{L}\p{N}]/u.test(before) || /[\p{L}\p{N}]/u.test(after)) continue;
        entitySpans.push({ start: at, end: at + form.length, name: entity.name, isPlace: entity.type === 'location', isPerson: entity.type === 'person' });
      }
    }
  }
  const covered = (token: Token) =>
    lexiconSpans.some((span) => token.start >= span.start && token.start < span.end) ||
    entitySpans.some((span) => token.start >= span.start && token.start < span.end);
  const inPhrase = (index: number): boolean => {
    const token = tokens[index];
    if (covered(token) || ACTOR_NOUNS.has(token.lower)) return true;
    if (!isCapitalised(token)) return false;
    // A capitalised first word is only a name if the next word is one too ("Foreign Minister ...").
    return index > 0 || (tokens[1] !== undefined && (isCapitalised(tokens[1]) || covered(tokens[1])));
  };
  const phrases: NounPhrase[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!inPhrase(i)) continue;
    let last = i;
    while (last + 1 < tokens.length && inPhrase(last + 1)) last++;
    const start = tokens[i].start;
    const end = tokens[last].end;
    // The head of an English noun phrase comes last: "Central Bank Governor Kamau Thugge" is the person.
    const entity = entitySpans.filter((span) => span.start >= start && span.end <= end).sort((a, b) => b.end - a.end || b.end - b.start - (a.end - a.start))[0];
    const lexicon = lexiconSpans.find((span) => span.start >= start && span.end <= end);
    const text = sentence.slice(start, end).replace(/['’]s$/, '');
    const wholeLexicon = lexicon && lexicon.start === start && lexicon.end >= end - 2;
    const lexiconKind = lexicon ? ACTOR_LEXICON.get(lexicon.text)?.kind : undefined;
    phrases.push({
      first: i,
      last,
      start,
      end,
      text,
      name: entity?.name ?? (wholeLexicon && lexicon ? lexicon.name : text),
      code: lexicon?.code ?? (entity ? placeCode(entity.name) : null),
      isPlace: entity?.isPlace ?? (lexiconKind === 'country' || lexiconKind === 'capital'),
      isPerson: entity?.isPerson ?? false,
      placeName: entity?.name ?? text,
    });
    i = last;
  }
  return phrases;
}

function precededBy(tokens: Token[], phrase: NounPhrase, words: ReadonlySet<string>): boolean {
  let index = phrase.first - 1;
  while (index >= 0 && DETERMINERS.has(tokens[index].lower)) index--;
  return index >= 0 && words.has(tokens[index].lower);
}

/** The first token of the clause holding the trigger: after the last reporting verb or clause mark. */
function clauseStart(tokens: Token[], trigger: number): number {
  let start = 0;
  for (let i = 0; i < trigger; i++) {
    const lower = tokens[i].lower;
    if (lower === ';' || lower === ':' || lower === 'that' || REPORTING.some((word) => matchesWord(tokens[i], word))) start = i + 1;
  }
  return start;
}

function ofComplement(tokens: Token[], phrases: NounPhrase[], phrase: NounPhrase): NounPhrase | undefined {
  if (tokens[phrase.last + 1]?.lower !== 'of') return undefined;
  return phrases.find((other) => other.first > phrase.last + 1 && other.first <= phrase.last + 3);
}

/** Words that join the parts of a long formal title ("Member of the Political Bureau of the Central
 *  Committee and Director of the Office for Foreign Affairs Li Qiang"). */
const TITLE_CHAIN_WORDS = new Set(['of', 'the', 'and', 'for']);

/** The person a title phrase introduces: from a phrase that names nobody, follows the title's chain of
 *  phrases to the first that names a person, without passing `limit` (a token index). */
function titledPerson(tokens: Token[], phrases: NounPhrase[], phrase: NounPhrase, limit: number): NounPhrase {
  let current = phrase;
  while (!current.isPerson) {
    let next = current.last + 1;
    while (next < limit && TITLE_CHAIN_WORDS.has(tokens[next].lower)) next++;
    const following = next > current.last + 1 ? phrases.find((other) => other.first === next && other.last < limit) : undefined;
    if (!following) return phrase;
    current = following;
  }
  return current;
}

interface Participants {
  actor: NounPhrase | null;
  target: NounPhrase | null;
}

function findParticipants(tokens: Token[], phrases: NounPhrase[], match: TriggerMatch): Participants {
  const before = phrases.filter((phrase) => phrase.last < match.first);
  const after = phrases.filter((phrase) => phrase.first > match.last && phrase.first <= match.last + 12);
  const passive = hasWordBefore(tokens, match.first, 2, (token) => PASSIVE_AUXILIARIES.has(token.lower));
  const agent = after.find((phrase) => tokens[phrase.first - 1]?.lower === 'by');
  const clause = clauseStart(tokens, match.first);
  let subject =
    before.find((phrase) => phrase.first >= clause && !precededBy(tokens, phrase, NON_ACTOR_PREPOSITIONS)) ??
    [...before].reverse().find((phrase) => !precededBy(tokens, phrase, PLACE_PREPOSITIONS)) ??
    null;
  const withCode = (phrase: NounPhrase | null): NounPhrase | null => {
    if (!phrase || phrase.code) return phrase;
    const complement = ofComplement(tokens, phrases, phrase);
    return complement?.code ? { ...phrase, code: complement.code } : phrase;
  };
  if (passive && agent) return { actor: withCode(agent), target: withCode(subject) };
  if (subject) subject = titledPerson(tokens, phrases, subject, match.first);
  let target =
    after.find((phrase) => phrase !== agent && !precededBy(tokens, phrase, PLACE_PREPOSITIONS) && !(phrase.isPlace && precededBy(tokens, phrase, new Set(['in', 'at'])))) ?? null;
  if (target) target = titledPerson(tokens, phrases, target, tokens.length);
  if (!target && subject) {
    // "China and Russia held talks": the partner named beside the subject is the target.
    const partner = before.find((phrase) => phrase.first > subject.last && tokens[phrase.first - 1]?.lower === 'and');
    if (partner) target = partner;
  }
  return { actor: withCode(subject), target: withCode(target) };
}

function sentenceLocation(tokens: Token[], phrases: NounPhrase[]): NounPhrase | null {
  return phrases.find((phrase) => phrase.isPlace && precededBy(tokens, phrase, PLACE_PREPOSITIONS)) ?? null;
}

/** CONSULT's mode from where a meeting took place: in one party's country it is a visit,
 *  elsewhere a meeting at a third location. Needs all three codes. */
function consultMode(actorCode: string | null, targetCode: string | null, place: NounPhrase | null): string | null {
  if (!actorCode || !targetCode || !place?.code) return null;
  if (place.code === actorCode || place.code === targetCode) return 'visit';
  return 'third-party';
}

/** What a sentence reports: a PLOVER-coded political act, a happening PLOVER does not code (a rate
 *  decision, a market move, sport, weather, a disaster), or neither (both null). */
export interface Happening {
  coding: CodedSentence | null;
  otherKind: OtherKind | null;
}

/** Violent and coercive types a disaster's own verbs trigger ("floods destroyed", "the quake killed"). */
const DISASTER_VERB_TYPES: ReadonlySet<PloverType> = new Set(['ASSAULT', 'FIGHT', 'COERCE', 'PROTEST']);

/** Codes one sentence: its political act (PLOVER), else the non-political kind of happening it reports. */
export function classifyHappening(sentence: string, context?: CodingContext): Happening {
  const tokens = tokenize(sentence);
  const otherKind = otherKindOf(tokens);
  const coding = codeTokens(sentence, tokens, context);
  if (!otherKind) return { coding, otherKind };
  if (!coding) return { coding: null, otherKind };
  const triggerIndex = tokens.findIndex((token) => token.start === coding.trigger.start);
  // A rate decision is the central bank's own act; "protesters demanded the central bank cut rates" is a demand.
  if (otherKind === 'ECONOMIC_POLICY' && monetaryAuthorityAt(tokens) > triggerIndex) return { coding, otherKind: null };
  // A government's response to a disaster ("Japan sent rescue teams to the flooded region") is political.
  if (otherKind === 'DISASTER' && coding.actorCode && !DISASTER_VERB_TYPES.has(coding.type)) return { coding, otherKind: null };
  return { coding: null, otherKind };
}

/** PLOVER coding of one sentence, or null when it reports no codable political act. */
export function codeSentence(sentence: string, context?: CodingContext): CodedSentence | null {
  return classifyHappening(sentence, context).coding;
}

/** Armed forces and their weapons: an attack by or on them is conventional military force (CAMEO 19,
 *  FIGHT), not the unconventional violence of ASSAULT. Air and artillery words give the heavy-weapons mode. */
const MILITARY_FORCE = new Set('troops soldiers army armies forces military navy marines battalion brigade positions warships tanks'.split(' '));
const HEAVY_WEAPONS = new Set('warplanes jets jet aircraft planes helicopters gunships drones bombers artillery'.split(' '));
/** Verbs of attack that either kind of violence uses. */
const ATTACK_VERBS = new Set(['attack', 'bomb', 'strike', 'shoot', 'ambush', 'hit', 'target', 'kill', 'fire']);

function triggerLemmaIn(tokens: Token[], match: TriggerMatch, set: ReadonlySet<string>): boolean {
  return set.has(tokens[match.first].lemma) || set.has(tokens[match.first].base);
}

/** FIGHT when an attack has armed forces or heavy weapons in its sentence (CAMEO 19, "use
 *  conventional military force"). */
function militaryAttack(tokens: Token[], match: TriggerMatch): { mode: string | null } | null {
  if (!triggerLemmaIn(tokens, match, ATTACK_VERBS)) return null;
  if (tokens.some((token) => HEAVY_WEAPONS.has(token.lower))) return { mode: 'heavy-weapons' };
  if (tokens.some((token) => MILITARY_FORCE.has(token.lower))) return { mode: null };
  return null;
}

/** Police and security forces turning violence on a crowd: violent repression (CAMEO 175, COERCE). */
const POLICE = new Set(['police', 'policemen', 'security', 'guards', 'gendarmes', 'troopers', 'soldiers', 'troops', 'army', 'forces']);
const CROWD_TARGETS = new Set([...'protesters protestors demonstrators crowd crowds marchers students strikers rioters mourners worshippers supporters'.split(' ')]);

function repressesCrowd(tokens: Token[], match: TriggerMatch): boolean {
  const before = tokens.slice(0, match.first).some((token) => POLICE.has(token.lower));
  const after = tokens.slice(match.last + 1, match.last + 8).some((token) => CROWD_TARGETS.has(token.lower));
  return before && after;
}

/** Burning or wrecking buildings, homes and goods: destroying property (CAMEO 1712), which the gold-era
 *  labels keep under COERCE. */
const PROPERTY = new Set('house houses home homes building buildings property properties shop shops store stores office offices crop crops field fields car cars vehicle vehicles church churches mosque mosques temple temples school schools village villages farm farms'.split(' '));
const DESTROYING = new Set(['burn', 'torch', 'set', 'destroy', 'demolish', 'raze', 'loot', 'ransack', 'vandalize', 'vandalise']);

function destroysProperty(tokens: Token[], match: TriggerMatch): boolean {
  return triggerLemmaIn(tokens, match, DESTROYING) && tokens.slice(match.last + 1, match.last + 7).some((token) => PROPERTY.has(token.lower) || PROPERTY.has(token.lemma));
}

function codeTokens(sentence: string, tokens: Token[], context: CodingContext | undefined): CodedSentence | null {
  const chosen = chooseTrigger(tokens, findTriggers(tokens));
  if (!chosen) return null;
  if ((chosen.type === 'ASSAULT' || chosen.type === 'FIGHT') && repressesCrowd(tokens, chosen.match)) Object.assign(chosen, { type: 'COERCE', mode: 'restrict' });
  else if (chosen.type === 'ASSAULT' && (!chosen.mode || chosen.mode === 'explosives')) {
    if (destroysProperty(tokens, chosen.match)) Object.assign(chosen, { type: 'COERCE', mode: 'seize' });
    else {
      const military = militaryAttack(tokens, chosen.match);
      if (military) Object.assign(chosen, { type: 'FIGHT', mode: military.mode });
    }
  }
  const { match } = chosen;
  const phrases = nounPhrases(sentence, tokens, context);
  const place = sentenceLocation(tokens, phrases);
  // A trigger word inside a name ("Human Rights Watch") is not an act.
  const participants = findParticipants(tokens, phrases.filter((phrase) => phrase.last < match.first || phrase.first > match.last), match);
  const actorCode = participants.actor?.code ?? null;
  const targetCode = participants.target?.code ?? null;
  const mode = chosen.type === 'CONSULT' && !chosen.mode ? consultMode(actorCode, targetCode, place) : chosen.mode;
  return {
    type: chosen.type,
    mode,
    actor: participants.actor?.name ?? null,
    target: participants.target?.name ?? null,
    confidence: match.entry.pos === 'noun' ? CONFIDENCE.noun : match.entry.words.length > 1 ? CONFIDENCE.phrase : CONFIDENCE.verb,
    actorCode,
    targetCode,
    location: place?.placeName ?? null,
    trigger: { start: tokens[match.first].start, end: tokens[match.last].end },
  };
}

function participantKey(name: string | null, code: string | null): string {
  return name ? name.toLowerCase() : code ?? '';
}

/** The day a sentence dates its act to, when an article date mention inside it resolves to one. */
function sentenceDate(article: Article, start: number, end: number): string | null {
  const mention = (article.dates ?? []).find((date) => date.start >= start && date.end <= end && date.value && /^\d{4}-\d{2}-\d{2}$/.test(date.value));
  return mention?.value ?? null;
}

/** Codes every sentence of the articles and merges the same (actor, type, target) into one Action. */
export function codeActions(
  articles: Article[],
  event: { date: string | null; location: string | null },
  sentencesOf: (article: Article) => Sentence[] = (article) => splitSentences(article.text),
): Action[] {
  const merged = new Map<string, Action>();
  for (const article of articles) {
    if (article.status !== 'ok') continue;
    sentencesOf(article).forEach((sentence, index) => {
      const entities = (article.entities ?? []).filter((entity) =>
        entity.mentions.some((mention) => mention.start >= sentence.start && mention.end <= sentence.end),
      );
      const coded = codeSentence(sentence.text, { entities });
      if (!coded) return;
      const citation: Citation = { article: article.id, sentence: index, start: sentence.start, end: sentence.end };
      const key = [participantKey(coded.actor, coded.actorCode), coded.type, participantKey(coded.target, coded.targetCode)].join('|');
      const existing = merged.get(key);
      if (existing) {
        existing.evidence.push(citation);
        existing.mode ??= coded.mode;
        existing.location ??= coded.location;
        return;
      }
      merged.set(key, {
        actor: coded.actor,
        type: coded.type,
        mode: coded.mode,
        target: coded.target,
        date: sentenceDate(article, sentence.start, sentence.end) ?? event.date,
        location: coded.location ?? event.location,
        evidence: [citation],
      });
    });
  }
  return [...merged.values()];
}

/** How an event names things (participants.ts): any written name to its canonical one, and its country. */
export interface EventNames {
  /** The canonical participant, place or country a name stands for, or null for none of them. */
  resolve(name: string): string | null;
  /** Alpha-3 code of the country of a canonical name, when known. */
  countryOf(name: string): string | null;
}

/** Meetings and calls have no direction: "A met B" and "B met A" are one act. */
const SYMMETRIC: ReadonlySet<PloverType> = new Set(['CONSULT']);

function sourceCount(action: Action, independent: Set<string>): number {
  return new Set(action.evidence.filter((citation) => independent.has(citation.article)).map((citation) => citation.article)).size;
}

/** The visitor acts in a visit: the side whose country is not the place's comes first. */
function orientVisit(action: Action, names: EventNames): Action {
  const place = action.location ? placeCode(action.location) ?? names.countryOf(action.location) : null;
  if (!place || !action.actor || !action.target) return action;
  const [actorCountry, targetCountry] = [names.countryOf(action.actor), names.countryOf(action.target)];
  if (!actorCountry || !targetCountry || actorCountry === targetCountry) return action;
  const mode = action.mode ?? (place === actorCountry || place === targetCountry ? 'visit' : 'third-party');
  const swap = mode === 'visit' && actorCountry === place;
  return { ...action, mode, actor: swap ? action.target : action.actor, target: swap ? action.actor : action.target };
}

/** An event's actions in its own names: actor and target mapped onto its participants, places and
 *  countries (an action naming anything else is dropped as noise), and the same act merged. */
export function resolveActions(actions: Action[], names: EventNames): Action[] {
  const merged = new Map<string, Action>();
  for (const action of actions) {
    const actor = action.actor ? names.resolve(action.actor) : null;
    const target = action.target ? names.resolve(action.target) : null;
    if (!actor || (action.target && !target) || actor === target) continue;
    const pair = SYMMETRIC.has(action.type) && target ? [actor, target].sort() : [actor, target ?? ''];
    const key = [action.type, ...pair].join('|');
    const known = merged.get(key);
    if (!known) {
      merged.set(key, { ...action, actor, target, evidence: [...action.evidence] });
      continue;
    }
    const cited = new Set(known.evidence.map((citation) => `${citation.article}:${citation.sentence}`));
    known.evidence.push(...action.evidence.filter((citation) => !cited.has(`${citation.article}:${citation.sentence}`)));
    known.mode ??= action.mode;
    known.location ??= action.location;
  }
  return [...merged.values()];
}

export interface RankContext {
  names: EventNames;
  /** The event's principal participants (its two most reported): their meeting is the event itself. */
  principals: string[];
  /** Ids of the articles that count as independent sources. */
  independent: Set<string>;
}

/** Most reported first (independent sources, then sentences), the principals' meeting before all: that
 *  meeting is the event itself, so its place is the event's and its mode (visit or third-party) follows
 *  from the principals' countries. */
export function rankActions(actions: Action[], context: RankContext): Action[] {
  const principal = new Set(context.principals);
  const isMeeting = (action: Action) =>
    action.type === 'CONSULT' && principal.size >= 2 && principal.has(action.actor ?? '') && principal.has(action.target ?? '');
  return actions
    .map((action, order) => {
      const meeting = isMeeting(action);
      return { action: meeting ? orientVisit(action, context.names) : action, order, meeting, sources: sourceCount(action, context.independent) };
    })
    .sort((a, b) => Number(b.meeting) - Number(a.meeting) || b.sources - a.sources || b.action.evidence.length - a.action.evidence.length || a.order - b.order)
    .map(({ action }) => action);
}
