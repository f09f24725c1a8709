// What the sync jobs need from the outside world, in one object so tests can replace any part:
// the datasets registry (written alongside, in workers/sync/datasets/), the queue the jobs send to,
// the clock, and how a cabinet's WB client is built.

import type { Cabinet, SyncDataset } from "../../db/schema";
import { wbClientForCabinet } from "../cabinets/wb-connection";
import { createDb, type Db } from "../db/client";
import type { DatasetSync } from "../sync/dataset";
import { DATASETS } from "../sync/datasets";
import type { SyncMessage } from "../sync/messages";
import type { WbClient, WbClientOptions } from "../wb/client";

export type DatasetRegistry = Partial<Record<SyncDataset, DatasetSync>>;

export type WbClientFactory = (
  env: Env,
  cabinet: Cabinet,
  options: Omit<WbClientOptions, "token" | "clientSecret" | "apiBase" | "fetch">,
) => Promise<WbClient>;

/** The producer side of "wb-sync" that the jobs use (env.SYNC_QUEUE, or a recording fake in tests). */
export interface SyncQueue {
  send(body: SyncMessage, options?: QueueSendOptions): Promise<unknown>;
  sendBatch(messages: Iterable<MessageSendRequest<SyncMessage>>, options?: QueueSendBatchOptions): Promise<unknown>;
}

export interface SyncDeps {
  db: Db;
  /** Which datasets exist and how each fetches a page. Partial only so tests can register a fake. */
  datasets: DatasetRegistry;
  queue: SyncQueue;
  now: () => Date;
  clientFor: WbClientFactory;
}

export function syncDeps(env: Env, overrides: Partial<SyncDeps> = {}): SyncDeps {
  return {
    db: overrides.db ?? createDb(env.DB),
    datasets: overrides.datasets ?? DATASETS,
    queue: overrides.queue ?? env.SYNC_QUEUE,
    now: overrides.now ?? (() => new Date()),
    clientFor: overrides.clientFor ?? wbClientForCabinet,
  };
}

/** The registered datasets, in the registry's order. */
export function registeredDatasets(datasets: DatasetRegistry): SyncDataset[] {
  return (Object.keys(datasets) as SyncDataset[]).filter((d) => datasets[d] !== undefined);
}
