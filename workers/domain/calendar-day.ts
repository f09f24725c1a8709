// Calendar arithmetic on day strings 'YYYY-MM-DD' (the Moscow days that rollups, backfill walks
// and report periods are named by). This is date arithmetic, not a time-zone conversion: turning
// instants into Moscow days stays in moscow-time.ts, which this file only calls.

import { parseMoscowDateTime, toMoscowDate } from "./moscow-time";

const DAY_MS = 24 * 60 * 60 * 1000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(day: string): number {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`Not a calendar day: ${JSON.stringify(day)}`);
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.round(d.getTime() / DAY_MS);
}

function dayString(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** `day` moved by `n` calendar days (n may be negative). */
export function addDays(day: string, n: number): string {
  return dayString(dayNumber(day) + n);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The instant a Moscow day starts. */
export function moscowDayStart(day: string): Date {
  if (!DAY.test(day)) throw new RangeError(`Not a calendar day: ${JSON.stringify(day)}`);
  return parseMoscowDateTime(day);
}

/** The distinct Moscow days of some instants, sorted ascending. */
export function moscowDaysOf(instants: Iterable<Date>): string[] {
  const days = new Set<string>();
  for (const instant of instants) days.add(toMoscowDate(instant));
  return [...days].sort();
}

/**
 * Moscow's offset from UTC in seconds, taken from moscow-time.ts rather than restated, for SQL
 * that groups stored UTC instants by Moscow day.
 */
export const MOSCOW_UTC_OFFSET_SECONDS = -parseMoscowDateTime("1970-01-01T00:00:00").getTime() / 1000;
