// Consumer of "ai": one bounded step of a cabinet's AI background work per message — an indexing
// step (continued by a new message while chunks wait for embeddings) or a run of automatic review
// answers (continued while reviews wait). Provider failures are retried by Queues with backoff.

import { eq } from "drizzle-orm";

import { cabinets } from "../../db/schema";
import { runAutoReplies } from "../ai/auto-replies";
import { indexCabinet } from "../ai/indexer";
import { aiProviderFor } from "../ai/provider";
import { enqueueAiWork, parseAiMessage } from "../ai/queue-messages";
import { createDb, type Db } from "../db/client";

export type AiWorkOutcome = "indexed" | "replied" | "continued" | "skipped" | "retried";

export async function consumeAiBatch(batch: MessageBatch<unknown>, env: Env, db: Db = createDb(env.DB), now = () => new Date()): Promise<AiWorkOutcome[]> {
  const outcomes: AiWorkOutcome[] = [];
  // One at a time: steps of one cabinet must not embed the same pending chunks twice.
  for (const message of batch.messages) outcomes.push(await consumeAiMessage(message, env, db, now()));
  return outcomes;
}

export async function consumeAiMessage(message: Message<unknown>, env: Env, db: Db, now: Date): Promise<AiWorkOutcome> {
  const body = parseAiMessage(message.body);
  const provider = aiProviderFor(env);
  if (!body || !provider) {
    message.ack();
    return "skipped";
  }
  const [cabinet] = await db.select({ id: cabinets.id, status: cabinets.status }).from(cabinets).where(eq(cabinets.id, body.cabinetId)).limit(1);
  if (!cabinet) {
    message.ack();
    return "skipped";
  }
  try {
    if (body.kind === "index") {
      const step = await indexCabinet(env, db, provider, cabinet.id, { embedOnly: body.embedOnly, now });
      message.ack();
      if (step.remaining > 0) {
        await enqueueAiWork(env, { kind: "index", cabinetId: cabinet.id, embedOnly: true });
        return "continued";
      }
      return "indexed";
    }
    if (cabinet.status !== "active") {
      message.ack();
      return "skipped";
    }
    const run = await runAutoReplies(env, db, cabinet.id, now);
    message.ack();
    if (run.more) {
      await enqueueAiWork(env, { kind: "auto_replies", cabinetId: cabinet.id }, Math.max(1, Math.ceil((run.retryAfterMs ?? 1_000) / 1000)));
      return "continued";
    }
    return "replied";
  } catch (error) {
    console.error(`ai: ${body.kind} of ${body.cabinetId} failed`, error);
    message.retry({ delaySeconds: Math.min(600, 30 * 2 ** Math.max(0, message.attempts - 1)) });
    return "retried";
  }
}
