// Quote and attribution extraction: direct quotes (from quotation marks) and indirect speech
// ("X said that ..."), each with its speaker, cue verb and channel.
//
// Hand-written rules rather than a library: attribution is the product's own core logic, and no
// maintained JavaScript library does it. The pipeline per article:
//   1. find quoted passages from quotation marks (quotes-marks.ts);
//   2. split sentences with the quoted passages masked, so a full stop inside a quote never ends
//      the sentence that carries its attribution;
//   3. in each sentence, find "frames": a cue verb with its speaker phrase and the content it
//      introduces (before it: `"...," he said`; after it: `he said that ...`), plus "according to";
//   4. resolve speakers to entities (names, aliases, pronouns, role phrases) and give quotes no
//      frame claims a speaker from context: the attribution that introduced them ("X said:"), the
//      subject of their sentence ("X called it “a gamble”"), or the speaker of the quote they continue.

import type { Entity, Quote, Span } from '../types.js';
import {
  AUXILIARIES, CLAUSE_ONLY_CUES, CUE_BASE_FORMS, CUE_WORDS, DOCUMENT_NOUNS, MODALS, MONTH_ABBREVIATIONS, NAME_TITLES,
  NON_CLAUSE_STARTS, NON_HEAD_WORDS, OBJECT_CUES, PERSONAL_PRONOUNS, PHRASAL_CUES, PHRASE_BOUNDARY_WORDS, TIME_WORDS, WEAK_CUES,
} from './quotes-lexicon.js';
import { findQuoteRegions, paragraphsOf, type QuoteRegion } from './quotes-marks.js';
import { entitiesFromNameSpans, findNameSpans, indexMentions, type SpeakerMention } from './quotes-speakers.js';
import { firstIndexWhere } from '../util/sorted.js';

/** A quote with the words in the text that name its speaker (a name, a pronoun, "the ministry"). */
export interface AttributedQuote extends Quote {
  /** Where the text names the speaker for this quote; null when the speaker was inherited or is unknown. */
  speakerSpan: Span | null;
}

/** The longest speaker phrase, in words ("a senior Homeland Security Department official"); calibrated on PolNeAR dev. */
const MAX_SPEAKER_WORDS = 8;
/** How far after a cue "that" may come ("told reporters in Nairobi on Sunday that"); calibrated on PolNeAR dev. */
const MAX_WORDS_BEFORE_THAT = 8;
/** How far back an appositive may push a subject ("Jane Doe, a fellow at ..., said"); calibrated on PolNeAR dev. */
const MAX_APPOSITIVE_TOKENS = 40;
/** The longest parenthesis skipped between a speaker and a cue ("(D-Md.)", "(R-Utah)"). */
const MAX_PARENTHESIS_TOKENS = 8;
/** The longest name written as an appositive ("the spokesman, Tom A. Reed, said"). */
const MAX_NAME_WORDS = 4;
/** Reported content shorter than this, in words, is not a claim ("he said so"). */
const MIN_CONTENT_WORDS = 2;

interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  kind: 'word' | 'punct' | 'quote';
  region?: QuoteRegion;
}

interface Sentence {
  start: number;
  end: number;
  paragraph: number;
  tokens: Token[];
}

interface Speaker {
  name: string | null;
  entity: Entity | null;
  span: Span | null;
}

interface Frame {
  /** Null for a bare byline attribution ("“...” — Jane Doe"). */
  cue: string | null;
  /** Token index range of the cue. */
  cueFirst: number;
  cueLast: number;
  speaker: Speaker;
  /** Token index range of the content, inclusive; null when the frame introduces nothing. */
  contentFirst: number;
  contentLast: number;
  channel: string | null;
  /** Frames that only name where other frames' words came from ("state news agency TASS reported"). */
  isChannelOnly: boolean;
}

/** Prepositions that join a role noun to the body it serves ("a spokesman for", "a member of"). */
const ROLE_PREPOSITIONS = new Set(['for', 'of', 'at', 'in', 'with']);
const RELATIVE_PRONOUNS = new Set(['who', 'which']);
/** Words that open a fronted clause before a sentence's subject ("While in Paris, Lee said"). */
/** Words after which a cue word is a noun. */
const NOUN_MARKERS = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'our', 'my', 'your', 'this', 'that', 'whose']);
/** Prepositions after which a name is who is addressed or discussed ("a message to Lee:"). */
const ADDRESSEE_PREPOSITIONS = new Set(['to', 'on', 'about', 'at', 'for', 'with', 'against', 'toward', 'towards', 'of', 'over', 'in', 'into']);
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'we']);
const BE_FORMS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);
const SUBORDINATORS = new Set(['while', 'when', 'as', 'although', 'though', 'because', 'since', 'if', 'once', 'unlike', 'like']);
/** The words of TIME_WORDS that can end a time adjunct ("on Tuesday", "this week"), unlike "on", "this" or "last". */
const TIME_NOUNS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday',
  'tonight', 'morning', 'afternoon', 'evening', 'night', 'week', 'month', 'year']);
const DASHES = new Set(['\u2014', '\u2015', '\u2013', '-']);
const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const SENTENCE_SEGMENTER = new Intl.Segmenter('en', { granularity: 'sentence' });
/** Longest stretch handed to the segmenter at once: V8's sentence segmenter takes time quadratic in the length of
 *  the string it iterates (0.9 s for 100 KB, 139 s for 800 KB), so text is fed to it in pieces it would break anyway. */
const SEGMENTER_CHUNK_CHARS = 4_000;
/** A place the segmenter always breaks: after a line break, or after a full stop and spaces before a capital. */
const SURE_BREAK = /\n|[.!?]['’"”)\]]*\s+(?=\p{Lu})/gu;

/** Intl.Segmenter's sentence segments of `text`, each with its offset, computed piece by piece (see SEGMENTER_CHUNK_CHARS). */
function* sentenceSegments(text: string): Generator<{ index: number; segment: string }> {
  let chunkStart = 0;
  while (chunkStart < text.length) {
    let chunkEnd = text.length;
    if (text.length - chunkStart > SEGMENTER_CHUNK_CHARS) {
      // The last sure break within the chunk's length, or the first one after it when there is none.
      SURE_BREAK.lastIndex = chunkStart;
      let cut = -1;
      for (let match = SURE_BREAK.exec(text); match; match = SURE_BREAK.exec(text)) {
        const after = match.index + match[0].length;
        if (after - chunkStart > SEGMENTER_CHUNK_CHARS && cut > chunkStart) break;
        cut = after;
        if (after - chunkStart > SEGMENTER_CHUNK_CHARS) break;
      }
      if (cut > chunkStart) chunkEnd = cut;
    }
    for (const segment of SENTENCE_SEGMENTER.segment(text.slice(chunkStart, chunkEnd))) {
      yield { index: chunkStart + segment.index, segment: segment.segment };
    }
    chunkStart = chunkEnd;
  }
}

function isCapitalised(token: Token): boolean {
  return token.kind === 'word' && /^\p{Lu}/u.test(token.text);
}

/**
 * Running maxima of one end of regions sorted by their opening mark: non-decreasing, so a binary search finds
 * the first region that ends after an offset even where one quote nests in another.
 */
function runningMax(regions: QuoteRegion[], end: (region: QuoteRegion) => number): number[] {
  let max = -1;
  return regions.map((region) => (max = Math.max(max, end(region))));
}

function tokenize(text: string, start: number, end: number, regions: QuoteRegion[], maxClose: number[]): Token[] {
  const tokens: Token[] = [];
  let at = start;
  // Regions before the first one closing after `start` cannot overlap the sentence, nor can those opening after its end.
  for (let index = firstIndexWhere(maxClose, (close) => close > start); index < regions.length && regions[index].open < end; index++) {
    const region = regions[index];
    pushWords(text, at, region.open, tokens);
    tokens.push({ start: region.open, end: region.close, text: text.slice(region.open, region.close), lower: '', kind: 'quote', region });
    at = region.close;
  }
  pushWords(text, at, end, tokens);
  return tokens;
}

function pushWords(text: string, start: number, end: number, tokens: Token[]): void {
  if (end <= start) return;
  const slice = text.slice(start, end);
  for (const match of slice.matchAll(WORD_PATTERN)) {
    const tokenStart = start + (match.index ?? 0);
    const kind = /^[\p{L}\p{N}]/u.test(match[0]) ? 'word' : 'punct';
    tokens.push({ start: tokenStart, end: tokenStart + match[0].length, text: match[0], lower: match[0].toLowerCase(), kind });
  }
}

/** Text with quote contents blanked (keeping their final punctuation), so sentence breaks fall outside quotes. */
function maskQuotes(text: string, regions: QuoteRegion[]): string {
  const chars = text.split('');
  for (const region of regions) {
    let keepFrom = region.innerEnd;
    while (keepFrom > region.innerStart && /[.?!…]/.test(text[keepFrom - 1])) keepFrom -= 1;
    // Upper case, so that a full stop before the quote still reads as a sentence end.
    for (let at = region.innerStart; at < keepFrom; at += 1) chars[at] = 'X';
  }
  return chars.join('');
}

/** Whether a sentence piece ends with an abbreviation that does not end a sentence ("Mr.", "Sept.", "J."). */
function endsWithAbbreviation(piece: string): boolean {
  const match = /(?:^|[\s(])([\p{L}]+)\.\s*$/u.exec(piece);
  if (!match) return false;
  const word = match[1];
  return NAME_TITLES.has(word.toLowerCase()) || MONTH_ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word);
}

/** A sentence piece ending with a quotation closed after "?", "!" or ".", as in `“Why now?” Lee asked.` */
const CLOSING_QUOTE_END = /[?!.…]\s*['’"”]+\s*$/u;

/**
 * Whether a piece opens with the attribution of the quote before it ("Lee asked.", "said Lee"):
 * a cue among its first few words, with no punctuation before it but the stops of titles.
 */
function opensWithAttribution(piece: string): boolean {
  const words = piece.trim().split(/\s+/).slice(0, MAX_SPEAKER_WORDS + 1);
  for (const word of words) {
    const bare = word.replace(/[.,;:!?]+$/u, '');
    if (CUE_WORDS.has(bare.toLowerCase()) && !WEAK_CUES.has(bare.toLowerCase())) return true;
    const isTitle = /^\p{Lu}[\p{L}]*\.$/u.test(word) && (NAME_TITLES.has(bare.toLowerCase()) || bare.length === 1);
    if (word !== bare && !isTitle) return false;
  }
  return false;
}

/** How much of the end of a sentence piece decides whether the next piece joins it (an abbreviation, a closing quote). */
const PIECE_TAIL_CHARS = 80;

function splitSentences(text: string, regions: QuoteRegion[]): Sentence[] {
  const masked = maskQuotes(text, regions);
  const paragraphs = paragraphsOf(text);
  const maxClose = runningMax(regions, (region) => region.close);
  const pieces: Span[] = [];
  for (const segment of sentenceSegments(masked)) {
    const start = segment.index;
    const end = start + segment.segment.length;
    const previous = pieces[pieces.length - 1];
    const sameLine = previous && !text.slice(previous.end, start).includes('\n');
    const signsPrevious = /^[\u2014\u2015\u2013-]/.test(segment.segment);
    // The end of the piece is all the tests below read: a long run of joined pieces is not copied again each time.
    const previousText = previous ? masked.slice(Math.max(previous.start, previous.end - PIECE_TAIL_CHARS), previous.end) : '';
    const joinsPrevious = signsPrevious || endsWithAbbreviation(previousText) ||
      (CLOSING_QUOTE_END.test(previousText) && opensWithAttribution(segment.segment));
    if (previous && sameLine && joinsPrevious) previous.end = end;
    else pieces.push({ start, end });
  }
  const sentences: Sentence[] = [];
  let paragraph = 0;
  for (const piece of pieces) {
    let { start, end } = piece;
    while (start < end && /\s/.test(text[start])) start += 1;
    while (end > start && /\s/.test(text[end - 1])) end -= 1;
    if (start >= end) continue;
    while (paragraph < paragraphs.length - 1 && paragraphs[paragraph].end <= start) paragraph += 1;
    sentences.push({ start, end, paragraph, tokens: tokenize(text, start, end, regions, maxClose) });
  }
  return sentences;
}

/** A title or an initial, after which a full stop is part of a name ("Mr.", "Julie A. Diaz"). */
function isAbbreviatedWord(token: Token): boolean {
  return NAME_TITLES.has(token.lower) || /^\p{Lu}$/u.test(token.text);
}

/** Whether a token ends a speaker phrase; a capitalised word inside a sentence is a name ("Will", "May"). */
function isBoundary(token: Token, index: number): boolean {
  return token.kind !== 'word' || (PHRASE_BOUNDARY_WORDS.has(token.lower) && !(index > 0 && isCapitalised(token)));
}

/** Index of the first token of the speaker phrase ending at `last`, or -1 if there is none. */
function phraseStartBackward(tokens: Token[], last: number): number {
  let first = last + 1;
  let words = 0;
  for (let index = last; index >= 0 && words < MAX_SPEAKER_WORDS; index -= 1) {
    const token = tokens[index];
    const isTitleStop = token.text === '.' && index > 0 && isAbbreviatedWord(tokens[index - 1]);
    if (!isTitleStop && isBoundary(token, index)) {
      first = roleBefore(tokens, index) ?? first;
      break;
    }
    if (CUE_WORDS.has(token.text) && !WEAK_CUES.has(token.text)) break;
    first = index;
    // "an architect who said", "the impact it said": a pronoun right before the cue is the whole phrase.
    if (index === last && (RELATIVE_PRONOUNS.has(token.lower) || PERSONAL_PRONOUNS.has(token.lower))) break;
    // "features a New York Times report": the phrase starts at its article, not at the verb before it.
    if (token.lower === 'the' || token.lower === 'a' || token.lower === 'an') {
      first = roleBefore(tokens, index - 1) ?? first;
      break;
    }
    if (token.kind === 'word') words += 1;
  }
  return first <= last ? first : -1;
}

/**
 * "a spokesman for the regional government": a role noun with its article, joined to the phrase by
 * the preposition at `preposition`; the index of that article, or null.
 */
function roleBefore(tokens: Token[], preposition: number): number | null {
  if (preposition < 2 || !ROLE_PREPOSITIONS.has(tokens[preposition].lower)) return null;
  const role = tokens[preposition - 1];
  const isRoleNoun = role.kind === 'word' && !isCapitalised(role) && !isBoundary(role, preposition - 1) && !CUE_WORDS.has(role.lower);
  return isRoleNoun && ['a', 'an', 'the'].includes(tokens[preposition - 2].lower) ? preposition - 2 : null;
}

/** Index of the last token of the speaker phrase starting at `first` (after an inverted cue), or -1. */
function phraseEndForward(tokens: Token[], first: number): number {
  let last = first - 1;
  let words = 0;
  for (let index = first; index < tokens.length && words < MAX_SPEAKER_WORDS; index += 1) {
    const token = tokens[index];
    // A title's stop belongs to the phrase only when the name goes on after it ("Sen. Jo Wu", not "Jo Wu Jr.").
    const isTitleStop = token.text === '.' && index > 0 && isAbbreviatedWord(tokens[index - 1]) && tokens[index + 1]?.kind === 'word';
    const isPhraseWord = token.kind === 'word' && (!isBoundary(token, index) || token.lower === 'of');
    if (!isTitleStop && !isPhraseWord) break;
    last = index;
    if (token.kind === 'word') words += 1;
  }
  return last;
}

function isValidPhrase(tokens: Token[], first: number, last: number): boolean {
  if (first < 0 || last < first) return false;
  const head = tokens[last];
  if (head.kind !== 'word' || NON_HEAD_WORDS.has(head.lower) || MODALS.has(head.text) || /^\d/.test(head.text)) return false;
  if (CUE_WORDS.has(head.lower) && !isCapitalised(head)) return false;
  // "he stopped", "they later": a pronoun followed by more words is a clause, not a noun phrase.
  for (let index = first; index < last; index += 1) if (SUBJECT_PRONOUNS.has(tokens[index].lower)) return false;
  return true;
}

/** Index of the "(" that opens the parenthesis closing at `index`, or -1. */
function openingParenthesis(tokens: Token[], index: number): number {
  for (let at = index - 1; at >= 0 && index - at <= MAX_PARENTHESIS_TOKENS; at -= 1) if (tokens[at].text === '(') return at;
  return -1;
}

function skipBackOverAuxiliaries(tokens: Token[], index: number): number {
  let at = index;
  // "Rep. Jane Doe (D-Md.) said": a parenthesis after the name is skipped.
  if (at > 0 && tokens[at].text === ')' && openingParenthesis(tokens, at) > 0) at = openingParenthesis(tokens, at) - 1;
  while (at >= 0 && tokens[at].kind === 'word' && !isCapitalised(tokens[at]) &&
    (AUXILIARIES.has(tokens[at].lower) || /ly$/.test(tokens[at].lower) || TIME_WORDS.has(tokens[at].lower))) at -= 1;
  // "Trump on Friday said": a day name between speaker and cue.
  while (at >= 1 && TIME_WORDS.has(tokens[at].lower) && tokens[at - 1].lower === 'on') at -= 2;
  return at;
}

/** First token index of the content after a cue, or null when the cue introduces no content here. */
function contentAfterCue(tokens: Token[], cueLast: number, cueWord: string): number | null {
  const next = cueLast + 1;
  if (next >= tokens.length) return null;
  // "said: “...”", "said, “...”", "said “...”"
  if (tokens[next].kind === 'quote') return next;
  if ((tokens[next].text === ':' || tokens[next].text === ',') && tokens[next + 1]?.kind === 'quote') return next + 1;
  for (let index = next, words = 0; index < tokens.length && words <= MAX_WORDS_BEFORE_THAT; index += 1) {
    const token = tokens[index];
    if (token.lower === 'that') return index + 1 < tokens.length ? index + 1 : null;
    if (token.text === ':') return index + 1 < tokens.length ? index + 1 : null;
    if (token.kind !== 'word' && token.text !== ',' && token.text !== '.') break;
    if (token.kind === 'word' && (CUE_WORDS.has(token.lower) || token.lower === 'according')) break;
    if (token.kind === 'word') words += 1;
  }
  if (OBJECT_CUES.has(cueWord) || WEAK_CUES.has(cueWord)) return null;
  const clauseFirst = afterTimeAdjunct(tokens, next);
  const first = tokens[clauseFirst];
  if (!first || first.kind !== 'word' || NON_CLAUSE_STARTS.has(first.lower) || /ly$/.test(first.lower)) return null;
  return clauseFirst;
}

/**
 * The index after a time adjunct opening at `index` ("on Tuesday", "last week", "yesterday"), or
 * `index` itself: the adjunct must end with a day or time noun, so "said this was" keeps its "this".
 */
function afterTimeAdjunct(tokens: Token[], index: number): number {
  let end = index;
  while (end < tokens.length && tokens[end].kind === 'word' && TIME_WORDS.has(tokens[end].lower)) end += 1;
  while (end > index && !TIME_NOUNS.has(tokens[end - 1].lower)) end -= 1;
  return end;
}

/** A phrase compared as an alias: lower case, plain apostrophes, without a leading article. */
function aliasKey(phrase: string): string {
  return phrase.toLowerCase().replace(/[’‘]/g, "'").replace(/^(?:the|a|an)\s+/, '').replace(/\s+/g, ' ').trim();
}

/** Whether content starting at `first` is a quotation or follows "that" or a colon. */
function introducesClauseOrQuote(tokens: Token[], first: number): boolean {
  return tokens[first].kind === 'quote' || tokens[first - 1]?.lower === 'that' || tokens[first - 1]?.text === ':';
}

function wordCount(tokens: Token[], first: number, last: number): number {
  let count = 0;
  for (let index = first; index <= last; index += 1) {
    if (tokens[index].kind === 'word') count += 1;
    if (tokens[index].kind === 'quote') count += 2;
  }
  return count;
}

/** Trim punctuation (and a leading "that") off a content token range. */
function trimContent(tokens: Token[], first: number, last: number): [number, number] {
  let from = first;
  let to = last;
  while (from <= to && tokens[from].kind === 'punct') from += 1;
  while (to >= from && tokens[to].kind === 'punct' && tokens[to].text !== ')') to -= 1;
  return [from, to];
}

class QuoteExtractor {
  private readonly mentions: SpeakerMention[];
  private readonly entities: Entity[];
  private readonly callerEntityIds: Set<string>;
  private readonly regions: QuoteRegion[];
  /** Running maxima of the regions' inner ends, for `insideQuote`. */
  private readonly maxInnerEnd: number[];
  private readonly sentences: Sentence[];
  private readonly paragraphs: Span[];
  /** Position of each sentence in `sentences`. */
  private readonly sentenceIndex: Map<Sentence, number>;
  /** The longest mention, in characters: how far before an offset a mention covering it can start. */
  private readonly longestMention: number;
  /** Entities by the key of each alias and role, for `entityWithAlias`. */
  private readonly entitiesByAlias = new Map<string, Entity[]>();
  /** The gender of each entity's first mention. */
  private readonly genders = new Map<Entity, 'm' | 'f' | null>();
  /** Positions in `mentions` whose entity, written form or title has a given head word, for `resolveRole`. */
  private readonly mentionsByHead = new Map<string, number[]>();
  /** The last quote given a speaker, for quotes that continue it and for pronouns. */
  private last: { quote: AttributedQuote; speaker: Speaker; paragraph: number } | null = null;

  constructor(private readonly text: string, entities: Entity[]) {
    this.callerEntityIds = new Set(entities.map((entity) => entity.id));
    const candidates = entities.length ? entities : entitiesFromNameSpans(findNameSpans(text));
    this.entities = candidates;
    this.regions = findQuoteRegions(text);
    this.maxInnerEnd = runningMax(this.regions, (region) => region.innerEnd);
    this.mentions = indexMentions(text, candidates).filter((mention) => !this.insideQuote(mention.start));
    this.sentences = splitSentences(text, this.regions);
    this.paragraphs = paragraphsOf(text);
    this.sentenceIndex = new Map(this.sentences.map((sentence, index) => [sentence, index]));
    this.longestMention = this.mentions.reduce((longest, mention) => Math.max(longest, mention.end - mention.start), 0);
    for (const entity of candidates) {
      if (entity.type === 'location') continue;
      for (const key of new Set([...entity.aliases, ...entity.roles].map(aliasKey))) {
        if (!key) continue;
        const list = this.entitiesByAlias.get(key);
        if (list) list.push(entity);
        else this.entitiesByAlias.set(key, [entity]);
      }
    }
    for (const mention of this.mentions) if (!this.genders.has(mention.entity)) this.genders.set(mention.entity, mention.gender);
  }

  private insideQuote(offset: number): boolean {
    for (let index = firstIndexWhere(this.maxInnerEnd, (innerEnd) => innerEnd > offset); index < this.regions.length; index++) {
      const region = this.regions[index];
      if (region.innerStart > offset) return false;
      if (offset < region.innerEnd) return true;
    }
    return false;
  }

  /** Position of the first mention that starts at or after `offset` (mentions are sorted by start). */
  private firstMentionFrom(offset: number): number {
    return firstIndexWhere(this.mentions, (mention) => mention.start >= offset);
  }

  /** Mentions that may overlap `[start, end)`, in order: those starting within the longest mention's length before it. */
  private mentionsNear(start: number, end: number): SpeakerMention[] {
    const found: SpeakerMention[] = [];
    for (let index = this.firstMentionFrom(start - this.longestMention); index < this.mentions.length && this.mentions[index].start < end; index++) {
      found.push(this.mentions[index]);
    }
    return found;
  }

  extract(): AttributedQuote[] {
    const quotes: AttributedQuote[] = [];
    const orphans: AttributedQuote[] = [];
    for (const sentence of this.sentences) {
      const frames = this.findFrames(sentence);
      const covered = new Set<QuoteRegion>();
      const found: { quote: AttributedQuote; speaker: Speaker }[] = [];
      for (const frame of frames) {
        if (frame.isChannelOnly) continue;
        for (const quote of this.quotesOfFrame(sentence, frame, covered)) found.push({ quote, speaker: frame.speaker });
      }
      // Quoted passages no frame claimed: the other half of a split quote, or a quote continuing the last one.
      for (const token of sentence.tokens) {
        if (token.kind !== 'quote' || !token.region || covered.has(token.region)) continue;
        const opensSentence = sentence.tokens.slice(0, sentence.tokens.indexOf(token)).every((other) => other.kind === 'punct');
        const nearest = this.nearestFrame(sentence, frames, token) ?? (opensSentence ? this.colonFrame(sentence) : null) ??
          this.namedBeforeColon(sentence, token);
        // A quoted phrase inside a sentence with no cue ("Lee called the plan “a gamble”") is the
        // words of the sentence's subject when that is a named person or body; otherwise a title or a scare quote.
        const subject = !nearest && !opensSentence && !this.isTitle(sentence, token.region) ? this.sentenceSubject(sentence) : null;
        if (!nearest && !opensSentence && !subject?.entity) continue;
        const inherited = this.last && this.paragraphAt(token.region.open) - this.paragraphAt(this.last.quote.end) <= 1
          ? this.last : null;
        const source = nearest
          ? { speaker: nearest.speaker, cue: nearest.cue, channel: nearest.channel }
          : subject ? { speaker: subject, cue: null, channel: null } : inherited
            ? { speaker: { ...inherited.speaker, span: null }, cue: inherited.quote.cue, channel: inherited.quote.channel }
            : { speaker: { name: null, entity: null, span: null }, cue: null, channel: null };
        const quote = this.directQuote(token.region, source.speaker, source.cue, source.channel);
        if (!quote) continue;
        found.push({ quote, speaker: source.speaker });
        if (!quote.speaker) orphans.push(quote);
      }
      for (const { quote, speaker } of found.sort((a, b) => a.quote.start - b.quote.start)) {
        quotes.push(quote);
        if (quote.speaker) this.last = { quote, speaker, paragraph: this.paragraphAt(quote.end) };
      }
    }
    this.inheritForward(quotes, orphans);
    return quotes.sort((a, b) => a.start - b.start);
  }

  /**
   * A quoted name of a work or document ("the “Treaty of Friendship and Cooperation”"): every long
   * word capitalised, in a sentence that is not itself a headline written in title case.
   */
  private isTitle(sentence: Sentence, region: QuoteRegion): boolean {
    const isTitleCase = (words: string[]) => words.filter((word) => word.length > 3).every((word) => /^[\p{Lu}\p{N}]/u.test(word));
    const quoted = this.text.slice(region.innerStart, region.innerEnd).match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
    const around = sentence.tokens.filter((token) => token.kind === 'word').map((token) => token.text);
    return quoted.length >= 2 && isTitleCase(quoted) && !isTitleCase(around);
  }

  /** "A lesson from Jane Doe: “...”": a person or body named just before the colon that opens a quote. */
  private namedBeforeColon(sentence: Sentence, quote: Token): Frame | null {
    const { tokens } = sentence;
    const at = tokens.indexOf(quote);
    if (at < 2 || tokens[at - 1].text !== ':') return null;
    const nameEnd = tokens[at - 2].end;
    const mention = this.mentionsNear(nameEnd, nameEnd).find((candidate) => candidate.end === nameEnd && candidate.entity.type !== 'location');
    if (!mention) return null;
    const first = tokens.findIndex((token) => token.start >= mention.start);
    // "a message to Lee:", "CNN Chief On Lee:": the name is who is addressed or discussed, not the speaker.
    const before = tokens[first - 1]?.lower ?? '';
    if (ADDRESSEE_PREPOSITIONS.has(before)) return null;
    return this.frame(null, at - 1, at - 1, this.resolveSpeaker(sentence, first, at - 2), at, at);
  }

  /**
   * "He said:" or "Lee said in a statement." closing the previous sentence introduces the quote that
   * opens this one: an attribution with nothing to attribute.
   */
  private colonFrame(sentence: Sentence): Frame | null {
    const previous = this.sentences[this.sentenceIndex.get(sentence)! - 1];
    if (!previous || sentence.paragraph - previous.paragraph > 1) return null;
    const frames = this.findFrames(previous).filter((frame) => frame.speaker.name && frame.contentFirst < 0);
    if (frames.length) return frames[frames.length - 1];
    // "Lee issued the following statement:" introduces the quote with no cue at all.
    if (previous.tokens[previous.tokens.length - 1]?.text !== ':') return null;
    const subject = this.sentenceSubject(previous);
    return subject?.entity ? this.frame(null, 0, 0, subject, -1, -1) : null;
  }

  private paragraphAt(offset: number): number {
    return firstIndexWhere(this.paragraphs, (paragraph) => offset <= paragraph.end);
  }

  /** A quote with no speaker before it takes the speaker of the next attributed quote in its paragraph. */
  private inheritForward(quotes: AttributedQuote[], orphans: AttributedQuote[]): void {
    const byStart = [...quotes].sort((a, b) => a.start - b.start);
    for (const orphan of orphans) {
      const paragraph = this.paragraphAt(orphan.start);
      let next: AttributedQuote | undefined;
      for (let index = firstIndexWhere(byStart, (quote) => quote.start > orphan.start); index < byStart.length; index++) {
        const quote = byStart[index];
        if (this.paragraphAt(quote.start) > paragraph) break;
        if (quote.speaker && this.paragraphAt(quote.start) === paragraph) {
          next = quote;
          break;
        }
      }
      if (!next) continue;
      Object.assign(orphan, { speaker: next.speaker, speakerEntity: next.speakerEntity, cue: next.cue, channel: next.channel });
    }
  }

  private nearestFrame(sentence: Sentence, frames: Frame[], token: Token): Frame | null {
    let best: Frame | null = null;
    let bestDistance = Infinity;
    for (const frame of frames) {
      if (frame.isChannelOnly || !frame.speaker.name) continue;
      const cue = sentence.tokens[frame.cueFirst];
      const distance = Math.abs(cue.start - token.start);
      if (distance < bestDistance) {
        best = frame;
        bestDistance = distance;
      }
    }
    return best;
  }

  private directQuote(region: QuoteRegion, speaker: Speaker, cue: string | null, channel: string | null): AttributedQuote | null {
    let start = region.innerStart;
    let end = region.innerEnd;
    while (start < end && /\s/.test(this.text[start])) start += 1;
    while (end > start && /[\s,;:]/.test(this.text[end - 1])) end -= 1;
    if (start >= end) return null;
    // A quoted word or two with no speaker near it is a name or a scare quote, not a quotation.
    const words = this.text.slice(start, end).split(/\s+/).length;
    if (!speaker.name && words < MIN_CONTENT_WORDS + 1) return null;
    return this.makeQuote(start, end, speaker, cue, channel, 'direct');
  }

  private makeQuote(start: number, end: number, speaker: Speaker, cue: string | null, channel: string | null,
    kind: 'direct' | 'indirect'): AttributedQuote {
    const entity = speaker.entity;
    const speakerEntity = entity && this.callerEntityIds.has(entity.id) ? entity.id : null;
    return {
      start, end, text: this.text.slice(start, end),
      speaker: entity ? entity.name : speaker.name,
      speakerEntity, cue, channel: channel === speaker.name ? null : channel, kind,
      speakerSpan: speaker.span,
    };
  }

  private quotesOfFrame(sentence: Sentence, frame: Frame, covered: Set<QuoteRegion>): AttributedQuote[] {
    const { tokens } = sentence;
    if (frame.contentFirst < 0) return [];
    const [first, last] = trimContent(tokens, frame.contentFirst, frame.contentLast);
    if (first > last) return [];
    const inner = tokens.slice(first, last + 1);
    const onlyQuotes = inner.every((token) => token.kind === 'quote' || token.kind === 'punct' ||
      ['and', 'but'].includes(token.lower));
    if (onlyQuotes && inner.some((token) => token.kind === 'quote')) {
      const quotes: AttributedQuote[] = [];
      for (const token of inner) {
        if (token.kind !== 'quote' || !token.region) continue;
        covered.add(token.region);
        const quote = this.directQuote(token.region, frame.speaker, frame.cue, frame.channel);
        if (quote) quotes.push(quote);
      }
      return quotes;
    }
    if (wordCount(tokens, first, last) < MIN_CONTENT_WORDS) return [];
    for (const token of inner) if (token.region) covered.add(token.region);
    return [this.makeQuote(tokens[first].start, tokens[last].end, frame.speaker, frame.cue, frame.channel, 'indirect')];
  }

  private findFrames(sentence: Sentence): Frame[] {
    const { tokens } = sentence;
    const frames: Frame[] = [];
    const sources: { first: number; last: number; phraseFirst: number; phraseLast: number; kind: 'according' | 'per' }[] = [];
    for (let index = 0; index < tokens.length; index += 1) {
      const token = tokens[index];
      if (token.kind !== 'word') continue;
      if (token.lower === 'according' && tokens[index + 1]?.lower === 'to') {
        const phraseLast = phraseEndForward(tokens, index + 2);
        if (isValidPhrase(tokens, index + 2, phraseLast)) {
          sources.push({ first: index, last: phraseLast, phraseFirst: index + 2, phraseLast, kind: 'according' });
        }
        index += 1;
        continue;
      }
      if (token.lower === 'per' && tokens[index - 1]?.text === ',') {
        const phraseLast = phraseEndForward(tokens, index + 1);
        if (isValidPhrase(tokens, index + 1, phraseLast) && phraseLast === this.lastWordIndex(tokens)) {
          sources.push({ first: index, last: phraseLast, phraseFirst: index + 1, phraseLast, kind: 'per' });
        }
        continue;
      }
      const isPhrasalCue = PHRASAL_CUES.get(token.lower)?.has(tokens[index + 1]?.lower ?? '') ?? false;
      if (!CUE_WORDS.has(token.lower) && !isPhrasalCue) continue;
      const frame = this.frameAtCue(sentence, index, frames);
      if (frame) {
        frames.push(frame);
        index = frame.cueLast;
      }
    }
    const signature = this.dashSignature(sentence);
    if (signature) frames.push(signature);
    this.attachSources(sentence, frames, sources);
    this.markChannels(frames);
    this.closeContents(sentence, frames);
    return frames;
  }

  /** "“...” — Jane Doe": a quote signed with a name after a dash, ending the sentence. */
  private dashSignature(sentence: Sentence): Frame | null {
    const { tokens } = sentence;
    const last = this.lastWordIndex(tokens);
    for (let index = 0; index + 2 <= last; index += 1) {
      if (tokens[index].kind !== 'quote' || !DASHES.has(tokens[index + 1].text)) continue;
      const phraseLast = phraseEndForward(tokens, index + 2);
      if (phraseLast !== last || !isValidPhrase(tokens, index + 2, phraseLast) || !isCapitalised(tokens[index + 2])) return null;
      const speaker = this.resolveSpeaker(sentence, index + 2, phraseLast);
      return this.frame(null, index + 1, index + 1, speaker, 0, index);
    }
    return null;
  }

  private lastWordIndex(tokens: Token[]): number {
    let index = tokens.length - 1;
    while (index >= 0 && tokens[index].kind === 'punct') index -= 1;
    return index;
  }

  private frameAtCue(sentence: Sentence, cueIndex: number, earlier: Frame[]): Frame | null {
    const { tokens } = sentence;
    const cueToken = tokens[cueIndex];
    let cueLast = cueIndex;
    const particle = PHRASAL_CUES.get(cueToken.lower);
    if (particle && particle.has(tokens[cueIndex + 1]?.lower ?? '')) cueLast += 1;
    const cue = this.text.slice(cueToken.start, tokens[cueLast].end);
    // A capitalised cue word mid-sentence is a name ("Said", "Added" in a headline are rare enough to skip).
    if (isCapitalised(cueToken) && cueIndex > 0) return null;
    if (cueIndex === 0) return this.openingInversion(sentence, cueLast);
    // After "the", "a" or a possessive the cue word is a noun ("Lee's remark", "a report"); after a
    // form of "be" it is a passive ("were revealed as"): neither introduces anyone's words.
    const previousWord = tokens[cueIndex - 1];
    if (previousWord && (NOUN_MARKERS.has(previousWord.lower) || /['’]s$/u.test(previousWord.text) ||
      (BE_FORMS.has(previousWord.lower) && !cueToken.lower.endsWith('ing')))) return null;

    const subjectLast = skipBackOverAuxiliaries(tokens, cueIndex - 1);
    let subjectFirst = subjectLast >= 0 ? phraseStartBackward(tokens, subjectLast) : -1;
    if (subjectFirst >= 0 && !isValidPhrase(tokens, subjectFirst, subjectLast)) subjectFirst = -1;
    // "a false report", "an angry tweet": after a singular indefinite phrase a base form is a noun.
    const indefinite = subjectFirst >= 0 && (tokens[subjectFirst].lower === 'a' || tokens[subjectFirst].lower === 'an');
    if (indefinite && CUE_BASE_FORMS.has(cueToken.lower) && subjectLast === cueIndex - 1) return null;
    // Where the speaker phrase begins, an apposition before its name included ("The bank's governor, Jo Wu,").
    let speakerPhraseFirst = subjectFirst;
    if (subjectFirst < 0 && subjectLast > 0 && tokens[subjectLast].text === ',') {
      const appositive = this.subjectBeforeAppositive(tokens, subjectLast);
      subjectFirst = appositive?.subject ?? -1;
      speakerPhraseFirst = appositive?.phraseFirst ?? -1;
    }

    const clauseOnly = CLAUSE_ONLY_CUES.has(cueToken.lower);
    let contentBefore = this.contentLastBefore(tokens, speakerPhraseFirst >= 0 ? speakerPhraseFirst - 1 : cueIndex - 1);
    if (clauseOnly && tokens[contentBefore]?.kind !== 'quote') contentBefore = -1;
    let contentStart = contentAfterCue(tokens, cueLast, cueToken.lower) ?? this.quoteAfterAdjunct(tokens, cueLast);
    if (clauseOnly && contentStart !== null && !introducesClauseOrQuote(tokens, contentStart)) contentStart = null;

    if (subjectFirst >= 0) {
      const speaker = this.resolveSpeaker(sentence, subjectFirst, this.subjectEnd(tokens, subjectFirst, subjectLast));
      // Inside another frame's content right after its "that": reported speech, not a new attribution.
      const outer = earlier.find((frame) => frame.contentFirst === subjectFirst && frame.contentFirst > frame.cueLast);
      if (outer) return null;
      if (contentBefore >= 0 && (contentStart === null || this.endsSentence(tokens, cueLast))) {
        return this.frame(cue, cueIndex, cueLast, speaker, 0, contentBefore);
      }
      if (contentStart !== null) return this.frame(cue, cueIndex, cueLast, speaker, contentStart, tokens.length - 1);
      if (contentBefore >= 0) return this.frame(cue, cueIndex, cueLast, speaker, 0, contentBefore);
      // A frame with nothing to attribute can still claim a quote elsewhere in its sentence, unless its cue is ambiguous.
      const introducesNext = tokens[cueLast + 1]?.text === ':' && cueLast + 2 === tokens.length;
      const isAmbiguous = WEAK_CUES.has(cueToken.lower) || clauseOnly;
      return isAmbiguous && !introducesNext ? null : this.frame(cue, cueIndex, cueLast, speaker, -1, -1);
    }

    // Inverted: "“...,” said the ministry."
    const opensInversion = !cueToken.lower.endsWith('ing') && !CUE_BASE_FORMS.has(cueToken.lower);
    if (contentBefore >= 0 && subjectLast === cueIndex - 1 && opensInversion) {
      const phraseLast = phraseEndForward(tokens, cueLast + 1);
      const after = tokens[phraseLast + 1];
      const closesClause = !after || after.kind === 'punct' || NON_CLAUSE_STARTS.has(after.lower);
      const opensWithPreposition = NON_CLAUSE_STARTS.has(tokens[cueLast + 1]?.lower ?? '');
      if (isValidPhrase(tokens, cueLast + 1, phraseLast) && closesClause && !opensWithPreposition) {
        const speaker = this.resolveSpeaker(sentence, cueLast + 1, phraseLast);
        return this.frame(cue, cueIndex, cueLast, speaker, 0, contentBefore);
      }
    }
    // "..., adding that ...": the cue shares the subject of the frame before it.
    const shared = earlier[earlier.length - 1];
    if (shared && contentStart !== null && tokens[contentStart - 1]?.lower === 'that') {
      return this.frame(cue, cueIndex, cueLast, shared.speaker, contentStart, tokens.length - 1);
    }
    // "Lee defended the plan, saying “...”", "Lee met Kim and stressed that ...": a participle after
    // a comma, or a verb joined by "and", shares the sentence's subject.
    const before = tokens[cueIndex - 1]?.lower ?? '';
    const isParticiple = cueToken.lower.endsWith('ing') && [',', 'while', 'before', 'after', 'by'].includes(before);
    if (!shared && (isParticiple || before === 'and')) {
      const start = contentStart ?? this.quoteAfterAdjunct(tokens, cueLast);
      const subject = start === null ? null : this.sentenceSubject(sentence) ?? this.nearestSubjectPronoun(sentence, cueIndex);
      if (subject && start !== null && introducesClauseOrQuote(tokens, start)) {
        return this.frame(cue, cueIndex, cueLast, subject, start, tokens.length - 1);
      }
    }
    return null;
  }

  /** The nearest "he", "she", "they" or "we" before a cue: a pronoun in subject case is a clause's subject. */
  private nearestSubjectPronoun(sentence: Sentence, cueIndex: number): Speaker | null {
    for (let index = cueIndex - 1; index >= 0; index -= 1) {
      const token = sentence.tokens[index];
      if (token.kind === 'quote') return null;
      if (SUBJECT_PRONOUNS.has(token.lower)) return this.resolveSpeaker(sentence, index, index);
    }
    return null;
  }

  /** A quotation after a short adjunct and a comma ("saying during the debate, “...”"), or null. */
  private quoteAfterAdjunct(tokens: Token[], cueLast: number): number | null {
    for (let index = cueLast + 1, words = 0; index < tokens.length && words <= MAX_WORDS_BEFORE_THAT; index += 1) {
      const token = tokens[index];
      if (token.kind === 'quote') return tokens[index - 1].text === ',' ? index : null;
      if (token.kind === 'punct' && token.text !== ',') return null;
      if (token.kind === 'word') words += 1;
    }
    return null;
  }

  /**
   * The subject of a sentence when it is a name or a pronoun opening the main clause (after a
   * fronted adjunct such as "In a speech on Monday,"); null for anything less certain.
   */
  private sentenceSubject(sentence: Sentence): Speaker | null {
    const { tokens } = sentence;
    let first = 0;
    const opener = tokens[0];
    const opensWithAdjunct = opener?.kind === 'word' &&
      (NON_CLAUSE_STARTS.has(opener.lower) || SUBORDINATORS.has(opener.lower) || /^\p{Lu}\p{Ll}+(?:ing|ed)$/u.test(opener.text));
    if (opensWithAdjunct) first = tokens.findIndex((token) => token.text === ',') + 1;
    if (first <= 0 && opensWithAdjunct) return null;
    // "“...,” Lee said before adding, “...”": the subject follows the opening quotation.
    if (tokens[first]?.kind === 'quote') first += 1;
    while (first < tokens.length && tokens[first].kind === 'punct') first += 1;
    const token = tokens[first];
    if (!token || token.kind !== 'word') return null;
    const pronoun = PERSONAL_PRONOUNS.get(token.lower);
    if (pronoun && pronoun !== 'self' && token.lower !== 'who' && token.lower !== 'which') return this.resolveSpeaker(sentence, first, first);
    const mention = this.mentionsNear(token.start, token.start + 1).find((candidate) => candidate.start <= token.start && candidate.end > token.start) ??
      this.mentionsNear(token.start + 1, sentence.end).find((candidate) => candidate.start > token.start &&
        /^[\p{Lu}][\p{L}.]*(?:\s+[\p{Lu}][\p{L}.]*)*\s*$/u.test(this.text.slice(token.start, candidate.start)));
    if (!mention || mention.entity.type === 'location') return null;
    let last = first;
    while (last + 1 < tokens.length && tokens[last + 1].end <= mention.end) last += 1;
    return this.resolveSpeaker(sentence, first, last);
  }

  /** "Said Lee: “...”", "Added the minister, “...”": a sentence opening with its cue, then the speaker and a colon or comma. */
  private openingInversion(sentence: Sentence, cueLast: number): Frame | null {
    const { tokens } = sentence;
    // "Emphasizing the point, Lee said" opens with a participle, not an inverted attribution.
    if (tokens[0].lower.endsWith('ing') || CUE_BASE_FORMS.has(tokens[0].lower)) return null;
    const phraseLast = phraseEndForward(tokens, cueLast + 1);
    const mark = tokens[phraseLast + 1];
    if (!isValidPhrase(tokens, cueLast + 1, phraseLast) || (mark?.text !== ':' && mark?.text !== ',')) return null;
    const speaker = this.resolveSpeaker(sentence, cueLast + 1, phraseLast);
    const cue = this.text.slice(tokens[0].start, tokens[cueLast].end);
    const hasContent = phraseLast + 2 < tokens.length;
    return this.frame(cue, 0, cueLast, speaker, hasContent ? phraseLast + 2 : -1, hasContent ? tokens.length - 1 : -1);
  }

  /** Last token of content that ends just before an attribution: a quote, or a clause closed by a comma or dash; -1 if none. */
  private contentLastBefore(tokens: Token[], before: number): number {
    if (before < 0) return -1;
    if (tokens[before].kind === 'quote') return before;
    const isSeparator = tokens[before].text === ',' || DASHES.has(tokens[before].text);
    return isSeparator && before > 0 ? before - 1 : -1;
  }

  /**
   * "“...,” Jane Doe, a senior fellow at the institute, said": the name between the start of the
   * clause (the sentence start or a quote) and the first comma is the subject. `phraseFirst` is
   * where the whole speaker phrase, its apposition included, begins: nothing in it is content.
   */
  private subjectBeforeAppositive(tokens: Token[], commaIndex: number): { subject: number; phraseFirst: number } | null {
    let clauseStart = commaIndex;
    while (clauseStart > 0 && tokens[clauseStart - 1].kind !== 'quote' && commaIndex - clauseStart < MAX_APPOSITIVE_TOKENS) clauseStart -= 1;
    while (clauseStart < commaIndex && tokens[clauseStart].kind === 'punct') clauseStart += 1;
    // "As Jane Doe, a tax lawyer, put it": the subordinator is not part of the subject.
    if (SUBORDINATORS.has(tokens[clauseStart]?.lower ?? '')) clauseStart += 1;
    const firstComma = tokens.findIndex((token, index) => index >= clauseStart && token.text === ',');
    if (firstComma <= clauseStart || firstComma >= commaIndex) return null;
    const first = phraseStartBackward(tokens, firstComma - 1);
    if (first !== clauseStart || !isValidPhrase(tokens, first, firstComma - 1)) return null;
    if (isCapitalised(tokens[firstComma - 1])) return { subject: first, phraseFirst: first };
    // "The party's spokesman, Tom Reed, said": the name in the appositive is the subject, and the
    // role phrase before it is the speaker's apposition, not reported content.
    const appositive = tokens.slice(firstComma + 1, commaIndex);
    const isName = appositive.length > 0 && appositive.length <= MAX_NAME_WORDS &&
      appositive.every((token) => isCapitalised(token) || token.text === '.');
    return isName ? { subject: firstComma + 1, phraseFirst: first } : null;
  }

  /** Last token of a subject phrase, which may sit before an appositive ("Trump, who spoke, said"). */
  private subjectEnd(tokens: Token[], first: number, last: number): number {
    for (let index = first; index <= last; index += 1) if (tokens[index].text === ',') return index - 1;
    return last;
  }

  private endsSentence(tokens: Token[], index: number): boolean {
    for (let at = index + 1; at < tokens.length; at += 1) {
      if (tokens[at].kind !== 'punct') return tokens[at].lower === 'according' || tokens[at].lower === 'per';
    }
    return true;
  }

  private frame(cue: string | null, cueFirst: number, cueLast: number, speaker: Speaker, contentFirst: number, contentLast: number): Frame {
    return { cue, cueFirst, cueLast, speaker, contentFirst, contentLast, channel: null, isChannelOnly: false };
  }

  /** "according to X" and "per X": the channel of the sentence's frames, or a frame of their own. */
  private attachSources(sentence: Sentence, frames: Frame[], sources: { first: number; last: number; phraseFirst: number; phraseLast: number; kind: 'according' | 'per' }[]): void {
    const { tokens } = sentence;
    for (const source of sources) {
      const phrase = this.text.slice(tokens[source.phraseFirst].start, tokens[source.phraseLast].end);
      const isChannel = frames.some((frame) => frame.speaker.name);
      if (isChannel) {
        for (const frame of frames) {
          if (!frame.channel) frame.channel = phrase;
          const coversSource = frame.contentFirst > frame.cueLast && frame.contentFirst < source.first && frame.contentLast >= source.first;
          if (coversSource) frame.contentLast = source.first - 1;
        }
        continue;
      }
      if (source.kind !== 'according') continue;
      // "according to a government statement" names where the words came from, not who spoke them.
      const isDocument = DOCUMENT_NOUNS.has(tokens[source.phraseLast].lower);
      const speaker = isDocument ? { name: null, entity: null, span: null } : this.resolveSpeaker(sentence, source.phraseFirst, source.phraseLast);
      const cue = 'according to';
      const atStart = tokens.slice(0, source.first).every((token) => token.kind === 'punct') ||
        tokens[source.first - 1]?.text === ',' && source.first <= 4;
      if (atStart && tokens[source.last + 1]?.text === ',') {
        frames.push({ ...this.frame(cue, source.first, source.first + 1, speaker, source.last + 2, tokens.length - 1), channel: isDocument ? phrase : null });
      } else if (tokens[source.first - 1]?.text === ',' || tokens[source.first - 1]?.kind === 'quote') {
        const contentLast = tokens[source.first - 1].kind === 'quote' ? source.first - 1 : source.first - 2;
        frames.push({ ...this.frame(cue, source.first, source.first + 1, speaker, 0, contentLast), channel: isDocument ? phrase : null });
      }
    }
    frames.sort((a, b) => a.cueFirst - b.cueFirst);
  }

  /**
   * A frame whose content holds another frame's cue ("Lee told Park that ..., state news agency
   * TASS reported") is where the words were reported, not who said them: it becomes the channel.
   */
  private markChannels(frames: Frame[]): void {
    for (const outer of frames) {
      if (outer.contentFirst < 0) continue;
      const inner = frames.filter((frame) => frame !== outer && frame.cueFirst >= outer.contentFirst &&
        frame.cueFirst <= outer.contentLast && frame.speaker.name);
      if (!inner.length || outer.contentFirst > outer.cueFirst) continue;
      outer.isChannelOnly = true;
      const channel = outer.speaker.span ? this.text.slice(outer.speaker.span.start, outer.speaker.span.end) : outer.speaker.name;
      for (const frame of inner) if (!frame.channel) frame.channel = channel;
    }
  }

  /** Content after a cue runs to the sentence end, or to where the next frame's attribution begins. */
  private closeContents(sentence: Sentence, frames: Frame[]): void {
    const { tokens } = sentence;
    for (const frame of frames) {
      if (frame.contentFirst <= frame.cueFirst) continue;
      for (const other of frames) {
        if (other === frame || other.cueFirst <= frame.cueLast) continue;
        let cut = other.cueFirst - 1;
        while (cut > frame.contentFirst && tokens[cut].kind === 'word' && !['that', 'and', 'but'].includes(tokens[cut].lower) &&
          tokens[cut - 1].kind === 'word') cut -= 1;
        if (other.isChannelOnly || other.contentFirst < other.cueFirst || tokens[cut - 1]?.text === ',') {
          frame.contentLast = Math.min(frame.contentLast, Math.max(frame.contentFirst, cut - 1));
        }
      }
    }
  }

  private resolveSpeaker(sentence: Sentence, first: number, last: number): Speaker {
    const { tokens } = sentence;
    const span = { start: tokens[first].start, end: tokens[last].end };
    const surface = this.text.slice(span.start, span.end);
    // Only a name at the end of the phrase is its head: in "Russia’s security chief" Russia is not the speaker.
    const head = this.mentionsNear(span.start, span.end)
      .filter((mention) => mention.start < span.end && mention.end > span.start &&
        /^[\s.]*$/.test(this.text.slice(mention.end, span.end)))
      .sort((a, b) => (b.end - b.start) - (a.end - a.start))[0];
    if (head) return { name: head.entity.name, entity: head.entity, span };
    const aliased = this.entityWithAlias(surface);
    if (aliased) return { name: aliased.name, entity: aliased, span };
    if (first === last) {
      const pronoun = PERSONAL_PRONOUNS.get(tokens[first].lower);
      if (pronoun) return { ...this.resolvePronoun(sentence, pronoun, span.start, tokens[first].lower), span };
    }
    const role = this.resolveRole(tokens, first, last, span.start);
    if (role) return { name: role.name, entity: role, span };
    return { name: surface, entity: null, span };
  }

  /**
   * The entity whose alias or role is this phrase ("China's top diplomat" listed as an alias of
   * Li Qiang), even where the phrase comes before the name; null when none or several match.
   */
  private entityWithAlias(phrase: string): Entity | null {
    const key = aliasKey(phrase);
    if (!key) return null;
    const matches = this.entitiesByAlias.get(key) ?? [];
    return matches.length === 1 ? matches[0] : null;
  }

  /** "the ministry", "the foreign minister": the nearest earlier entity named or titled with the head word. */
  private resolveRole(tokens: Token[], first: number, last: number, before: number): Entity | null {
    if (tokens[first].lower !== 'the' || last === first) return null;
    const head = tokens[last].lower;
    if (DOCUMENT_NOUNS.has(head)) return null;
    // Which mentions carry the head word is worked out once per head word; the nearest before `before` wins.
    let positions = this.mentionsByHead.get(head);
    if (!positions) {
      const matchesHead = (words: string) => new RegExp(`\\b${head}\\b`, 'i').test(words);
      positions = this.mentions.flatMap((mention, index) => {
        const titledBefore = this.text.slice(Math.max(0, mention.start - 40), mention.start).split(/[.,;\n]/).pop() ?? '';
        const written = this.text.slice(mention.start, mention.end);
        const { entity } = mention;
        return [entity.name, written, titledBefore, ...entity.roles, ...entity.aliases].some(matchesHead) ? [index] : [];
      });
      this.mentionsByHead.set(head, positions);
    }
    const earlier = firstIndexWhere(positions, (index) => this.mentions[index].start >= before) - 1;
    return earlier >= 0 ? this.mentions[positions[earlier]].entity : null;
  }

  private resolvePronoun(sentence: Sentence, kind: 'm' | 'f' | 'org' | 'plural' | 'self', at: number, word: string): Omit<Speaker, 'span'> {
    const unresolved = { name: this.text.slice(at, at + word.length), entity: null };
    if (kind === 'self') return unresolved;
    if (kind === 'plural') {
      if (word === 'who') {
        const antecedent = this.mentionsBetween(sentence.start, at).pop();
        return antecedent ? { name: antecedent.entity.name, entity: antecedent.entity } : unresolved;
      }
      const last = this.last;
      if (last && !last.speaker.entity && last.speaker.name && sentence.paragraph - last.paragraph <= 1) return { ...last.speaker };
      return unresolved;
    }
    const fits = (mention: SpeakerMention) => kind === 'org'
      ? mention.entity.type === 'organization'
      : mention.entity.type === 'person' && (mention.gender === null || mention.gender === kind);
    const inSentence = this.mentionsBetween(sentence.start, at).filter(fits)[0];
    if (inSentence) return { name: inSentence.entity.name, entity: inSentence.entity };
    const previous = this.sentences[this.sentenceIndex.get(sentence)! - 1];
    const previousIsNear = previous !== undefined && sentence.paragraph - previous.paragraph <= 1;
    // The speaker of an attribution in the sentence just before is who "he" or "she" continues,
    // more often than a person merely mentioned there ("Addressing Lee, Tanaka said ...").
    const last = this.last;
    const lastFits = last?.speaker.entity && fits({ start: 0, end: 0, entity: last.speaker.entity, gender: this.genderOf(last.speaker.entity) });
    // A person whose title gives the pronoun's gender ("Ms. Park" for "she") wins over one of unknown gender.
    const gendered = kind === 'org' || !previousIsNear ? undefined : this.mentionsBetween(this.paragraphs[previous.paragraph].start, at)
      .find((mention) => mention.entity.type === 'person' && mention.gender === kind);
    if (gendered && last?.speaker.entity !== gendered.entity && this.genderOf(gendered.entity) === kind &&
      (!last?.speaker.entity || this.genderOf(last.speaker.entity) !== kind)) {
      return { name: gendered.entity.name, entity: gendered.entity };
    }
    if (last?.speaker.entity && lastFits && previousIsNear && last.quote.end >= previous.start) {
      return { name: last.speaker.entity.name, entity: last.speaker.entity };
    }
    if (previousIsNear) {
      const subject = this.subjectMention(previous, fits);
      if (subject) return { name: subject.entity.name, entity: subject.entity };
    }
    if (last?.speaker.entity && lastFits) return { name: last.speaker.entity.name, entity: last.speaker.entity };
    const nearest = this.lastMentionWithin(at, fits);
    return nearest ? { name: nearest.entity.name, entity: nearest.entity } : unresolved;
  }

  /**
   * The grammatical subject of a sentence, approximately: the first fitting mention of its main
   * clause that is not the object of a preposition or a possessive ("Addressing Lee at a gathering,
   * Tanaka said" is Tanaka; "At Lee's request, Tanaka ..." is Tanaka).
   */
  private subjectMention(sentence: Sentence, fits: (mention: SpeakerMention) => boolean): SpeakerMention | null {
    const { tokens } = sentence;
    let clauseStart = sentence.start;
    const opener = tokens[0];
    const opensWithAdjunct = opener?.kind === 'word' &&
      (NON_CLAUSE_STARTS.has(opener.lower) || SUBORDINATORS.has(opener.lower) || /^\p{Lu}\p{Ll}+(?:ing|ed)$/u.test(opener.text));
    const comma = tokens.findIndex((token) => token.text === ',');
    if (opensWithAdjunct && comma > 0) clauseStart = tokens[comma].end;
    for (const mention of this.mentionsBetween(clauseStart, sentence.end)) {
      const before = /(\p{L}+)\s*$/u.exec(this.text.slice(Math.max(sentence.start, mention.start - 20), mention.start))?.[1]?.toLowerCase();
      const isPossessive = /^['’]s?\b/u.test(this.text.slice(mention.end, mention.end + 2));
      if ((before && (NON_CLAUSE_STARTS.has(before) || OBJECT_CUES.has(before))) || isPossessive) continue;
      if (fits(mention)) return mention;
    }
    return null;
  }

  private genderOf(entity: Entity): 'm' | 'f' | null {
    return this.genders.get(entity) ?? null;
  }

  private mentionsBetween(start: number, end: number): SpeakerMention[] {
    const found: SpeakerMention[] = [];
    for (let index = this.firstMentionFrom(start); index < this.mentions.length && this.mentions[index].start < end; index++) {
      if (this.mentions[index].end <= end) found.push(this.mentions[index]);
    }
    return found;
  }

  /** The last mention that ends by `end` and fits, searching back from `end`. */
  private lastMentionWithin(end: number, fits: (mention: SpeakerMention) => boolean): SpeakerMention | null {
    for (let index = this.firstMentionFrom(end) - 1; index >= 0; index--) {
      const mention = this.mentions[index];
      if (mention.end <= end && fits(mention)) return mention;
    }
    return null;
  }
}

/** Quotes with the span of text that names each speaker; what evaluation needs to score speakers. */
export function extractAttributedQuotes(text: string, entities: Entity[]): AttributedQuote[] {
  return new QuoteExtractor(text, entities).extract();
}

/**
 * Direct and indirect quotes of an article, in text order. `entities` are the article's resolved
 * entities (offsets into `text`); with none, capitalised names in the text stand in for them.
 */
export function extractQuotes(text: string, entities: Entity[]): Quote[] {
  return extractAttributedQuotes(text, entities).map(({ speakerSpan: _speakerSpan, ...quote }) => quote);
}
