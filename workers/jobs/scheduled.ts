// Cron dispatch. "*/5 * * * *": find the datasets that are due (next_due_at passed, cabinet
// active, no live run) and enqueue one "wb-sync" message each; the consumer asks the gate before
// calling WB, so the cron does not need to. "0 6 * * *": daily summaries (a later issue).

import type { SyncMessage } from "../sync/messages";
import { claimDueSyncs, releaseClaims } from "../sync/state";
import { type SyncDeps, registeredDatasets, syncDeps } from "./deps";

export const SYNC_CRON = "*/5 * * * *";
export const DAILY_CRON = "0 6 * * *";

/** Rows claimed per tick; the rest wait for the next tick (bounds one invocation's work). */
export const MAX_CLAIMS_PER_TICK = 1000;

/** Queues accepts at most 100 messages per sendBatch. */
const SEND_BATCH_MAX = 100;

export async function handleScheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext, deps?: SyncDeps): Promise<void> {
  switch (controller.cron) {
    case SYNC_CRON: {
      const { enqueued, failed } = await enqueueDueSyncs(deps ?? syncDeps(env));
      if (enqueued.length > 0 || failed > 0) console.log(`cron: enqueued ${enqueued.length} sync pages, ${failed} failed to send`);
      return;
    }
    case DAILY_CRON:
      // Daily summaries and the Monday digest belong to the notifications issue; nothing to do yet.
      return;
    default:
      console.warn(`cron: no job for "${controller.cron}"`);
  }
}

export interface EnqueueResult {
  enqueued: SyncMessage[];
  /** Claimed but not sent (the queue refused); released for the next tick. */
  failed: number;
}

/** Claims every due dataset of every active cabinet and enqueues its next page. */
export async function enqueueDueSyncs(deps: SyncDeps, limit = MAX_CLAIMS_PER_TICK): Promise<EnqueueResult> {
  const now = deps.now();
  const claimed = await claimDueSyncs(deps.db, now, registeredDatasets(deps.datasets), limit);
  const messages: SyncMessage[] = claimed.map((row) => ({
    cabinetId: row.cabinetId,
    dataset: row.dataset,
    // A run that died mid-way resumes from its stored cursor.
    cursor: row.cursor ?? null,
    attempt: 0,
  }));
  const enqueued: SyncMessage[] = [];
  let failed = 0;
  for (let i = 0; i < messages.length; i += SEND_BATCH_MAX) {
    const chunk = messages.slice(i, i + SEND_BATCH_MAX);
    try {
      await deps.queue.sendBatch(chunk.map((body) => ({ body })));
      enqueued.push(...chunk);
    } catch (error) {
      console.error("cron: sendBatch failed; releasing the claims for the next tick", error);
      failed += chunk.length;
      await releaseClaims(deps.db, chunk);
    }
  }
  return { enqueued, failed };
}
