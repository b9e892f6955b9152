// Calendar arithmetic and TIMEX3 value formatting for the date extractor.
// All arithmetic runs on UTC dates so that the machine's time zone never shifts a day.

/** A calendar day (month 1-12). */
export interface Day {
  year: number;
  month: number;
  day: number;
}

const MS_PER_DAY = 86_400_000;

function toUtc(day: Day): Date {
  return new Date(Date.UTC(day.year, day.month - 1, day.day));
}

function fromUtc(date: Date): Day {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Reads the calendar day of an ISO 8601 date or date-time as written (its own local date). */
export function parseIsoDay(iso: string | null): Day | null {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim()) : null;
  if (!match) return null;
  const day = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidDay(day) ? day : null;
}

export function isValidDay(day: Day): boolean {
  if (day.month < 1 || day.month > 12 || day.day < 1) return false;
  return day.day <= daysInMonth(day.year, day.month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(day: Day, count: number): Day {
  return fromUtc(new Date(toUtc(day).getTime() + count * MS_PER_DAY));
}

/** Shifts by whole months, clamping the day to the target month's length. */
export function addMonths(day: Day, count: number): Day {
  const index = day.year * 12 + (day.month - 1) + count;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(day.day, daysInMonth(year, month)) };
}

/** 0 = Sunday ... 6 = Saturday, as Date.getUTCDay. */
export function weekday(day: Day): number {
  return toUtc(day).getUTCDay();
}

export function compareDays(a: Day, b: Day): number {
  return toUtc(a).getTime() - toUtc(b).getTime();
}

/** ISO 8601 week-numbering year and week of a day. */
export function isoWeek(day: Day): { year: number; week: number } {
  const date = toUtc(day);
  const isoWeekday = date.getUTCDay() || 7;
  // The Thursday of this week decides the week-numbering year.
  const thursday = new Date(date.getTime() + (4 - isoWeekday) * MS_PER_DAY);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / MS_PER_DAY + 1) / 7);
  return { year: thursday.getUTCFullYear(), week };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

export function formatYear(year: number): string {
  return pad(year, 4);
}

export function formatMonth(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month)}`;
}

export function formatDay(day: Day): string {
  return `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`;
}

export function formatWeek(day: Day): string {
  const { year, week } = isoWeek(day);
  return `${pad(year, 4)}-W${pad(week)}`;
}

export function formatTime(day: Day, hour: number, minute: number): string {
  return `${formatDay(day)}T${pad(hour)}:${pad(minute)}`;
}

export function quarterOf(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}
