// Small helpers shared by the WB row mappers: WB marks almost every field optional, and sends a
// few sentinel values that must not reach storage as real data.

import { parseMoscowDateTime } from "../moscow-time";

/** A descriptive WB string as stored: absent → NULL, otherwise as received (even ""). */
export function text(value: string | null | undefined): string | null {
  return value ?? null;
}

/** A WB integer that may be absent; NOT NULL columns get 0. */
export function int(value: number | null | undefined): number {
  return value ?? 0;
}

/** A WB integer that may be absent, for nullable columns. */
export function optionalInt(value: number | null | undefined): number | null {
  return value ?? null;
}

/** A required WB date-time (Moscow time unless it carries an offset) → the instant. */
export function wbDateTime(value: string): Date {
  return parseMoscowDateTime(value);
}

/**
 * An optional WB date-time → the instant, or null when absent, empty or WB's "no date" value
 * ("0001-01-01T00:00:00", e.g. `cancelDate` of an order that was not cancelled).
 */
export function wbOptionalDateTime(value: string | null | undefined): Date | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  const instant = parseMoscowDateTime(value);
  // Any year before 1970 is one of WB's zero-value sentinels, never a real event.
  return instant.getUTCFullYear() < 1970 ? null : instant;
}
