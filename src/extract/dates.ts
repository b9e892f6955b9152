// Temporal expressions in an article body, normalised to TIMEX3 values against the publication date.
//
// Why a grammar of our own rather than chrono-node: chrono misses bare years, durations ("just over two
// months"), offsets ("two months prior"), decades, centuries, quarters, seasons and the TIMEX3 reference
// values (PRESENT_REF, PAST_REF, FUTURE_REF); it resolves bare month names forward, reads "01.02.2026"
// month first and keeps prepositions inside its spans. The rules below follow TimeML extent conventions
// (determiners and modifiers in, prepositions out). chrono-node stays as the evaluation baseline
// (dates-chrono.ts): used to fill the grammar's gaps it lowered value F1 on the TempEval-3 training
// documents (74.7 -> 72.3), its extra matches being mostly noise ("3.25 a share", "Sun", "4/5").
import type { DateMention } from '../types.js';
import {
  addDays, addMonths, compareDays, formatDay, formatMonth, formatTime, formatWeek, formatYear, isValidDay,
  parseIsoDay, quarterOf, weekday, type Day,
} from './dates-calendar.js';
import {
  AMOUNT, APPROXIMATOR, FULL_MONTH, MONTH, NOT_A_YEAR_AFTER, ORDINAL, PART_OF_DAY, PART_OF_DAY_CODE,
  PERIOD_POSITION, SEASON, SEASON_CODE, SEASON_START_MONTH, UNIT, WEEKDAY, amountValue, durationValue,
  monthNumber, ordinalValue, unitOf, weekdayNumber, type Unit,
} from './dates-lexicon.js';

/** The last explicitly dated point before an expression: what "two days later" counts from. */
interface Reference {
  day: Day;
  granularity: 'day' | 'month' | 'year';
}

interface ResolveContext {
  /** The publication date, or null when unknown (anchored expressions then get a null value). */
  anchor: Day | null;
  /** The tense of the expression's clause: "will", "is due to", "next" mark the future; "said", "-ed" the past. */
  tense: Tense;
  reference: Reference | null;
  /** Whether the sentence talks of quarters (an earnings report), where "a year ago" means that quarter. */
  quarterly: boolean;
}

type Resolver = (context: ResolveContext) => string | null;

interface Rule {
  pattern: RegExp;
  /** Returns how to compute the value, or undefined when the match is not a temporal expression. */
  build: (match: RegExpExecArray, text: string) => Resolver | undefined;
}

interface Candidate {
  start: number;
  end: number;
  priority: number;
  resolve: Resolver;
}

type Tense = 'past' | 'future' | 'unmarked';
/** Which occurrence of a named month, weekday or season is meant; 'nearest' is for clauses without tense cues. */
type Direction = 'past' | 'future' | 'nearest' | 'last' | 'next' | 'this';

const compile = (body: string): RegExp => new RegExp(`(?<![\\w$£€#@/.-])(?:${body})(?![\\w])`, 'gi');

const isCapitalised = (word: string | undefined): boolean => !!word && word[0] === word[0].toUpperCase();

/** Wraps a resolver that needs the publication date. */
const anchored =
  (resolve: (anchor: Day, context: ResolveContext) => string | null): Resolver =>
  (context) =>
    context.anchor ? resolve(context.anchor, context) : null;

const fixed =
  (value: string | null): Resolver =>
  () =>
    value;

function directionOf(modifier: string | undefined, context: ResolveContext): Direction {
  const word = modifier?.toLowerCase().split(/\s+/).pop();
  if (word === 'last' || word === 'past' || word === 'previous') return 'last';
  if (word === 'next' || word === 'coming') return 'next';
  if (word === 'this') return 'this';
  return context.tense === 'unmarked' ? 'nearest' : context.tense;
}

/** The year of a month (and day) named without one, on the side of the anchor that the tense points to. */
function yearFor(anchor: Day, month: number, day: number | null, direction: Direction): number {
  const sameYear: Day = { year: anchor.year, month, day: day ?? 1 };
  const order = day === null ? month - anchor.month : compareDays(sameYear, anchor);
  switch (direction) {
    case 'this':
      return anchor.year;
    case 'last':
      return order < 0 ? anchor.year : anchor.year - 1;
    case 'next':
      return order > 0 ? anchor.year : anchor.year + 1;
    case 'future':
      return order >= 0 ? anchor.year : anchor.year + 1;
    case 'past':
      return order <= 0 ? anchor.year : anchor.year - 1;
    case 'nearest': {
      // Tenseless clauses ("payable Dec. 15", "the hearings begin in January") mean the closest occurrence.
      const candidates = [anchor.year - 1, anchor.year, anchor.year + 1];
      const distance = (year: number): number =>
        Math.abs(compareDays({ year, month, day: day ?? 15 }, { ...anchor, day: day === null ? 15 : anchor.day }));
      return candidates.reduce((best, year) => (distance(year) < distance(best) ? year : best));
    }
  }
}

/** A bare weekday: today if it is that day, else the most recent one (or the coming one when future). */
function dayForWeekday(anchor: Day, target: number, direction: Direction): Day {
  const today = weekday(anchor);
  const back = (today - target + 7) % 7;
  const ahead = (target - today + 7) % 7;
  switch (direction) {
    case 'last':
      return addDays(anchor, -(back || 7));
    case 'next':
      return addDays(anchor, ahead || 7);
    case 'this': {
      const isoIndex = (weekdayIndex: number): number => (weekdayIndex + 6) % 7;
      return addDays(anchor, isoIndex(target) - isoIndex(today));
    }
    case 'future':
      return addDays(anchor, ahead);
    case 'past':
    case 'nearest':
      // News reports mostly look back: a tenseless "Sunday" is the last one.
      return addDays(anchor, -back);
  }
}

function monthDay(anchor: Day, month: number, day: number, direction: Direction): string | null {
  const resolved = { year: yearFor(anchor, month, day, direction), month, day };
  return isValidDay(resolved) ? formatDay(resolved) : null;
}

function absoluteDay(year: number, month: number, day: number): string | undefined {
  const resolved = { year, month, day };
  return isValidDay(resolved) ? formatDay(resolved) : undefined;
}

/** Moves `count` units from a day and writes the result at that unit's granularity. */
function shift(day: Day, unit: Unit, count: number): string {
  switch (unit) {
    case 'second':
    case 'minute':
    case 'hour':
      return formatDay(day);
    case 'day':
      return formatDay(addDays(day, count));
    case 'week':
    case 'fortnight':
      return formatWeek(addDays(day, count * (unit === 'week' ? 7 : 14)));
    case 'month':
      return formatMonth(addMonths(day, count).year, addMonths(day, count).month);
    case 'quarter': {
      const moved = addMonths(day, count * 3);
      return `${formatYear(moved.year)}-Q${quarterOf(moved.month)}`;
    }
    case 'year':
      return formatYear(day.year + count);
    case 'decade':
      return formatYear(day.year + count * 10).slice(0, 3);
    case 'century':
      return formatYear(day.year + count * 100).slice(0, 2);
  }
}

function weekendOf(day: Day): string {
  return `${formatWeek(day)}-WE`;
}

function seasonYear(anchor: Day, code: string, direction: Direction): number {
  const started = anchor.month >= SEASON_START_MONTH[code];
  switch (direction) {
    case 'this':
      return anchor.year;
    case 'last':
      return started && anchor.month >= SEASON_START_MONTH[code] + 3 ? anchor.year : anchor.year - 1;
    case 'next':
      return started ? anchor.year + 1 : anchor.year;
    case 'future':
      return anchor.year;
    case 'past':
    case 'nearest':
      return started ? anchor.year : anchor.year - 1;
  }
}

// ---------------------------------------------------------------------------------------------------
// Tense: the nearest tense cue in the sentence decides whether a bare "Sunday" or "March" is past or future.

const FUTURE_CUE =
  /\b(?:will|won't|shall|going to|(?:is|are|was|were|be|been)\s+(?:due|expected|scheduled|set|slated|poised|planned|likely|supposed)\s+to|plans?\s+to|planning\s+to|intends?\s+to|upcoming|next|ahead of|later this)\b|'ll\b/gi;
// Reporting verbs ("said") are left out: they date the report, not the event in their complement. So are
// "-ed" forms: too many are adjectives or passives ("convertible preferred stock", "shares tendered by").
const PAST_CUE = /\b(?:was|were|had|did|went|came|took|made|gave|met|held|began|left|won|lost|fell|rose|ago|last|earlier)\b/gi;

function sentenceBounds(text: string, start: number, end: number): [number, number] {
  let from = start;
  while (from > 0 && !/[.!?\n]\s/.test(text.slice(from - 2, from))) from--;
  let to = end;
  while (to < text.length && !/[.!?\n](?:\s|$)/.test(text.slice(to, to + 2))) to++;
  return [from, Math.min(text.length, to + 1)];
}

function tenseAround(text: string, start: number, end: number): Tense {
  const [from, to] = sentenceBounds(text, start, end);
  const sentence = text.slice(from, to);
  const distance = (index: number, length: number): number => {
    const at = from + index;
    return at >= end ? at - end : Math.max(0, start - (at + length));
  };
  const futureCues = [...sentence.matchAll(FUTURE_CUE)].filter(
    (cue) => from + cue.index! + cue[0].length <= start || from + cue.index! >= end,
  );
  const pastCues = [...sentence.matchAll(PAST_CUE)].filter(
    (cue) =>
      (from + cue.index! + cue[0].length <= start || from + cue.index! >= end) &&
      !futureCues.some((future) => cue.index! >= future.index! && cue.index! < future.index! + future[0].length),
  );
  const nearest = (cues: RegExpMatchArray[]): number =>
    Math.min(Infinity, ...cues.map((cue) => distance(cue.index!, cue[0].length)));
  if (futureCues.length === 0 && pastCues.length === 0) return 'unmarked';
  return nearest(futureCues) <= nearest(pastCues) ? 'future' : 'past';
}

// ---------------------------------------------------------------------------------------------------
// Rules.

const YEAR = '(?:1[6-9]|20)\\d\\d';
/** Words before a bare "May" (otherwise a modal verb) or a season name that show it names a time. */
const TIME_PREPOSITION_BEFORE = /\b(?:in|of|since|until|till|by|from|to|during|between|before|after|through|and|or|this|last|next|early|late|mid|the|each|every|over|for)[\s-]+$/i;

function hasTimePrepositionBefore(text: string, index: number): boolean {
  return TIME_PREPOSITION_BEFORE.test(text.slice(Math.max(0, index - 12), index));
}

const numericRules: Rule[] = [
  {
    // ISO 8601 day, optionally with a clock time.
    pattern: compile('(?<y>\\d{4})-(?<mo>\\d{2})-(?<d>\\d{2})(?:[T ](?<h>\\d{2}):(?<mi>\\d{2}))?'),
    build: (m) => {
      const { y, mo, d, h, mi } = m.groups!;
      const day = { year: Number(y), month: Number(mo), day: Number(d) };
      if (!isValidDay(day)) return undefined;
      return fixed(h ? formatTime(day, Number(h), Number(mi)) : formatDay(day));
    },
  },
  {
    // Dotted numeric dates are European and read day first: 01.02.2026 is 1 February.
    pattern: compile('(?<d>\\d{1,2})\\.(?<mo>\\d{1,2})\\.(?<y>\\d{4})'),
    build: (m) => {
      const value = absoluteDay(Number(m.groups!.y), Number(m.groups!.mo), Number(m.groups!.d));
      return value ? fixed(value) : undefined;
    },
  },
  {
    // Slashed numeric dates follow the English-language news convention (month first) unless the first
    // number cannot be a month.
    pattern: compile('(?<a>\\d{1,2})/(?<b>\\d{1,2})/(?<y>\\d{4}|\\d{2})'),
    build: (m) => {
      const [a, b] = [Number(m.groups!.a), Number(m.groups!.b)];
      const shortYear = Number(m.groups!.y);
      const year = m.groups!.y.length === 4 ? shortYear : shortYear + (shortYear < 50 ? 2000 : 1900);
      const value = a > 12 ? absoluteDay(year, b, a) : absoluteDay(year, a, b);
      return value ? fixed(value) : undefined;
    },
  },
];

const DAY_NUMBER = '(?<d>\\d{1,2})(?:st|nd|rd|th)?';
const NOT_A_QUANTITY = '(?!\\s*(?:%|percent|per\\b|million|billion|[.,:]\\d))';

const calendarRules: Rule[] = [
  {
    // "March 22", "Friday, March 22, 2013", "Sept. 10, 2024".
    pattern: compile(
      `(?:(?<wd>${WEEKDAY}),?\\s+)?(?:(?<pos>early|late|mid)[\\s-]+)?(?<mo>${MONTH})\\s+${DAY_NUMBER}(?:,?\\s+(?<y>${YEAR}))?${NOT_A_QUANTITY}`,
    ),
    build: (m) => calendarDay(m),
  },
  {
    // "1 February 2026", "the 22nd of March".
    pattern: compile(
      `(?:(?<wd>${WEEKDAY}),?\\s+)?(?:the\\s+)?${DAY_NUMBER}\\s+(?:of\\s+)?(?<mo>${MONTH})(?:,?\\s+(?<y>${YEAR}))?`,
    ),
    build: (m) => calendarDay(m),
  },
  {
    // "February 2022", "early May of 2010".
    pattern: compile(`${PERIOD_POSITION}?(?<mo>${MONTH})(?:\\s+of)?,?\\s+(?<y>${YEAR})`),
    build: (m) => {
      const month = monthNumber(m.groups!.mo);
      if (!month || !isCapitalised(m.groups!.mo)) return undefined;
      return fixed(formatMonth(Number(m.groups!.y), month));
    },
  },
  {
    // A month without a year: "in August", "last June", "earlier this month" style.
    pattern: compile(
      `${PERIOD_POSITION}?(?:(?<rel>(?:late |early |earlier |later )?(?:last|this|next|past|coming))\\s+)?(?<mo>${FULL_MONTH})`,
    ),
    build: (m, text) => {
      const word = m.groups!.mo;
      const month = monthNumber(word);
      if (!month || !isCapitalised(word)) return undefined;
      const modified = m.groups!.rel || m[0].length > word.length;
      if (!modified && /^(?:may|march)$/i.test(word) && !hasTimePrepositionBefore(text, m.index)) return undefined;
      return anchored((anchor, context) => {
        const year = yearFor(anchor, month, null, directionOf(m.groups!.rel, context));
        return formatMonth(year, month);
      });
    },
  },
  {
    // A year: "2010", "fiscal 1998", "early 2011", "the end of 2012".
    pattern: compile(`${PERIOD_POSITION}?(?:(?:fiscal|calendar|the year|FY)\\s*(?:year\\s+)?)?(?<y>${YEAR})(?!-\\d|\\s*[-–]\\s*\\d{2}\\b|'s)`),
    build: (m, text) => {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
      const before = text.slice(Math.max(0, m.index - 2), m.index);
      if (NOT_A_YEAR_AFTER.test(after) || /\d[,.]\s?$/.test(before)) return undefined;
      return fixed(m.groups!.y);
    },
  },
  {
    // Years read out in broadcast transcripts: "nineteen ninety-six", "the year two thousand".
    pattern: compile(
      `(?:the year\\s+)?(?:(?<century>nineteen|twenty)[\\s-](?<rest>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-[a-z]+)?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|two thousand(?:\\s+(?:and\\s+)?(?<unit>one|two|three|four|five|six|seven|eight|nine|ten))?)`,
    ),
    build: (m) => {
      const { century, rest, unit } = m.groups!;
      const yearInCentury = amountValue(rest ?? unit ?? 'zero');
      if (yearInCentury === 'X') return undefined;
      const hundreds = century ? (century.toLowerCase() === 'nineteen' ? 1900 : 2000) : 2000;
      return fixed(formatYear(hundreds + yearInCentury));
    },
  },
  {
    // Decades: "the 1990s", "the early '80s", "the nineties".
    pattern: compile(
      `(?:the\\s+)?(?:(?:early|late|mid)[\\s-]+)?(?:(?<decade>(?:1[0-9]|20)\\d0)'?s|'(?<short>\\d0)s|(?<=the\\s+(?:(?:early|late|mid)[\\s-]+)?)(?<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))`,
    ),
    build: (m) => {
      const { decade, short, word } = m.groups!;
      if (decade) return fixed(decade.slice(0, 3));
      if (short) return fixed(`19${short[0]}`);
      const words = ['twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'];
      return fixed(`19${words.indexOf(word.toLowerCase()) + 2}`);
    },
  },
  {
    // Centuries: "the 20th century" is 19, TIMEX3's two leading digits.
    pattern: compile(`(?:the\\s+)?(?:(?:early|late|mid)[\\s-]+)?(?<ord>${ORDINAL})[\\s-]+century`),
    build: (m) => {
      const ordinal = ordinalValue(m.groups!.ord);
      return ordinal ? fixed(String(ordinal - 1).padStart(2, '0')) : undefined;
    },
  },
  {
    // Quarters and halves: "the third quarter", "fourth-quarter", "Q3 2012", "the first half of 2013".
    pattern: compile(
      `(?:the\\s+)?(?:(?<rel>this year's|last year's|next year's|fiscal|calendar|latest|current|past|last|previous|coming|next)\\s+)?(?:(?<yb>${YEAR})\\s+)?(?:(?<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\\s-]+(?<part>quarter|half)|Q(?<q>[1-4]))(?:\\s+of\\s+(?:(?<y>${YEAR})|(?<yrel>this|last|next) year)|,?\\s+(?<y2>${YEAR}))?`,
    ),
    build: (m) => {
      const { rel, ord, part, q, y, yrel, y2, yb } = m.groups!;
      const number = q ? Number(q) : ordinalValue(ord)!;
      const code = part?.toLowerCase() === 'half' ? `H${number}` : `Q${number}`;
      if (code === 'H3' || code === 'H4') return undefined;
      const explicitYear = y ?? y2 ?? yb;
      if (explicitYear) return fixed(`${explicitYear}-${code}`);
      return anchored((anchor, context) => {
        const relative = (yrel ?? rel ?? '').toLowerCase();
        let year = anchor.year;
        if (relative.startsWith('last')) year -= 1;
        else if (relative.startsWith('next')) year += 1;
        else if (!relative.startsWith('this')) {
          // A quarter later than the current one was last year's, unless the clause speaks of the future.
          const current = code.startsWith('Q') ? quarterOf(anchor.month) : anchor.month <= 6 ? 1 : 2;
          if (context.tense !== 'future' && number > current) year -= 1;
        }
        return `${formatYear(year)}-${code}`;
      });
    },
  },
  {
    // The reporting period of an earnings story: "the quarter", "the latest quarter", "the year-ago period",
    // "the 1988 quarter" all mean the last completed quarter (a year back for year-ago comparisons).
    pattern: compile(
      `(?:the\\s+)?(?<rel>(?:(?:latest|comparable|corresponding|year-earlier|year-ago|year-before)\\s+)*)(?:(?<y>${YEAR})\\s+)?(?:fiscal\\s+)?(?<unit>quarter|period)`,
    ),
    build: (m) => {
      const { rel, y, unit } = m.groups!;
      const hasDeterminer = /^the\s/i.test(m[0]);
      if (!hasDeterminer || (unit.toLowerCase() === 'period' && !rel && !y)) return undefined;
      const yearBack = /year-|comparable|corresponding/i.test(rel) ? 1 : 0;
      return anchored((anchor) => {
        const completed = addMonths(anchor, -3);
        const year = y ? Number(y) : completed.year - yearBack;
        return `${formatYear(year)}-Q${quarterOf(completed.month)}`;
      });
    },
  },
  {
    // Seasons: "last summer", "the spring of 2012", "winter 2010".
    pattern: compile(
      `(?:(?<pos>early|late|mid)[\\s-]+)?(?:(?<rel>last|this|next|past|coming|the)\\s+)?(?<season>${SEASON})(?:\\s+(?:of\\s+)?(?<y>${YEAR}))?`,
    ),
    build: (m, text) => {
      const { pos, rel, season, y } = m.groups!;
      const code = SEASON_CODE[season.toLowerCase()];
      if (y) return fixed(`${y}-${code}`);
      const relation = rel?.toLowerCase();
      if (!pos && (!relation || relation === 'the') && !hasTimePrepositionBefore(text, m.index)) return undefined;
      // "the fall of the regime" is an event, not a season.
      if (/^\s+of\b/i.test(text.slice(m.index + m[0].length))) return undefined;
      return anchored((anchor, context) => {
        const direction = relation === 'the' ? directionOf(undefined, context) : directionOf(relation, context);
        return `${formatYear(seasonYear(anchor, code, direction))}-${code}`;
      });
    },
  },
  {
    // Holidays with fixed dates.
    pattern: compile(`(?<name>Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)|Halloween|Valentine's Day|Independence Day)`),
    build: (m) => {
      const dates: Record<string, [number, number]> = {
        christmas: [12, 25], 'christmas day': [12, 25], 'christmas eve': [12, 24], "new year's day": [1, 1],
        "new year's eve": [12, 31], halloween: [10, 31], "valentine's day": [2, 14], 'independence day': [7, 4],
      };
      const [month, day] = dates[m.groups!.name.toLowerCase()];
      return anchored((anchor, context) => monthDay(anchor, month, day, directionOf(undefined, context)));
    },
  },
];

function calendarDay(m: RegExpExecArray): Resolver | undefined {
  const { mo, d, y, wd } = m.groups!;
  const month = monthNumber(mo);
  if (!month || !isCapitalised(mo) || (wd && !isCapitalised(wd))) return undefined;
  const day = Number(d);
  if (y) {
    const value = absoluteDay(Number(y), month, day);
    return value ? fixed(value) : undefined;
  }
  if (day < 1 || day > 31) return undefined;
  return anchored((anchor, context) => monthDay(anchor, month, day, directionOf(undefined, context)));
}

/** "yesterday", "Friday", "March 21" as the day part of a clock time or of "Friday night". */
function resolveDayWord(word: string | undefined, anchor: Day, context: ResolveContext, modifier?: string): Day {
  if (!word) return anchor;
  const lower = word.toLowerCase();
  if (lower === 'yesterday' || lower === 'last') return addDays(anchor, -1);
  if (lower === 'tomorrow') return addDays(anchor, 1);
  if (lower === 'today' || lower === 'tonight' || lower === 'this') return anchor;
  const weekdayIndex = weekdayNumber(lower);
  if (weekdayIndex >= 0) return dayForWeekday(anchor, weekdayIndex, directionOf(modifier, context));
  const monthDayMatch = new RegExp(`^(${MONTH})\\s+(\\d{1,2})`, 'i').exec(word);
  if (monthDayMatch) {
    const month = monthNumber(monthDayMatch[1])!;
    const day = Number(monthDayMatch[2]);
    return { year: yearFor(anchor, month, day, directionOf(undefined, context)), month, day };
  }
  return anchor;
}

const TIME_ZONE = '(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|local time)';
const CLOCK =
  `(?:(?<h>\\d{1,2})(?:[:.](?<mi>\\d{2}))?\\s*(?<ap>a\\.m\\.?|p\\.m\\.?|am|pm)(?![a-z])` +
  `|(?<h24>\\d{1,2}):(?<mi24>\\d{2})(?=\\s*(?:${TIME_ZONE}|hours|hrs)\\b)` +
  '|(?<noon>noon|midday|midnight))';
const DAY_WORD = `(?:yesterday|today|tomorrow|tonight|${WEEKDAY}|${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?)`;

function clockOf(groups: Record<string, string | undefined>): [number, number] {
  if (groups.noon) return [groups.noon.toLowerCase() === 'midnight' ? 0 : 12, 0];
  if (groups.h24) return [Number(groups.h24), Number(groups.mi24)];
  let hour = Number(groups.h) % 12;
  if (groups.ap!.toLowerCase().startsWith('p')) hour += 12;
  return [hour, Number(groups.mi ?? 0)];
}

const deicticRules: Rule[] = [
  {
    // Clock times, with the day they fall on when it follows or precedes: "09:30 GMT Monday", "noon Thursday".
    pattern: compile(
      `(?:(?<dayBefore>${DAY_WORD}),?\\s+)?(?:(?:around|about|approximately|shortly after|shortly before|just after|just before)\\s+)?${CLOCK}(?:\\s+${TIME_ZONE})?(?:,?\\s+(?<dayAfter>${DAY_WORD})|(?=,?\\s+on\\s+(?<dayAhead>${DAY_WORD}))|)`,
    ),
    build: (m) => {
      const [hour, minute] = clockOf(m.groups!);
      if (hour > 23 || minute > 59) return undefined;
      // "8 p.m. on Sunday": the preposition stays outside the extent, but the day still dates the time.
      const dayWord = m.groups!.dayBefore ?? m.groups!.dayAfter ?? m.groups!.dayAhead;
      return anchored((anchor, context) => formatTime(resolveDayWord(dayWord, anchor, context), hour, minute));
    },
  },
  {
    // "yesterday", "today", "tomorrow morning", "tonight", "last night", "this afternoon", "earlier today".
    pattern: compile(
      `(?:(?:late|early|earlier|later)\\s+)?(?:(?<word>yesterday|today|tomorrow)(?:\\s+(?<pod>${PART_OF_DAY}))?|(?<tonight>tonight)|(?<rel>last|this)\\s+(?<pod2>${PART_OF_DAY}))|the day (?<around>before yesterday|after tomorrow)`,
    ),
    build: (m) => {
      const { word, pod, tonight, rel, pod2, around } = m.groups!;
      if (rel?.toLowerCase() === 'last' && pod2?.toLowerCase() !== 'night') return undefined;
      return anchored((anchor, context) => {
        if (around) return formatDay(addDays(anchor, around.startsWith('before') ? -2 : 2));
        const day = resolveDayWord(word ?? rel ?? 'today', anchor, context);
        const part = (pod ?? pod2 ?? (tonight ? 'tonight' : '')).toLowerCase();
        return part ? `${formatDay(day)}T${PART_OF_DAY_CODE[part]}` : formatDay(day);
      });
    },
  },
  {
    // Weekdays: "Sunday", "last Friday", "Wednesday night".
    pattern: compile(
      `(?:(?<rel>last|this|next|past|coming)\\s+)?(?<wd>${WEEKDAY})(?:\\s+(?<pod>${PART_OF_DAY}))?`,
    ),
    build: (m) => {
      const { rel, wd, pod } = m.groups!;
      if (!isCapitalised(wd)) return undefined;
      return anchored((anchor, context) => {
        const day = resolveDayWord(wd, anchor, context, rel);
        return pod ? `${formatDay(day)}T${PART_OF_DAY_CODE[pod.toLowerCase()]}` : formatDay(day);
      });
    },
  },
  {
    // Units named relative to now or to the story's last date: "this week", "last year", "next month",
    // "the past year", "the previous day", "that week", "earlier this month", "the end of the year".
    pattern: compile(
      `(?:(?<pos>earlier|later|early|late|mid|the (?:beginning|start|end|middle|rest|remainder|first half|second half) of)[\\s-]+)?(?<rel>this|last|next|past|previous|coming|current|the (?:past|last|previous|next|coming|following|current|same|prior)|that|the)\\s+(?:(?<fiscal>fiscal|calendar)\\s+)?(?<unit>day|week|weekend|month|year|quarter|decade|century)`,
    ),
    build: (m) => {
      const pos = m.groups!.pos?.toLowerCase();
      const rel = m.groups!.rel.toLowerCase().replace(/\s+/g, ' ');
      const unit = m.groups!.unit.toLowerCase();
      // "the year", "the week" alone are too often generic; a position word ("the end of the year") settles it.
      if (rel === 'the' && !pos?.startsWith('the ')) return undefined;
      if (unit === 'day' && !/^(?:the previous|the next|the following|the same|the prior|that)$/.test(rel)) return undefined;
      return relativeUnit(rel, unit);
    },
  },
  {
    // "the weekend": the one just past, or the coming one when the clause speaks of the future.
    pattern: compile('the weekend'),
    build: () =>
      anchored((anchor, context) => {
        const today = weekday(anchor);
        if (today === 0 || today === 6) return weekendOf(anchor);
        return weekendOf(addDays(anchor, context.tense === 'future' ? 7 - today - 1 : -today));
      }),
  },
  {
    // "two years ago", "six weeks earlier", "two months prior", "a decade ago", "years ago".
    pattern: compile(
      `(?:${APPROXIMATOR})?(?:(?<n>${AMOUNT})\\s+)?(?<unit>${UNIT})s?\\s+(?<dir>ago|earlier|later|before|after|prior|previously|afterwards?|from now|hence|back)`,
    ),
    build: (m, text) => {
      const unit = unitOf(m.groups!.unit);
      const direction = m.groups!.dir.toLowerCase();
      const amount = m.groups!.n ? amountValue(m.groups!.n) : 'X';
      // "two days after the vote" counts from an event, not a date: only the duration is known.
      const followedByEvent = /^\s+[a-z]/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 3));
      return offsetFrom(unit, amount, direction, followedByEvent && /^(?:before|after|earlier|later|prior)$/.test(direction));
    },
  },
  {
    // Durations: "two months", "just over two months", "the past two years", "a four-week", "the first nine months".
    pattern: compile(
      `(?:(?:the\\s+)?(?:past|last|next|coming|previous|following|first|final|remaining|initial|entire|whole|better part of the)\\s+|the\\s+)?(?:${APPROXIMATOR})?(?<n>${AMOUNT})[\\s-]+(?:(?:more|additional|further|straight|consecutive|full)\\s+)?(?<unit>${UNIT})s?`,
    ),
    build: (m, text) => {
      const amountWord = m.groups!.n.toLowerCase();
      const unit = unitOf(m.groups!.unit);
      // "a second time" is an ordinal; "twice a day" and "per year" are frequencies, not durations.
      if (unit === 'second' && /^(?:a|an)$/.test(amountWord)) return undefined;
      if ((unit === 'second' || unit === 'quarter') && new RegExp(`^${YEAR}$`).test(amountWord)) return undefined;
      if (/^(?:a|an)$/.test(amountWord) && /\b(?:once|twice|times|per)\s+$/i.test(text.slice(Math.max(0, m.index - 8), m.index))) {
        return undefined;
      }
      return fixed(durationValue(amountValue(amountWord), unit));
    },
  },
  {
    // Vague spans: "years", "recent weeks", "the next few months", "several days".
    pattern: compile(
      `(?:(?:the\\s+)?(?<rel>past|last|next|coming|previous|following|recent|early)\\s+)?(?:(?:few|several|many|some)\\s+)?(?<unit>second|minute|hour|day|week|month|year|decade|centurie)s`,
    ),
    build: (m) => {
      const rel = m.groups!.rel?.toLowerCase();
      const unit = unitOf(m.groups!.unit);
      if (rel === 'recent' && (unit === 'year' || unit === 'decade')) return fixed('PAST_REF');
      if (rel === 'coming' && (unit === 'year' || unit === 'decade')) return fixed('FUTURE_REF');
      return fixed(durationValue('X', unit));
    },
  },
  {
    pattern: compile('(?:right |just )?now|currently|presently|at present|at the moment|nowadays|these days|current'),
    build: () => fixed('PRESENT_REF'),
  },
  {
    pattern: compile('recently|lately|recent|the past|formerly|at the time|in those days'),
    build: () => fixed('PAST_REF'),
  },
  {
    pattern: compile('the (?:near |distant )?future|in the coming (?:years|decades)'),
    build: () => fixed('FUTURE_REF'),
  },
  {
    // Frequencies (TIMEX3 SET): "daily", "each year".
    pattern: compile(
      `daily|weekly|monthly|annually|yearly|hourly|nightly|(?:every|each)\\s+(?:(?<n>other|${AMOUNT})\\s+)?(?<unit>day|week|month|year|quarter|decade|${PART_OF_DAY}|${WEEKDAY})s?`,
    ),
    build: (m) => {
      const word = m[0].toLowerCase();
      const adverbs: Record<string, string> = {
        daily: 'P1D', weekly: 'P1W', monthly: 'P1M', annually: 'P1Y', yearly: 'P1Y', hourly: 'PT1H',
        nightly: 'XXXX-XX-XXTNI',
      };
      if (adverbs[word]) return m[0] === word ? fixed(adverbs[word]) : undefined;
      const unitWord = m.groups!.unit.toLowerCase();
      if (PART_OF_DAY_CODE[unitWord]) return fixed(`XXXX-XX-XXT${PART_OF_DAY_CODE[unitWord]}`);
      const weekdayIndex = weekdayNumber(unitWord);
      if (weekdayIndex >= 0) return fixed(`XXXX-WXX-${weekdayIndex || 7}`);
      const count = m.groups!.n ? (m.groups!.n.toLowerCase() === 'other' ? 2 : amountValue(m.groups!.n)) : 1;
      return fixed(durationValue(count, unitOf(unitWord)));
    },
  },
];

function relativeUnit(rel: string, unitWord: string): Resolver {
  if (unitWord === 'weekend') {
    return anchored((anchor) => {
      const offset = rel.endsWith('last') || rel.endsWith('past') || rel.endsWith('previous') ? -7 : rel.endsWith('next') || rel.endsWith('coming') ? 7 : 0;
      return weekendOf(addDays(anchor, offset));
    });
  }
  const unit = unitOf(unitWord);
  // "the next decade", "the coming year": a stretch of time ahead rather than a calendar unit.
  if (rel === 'the next' || rel === 'the coming') return fixed(durationValue(1, unit));
  if ((rel === 'the past' || rel === 'the last') && (unit === 'decade' || unit === 'century')) {
    return fixed(durationValue(1, unit));
  }
  const fromStory = /^(?:the previous|the following|the same|the prior|that)$/.test(rel);
  const step = /(?:last|past|previous|prior)$/.test(rel) ? -1 : /(?:next|coming|following)$/.test(rel) ? 1 : 0;
  return (context) => {
    const base = fromStory ? referenceDay(context, unit) : context.anchor;
    if (!base) return null;
    return shift(base, unit, step);
  };
}

/** What a story-relative expression counts from: the last date mentioned at least this precisely, else the anchor. */
function referenceDay(context: ResolveContext, unit: Unit): Day | null {
  const needed = unit === 'day' || unit === 'week' ? 'day' : unit === 'month' || unit === 'quarter' ? 'month' : 'year';
  const precision = { year: 0, month: 1, day: 2 };
  if (context.reference && precision[context.reference.granularity] >= precision[needed]) return context.reference.day;
  return context.anchor;
}

function offsetFrom(unit: Unit, amount: number | 'X', direction: string, countsFromEvent: boolean): Resolver {
  if (countsFromEvent) return fixed(durationValue(amount, unit));
  const forward = /^(?:later|after|afterwards?|from now|hence)$/.test(direction);
  if (amount === 'X' || !Number.isInteger(amount)) return fixed(forward ? 'FUTURE_REF' : 'PAST_REF');
  const count = forward ? amount : -amount;
  const ago = /^(?:ago|from now|hence|back)$/.test(direction);
  return (context) => {
    // "profit fell from $2 million a year earlier": in quarterly results the comparison is the last
    // completed quarter, a year back.
    if (unit === 'year' && !forward && context.quarterly && context.anchor) {
      return shift(addMonths(context.anchor, -3), 'quarter', count * 4);
    }
    if (ago) return context.anchor ? shift(context.anchor, unit, count) : null;
    // "two months prior" and "a year later" count from the story's last date; without one only the
    // length of the offset is known, so the value is the duration (P2M).
    return context.reference ? shift(context.reference.day, unit, count) : durationValue(amount, unit);
  };
}

const RULES: Rule[] = [...numericRules, ...calendarRules, ...deicticRules];

// ---------------------------------------------------------------------------------------------------

function grammarCandidates(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  RULES.forEach((rule, priority) => {
    for (const match of text.matchAll(rule.pattern)) {
      const resolve = rule.build(match as RegExpExecArray, text);
      if (resolve) candidates.push({ start: match.index!, end: match.index! + match[0].length, priority, resolve });
    }
  });
  return candidates;
}

/** Longest expressions win; among equal spans, the earlier rule. */
function selectNonOverlapping(candidates: Candidate[]): Candidate[] {
  const ordered = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || a.priority - b.priority);
  const chosen: Candidate[] = [];
  for (const candidate of ordered) {
    if (chosen.every((other) => candidate.end <= other.start || candidate.start >= other.end)) chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

function referenceOf(value: string | null): Reference | null {
  const match = value ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T|$)/.exec(value) : null;
  if (!match) return null;
  const day = { year: Number(match[1]), month: Number(match[2] ?? 1), day: Number(match[3] ?? 1) };
  return { day, granularity: match[3] ? 'day' : match[2] ? 'month' : 'year' };
}

/**
 * Every temporal expression in `text` with its TIMEX3-style value, anchored on `published` (an ISO date or
 * date-time). Without a publication date, expressions that need an anchor get a null value.
 */
export function extractDates(text: string, published: string | null): DateMention[] {
  const anchor = parseIsoDay(published);
  const selected = selectNonOverlapping(grammarCandidates(text));

  const mentions: DateMention[] = [];
  let reference: Reference | null = null;
  for (const candidate of selected) {
    const tense = tenseAround(text, candidate.start, candidate.end);
    const [from, to] = sentenceBounds(text, candidate.start, candidate.end);
    const quarterly = /\bquarter/i.test(text.slice(from, to));
    const value = candidate.resolve({ anchor, tense, reference, quarterly });
    reference = referenceOf(value) ?? reference;
    mentions.push({ text: text.slice(candidate.start, candidate.end), value, start: candidate.start, end: candidate.end });
  }
  return mentions;
}
