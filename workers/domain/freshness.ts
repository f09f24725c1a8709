// How fresh a figure is: the last successful sync of the datasets it is computed from, and whether
// that is older than twice the dataset's refresh interval (a missed run is normal; two are not).
// The interval is the sync schedule's own (DatasetSync.refreshEveryMs for the token's tier), passed in.

import type { SyncDataset } from "../../db/schema";

export interface DatasetFreshness {
  dataset: SyncDataset;
  lastSuccessAt: Date | null;
  stale: boolean;
}

export interface BlockFreshness {
  /** The oldest last success among the block's datasets; null if any was never synced. */
  updatedAt: Date | null;
  stale: boolean;
  datasets: SyncDataset[];
}

export function isStale(lastSuccessAt: Date | null, refreshMs: number, now: Date): boolean {
  if (!lastSuccessAt) return true;
  return now.getTime() - lastSuccessAt.getTime() > 2 * refreshMs;
}

export function datasetFreshness(dataset: SyncDataset, lastSuccessAt: Date | null, refreshMs: number, now: Date): DatasetFreshness {
  return { dataset, lastSuccessAt, stale: isStale(lastSuccessAt, refreshMs, now) };
}

/** A block computed from several datasets is as fresh as the stalest of them. */
export function blockFreshness(parts: readonly DatasetFreshness[]): BlockFreshness {
  let updatedAt: Date | null = null;
  let never = parts.length === 0;
  for (const p of parts) {
    if (!p.lastSuccessAt) never = true;
    else if (!updatedAt || p.lastSuccessAt < updatedAt) updatedAt = p.lastSuccessAt;
  }
  return {
    updatedAt: never ? null : updatedAt,
    stale: parts.length === 0 || parts.some((p) => p.stale),
    datasets: parts.map((p) => p.dataset),
  };
}
