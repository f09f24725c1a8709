// "Sync now" (the API's POST …/sync): make the cabinet's datasets due now and enqueue them at once,
// unless a run is already in flight. The gate is asked without consuming anything (peek): a dataset
// WB's limits would refuse now is sent with that delay, and the answer says when it will run.

import { eq } from "drizzle-orm";

import type { BatchItem } from "drizzle-orm/batch";

import { SYNC_DATASETS, type SyncDataset, cabinets } from "../../db/schema";
import { gateFor, tierOf } from "../sync/gate";
import { type SyncMessage, delaySecondsFor } from "../sync/messages";
import { type SyncKey, claimNow, deferStatement, ensureSyncStates, failureStatement, releaseClaims } from "../sync/state";
import { DISABLED_RETRY_MS } from "./sync-consumer";
import { type SyncDeps, syncDeps } from "./deps";

export interface SyncNowResult {
  cabinetId: string;
  /** Sent to the queue to run right away. */
  enqueued: SyncDataset[];
  /** Sent with a delay: WB's limits allow the next call only at `runAt`. */
  delayed: { dataset: SyncDataset; runAt: Date }[];
  /** A run is already going; nothing was sent. */
  inFlight: SyncDataset[];
  /** Not available to this token; `reason` is Russian, for the seller. */
  unavailable: { dataset: SyncDataset; reason: string }[];
}

/** The cabinet cannot be synced now. `userMessage` is Russian, for the seller. */
export class SyncNowError extends Error {
  override name = "SyncNowError";
  constructor(
    readonly code: "not_found" | "not_active",
    readonly userMessage: string,
  ) {
    super(userMessage);
  }
}

/**
 * Enqueues `datasets` (default: every registered dataset) of the cabinet now. The caller has
 * checked the user's access to the cabinet.
 */
export async function syncNow(env: Env, cabinetId: string, datasets?: readonly SyncDataset[], deps: SyncDeps = syncDeps(env)): Promise<SyncNowResult> {
  const { db } = deps;
  const now = deps.now();
  const [cabinet] = await db.select().from(cabinets).where(eq(cabinets.id, cabinetId));
  if (!cabinet) throw new SyncNowError("not_found", "Кабинет не найден.");
  if (cabinet.status !== "active") {
    throw new SyncNowError(
      "not_active",
      cabinet.statusReason ?? "Синхронизация кабинета приостановлена. Проверьте токен WB в настройках кабинета.",
    );
  }

  const wanted = [...new Set(datasets ?? SYNC_DATASETS)].filter((d) => deps.datasets[d] !== undefined);
  await ensureSyncStates(db, cabinetId, wanted, now);
  const claimed = await claimNow(db, cabinetId, wanted, now);
  const claimedSet = new Set(claimed.map((row) => row.dataset));
  const result: SyncNowResult = {
    cabinetId,
    enqueued: [],
    delayed: [],
    inFlight: wanted.filter((d) => !claimedSet.has(d)),
    unavailable: [],
  };
  if (claimed.length === 0) return result;

  const tier = tierOf(cabinet);
  const gate = gateFor(env, cabinetId);
  const sends: { body: SyncMessage; delaySeconds?: number }[] = [];
  const updates: BatchItem<"sqlite">[] = [];
  for (const row of claimed) {
    const dataset = deps.datasets[row.dataset];
    if (!dataset) continue;
    const key: SyncKey = { cabinetId, dataset: row.dataset };
    const body: SyncMessage = { cabinetId, dataset: row.dataset, cursor: row.cursor ?? null, attempt: 0 };
    const decision = await gate.peek(dataset.methodsFor(body.cursor), tier, now.getTime());
    if (decision.granted) {
      sends.push({ body });
      result.enqueued.push(row.dataset);
    } else if (decision.reason === "unavailable") {
      // The consumer would record the same and disable it; say so now instead of sending.
      updates.push(
        failureStatement(db, key, { message: decision.message, now, nextDueAt: new Date(now.getTime() + DISABLED_RETRY_MS), endRun: true, countFailure: false }),
      );
      result.unavailable.push({ dataset: row.dataset, reason: decision.message });
    } else {
      const delaySeconds = delaySecondsFor(decision.retryAfterMs);
      const runAt = new Date(now.getTime() + delaySeconds * 1000);
      sends.push({ body, delaySeconds });
      updates.push(deferStatement(db, key, runAt));
      result.delayed.push({ dataset: row.dataset, runAt });
    }
  }

  try {
    if (sends.length > 0) await deps.queue.sendBatch(sends);
  } catch (error) {
    await releaseClaims(db, claimed);
    throw error;
  }
  const [first, ...rest] = updates;
  if (first) await db.batch([first, ...rest]);
  return result;
}
