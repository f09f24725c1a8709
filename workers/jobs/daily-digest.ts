// The daily cron ("0 6 * * *" = 09:00 Moscow): queue every member's daily summary (and on Mondays
// the weekly digest), warn about WB tokens that expire within 14 days, prune finished outbox rows,
// and start a sender run. Running it twice the same day queues nothing new (dedupe keys).

import type { Db } from "../db/client";
import { pruneOutbox } from "../notifications/outbox";
import { type PeriodicResult, queuePeriodicNotifications } from "../notifications/periodic";
import { kickSender } from "../notifications/queue";

export interface DailyResult extends PeriodicResult {
  pruned: number;
}

export async function runDailyNotifications(env: Pick<Env, "NOTIFY_QUEUE">, db: Db, now: Date): Promise<DailyResult> {
  const queued = await queuePeriodicNotifications(db, now);
  const pruned = await pruneOutbox(db, now);
  await kickSender(env);
  return { ...queued, pruned };
}
