// Read side of sync_state: what the API shows about each dataset's sync, and the freshness of the
// figures computed from it.

import { eq } from "drizzle-orm";

import { SYNC_DATASETS, type SyncDataset, type SyncState, syncState } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { type DatasetFreshness, datasetFreshness } from "../domain/freshness";
import { DATASETS } from "../sync/datasets";
import { tierOf } from "../sync/gate";
import { STALE_IN_FLIGHT_MS } from "../sync/state";

/**
 * Freshness of every dataset from its last success (a missing row = never synced), against the
 * sync schedule's refresh interval for the cabinet's token tier.
 */
export function freshnessByDataset(
  auth: AuthorizedCabinet,
  lastSuccess: ReadonlyMap<SyncDataset, Date | null>,
  now: Date,
): Record<SyncDataset, DatasetFreshness> {
  const tier = tierOf(auth.cabinet);
  const out = {} as Record<SyncDataset, DatasetFreshness>;
  for (const dataset of SYNC_DATASETS) {
    out[dataset] = datasetFreshness(dataset, lastSuccess.get(dataset) ?? null, DATASETS[dataset].refreshEveryMs(tier), now);
  }
  return out;
}

export interface DatasetSyncStatus {
  dataset: SyncDataset;
  state: SyncState | null;
  freshness: DatasetFreshness;
  /** A run holds the dataset and shows signs of life (the pipeline's own rule for a dead run). */
  inFlight: boolean;
}

function isInFlight(state: SyncState | undefined, now: Date): boolean {
  if (!state?.inFlightSince) return false;
  const deadBefore = now.getTime() - STALE_IN_FLIGHT_MS;
  return !(state.inFlightSince.getTime() < deadBefore && (state.nextDueAt === null || state.nextDueAt.getTime() < deadBefore));
}

/** Every dataset in SYNC_DATASETS order, with its state row if one exists. */
export async function readSyncStatus(db: Db, auth: AuthorizedCabinet, now: Date): Promise<DatasetSyncStatus[]> {
  const rows = await db.select().from(syncState).where(eq(syncState.cabinetId, auth.cabinet.id));
  const byDataset = new Map(rows.map((r) => [r.dataset, r]));
  const freshness = freshnessByDataset(auth, new Map(rows.map((r) => [r.dataset, r.lastSuccessAt])), now);
  return SYNC_DATASETS.map((dataset) => ({
    dataset,
    state: byDataset.get(dataset) ?? null,
    freshness: freshness[dataset],
    inFlight: isInFlight(byDataset.get(dataset), now),
  }));
}
