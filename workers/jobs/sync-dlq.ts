// Consumer of "wb-sync-dlq": pages that failed every delivery Queues allowed (max_retries). The
// failure is recorded on the dataset's sync state in words the seller can read, the run is ended
// (its cursor is kept, so the next run resumes where this one stopped) and the dataset is due again
// in 30 minutes.

import { cursorKey, parseSyncMessage } from "../sync/messages";
import { failureStatement, loadSyncState } from "../sync/state";
import type { SyncDeps } from "./deps";

export const DLQ_RETRY_AFTER_MS = 30 * 60 * 1000;

const PREFIX = "Не удалось обновить данные после нескольких попыток";

/** Russian, for the seller: the DLQ's record, built on the last error the consumer recorded. */
export function deadLetterMessage(lastError: string | null): string {
  if (lastError?.startsWith(PREFIX)) return lastError; // a second dead letter in a row: do not nest
  return `${PREFIX}: ${lastError ?? "WB не ответил."}`;
}

export type DeadLetterOutcome = "recorded" | "stale" | "skipped";

export async function consumeSyncDeadLetters(batch: MessageBatch<unknown>, _env: Env, deps: SyncDeps): Promise<DeadLetterOutcome[]> {
  const outcomes: DeadLetterOutcome[] = [];
  for (const message of batch.messages) {
    const body = parseSyncMessage(message.body);
    if (!body) {
      message.ack();
      outcomes.push("skipped");
      continue;
    }
    try {
      const state = await loadSyncState(deps.db, body);
      if (!state || cursorKey(state.cursor) !== cursorKey(body.cursor)) {
        // Cabinet deleted, or the page was committed by another delivery after all: nothing failed.
        message.ack();
        outcomes.push("stale");
        continue;
      }
      const now = deps.now();
      await failureStatement(deps.db, body, {
        message: deadLetterMessage(state.lastError),
        now,
        nextDueAt: new Date(now.getTime() + DLQ_RETRY_AFTER_MS),
        endRun: true,
        countFailure: false, // each failed delivery was counted already
      }).run();
      message.ack();
      outcomes.push("recorded");
    } catch (error) {
      console.error("wb-sync-dlq: could not record a dead letter", error);
      message.retry();
      outcomes.push("skipped");
    }
  }
  return outcomes;
}
