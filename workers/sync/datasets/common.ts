// Helpers shared by the dataset modules.

import type { z } from "zod";

import type { Cabinet, JsonValue } from "../../../db/schema";
import type { WbLimitTier } from "../../wb/methods";
import { limitTierOf } from "../../wb/token";

export const MINUTE_MS = 60 * 1000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The rate-limit tier of the cabinet's token (a base token with a service secret is not "base"). */
export function tierOf(cabinet: Cabinet): WbLimitTier {
  return limitTierOf(cabinet.tokenType, cabinet.clientSecretCiphertext !== null);
}

/**
 * A stored cursor read back with its schema. A cursor that does not parse (written by an older
 * version, or damaged) starts a new run rather than failing the dataset forever: every dataset's
 * pages are idempotent upserts, so starting over costs WB calls, never correctness.
 */
export function readCursor<S extends z.ZodType>(schema: S, cursor: JsonValue | null): z.infer<S> | null {
  if (cursor === null) return null;
  const parsed = schema.safeParse(cursor);
  return parsed.success ? parsed.data : null;
}

/** Refresh intervals: one value for personal/service/base-with-secret tokens, another for base. */
export function byTier(normalMs: number, baseMs: number): (tier: WbLimitTier) => number {
  return (tier) => (tier === "base" ? baseMs : normalMs);
}

/** A list as one JSON text parameter, expanded in SQL with json_each (one bound parameter). */
export function jsonList(values: readonly (string | number)[]): string {
  return JSON.stringify(values);
}
