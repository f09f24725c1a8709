// The notification sender: one run drains what is due in the outbox within Telegram's limits.
//
// A run loops: claim (atomically) the due rows of up to MAX_CHATS_IN_FLIGHT users that no other
// run serves and that are not cooling down; per user apply the settings of the moment (skip,
// hold for quiet hours, or send), group the rows into messages and send them one per
// PER_CHAT_INTERVAL_MS; record each message's rows as sent right after Telegram accepts it. Users
// are served in parallel, each one sequentially. Claiming stops after claimWindowMs; the run ends
// when its users are done, and the consumer enqueues a follow-up for anything still due.
//
// Limits hold across concurrent runs because they live in D1, not in the run: a chat is served by
// one run at a time (its rows' lease), stays busy for PER_CHAT_INTERVAL_MS after each message
// (sent rows' not_before_at), and the claim never lets more than MAX_CHATS_IN_FLIGHT chats be busy
// at once — so at most 25 messages a second overall and one per chat per 1.05 s.
//
// Telegram's answers: 429 → the user's rows wait retry_after (not an attempt); 403 → the user is
// paused and their queue dropped; 400 → that message failed; anything else → retried with backoff
// (MAX_ATTEMPTS, then failed).

import { GrammyError, HttpError, type InlineKeyboard } from "grammy/web";

import type { Db } from "../db/client";
import {
  MAX_ATTEMPTS,
  MAX_MESSAGES_PER_CLAIM,
  PER_CHAT_INTERVAL_MS,
  SEND_WINDOW_MS,
  type TelegramFailure,
  backoffMs,
  classifyTelegramFailure,
  dispositionOf,
} from "../domain/notifications/delivery";
import { type MessagePlan, planMessages, planRowIds } from "../domain/notifications/grouping";
import type { OutboxItem } from "../domain/notifications/types";
import {
  type ClaimedRow,
  claimDue,
  markFailed,
  markHeld,
  markRetry,
  markSent,
  markSkipped,
  nextDueAt,
  parseClaimed,
  pauseUserStatements,
  runAll,
} from "./outbox";
import { loadCabinets, loadRecipients, pairKey } from "./recipients";
import { type RenderedMessage, renderPlan } from "./render";

/** What the sender needs from the Bot API (grammY's bot.api, or a recorder in tests). */
export interface TelegramApi {
  sendMessage(chatId: number, text: string, other?: { reply_markup?: InlineKeyboard }): Promise<unknown>;
}

export interface SenderDeps {
  db: Db;
  api: TelegramApi;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

export interface SenderOptions {
  /** How long the run keeps claiming new users. */
  claimWindowMs?: number;
}

/** A run claims new users for this long, then finishes the ones it has (≤ SEND_WINDOW_MS more). */
export const CLAIM_WINDOW_MS = 30_000;
/** An idle run waits this long at most for rows that are due soon (cool-downs, other runs' users). */
export const IDLE_WAIT_MS = 2_000;

export interface SenderReport {
  claims: number;
  /** Telegram messages sent, and the outbox rows they covered. */
  messages: number;
  rowsSent: number;
  held: number;
  skipped: number;
  failed: number;
  /** Rows put back (429, transient error, send window over, more than a claim's share). */
  retried: number;
  rateLimited: number;
  pausedUsers: number[];
  /** The earliest queued row after the run (for the follow-up), or null when nothing is queued. */
  nextDueAt: Date | null;
}

interface OutgoingMessage extends RenderedMessage {
  rowIds: number[];
  /** The highest attempts count among its rows. */
  attempts: number;
}

interface ActiveUser {
  userId: number;
  claimAt: number;
  messages: OutgoingMessage[];
  next: number;
  nextAt: number;
  /** Claimed rows not planned in this claim (over MAX_MESSAGES_PER_CLAIM): released at the end. */
  leftover: number[];
  lastSentAt: number | null;
  done: boolean;
}

function failureOf(error: unknown): TelegramFailure {
  if (error instanceof GrammyError) return { code: error.error_code, description: error.description, retryAfter: error.parameters.retry_after ?? null };
  if (error instanceof HttpError) return { code: null, description: `network: ${String(error.error instanceof Error ? error.error.message : error.error)}` };
  return { code: null, description: error instanceof Error ? error.message : String(error) };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const describeFailure = (f: TelegramFailure) => (f.code === null ? f.description : `${f.code}: ${f.description}`).slice(0, 300);

export async function runSender(deps: SenderDeps, options: SenderOptions = {}): Promise<SenderReport> {
  const { db } = deps;
  const report: SenderReport = { claims: 0, messages: 0, rowsSent: 0, held: 0, skipped: 0, failed: 0, retried: 0, rateLimited: 0, pausedUsers: [], nextDueAt: null };
  const start = deps.now().getTime();
  const claimUntil = start + (options.claimWindowMs ?? CLAIM_WINDOW_MS);
  const active = new Map<number, ActiveUser>();

  /** Rows of an active user not yet sent (the current message onwards, and the leftover). */
  const remainingRows = (u: ActiveUser) => [...u.messages.slice(u.next).flatMap((m) => m.rowIds), ...u.leftover];

  async function prepare(rows: ClaimedRow[], claimAt: number): Promise<void> {
    const now = new Date(claimAt);
    const items: OutboxItem[] = [];
    const unreadable: number[] = [];
    for (const row of rows) {
      const item = parseClaimed(row);
      if (item) items.push(item);
      else unreadable.push(row.id);
    }
    const [recipients, cabinets] = await Promise.all([loadRecipients(db, items), loadCabinets(db, items.map((i) => i.cabinetId))]);

    const writes = unreadable.length > 0 ? [markFailed(db, unreadable, "unreadable payload", 0)] : [];
    report.failed += unreadable.length;
    const skips = new Map<string, number[]>();
    const holds = new Map<number, number[]>();
    const toSend = new Map<number, OutboxItem[]>();
    for (const item of items) {
      const r = recipients.get(pairKey(item.userId, item.cabinetId));
      const cabinet = cabinets.get(item.cabinetId);
      const d = r && cabinet ? dispositionOf(item.kind, { paused: r.paused, member: r.role !== null, settings: r.settings }, now) : ({ action: "skip", reason: "not_member" } as const);
      if (d.action === "skip") pushTo(skips, d.reason, item.id);
      else if (d.action === "hold") pushTo(holds, d.until.getTime(), item.id);
      else pushTo(toSend, item.userId, item);
    }
    for (const [reason, ids] of skips) {
      writes.push(markSkipped(db, ids, reason));
      report.skipped += ids.length;
    }
    for (const [until, ids] of holds) {
      writes.push(markHeld(db, ids, new Date(until)));
      report.held += ids.length;
    }

    for (const [userId, userItems] of toSend) {
      if (active.has(userId)) {
        // Cannot happen while the user's lease is live; if it does, leave the rows to a later claim.
        writes.push(markRetry(db, userItems.map((i) => i.id), new Date(claimAt + PER_CHAT_INTERVAL_MS)));
        continue;
      }
      const plans = planMessages(userItems);
      const messages: OutgoingMessage[] = [];
      const leftover: number[] = [];
      for (const [index, plan] of plans.entries()) {
        if (index >= MAX_MESSAGES_PER_CLAIM) {
          leftover.push(...planRowIds(plan));
          continue;
        }
        const rendered = await renderSafely(plan, userId, cabinets, recipients, now);
        const rowIds = planRowIds(plan);
        const attempts = Math.max(0, ...plan.items.map((i) => i.attempts));
        if (rendered) messages.push({ ...rendered, rowIds, attempts });
        else writes.push(retryOrFail(rowIds, attempts, "render failed", now.getTime()));
      }
      active.set(userId, { userId, claimAt, messages, next: 0, nextAt: claimAt, leftover, lastSentAt: null, done: messages.length === 0 });
    }
    await runAll(db, writes);
  }

  async function renderSafely(
    plan: MessagePlan,
    userId: number,
    cabinets: Awaited<ReturnType<typeof loadCabinets>>,
    recipients: Awaited<ReturnType<typeof loadRecipients>>,
    now: Date,
  ): Promise<RenderedMessage | null> {
    const cabinet = cabinets.get(plan.cabinetId);
    const role = recipients.get(pairKey(userId, plan.cabinetId))?.role;
    if (!cabinet || !role) return null;
    try {
      return await renderPlan(plan, { db, now, auth: { cabinet, role, userId } });
    } catch (error) {
      console.error(`notifications: could not render ${plan.kind} for ${userId}`, error);
      return null;
    }
  }

  /** A transient failure of rows: back with backoff, or failed after MAX_ATTEMPTS. */
  function retryOrFail(rowIds: number[], attempts: number, error: string, now: number) {
    const next = attempts + 1;
    if (next >= MAX_ATTEMPTS) {
      report.failed += rowIds.length;
      return markFailed(db, rowIds, error, next);
    }
    report.retried += rowIds.length;
    return markRetry(db, rowIds, new Date(now + backoffMs(next)), { attempts: next, error });
  }

  async function sendNext(u: ActiveUser): Promise<void> {
    const message = u.messages[u.next];
    if (!message) {
      u.done = true;
      return;
    }
    const at = deps.now();
    const t = at.getTime();
    if (t > u.claimAt + SEND_WINDOW_MS) {
      // Past the safe part of the lease (slow calls): give the rest back rather than risk a second run.
      const rest = remainingRows(u);
      await runAll(db, [markRetry(db, rest, at)]);
      report.retried += rest.length;
      u.leftover = [];
      u.done = true;
      return;
    }
    try {
      await deps.api.sendMessage(u.userId, message.text, message.keyboard ? { reply_markup: message.keyboard } : {});
    } catch (error) {
      const failure = failureOf(error);
      const verdict = classifyTelegramFailure(failure);
      if (verdict.action === "permanent") {
        // Telegram refuses this message as it is; the next one may well be fine.
        report.failed += message.rowIds.length;
        await runAll(db, [markFailed(db, message.rowIds, describeFailure(failure), message.attempts + 1)]);
        u.next++;
        u.nextAt = t + PER_CHAT_INTERVAL_MS;
        if (u.next >= u.messages.length) u.done = true;
        return;
      }
      const rest = remainingRows(u);
      u.done = true;
      u.leftover = [];
      if (verdict.action === "rate_limited") {
        // Telegram's own wait, for everything queued for this chat; not the message's fault, not an attempt.
        report.rateLimited++;
        report.retried += rest.length;
        await runAll(db, [markRetry(db, rest, new Date(t + verdict.retryAfterMs), { attempts: message.attempts, error: describeFailure(failure) })]);
      } else if (verdict.action === "blocked") {
        report.pausedUsers.push(u.userId);
        report.skipped += rest.length;
        await runAll(db, pauseUserStatements(db, u.userId, at, describeFailure(failure)));
      } else {
        const later = rest.filter((id) => !message.rowIds.includes(id));
        // What was to follow waits as long as this message, so the chat keeps its order.
        report.retried += later.length;
        await runAll(db, [
          retryOrFail(message.rowIds, message.attempts, describeFailure(failure), t),
          markRetry(db, later, new Date(t + backoffMs(message.attempts + 1))),
        ]);
      }
      return;
    }
    await runAll(db, [markSent(db, message.rowIds, at)]);
    report.messages++;
    report.rowsSent += message.rowIds.length;
    u.lastSentAt = t;
    u.next++;
    u.nextAt = t + PER_CHAT_INTERVAL_MS;
    if (u.next >= u.messages.length) u.done = true;
  }

  async function finish(u: ActiveUser): Promise<void> {
    if (u.leftover.length === 0) return;
    // More than one claim's share: due again once the chat has cooled down.
    const at = (u.lastSentAt ?? deps.now().getTime()) + PER_CHAT_INTERVAL_MS;
    await runAll(db, [markRetry(db, u.leftover, new Date(at))]);
    report.retried += u.leftover.length;
    u.leftover = [];
  }

  let lastClaimAt = Number.NEGATIVE_INFINITY;
  let lastClaimEmpty = false;
  for (;;) {
    const t = deps.now().getTime();
    // While sending, look for more users about once a tick; when idle, at once.
    if (t < claimUntil && (active.size === 0 || t - lastClaimAt >= PER_CHAT_INTERVAL_MS)) {
      const claim = await claimDue(db, new Date(t));
      report.claims++;
      lastClaimAt = t;
      lastClaimEmpty = claim.rows.length === 0;
      if (!lastClaimEmpty) await prepare(claim.rows, claim.at);
    }

    const now = deps.now().getTime();
    const due = [...active.values()].filter((u) => !u.done && u.nextAt <= now);
    await Promise.all(due.map((u) => sendNext(u)));
    for (const u of [...active.values()]) {
      if (!u.done) continue;
      await finish(u);
      active.delete(u.userId);
    }

    if (active.size === 0) {
      if (deps.now().getTime() >= claimUntil) break;
      // Rows claimed but none to send (held, skipped): claim again at once.
      if (!lastClaimEmpty) continue;
      // Nothing claimable: rows may be due whose chats are cooling down or served by another
      // run; wait for them a little rather than end the run and hop through the queue.
      const next = await nextDueAt(db);
      const wait = next === null ? Number.POSITIVE_INFINITY : next.getTime() - deps.now().getTime();
      if (wait > IDLE_WAIT_MS) break;
      await deps.sleep(Math.max(wait, PER_CHAT_INTERVAL_MS / 2));
      continue;
    }
    let wake = Math.min(...[...active.values()].map((u) => u.nextAt));
    if (deps.now().getTime() < claimUntil) wake = Math.min(wake, lastClaimAt + PER_CHAT_INTERVAL_MS);
    const wait = wake - deps.now().getTime();
    if (wait > 0) await deps.sleep(wait);
  }

  report.nextDueAt = await nextDueAt(db);
  return report;
}
