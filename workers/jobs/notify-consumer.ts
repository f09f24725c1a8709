// Consumer of "notifications". A batch is a set of "there is work" signals (workers/notifications/
// queue.ts): first the requested stock checks (they may queue alerts), then ONE sender run for the
// whole batch, then a follow-up message for whatever is due next. Messages are acked together:
// a failure (D1 unavailable) retries the batch, which is safe because everything the run did is
// recorded row by row in the outbox.

import { createSellerBot, sellerBotConfig } from "../bot/seller";
import { createDb } from "../db/client";
import type { Db } from "../db/client";
import { kickSender, parseNotifyMessage } from "../notifications/queue";
import { type SenderReport, type TelegramApi, runSender } from "../notifications/sender";
import { detectStockAlerts } from "../notifications/stock-alerts";

export interface NotifyDeps {
  db: Db;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** The Bot API; null when the seller bot is not configured (nothing can be sent). */
  api: TelegramApi | null;
  /** Sender run options (tests shorten the claim window). */
  claimWindowMs?: number;
}

/** A follow-up later than this is left to the cron tick (every 5 minutes). */
export const MAX_FOLLOW_UP_MS = 10 * 60_000;

export function notifyDeps(env: Env, overrides: Partial<NotifyDeps> = {}): NotifyDeps {
  const db = overrides.db ?? createDb(env.DB);
  const now = overrides.now ?? (() => new Date());
  let api: TelegramApi | null | undefined = overrides.api;
  if (api === undefined) api = sellerBotConfig(env) ? createSellerBot(env, { db, now }).api : null;
  return { db, now, api, sleep: overrides.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))), claimWindowMs: overrides.claimWindowMs };
}

export interface NotifyOutcome {
  stockAlerts: number;
  report: SenderReport | null;
  followUpSeconds: number | null;
}

export async function consumeNotifyBatch(batch: MessageBatch<unknown>, env: Env, deps: NotifyDeps = notifyDeps(env)): Promise<NotifyOutcome | null> {
  try {
    const outcome = await processNotifyBatch(batch.messages.map((m) => m.body), env, deps);
    batch.ackAll();
    return outcome;
  } catch (error) {
    console.error("notifications: batch failed; Queues will retry it", error);
    batch.retryAll({ delaySeconds: 30 });
    return null;
  }
}

export async function processNotifyBatch(bodies: readonly unknown[], env: Env, deps: NotifyDeps): Promise<NotifyOutcome> {
  const messages = bodies.map(parseNotifyMessage);
  let stockAlerts = 0;
  const cabinets = new Set(messages.flatMap((m) => (m?.type === "stock_check" ? [m.cabinetId] : [])));
  for (const cabinetId of cabinets) stockAlerts += await detectStockAlerts(deps.db, cabinetId, deps.now());

  if (!deps.api) {
    // Queued rows stay pending until a bot token is configured; nothing is lost.
    console.warn("notifications: the seller bot is not configured (TELEGRAM_SELLER_BOT_TOKEN); not sending");
    return { stockAlerts, report: null, followUpSeconds: null };
  }
  const report = await runSender({ db: deps.db, api: deps.api, now: deps.now, sleep: deps.sleep }, { claimWindowMs: deps.claimWindowMs });
  const followUpSeconds = followUpDelay(report.nextDueAt, deps.now());
  if (followUpSeconds !== null) await kickSender(env, followUpSeconds);
  return { stockAlerts, report, followUpSeconds };
}

/**
 * When to run again: at the next due row, at least 1 s out (a row due now is held by another
 * run's lease or chat cool-down), null when nothing is due within MAX_FOLLOW_UP_MS — the cron
 * tick covers that (quiet hours ending at 08:00, backoffs).
 */
export function followUpDelay(nextDueAt: Date | null, now: Date): number | null {
  if (!nextDueAt) return null;
  const wait = nextDueAt.getTime() - now.getTime();
  if (wait > MAX_FOLLOW_UP_MS) return null;
  return Math.max(1, Math.ceil(wait / 1000));
}
