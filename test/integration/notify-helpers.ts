// Shared by the notify-*.test.ts files: a Telegram Bot API recorder on the test's clock (installed
// through the bot factory's test hook, so the real grammY client, HTML defaults and GrammyError
// handling run), scripted Telegram failures, cabinets with members and settings, and a sender
// loop that plays the "notifications" consumer on simulated time.

import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import type { Transformer } from "grammy/web";

import {
  type CabinetRole,
  cabinetMembers,
  cabinets,
  notificationOutbox,
  notificationSettings,
  syncState,
  users,
  type NotificationOutboxRow,
  type SyncDataset,
} from "../../db/schema";
import { createSellerBot } from "../../workers/bot/seller";
import { setSellerBotTestHooks } from "../../workers/bot/seller/config";
import { createDb } from "../../workers/db/client";
import { type NotifyDeps, processNotifyBatch } from "../../workers/jobs/notify-consumer";
import { type NotifyMessage, setNotifyProducerForTests } from "../../workers/notifications/queue";
import type { SenderReport, TelegramApi } from "../../workers/notifications/sender";
import type { Clock } from "../support/sim-queue";

export const db = createDb(env.DB);
export const BOT_TOKEN = "7000000003:NOTIFY-TEST-not-real";

export interface SentMessage {
  chatId: number;
  text: string;
  /** The test clock when the Bot API got the call. */
  at: number;
  buttons: [string, string][];
}

type Failure = { code: number; description: string; retryAfter?: number };

/** A Bot API on the test clock: records sendMessage calls, answers like Telegram, fails on demand. */
export class TelegramRecorder {
  sent: SentMessage[] = [];
  attempts: { chatId: number; at: number; failed: boolean }[] = [];
  private failures = new Map<number, Failure[]>();
  private messageId = 100;

  constructor(private readonly clock: Clock) {}

  readonly transformer: Transformer = async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    if (method !== "sendMessage") return { ok: true, result: true } as never;
    const chatId = Number(p.chat_id);
    const failure = this.failures.get(chatId)?.shift();
    this.attempts.push({ chatId, at: this.clock.t, failed: failure !== undefined });
    if (failure) {
      return {
        ok: false,
        error_code: failure.code,
        description: failure.description,
        ...(failure.retryAfter !== undefined ? { parameters: { retry_after: failure.retryAfter } } : {}),
      } as never;
    }
    const markup = p.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
    this.sent.push({
      chatId,
      text: String(p.text ?? ""),
      at: this.clock.t,
      buttons: (markup?.inline_keyboard ?? []).flat().map((b) => [b.text, b.callback_data ?? ""]),
    });
    return { ok: true, result: { message_id: ++this.messageId, date: Math.floor(this.clock.t / 1000), chat: { id: chatId, type: "private" }, text: p.text } } as never;
  };

  /** The next sendMessage calls to `chatId` fail like this, in order. */
  fail(chatId: number, ...failures: Failure[]): void {
    this.failures.set(chatId, [...(this.failures.get(chatId) ?? []), ...failures]);
  }

  to(chatId: number): SentMessage[] {
    return this.sent.filter((m) => m.chatId === chatId);
  }
}

/** Installs the recorder for every bot the factory builds, and records notify-queue messages. */
export function installNotifyTest(clock: Clock): { telegram: TelegramRecorder; kicks: { body: NotifyMessage; delaySeconds: number; at: number }[] } {
  const telegram = new TelegramRecorder(clock);
  setSellerBotTestHooks({ transformer: telegram.transformer, env: { TELEGRAM_SELLER_BOT_TOKEN: BOT_TOKEN, TELEGRAM_SELLER_BOT_USERNAME: "wb_assist_notify_bot" } });
  const kicks: { body: NotifyMessage; delaySeconds: number; at: number }[] = [];
  setNotifyProducerForTests({
    send: async (body, options) => {
      kicks.push({ body, delaySeconds: options?.delaySeconds ?? 0, at: clock.t });
    },
  });
  return { telegram, kicks };
}

export function uninstallNotifyTest(): void {
  setSellerBotTestHooks(null);
  setNotifyProducerForTests(null);
}

/** Sleep on the test clock: moves it forward (never back, when runs overlap). */
export function clockSleep(clock: Clock): (ms: number) => Promise<void> {
  return async (ms) => {
    const target = clock.t + ms;
    await Promise.resolve();
    clock.t = Math.max(clock.t, target);
  };
}

export function notifyDepsFor(clock: Clock, overrides: Partial<NotifyDeps> = {}): NotifyDeps & { api: TelegramApi } {
  return {
    db,
    now: clock.now,
    sleep: clockSleep(clock),
    ...overrides,
    api: overrides.api ?? createSellerBot(env, { db, now: clock.now }).api,
  };
}

/**
 * Plays the consumer: a sender run, then — like the follow-up message — another after its delay,
 * until nothing is due within `horizonMs` (the cron would pick up the rest).
 */
export async function drainNotifications(clock: Clock, deps: NotifyDeps, horizonMs = 10 * 60_000): Promise<SenderReport[]> {
  const reports: SenderReport[] = [];
  for (let i = 0; i < 500; i++) {
    const outcome = await processNotifyBatch([{ type: "send" }], env, deps);
    if (outcome.report) reports.push(outcome.report);
    const next = outcome.report?.nextDueAt?.getTime() ?? null;
    if (next === null || next > clock.t + horizonMs) return reports;
    clock.t = Math.max(clock.t + 1000, next);
  }
  throw new Error("notifications never drained");
}

let userSeq = 0;
/** A Telegram-like user id, unique per call. */
export function newUserId(): number {
  return 6_000_000_000 + Math.floor(Math.random() * 1e8) * 100 + ++userSeq;
}

export interface Member {
  userId: number;
  role: CabinetRole;
  settings?: { enabledKinds?: Record<string, boolean>; stockThresholdDays?: number; quietHours?: [number, number] | null };
  timeZone?: string;
}

export async function createCabinetWith(members: Member[], opts: { datasets?: SyncDataset[]; synced?: boolean; now: number; tokenExpiresAt?: Date | null; tokenId?: string | null }): Promise<string> {
  const id = crypto.randomUUID();
  await db.insert(cabinets).values({
    id,
    name: "Магазин «Лето»",
    wbApiBase: "https://wb.test",
    tokenCiphertext: "c",
    tokenIv: `iv-${id}`,
    tokenType: "personal",
    tokenCategories: ["content", "prices", "statistics", "analytics", "feedbacks", "finance"],
    tokenExpiresAt: opts.tokenExpiresAt ?? null,
    tokenId: opts.tokenId === undefined ? `tok-${id}` : opts.tokenId,
  });
  for (const m of members) {
    await db.insert(users).values({ id: m.userId, firstName: "Анна", timeZone: m.timeZone ?? "Europe/Moscow" }).onConflictDoNothing();
    await db.insert(cabinetMembers).values({ cabinetId: id, userId: m.userId, role: m.role });
    if (m.settings) {
      await db.insert(notificationSettings).values({
        userId: m.userId,
        cabinetId: id,
        enabledKinds: m.settings.enabledKinds ?? {},
        stockThresholdDays: m.settings.stockThresholdDays ?? 7,
        quietHoursStartMin: m.settings.quietHours?.[0] ?? null,
        quietHoursEndMin: m.settings.quietHours?.[1] ?? null,
      });
    }
  }
  const datasets = opts.datasets ?? [];
  if (datasets.length > 0) {
    await db.insert(syncState).values(
      datasets.map((dataset) => ({
        cabinetId: id,
        dataset,
        nextDueAt: new Date(opts.now),
        // A cabinet connected long ago: its first run (the backfill) is done.
        ...(opts.synced ? { backfillDone: true, backfillProgress: 1, lastSuccessAt: new Date(opts.now - 3_600_000) } : {}),
      })),
    );
  }
  return id;
}

export async function outboxOf(cabinetId?: string): Promise<NotificationOutboxRow[]> {
  return db
    .select()
    .from(notificationOutbox)
    .where(cabinetId ? sql`${notificationOutbox.cabinetId} = ${cabinetId}` : sql`1`)
    .orderBy(notificationOutbox.id);
}

export async function clearOutbox(): Promise<void> {
  await db.delete(notificationOutbox);
}

/** ru-RU formatting uses non-breaking spaces; tests compare with plain ones. */
export function plain(s: string): string {
  return s.replace(/[\u00a0\u202f]/g, " ");
}

/** Largest number of messages in any window of `windowMs` (sliding over send times). */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** Smallest gap between two consecutive messages to the same chat. */
export function minGapPerChat(messages: SentMessage[]): number {
  const byChat = new Map<number, number[]>();
  for (const m of messages) byChat.set(m.chatId, [...(byChat.get(m.chatId) ?? []), m.at]);
  let min = Number.POSITIVE_INFINITY;
  for (const times of byChat.values()) {
    times.sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) min = Math.min(min, (times[i] as number) - (times[i - 1] as number));
  }
  return min;
}
