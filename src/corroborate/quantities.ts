// Quantities in a claim, each normalised with its unit: "11.5 percent" = "11.5%"; "50 basis points" =
// 0.5 percentage points; "$7.9 billion" = 7.9e9 USD; "forty people" = 40 people; "a dozen" = 12;
// "nearly 5" the interval [4.5, 5]. Number words are read by words-to-numbers; units, magnitudes,
// hedges and rounding are ours (a claim's figure is the product's core data).
import wordsToNumbersModule from 'words-to-numbers';
import { stemmer } from 'stemmer';
import { lemmaOf } from '../events/plover-lexicon.js';
import { STOPWORDS, canonicalWord } from './normalize.js';

// words-to-numbers ships CommonJS with a default export; under ESM interop it can arrive wrapped.
const wordsToNumbers: (text: string) => string | number | null =
  (wordsToNumbersModule as unknown as { wordsToNumbers?: typeof wordsToNumbers }).wordsToNumbers ?? (wordsToNumbersModule as unknown as typeof wordsToNumbers);

export type Dimension = 'percent' | 'percentage-points' | 'currency' | 'count';

export interface Quantity {
  /** Offsets in the text the quantity was read from. */
  start: number;
  end: number;
  text: string;
  /** End of the figure itself (number and magnitude, before its unit noun), relative like `start`. */
  figureEnd: number;
  value: number;
  /** What the figure allows: hedges ("nearly", "more than") and the rounding of the written figure. */
  low: number;
  high: number;
  dimension: Dimension;
  /** `%`, `pp`, an ISO currency code, or the counted noun's lemma ("people"). */
  unit: string;
  /** Content words next to the figure ("killed", "rate"): what it measures. Empty when none is near. */
  measure: string[];
  /** `from`, `by` or `value`: "from 10.75% to 11.25%" and "by 50 basis points" fill different slots. */
  role: 'from' | 'by' | 'value';
}

const MAGNITUDES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, mln: 1e6, m: 1e6, k: 1e3, tn: 1e12 };
const CURRENCY_SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };
const CURRENCY_WORDS: Record<string, string> = {
  dollar: 'USD', usd: 'USD', euro: 'EUR', eur: 'EUR', pound: 'GBP', sterling: 'GBP', gbp: 'GBP', yuan: 'CNY', renminbi: 'CNY', cny: 'CNY',
  ruble: 'RUB', rouble: 'RUB', rub: 'RUB', yen: 'JPY', jpy: 'JPY', rupee: 'INR', inr: 'INR', real: 'BRL', reais: 'BRL', brl: 'BRL', lira: 'TRY', franc: 'CHF', won: 'KRW',
};
/** Words for a number that words-to-numbers leaves alone. */
const COUNT_WORDS: Record<string, number> = { dozen: 12, score: 20, half: 0.5 };
const NUMBER_WORD = /^(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|a|and|point)$/i;
/** Words before a figure that make it a bound or an approximation, and the interval they allow. */
const HEDGE_TOLERANCE = 0.1;
const HEDGES: [RegExp, (v: number) => [number, number]][] = [
  [/^(?:nearly|almost|just under|close to)$/, (v) => [v * (1 - HEDGE_TOLERANCE), v]],
  [/^(?:about|around|roughly|approximately|some|an estimated|estimated|an approximate|circa)$/, (v) => [v * (1 - HEDGE_TOLERANCE), v * (1 + HEDGE_TOLERANCE)]],
  [/^(?:more than|over|above|at least|upwards of|in excess of|exceeding|just over)$/, (v) => [v, Number.POSITIVE_INFINITY]],
  [/^(?:less than|fewer than|under|below|up to|at most)$/, (v) => [Number.NEGATIVE_INFINITY, v]],
];
/** "dozens of", "hundreds of": a lower bound only. */
const PLURAL_MAGNITUDES: Record<string, number> = { dozens: 24, scores: 40, hundreds: 200, thousands: 2000, millions: 2e6, billions: 2e9 };
const FILLER = new Set(['of', 'the', 'a', 'an', 'more', 'other', 'about', 'some']);
const STOP_MEASURE = new Set(['the', 'a', 'an', 'of', 'to', 'by', 'at', 'from', 'in', 'on', 'and', 'its', 'their', 'his', 'her', 'was', 'were', 'is', 'are', 'has', 'have', 'had', 'been', 'be', 'with', 'for', 'than', 'that', 'some', 'nearly', 'almost', 'about', 'around', 'over', 'more', 'least', 'at', 'up', 'roughly', 'approximately', 'least', 'estimated', 'another', 'further', 'total', 'just', 'under', 'less', 'fewer']);

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  return [...text.matchAll(/[$€£¥]?\d+(?:[.,]\d+)*(?:%|bn|mln|m|k|tn)?|[\p{L}]+(?:[-'’][\p{L}]+)*|[^\s\p{L}\p{N}]/gu)].map((match) => ({
    text: match[0],
    lower: match[0].toLowerCase(),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** Half a unit of the last written digit: "11.5" stands for 11.45..11.55, "40" for 39.5..40.5. */
function roundingOf(written: string): number {
  const decimals = /\.(\d+)/.exec(written)?.[1].length ?? 0;
  return 0.5 * 10 ** -decimals;
}

/** A number that is not a quantity of its own: a clock time, a score, an age or other compound
 *  modifier ("65-year-old"), a year, or an end of a range ("between 25 and 30", "10 to 35"). */
function notAQuantity(list: Token[], index: number, text: string): boolean {
  const token = list[index];
  const next = list[index + 1];
  const previous = list[index - 1];
  if (next && next.start === token.end && /^[-–:/]$/.test(next.text)) return true;
  if (previous && previous.end === token.start && /^[-–:/]$/.test(previous.text)) return true;
  if (/^(?:1[89]|20)\d\d$/.test(token.text)) return true;
  if (/^\d/.test(token.text) && text.slice(token.end, token.end + 2) === '.' + (text[token.end + 1] ?? '')) return false;
  const word = (offset: number) => list[index + offset]?.lower ?? '';
  if (word(-1) === 'between' || (word(-1) === 'and' && [2, 3, 4].some((back) => word(-back) === 'between'))) return true;
  if (word(1) === 'to' && /^\d/.test(word(2))) return word(-1) !== 'from';
  return word(-1) === 'to' && /^\d/.test(word(-2)) && word(-3) !== 'from';
}

function hedgeOf(list: Token[], index: number): ((v: number) => [number, number]) | null {
  const word = (offset: number) => list[index + offset]?.lower ?? '';
  for (const words of [`${word(-2)} ${word(-1)}`, word(-1)]) {
    const hedge = HEDGES.find(([pattern]) => pattern.test(words));
    if (hedge) return hedge[1];
  }
  return null;
}

/** Stem, then the shared synonym head ("died", "deaths", "dead" -> one key). */
export const wordKey = (lower: string) => canonicalWord(stemmer(canonicalWord(lower)));

const UNIT_WORDS = new Set(['point', 'points', 'basis', 'percent', 'percentage', 'per', 'cent', '%']);
const MEASURE_WORDS = 3;

/** Content lemmas within a few words before the figure and, for a count, after its noun ("40 people were killed"). */
function measureAround(list: Token[], index: number, last: number, count: boolean): string[] {
  const words: string[] = [];
  const take = (i: number) => {
    const lower = list[i].lower;
    if (!/^\p{L}/u.test(lower) || STOP_MEASURE.has(lower) || UNIT_WORDS.has(lower) || NUMBER_WORD.test(lower)) return true;
    words.push(wordKey(lower));
    return true;
  };
  const before = words;
  for (let i = index - 1; i >= Math.max(0, index - 8) && before.length < MEASURE_WORDS; i--) {
    if (/^[,;:()]$/.test(list[i].text)) break;
    take(i);
  }
  const limit = words.length + MEASURE_WORDS - 1;
  if (count) for (let i = last + 1; i < list.length && i <= last + 5 && words.length < limit; i++) {
    if (/^[,;:()]$/.test(list[i].text)) break;
    take(i);
  }
  return [...new Set(words)];
}

/** The run of number words starting at `index` ("two hundred and fifty"), or null. */
function numberWordsAt(list: Token[], index: number): { value: number; last: number } | null {
  const first = list[index].lower;
  if (COUNT_WORDS[first] !== undefined && first !== 'half') return { value: COUNT_WORDS[first], last: index };
  if (first === 'a' && list[index + 1]?.lower === 'dozen') return { value: 12, last: index + 1 };
  if (first === 'half' && list[index + 1]?.lower === 'a') return { value: 0.5, last: index + 1 };
  if (!NUMBER_WORD.test(first) || ['a', 'and', 'point', 'hundred', 'thousand', 'million', 'billion', 'dozen'].includes(first)) return null;
  let last = index;
  while (list[last + 1] && (NUMBER_WORD.test(list[last + 1].lower) || (list[last + 1].text === '-' && NUMBER_WORD.test(list[last + 2]?.lower ?? '')))) last++;
  while (last > index && ['a', 'and', 'point', '-'].includes(list[last].lower)) last--;
  const phrase = list.slice(index, last + 1).map((token) => token.text).join(' ').replace(/ - /g, '-');
  const parsed = Number(String(wordsToNumbers(phrase)).replace(/\s+/g, ''));
  if (!Number.isFinite(parsed)) return null;
  // "one" alone is more often a pronoun ("one of the ...") than a count.
  if (first === 'one' && last === index) return null;
  return { value: parsed, last };
}

export function readQuantities(text: string, skip: { start: number; end: number }[] = []): Quantity[] {
  const list = tokens(text);
  const found: Quantity[] = [];
  for (let index = 0; index < list.length; index++) {
    const token = list[index];
    if (skip.some((span) => token.start >= span.start && token.start < span.end)) continue;
    let value: number;
    let last = index;
    let rounding = 0;
    let low: number | null = null;
    let high: number | null = null;
    let currency: string | null = null;
    let written = token.text;
    const plural = PLURAL_MAGNITUDES[token.lower];
    if (/^[$€£¥]?\d/.test(token.text)) {
      if (notAQuantity(list, index, text)) continue;
      currency = CURRENCY_SYMBOLS[token.text[0]] ?? CURRENCY_WORDS[list[index - 1]?.lower ?? ''] ?? null;
      const suffix = /(%|bn|mln|m|k|tn)$/.exec(token.text)?.[1] ?? '';
      written = token.text.replace(/^[$€£¥]/, '').replace(/(%|bn|mln|m|k|tn)$/, '');
      value = Number(written.replace(/,(?=\d{3}\b)/g, ''));
      if (!Number.isFinite(value)) continue;
      rounding = roundingOf(written);
      if (suffix && suffix !== '%') {
        value *= MAGNITUDES[suffix];
        rounding *= MAGNITUDES[suffix];
      }
      if (suffix === '%') written += '%';
    } else if (plural && list[index + 1]?.lower === 'of') {
      value = plural;
      low = plural / 2;
      high = Number.POSITIVE_INFINITY;
      last = index + 1;
    } else {
      const words = numberWordsAt(list, index);
      if (!words) continue;
      value = words.value;
      last = words.last;
    }
    const magnitude = MAGNITUDES[list[last + 1]?.lower ?? ''];
    if (magnitude && !/%$/.test(written) && list[last + 1].lower !== 'm' && list[last + 1].lower !== 'k') {
      value *= magnitude;
      rounding *= magnitude;
      last++;
    }
    const next = list[last + 1]?.lower ?? '';
    const afterNext = list[last + 2]?.lower ?? '';
    const figureEnd = list[last].end;
    let dimension: Dimension = 'count';
    let unit = '';
    if (written.endsWith('%') || next === 'percent' || next === '%' || (next === 'per' && afterNext === 'cent')) {
      dimension = 'percent';
      unit = '%';
      if (next === 'percent' || next === '%') last++;
      else if (next === 'per') last += 2;
      if (list[last + 1]?.lower === 'points' || list[last + 1]?.lower === 'point') {
        dimension = 'percentage-points';
        unit = 'pp';
        last++;
      }
    } else if ((next === 'percentage' || next === 'basis') && /^points?$/.test(afterNext)) {
      dimension = 'percentage-points';
      unit = 'pp';
      if (next === 'basis') {
        value /= 100;
        rounding /= 100;
      }
      last += 2;
    } else if (currency || CURRENCY_WORDS[lemmaOf(next)] || CURRENCY_WORDS[next]) {
      dimension = 'currency';
      unit = currency ?? CURRENCY_WORDS[next] ?? CURRENCY_WORDS[lemmaOf(next)];
      if (!currency) last++;
    } else {
      // A count takes its noun as unit: "12 people" and "12 soldiers" are different figures.
      let nounIndex = last + 1;
      while (FILLER.has(list[nounIndex]?.lower ?? '') && nounIndex < last + 3) nounIndex++;
      const noun = list[nounIndex];
      // Only a noun names what is counted; "41 on Saturday", "27, officials said" count nothing named.
      if (noun && /^\p{Ll}/u.test(noun.text) && !STOPWORDS.has(noun.lower) && !STOP_MEASURE.has(noun.lower)) {
        unit = wordKey(noun.lower);
        last = nounIndex;
      }
    }
    const hedge = hedgeOf(list, index);
    if (low === null || high === null) {
      [low, high] = hedge ? hedge(value) : [value - rounding, value + rounding];
    }
    found.push({
      start: token.start,
      end: list[last].end,
      text: text.slice(token.start, list[last].end),
      figureEnd: dimension === 'count' ? figureEnd : list[last].end,
      value,
      low,
      high,
      dimension,
      unit,
      measure: measureAround(list, index, last, dimension === 'count'),
      role: roleOf(list[index - 1]?.lower ?? '', list[index - 2]?.lower ?? ''),
    });
    index = last;
  }
  return found;
}

function roleOf(previous: string, beforeThat: string): Quantity['role'] {
  const word = HEDGES.some(([pattern]) => pattern.test(previous)) ? beforeThat : previous;
  return word === 'from' ? 'from' : word === 'by' ? 'by' : 'value';
}

/** Figures that do not contradict each other: their intervals meet. */
export function compatibleQuantities(a: Quantity, b: Quantity): boolean {
  const slack = 1e-9 * Math.max(1, Math.abs(a.value), Math.abs(b.value));
  return a.low <= b.high + slack && b.low <= a.high + slack;
}

/** Two figures measure the same thing: one dimension and unit, and no two different measures. */
export function sameSlot(a: Quantity, b: Quantity): boolean {
  if (a.dimension !== b.dimension || a.unit !== b.unit || a.role !== b.role) return false;
  // An open-ended count ("thousands of people", "more than 40") is too loose to stand for a slot on its
  // own: it fills one only where the word nearest one figure ("fled", "killed") is a measure of the other.
  const open = !Number.isFinite(a.high) || !Number.isFinite(b.high);
  if (open && !(b.measure.includes(a.measure[0]) || a.measure.includes(b.measure[0]))) return false;
  return a.measure.length === 0 || b.measure.length === 0 || a.measure.some((word) => b.measure.includes(word));
}

export function formatQuantity(quantity: Quantity): string {
  const value = quantity.value;
  switch (quantity.dimension) {
    case 'percent':
      return `${value}%`;
    case 'percentage-points':
      return `${value} pp`;
    case 'currency':
      return `${value.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e')} ${quantity.unit}`;
    default:
      return quantity.text;
  }
}
