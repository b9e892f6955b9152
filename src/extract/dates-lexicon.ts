// Word lists and regular-expression fragments for the temporal grammar in dates.ts.
// Fragments are plain strings (no capture groups unless named) so that rules can compose them.

const MONTH_FORMS: Array<[number, string]> = [
  [1, 'January|Jan\\.?'],
  [2, 'February|Feb\\.?'],
  [3, 'March|Mar\\.'],
  [4, 'April|Apr\\.?'],
  [5, 'May'],
  [6, 'June|Jun\\.?'],
  [7, 'July|Jul\\.?'],
  [8, 'August|Aug\\.?'],
  [9, 'September|Sept\\.?|Sep\\.?'],
  [10, 'October|Oct\\.?'],
  [11, 'November|Nov\\.?'],
  [12, 'December|Dec\\.?'],
];

/** Any month name or abbreviation; rules check capitalisation separately (the regexes are case-insensitive). */
export const MONTH = `(?:${MONTH_FORMS.map(([, forms]) => forms).join('|')})(?![a-z])`;
/** Month names written in full (plus "Sept."), the only ones trusted without a day or year beside them. */
export const FULL_MONTH =
  '(?:January|February|March|April|May|June|July|August|September|Sept\\.|October|November|December)(?![a-z])';

export function monthNumber(word: string): number | null {
  const lower = word.toLowerCase().replace(/\.$/, '');
  for (const [number, forms] of MONTH_FORMS) {
    const names = forms.toLowerCase().replace(/\\\.\??/g, '').split('|');
    if (names.includes(lower)) return number;
  }
  return null;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
export const WEEKDAY = '(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)(?![a-z])';

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayNumber(word: string): number {
  return WEEKDAYS.indexOf(word.toLowerCase());
}

export const PART_OF_DAY = '(?:morning|afternoon|evening|night)';
export const PART_OF_DAY_CODE: Record<string, string> = {
  morning: 'MO',
  afternoon: 'AF',
  evening: 'EV',
  night: 'NI',
  tonight: 'NI',
  overnight: 'NI',
};

const SMALL_NUMBERS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const VAGUE_AMOUNTS = ['a few', 'few', 'several', 'some', 'many', 'a number of', 'dozens of', 'hundreds of'];

/** A count of time units: digits, number words ("twenty-five"), "a"/"an", or a vague amount ("several"). */
export const AMOUNT =
  '(?:\\d+(?:\\.5)?|a couple of|a couple|a dozen|a half|' +
  VAGUE_AMOUNTS.join('|') +
  `|(?:${TENS.filter(Boolean).join('|')})(?:-(?:${SMALL_NUMBERS.slice(1, 10).join('|')}))?` +
  `|${SMALL_NUMBERS.slice(1).reverse().join('|')}|hundred|a|an)`;

/** The number an AMOUNT stands for, or 'X' for a vague amount (TIMEX3 writes unknown counts as X). */
export function amountValue(phrase: string): number | 'X' {
  const words = phrase.toLowerCase().trim();
  if (/^\d/.test(words)) return Number(words);
  if (VAGUE_AMOUNTS.includes(words)) return 'X';
  if (words === 'a' || words === 'an') return 1;
  if (words.startsWith('a couple')) return 2;
  if (words === 'a dozen') return 12;
  if (words === 'a half') return 0.5;
  if (words === 'hundred') return 100;
  const [tens, units] = words.split('-');
  const tensIndex = TENS.indexOf(tens);
  if (tensIndex > 1) return tensIndex * 10 + (units ? SMALL_NUMBERS.indexOf(units) : 0);
  const small = SMALL_NUMBERS.indexOf(words);
  return small >= 0 ? small : 'X';
}

/** Calendar and clock units; plural forms are matched with an optional "s". */
export type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'fortnight' | 'month' | 'quarter' | 'year' | 'decade' | 'century';
export const UNIT = '(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))';

export function unitOf(word: string): Unit {
  const lower = word.toLowerCase().replace(/s$/, '');
  return (lower === 'centurie' ? 'century' : lower) as Unit;
}

/** The TIMEX3 duration of `amount` units: P2M, PT3H, PXY. */
export function durationValue(amount: number | 'X', unit: Unit): string {
  if (amount === 'X') {
    const vagueCodes: Record<Unit, string> = {
      second: 'PTXS', minute: 'PTXM', hour: 'PTXH', day: 'PXD', week: 'PXW', fortnight: 'PXW',
      month: 'PXM', quarter: 'PXQ', year: 'PXY', decade: 'PXDE', century: 'PXCE',
    };
    return vagueCodes[unit];
  }
  const scaled: Record<Unit, [number, string]> = {
    second: [1, 'TS'], minute: [1, 'TM'], hour: [1, 'TH'], day: [1, 'D'], week: [1, 'W'], fortnight: [2, 'W'],
    month: [1, 'M'], quarter: [1, 'Q'], year: [1, 'Y'], decade: [10, 'Y'], century: [100, 'Y'],
  };
  const [factor, code] = scaled[unit];
  const count = amount * factor;
  // Half units become the next smaller unit where TIMEX3 has one ("half an hour" -> PT30M).
  if (!Number.isInteger(count)) {
    if (unit === 'hour') return `PT${count * 60}M`;
    if (unit === 'year') return `P${count * 12}M`;
    if (unit === 'day') return `PT${count * 24}H`;
  }
  return code.startsWith('T') ? `PT${count}${code.slice(1)}` : `P${count}${code}`;
}

/** Imprecise modifiers kept inside a timex extent, as TimeML annotates them ("just over two months"). */
export const APPROXIMATOR =
  '(?:(?:just|well|only|nearly|almost|about|around|roughly|approximately|some|barely|a mere|more than|less than|fewer than|at least|at most|up to|close to|over|under)\\s+)+';

/** Position words before a month, year, season or decade: their value is the whole period. */
export const PERIOD_POSITION =
  '(?:(?:early|late|mid|the (?:beginning|start|end|middle|first half|second half) of|the (?:early|late|mid)(?:dle)? part of)[\\s-]+)';

export const SEASON = '(?:spring|summer|autumn|fall|winter)';
export const SEASON_CODE: Record<string, string> = { spring: 'SP', summer: 'SU', autumn: 'FA', fall: 'FA', winter: 'WI' };
/** First month of each season, used to tell whether a season has begun by the anchor date. */
export const SEASON_START_MONTH: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

export const ORDINAL_WORDS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20, 'twenty-first': 21,
};

export function ordinalValue(word: string): number | null {
  const lower = word.toLowerCase();
  const digits = /^(\d+)(?:st|nd|rd|th)?$/.exec(lower);
  if (digits) return Number(digits[1]);
  return ORDINAL_WORDS[lower] ?? null;
}

export const ORDINAL = `(?:\\d{1,2}(?:st|nd|rd|th)|${Object.keys(ORDINAL_WORDS).join('|')})`;

/** Words after a four-digit number that show it counts things rather than names a year. */
export const NOT_A_YEAR_AFTER =
  /^\s*(?:%|percent|per cent|[.,]\d|people|persons|troops|soldiers|men|women|children|residents|members|workers|employees|jobs|votes|seats|points|cases|deaths|dead|killed|dollars|euros|yen|pounds|shares|units|tons|tonnes|barrels|miles|kilometers|kilometres|km|feet|meters|metres|acres|hectares|cars|homes|houses|students|calories|degrees|rpm|mph|hp|mw|gb|mb|ft|lbs?)\b/i;
