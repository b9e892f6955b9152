// chrono-node on its own, as the baseline that scripts/eval-time.ts compares the grammar in dates.ts with.
import * as chrono from 'chrono-node';
import type { DateMention } from '../types.js';
import { formatDay, formatMonth, formatTime, formatYear, type Day } from './dates-calendar.js';

/** Prepositions chrono keeps at the front of a match ("on Friday"); TimeML extents leave them out. */
const LEADING_PREPOSITION = /^(?:on|at|in|by|from|since|until|till|to|for|of|during|before|after)\s+/i;

/** Turns what chrono knows for certain into a TIMEX3 value at that granularity. */
function valueFromComponents(components: chrono.ParsedComponents): string {
  const get = (name: chrono.Component): number => components.get(name) ?? 0;
  const day: Day = { year: get('year'), month: get('month'), day: get('day') };
  if (components.isCertain('hour')) return formatTime(day, get('hour'), get('minute'));
  if (components.isCertain('day') || components.isCertain('weekday')) return formatDay(day);
  if (components.isCertain('month')) return formatMonth(day.year, day.month);
  return formatYear(day.year);
}

/**
 * Every expression chrono finds, referenced on the publication date without forwardDate (so bare
 * weekdays resolve to the past). Without a publication date only self-contained ones keep a value.
 */
export function chronoMentions(text: string, published: Day | null): DateMention[] {
  const instant = published ? new Date(Date.UTC(published.year, published.month - 1, published.day, 12)) : new Date(0);
  const mentions: DateMention[] = [];
  for (const result of chrono.en.parse(text, { instant, timezone: 0 }, { forwardDate: false })) {
    const preposition = LEADING_PREPOSITION.exec(result.text)?.[0] ?? '';
    const start = result.index + preposition.length;
    const end = result.index + result.text.length;
    const selfContained = result.start.isCertain('year');
    const value = published || selfContained ? valueFromComponents(result.start) : null;
    mentions.push({ text: text.slice(start, end), value, start, end });
  }
  return mentions;
}
