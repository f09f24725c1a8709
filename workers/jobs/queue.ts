// The Worker's one queue() handler: dispatch by queue name.

import { consumeAiBatch } from "./ai-consumer";
import { type SyncDeps, syncDeps } from "./deps";
import { consumeNotifyBatch } from "./notify-consumer";
import { consumeSyncBatch } from "./sync-consumer";
import { consumeSyncDeadLetters } from "./sync-dlq";

export const SYNC_QUEUE_NAME = "wb-sync";
export const SYNC_DLQ_NAME = "wb-sync-dlq";
export const NOTIFY_QUEUE_NAME = "notifications";
export const AI_QUEUE_NAME = "ai";

export async function handleQueue(batch: MessageBatch<unknown>, env: Env, _ctx: ExecutionContext, deps?: SyncDeps): Promise<void> {
  switch (batch.queue) {
    case SYNC_QUEUE_NAME:
      await consumeSyncBatch(batch, env, deps ?? syncDeps(env));
      return;
    case SYNC_DLQ_NAME:
      await consumeSyncDeadLetters(batch, env, deps ?? syncDeps(env));
      return;
    case NOTIFY_QUEUE_NAME:
      await consumeNotifyBatch(batch, env);
      return;
    case AI_QUEUE_NAME:
      await consumeAiBatch(batch, env);
      return;
    default:
      // A queue bound in wrangler.toml without a consumer here: leave the messages to Queues'
      // retries (and a DLQ, if any) rather than lose them.
      console.error(`queue: no consumer for "${batch.queue}"`);
      batch.retryAll();
  }
}
