// Calendar arithmetic on Moscow days ('YYYY-MM-DD') and the periods the dashboard compares.
// Moscow is UTC+3 all year (see moscow-time.ts), so a Moscow day starts at 21:00 UTC the day before.
// Day arithmetic itself lives in calendar-day.ts; this file adds the dashboard's periods.

import { addDays, moscowDayStart } from "./calendar-day";
import { toMoscowDate } from "./moscow-time";

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A Moscow calendar day, 'YYYY-MM-DD'. */
export type MoscowDay = string;

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isMoscowDay(s: string): boolean {
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.toISOString().slice(0, 10) === s;
}

/** The instant a Moscow day ends (exclusive) = the next day's start. */
export function moscowDayEnd(day: MoscowDay): Date {
  return moscowDayStart(addDays(day, 1));
}

/** Inclusive list of days from `from` to `to` (empty when from > to). */
export function dayList(from: MoscowDay, to: MoscowDay): MoscowDay[] {
  const out: MoscowDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** An inclusive range of whole Moscow days. */
export interface DayRange {
  from: MoscowDay;
  to: MoscowDay;
}

/**
 * The periods of the dashboard at `now`, and what each is compared with:
 * - today: from Moscow midnight to `now`, against yesterday from midnight to the same time of day
 *   (comparing a half-finished day with a whole one would always look like a fall);
 * - yesterday: the whole day, against the day before;
 * - last7 / last30: the 7 / 30 whole days ending yesterday, against the 7 / 30 days before them.
 *   Whole days keep both sides equally long and the figures stable through the day.
 */
export interface DashboardPeriods {
  today: MoscowDay;
  todayStart: Date;
  /** The same time of day yesterday: the end (exclusive) of today's comparison window. */
  yesterdaySameTime: Date;
  yesterday: MoscowDay;
  dayBeforeYesterday: MoscowDay;
  last7: DayRange;
  previous7: DayRange;
  last30: DayRange;
  previous30: DayRange;
  /** Every day any period touches, oldest first (what to read from the rollups). */
  allDays: DayRange;
}

export function dashboardPeriods(now: Date): DashboardPeriods {
  const today = toMoscowDate(now);
  const yesterday = addDays(today, -1);
  const todayStart = moscowDayStart(today);
  const elapsed = now.getTime() - todayStart.getTime();
  return {
    today,
    todayStart,
    yesterdaySameTime: new Date(moscowDayStart(yesterday).getTime() + elapsed),
    yesterday,
    dayBeforeYesterday: addDays(today, -2),
    last7: { from: addDays(today, -7), to: yesterday },
    previous7: { from: addDays(today, -14), to: addDays(today, -8) },
    last30: { from: addDays(today, -30), to: yesterday },
    previous30: { from: addDays(today, -60), to: addDays(today, -31) },
    allDays: { from: addDays(today, -60), to: today },
  };
}

/** True when `day` lies in the inclusive range (ISO dates compare as strings). */
export function inRange(day: MoscowDay, range: DayRange): boolean {
  return day >= range.from && day <= range.to;
}
