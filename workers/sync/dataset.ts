// The contract between the sync pipeline (workers/jobs/, which schedules, gates, batches and
// records state) and one WB dataset (workers/sync/datasets/<name>.ts, which knows how to fetch
// one page from WB and turn it into upsert statements).

import type { BatchItem } from "drizzle-orm/batch";

import type { Cabinet, JsonValue, SyncDataset, SyncState } from "../../db/schema";
import type { Db } from "../db/client";
import type { WbClient } from "../wb/client";
import type { WbLimitTier, WbMethodId } from "../wb/methods";

export interface SyncContext {
  db: Db;
  client: WbClient;
  cabinet: Cabinet;
  /** The sync state row before this page (cursor, backfill window, progress). */
  state: SyncState;
  now: Date;
}

export interface PageResult {
  /**
   * Writes for this page, not yet executed. The pipeline runs them in ONE `db.batch()` together
   * with the sync-state update (cursor, counters), so a crash never advances a cursor past
   * unwritten rows. Each statement binds ≤ 100 parameters (use workers/db/bulk-upsert.ts).
   */
  statements: BatchItem<"sqlite">[];
  /** Rows received from WB on this page. */
  rows: number;
  /** Where the next page starts; `null` when this run of the dataset is complete. */
  nextCursor: JsonValue | null;
  /** 0..1 progress of the initial backfill, when the dataset has one. */
  backfillProgress?: number;
  /** Set when this page finished the initial backfill. */
  backfillDone?: boolean;
}

export interface DatasetSync {
  dataset: SyncDataset;
  /**
   * The WB methods the page starting at `cursor` will call, in order, so the pipeline can ask the
   * cabinet's CabinetGate for all of them before calling WB.
   */
  methodsFor(cursor: JsonValue | null): WbMethodId[];
  /** How long after a completed run the dataset is due again, for this token's limit tier. */
  refreshEveryMs(tier: WbLimitTier): number;
  /** Fetches one page starting at `cursor` (`null` = start a new run) and prepares its writes. */
  fetchPage(ctx: SyncContext, cursor: JsonValue | null): Promise<PageResult>;
}
