// The project's one conversion between instants and Moscow wall-clock time.
//
// WB Statistics and Finance take and return date-times without an offset that mean Moscow time.
// Moscow has been UTC+3 all year since 2014 (no DST), so a fixed offset is exact for every date
// WB can hold; Intl time zones are not needed.

const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;

/** An instant → Moscow wall-clock time as WB expects it: "2026-11-24T12:00:00" (no offset, whole seconds). */
export function toMoscowIso(date: Date): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError("toMoscowIso: invalid Date");
  const m = new Date(ms + MOSCOW_OFFSET_MS);
  return (
    `${pad(m.getUTCFullYear(), 4)}-${pad(m.getUTCMonth() + 1)}-${pad(m.getUTCDate())}` +
    `T${pad(m.getUTCHours())}:${pad(m.getUTCMinutes())}:${pad(m.getUTCSeconds())}`
  );
}

/** An instant → the Moscow calendar date "2026-11-24" (Finance `dateFrom`/`dateTo`, daily buckets). */
export function toMoscowDate(date: Date): string {
  return toMoscowIso(date).slice(0, 10);
}

const MOSCOW_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A WB date or date-time → the instant. Without an offset it is Moscow time ("2026-11-24T12:00:00",
 * "2026-11-24T12:00:00.12345", "2026-11-24"); an explicit `Z` or `±hh:mm` is honoured. Fractions
 * beyond milliseconds are truncated. Throws RangeError on anything else, so bad rows fail loudly.
 */
export function parseMoscowDateTime(s: string): Date {
  const match = MOSCOW_DATE_TIME.exec(s.trim());
  if (!match) throw new RangeError(`Not a WB date-time: ${JSON.stringify(s)}`);
  const [, y, mo, d, h = "0", mi = "0", sec = "0", frac = "", zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(sec);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`Not a WB date-time: ${JSON.stringify(s)}`);
  }
  const millis = Number((frac + "000").slice(0, 3));
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999, and WB uses
  // "0001-01-01T00:00:00" as its "no date" value (e.g. cancelDate).
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, millis);
  const offsetMs = zone === undefined ? MOSCOW_OFFSET_MS : zoneOffsetMs(zone);
  return new Date(wall.getTime() - offsetMs);
}

function zoneOffsetMs(zone: string): number {
  if (zone === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60 * 1000;
}

function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}
