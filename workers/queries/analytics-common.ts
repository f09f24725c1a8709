// Shared by the analytics loaders (workers/queries/analytics-*.ts): D1 batch rows, sync marks and
// freshness, and a small per-isolate cache for results that only change when a sync writes.

import type { SyncDataset } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import { type BlockFreshness, blockFreshness } from "../domain/freshness";
import type { SyncMark } from "./stock-levels";
import { freshnessByDataset } from "./sync-state";

export { FingerprintCache } from "./fingerprint-cache";

// D1 types batch results as unknown rows; each loader's SELECT list fixes their shape.
export function rows<T>(result: D1Result | undefined): T[] {
  return (result?.results ?? []) as T[];
}

export function freshnessOf(auth: AuthorizedCabinet, marks: readonly SyncMark[], now: Date, datasets: readonly SyncDataset[]): BlockFreshness {
  const all = freshnessByDataset(auth, new Map(marks.map((m) => [m.dataset, m.lastSuccessAt === null ? null : new Date(m.lastSuccessAt)])), now);
  return blockFreshness(datasets.map((d) => all[d]));
}

/** A dataset's sync counters as a cache key part ("-" = never synced). */
export function markKey(marks: readonly SyncMark[], dataset: SyncDataset): string {
  const m = marks.find((x) => x.dataset === dataset);
  return m ? `${m.rowsTotal}@${m.lastSuccessAt ?? ""}@${m.lastAttemptAt ?? ""}` : "-";
}

