// The body of one "wb-sync" (and "wb-sync-dlq") queue message: one page of one dataset of one
// cabinet. Bodies are structured-cloned by Queues, so they are plain data; they are checked on
// receipt because a message outlives deploys (an old body may meet new code).

import { type JsonValue, SYNC_DATASETS, type SyncDataset } from "../../db/schema";

export interface SyncMessage {
  cabinetId: string;
  dataset: SyncDataset;
  /** Where the page starts (`null` = a new run); must equal sync_state.cursor or the message is stale. */
  cursor: JsonValue | null;
  /** How many times this page was put back by us (gate refusal, 429); 0 for a fresh page. */
  attempt: number;
}

/** The body as a SyncMessage, or null when it is not one (logged and dropped by the consumer). */
export function parseSyncMessage(body: unknown): SyncMessage | null {
  if (typeof body !== "object" || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.cabinetId !== "string" || b.cabinetId === "") return null;
  if (typeof b.dataset !== "string" || !(SYNC_DATASETS as readonly string[]).includes(b.dataset)) return null;
  const attempt = typeof b.attempt === "number" && Number.isInteger(b.attempt) && b.attempt >= 0 ? b.attempt : 0;
  return { cabinetId: b.cabinetId, dataset: b.dataset as SyncDataset, cursor: (b.cursor ?? null) as JsonValue | null, attempt };
}

/**
 * A cursor's identity as stored in sync_state.cursor (drizzle's JSON mode writes JSON.stringify),
 * so a message's cursor can be compared with the stored one, in JS and in SQL (`cursor IS ?`).
 */
export function cursorKey(cursor: JsonValue | null | undefined): string | null {
  return cursor === null || cursor === undefined ? null : JSON.stringify(cursor);
}

/** Queues' longest delivery delay (12 h), in seconds. */
export const MAX_QUEUE_DELAY_SECONDS = 12 * 60 * 60;

/** A wait in ms as a Queues delay: whole seconds, at least 1 when there is any wait, at most 12 h. */
export function delaySecondsFor(waitMs: number): number {
  if (!(waitMs > 0)) return 0;
  return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(1, Math.ceil(waitMs / 1000)));
}
