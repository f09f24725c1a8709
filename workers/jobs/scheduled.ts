// Cron dispatch. "*/5 * * * *": find the datasets that are due (next_due_at passed, cabinet
// active, no live run) and enqueue one "wb-sync" message each; the consumer asks the gate before
// calling WB, so the cron does not need to; then it starts a notification sender run when the
// outbox has something due (held messages whose quiet hours ended, backoffs, a lost kick).
// "0 6 * * *" (09:00 Moscow): daily summaries, the Monday digest, token expiry warnings.

import { nextDueAt } from "../notifications/outbox";
import { kickSender } from "../notifications/queue";
import type { SyncMessage } from "../sync/messages";
import { claimDueSyncs, releaseClaims } from "../sync/state";
import { runDailyNotifications } from "./daily-digest";
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
      const d = deps ?? syncDeps(env);
      const { enqueued, failed } = await enqueueDueSyncs(d);
      if (enqueued.length > 0 || failed > 0) console.log(`cron: enqueued ${enqueued.length} sync pages, ${failed} failed to send`);
      await kickDueNotifications(env, d);
      return;
    }
    case DAILY_CRON: {
      const d = deps ?? syncDeps(env);
      const r = await runDailyNotifications(env, d.db, d.now());
      console.log(`cron: queued ${r.daily} daily summaries, ${r.weekly} weekly digests, ${r.tokenExpiring} token warnings; pruned ${r.pruned} outbox rows`);
      return;
    }
    default:
      console.warn(`cron: no job for "${controller.cron}"`);
  }
}

/** Starts a sender run when a queued notification is due (the safety net behind every kick). */
export async function kickDueNotifications(env: Pick<Env, "NOTIFY_QUEUE">, deps: Pick<SyncDeps, "db" | "now">): Promise<boolean> {
  try {
    const due = await nextDueAt(deps.db);
    if (!due || due.getTime() > deps.now().getTime()) return false;
    await kickSender(env);
    return true;
  } catch (error) {
    console.error("cron: could not check the notification outbox", error);
    return false;
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
