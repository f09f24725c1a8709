// Time helpers for the sandbox. WB Statistics and Finance speak Moscow wall-clock time without an
// offset; Moscow is UTC+3 all year since 2014, so a fixed offset is exact.

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const MSK_OFFSET_MS = 3 * HOUR_MS;

/** WB's "no date" value, e.g. `cancelDate` of an order that was not cancelled. */
export const WB_ZERO_DATE_TIME = "0001-01-01T00:00:00";
export const WB_ZERO_DATE = "0001-01-01";

/** "2026-11-24T12:00:00" in Moscow time. */
export function mskIso(ms: number): string {
  return new Date(ms + MSK_OFFSET_MS).toISOString().slice(0, 19);
}

/** "2026-11-24T12:00:00+03:00" (Feedbacks style). */
export function mskIsoOffset(ms: number): string {
  return `${mskIso(ms)}+03:00`;
}

/** "2026-11-24" — the Moscow calendar date. */
export function mskDate(ms: number): string {
  return new Date(ms + MSK_OFFSET_MS).toISOString().slice(0, 10);
}

/** "2026-11-24T09:00:00Z" — UTC without milliseconds. */
export function utcIso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Days since 1970-01-01 in Moscow. */
export function mskDayIndex(ms: number): number {
  return Math.floor((ms + MSK_OFFSET_MS) / DAY_MS);
}

/** The instant a Moscow day starts. */
export function mskDayStart(dayIndex: number): number {
  return dayIndex * DAY_MS - MSK_OFFSET_MS;
}

/** Moscow hour of day, 0–23. */
export function mskHour(ms: number): number {
  return Math.floor(((ms + MSK_OFFSET_MS) % DAY_MS) / HOUR_MS);
}

/** Moscow weekday of a Moscow day index, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(dayIndex: number): number {
  return (((dayIndex + 3) % 7) + 7) % 7;
}

/** Day of year, 0-based, of a Moscow day index. */
export function dayOfYear(dayIndex: number): number {
  const d = new Date(dayIndex * DAY_MS);
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS);
}

const WB_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:\d{2})?$/;

export interface ParsedWbDate {
  ms: number;
  /** False for a bare date ("2026-11-24"): it means that day's 00:00 Moscow. */
  hasTime: boolean;
}

/**
 * Parses WB's RFC3339 inputs: a date or a date-time, with or without fractions; without an offset
 * the time is Moscow time. Returns null for anything else (the caller answers 400 like WB).
 */
export function parseWbDate(s: string): ParsedWbDate | null {
  const m = WB_DATE_TIME.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(sec ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, Number(((frac ?? "") + "000").slice(0, 3)));
  if (new Date(wall).getUTCDate() !== day) return null;
  let offset = MSK_OFFSET_MS;
  if (zone === "Z") offset = 0;
  else if (zone !== undefined) {
    const sign = zone.startsWith("-") ? -1 : 1;
    offset = sign * (Number(zone.slice(1, 3)) * HOUR_MS + Number(zone.slice(4, 6)) * MINUTE_MS);
  }
  return { ms: wall - offset, hasTime: h !== undefined };
}
