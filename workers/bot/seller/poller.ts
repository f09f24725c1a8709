// Long polling from inside the Worker runtime, for running the bot with a real token and no public
// URL (a laptop behind NAT). One Durable Object keeps the loop: each alarm asks Telegram for
// updates (getUpdates with a long-poll timeout), hands them one by one to the same handler the
// webhook uses, stores the offset, and sets the next alarm at once. Started and stopped through
// the admin routes (workers/http/telegram.ts); getUpdates refuses to work while a webhook is set,
// so starting deletes the webhook.

import { DurableObject } from "cloudflare:workers";
import { GrammyError } from "grammy/web";

import { createSellerBot, handleSellerUpdate } from "./bot";

/** Seconds Telegram holds a getUpdates call open when there is nothing to deliver. */
export const POLL_TIMEOUT_S = 25;
/** A getUpdates that returned empty at once (an emulator, or an error) waits this long before the next. */
const IDLE_DELAY_MS = 1_000;
const ERROR_DELAY_MS = 5_000;
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;

export interface PollerStatus {
  enabled: boolean;
  offset: number;
  handled: number;
  lastPollAt: string | null;
  lastError: string | null;
}

export class SellerBotPoller extends DurableObject<Env> {
  async start(origin?: string): Promise<PollerStatus> {
    await this.ctx.storage.put("enabled", true);
    if (origin) await this.ctx.storage.put("origin", origin);
    await createSellerBot(this.env).api.deleteWebhook({ drop_pending_updates: false });
    await this.ctx.storage.setAlarm(Date.now());
    return this.status();
  }

  async stop(): Promise<PollerStatus> {
    await this.ctx.storage.put("enabled", false);
    await this.ctx.storage.deleteAlarm();
    return this.status();
  }

  async status(): Promise<PollerStatus> {
    const s = this.ctx.storage;
    return {
      enabled: (await s.get<boolean>("enabled")) ?? false,
      offset: (await s.get<number>("offset")) ?? 0,
      handled: (await s.get<number>("handled")) ?? 0,
      lastPollAt: (await s.get<string>("lastPollAt")) ?? null,
      lastError: (await s.get<string>("lastError")) ?? null,
    };
  }

  override async alarm(): Promise<void> {
    const s = this.ctx.storage;
    if (!(await s.get<boolean>("enabled"))) return;
    const origin = await s.get<string>("origin");
    const started = Date.now();
    let next = started;
    try {
      const bot = createSellerBot(this.env, { origin, timeoutSeconds: POLL_TIMEOUT_S + 10 });
      let offset = (await s.get<number>("offset")) ?? 0;
      const updates = await bot.api.getUpdates({ offset, timeout: POLL_TIMEOUT_S, allowed_updates: [...ALLOWED_UPDATES] });
      let handled = (await s.get<number>("handled")) ?? 0;
      for (const update of updates) {
        try {
          await handleSellerUpdate(this.env, update, { origin, waitUntil: (p) => this.ctx.waitUntil(p) });
        } catch (error) {
          // One broken update must not stop the loop (or be fetched again forever).
          console.error(`seller bot poller: update ${update.update_id} failed`, error instanceof Error ? error.message : error);
        }
        offset = Math.max(offset, update.update_id + 1);
        handled++;
        await s.put({ offset, handled });
      }
      await s.put("lastPollAt", new Date().toISOString());
      await s.delete("lastError");
      if (updates.length === 0 && Date.now() - started < IDLE_DELAY_MS) next = Date.now() + IDLE_DELAY_MS;
    } catch (error) {
      const message = error instanceof GrammyError ? `${error.error_code}: ${error.description}` : error instanceof Error ? error.message : String(error);
      console.warn("seller bot poller: getUpdates failed", message);
      await s.put("lastError", message);
      next = Date.now() + ERROR_DELAY_MS;
    }
    if (await s.get<boolean>("enabled")) await s.setAlarm(next);
  }
}
