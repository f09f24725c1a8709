// Consumer of "wb-sync": one message = one page of one dataset of one cabinet.
//
// Per message: load the cabinet (gone or not active → drop), check the message is not stale
// (its cursor must be sync_state.cursor), ask the cabinet's CabinetGate for the page's WB calls
// (refused → put the same page back with the gate's delay), fetch the page, then write its rows
// and the new cursor in ONE db.batch(), and enqueue the continuation. Nothing of a page is written
// unless fetchPage returned; a failed batch writes nothing.
//
// Failures: a rejected token stops the cabinet (status token_invalid); a missing scope or a method
// WB does not serve to this token disables that dataset for a day; WB's 429 teaches the gate and
// puts the page back with WB's delay (our own re-send, so it does not count as a failed delivery);
// everything else is retried by Queues with backoff (max_retries, then the DLQ consumer).
//
// Notifications (workers/notifications/detect.ts) ride in the same batches: a page's new orders,
// reviews and questions, a rejected token, a disabled dataset, a failure streak. After a batch
// that queued any, the consumer asks for a sender run; after a stocks run, for a stock check.

import { eq } from "drizzle-orm";

import { type Cabinet, type SyncState, cabinets, syncState } from "../../db/schema";
import { datasetDisabledStatement, pageNotificationStatements, syncFailingStatement, tokenInvalidStatement } from "../notifications/detect";
import { enqueueAiWork } from "../ai/queue-messages";
import { kickSender, requestStockCheck } from "../notifications/queue";
import { insertedRows } from "../notifications/sql";
import type { DatasetSync, PageResult } from "../sync/dataset";
import { type GateStub, gateFor, tierOf } from "../sync/gate";
import { type SyncMessage, cursorKey, delaySecondsFor, parseSyncMessage } from "../sync/messages";
import {
  type SyncKey,
  deferStatement,
  ensureSyncStates,
  failureStatement,
  loadSyncState,
  pageCommitStatement,
  releaseClaims,
} from "../sync/state";
import { WbApiError, WbForbiddenError, WbRateLimitedError, WbUnauthorizedError } from "../wb/errors";
import { isTransientWbError } from "../wb/client";
import type { WbLimitTier } from "../wb/methods";
import type { SyncDeps } from "./deps";

/**
 * WB client settings for sync pages: few in-call retries (every retry is a WB request the gate did
 * not grant) and no long sleeps inside a consumer: a longer 429 wait becomes a delayed message.
 */
export const SYNC_CLIENT_OPTIONS = { maxRetries: 1, maxRetryWaitMs: 5_000 } as const;

/** A dataset WB will not serve to this token (scope, tier) is retried after this long. */
export const DISABLED_RETRY_MS = 24 * 60 * 60 * 1000;

/** Russian, for the seller: a failure that is not WB's (a bug, D1 unavailable). */
export const INTERNAL_FAILURE_MESSAGE = "Внутренняя ошибка при обновлении данных. Повторим автоматически.";

/** Queues' redelivery delay after the n-th failed delivery (1-based): 30 s, 1, 2, 4, 8 min; at most 15 min. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(15 * 60, 30 * 2 ** Math.max(0, attempts - 1));
}

export type SyncOutcome =
  /** The page was written and the run is complete. */
  | "completed"
  /** The page was written and the next page enqueued. */
  | "continued"
  /** Not written: the page was put back with a delay (gate refusal or WB 429). */
  | "deferred"
  /** The dataset is not available to this token (scope or tier); retried in a day. */
  | "disabled"
  /** WB rejected the token: the cabinet is stopped until the seller replaces it. */
  | "token_invalid"
  /** Handed back to Queues for a retry with backoff. */
  | "retried"
  /** Dropped: not a sync message, cabinet gone or not active, or an unknown dataset. */
  | "skipped"
  /** Dropped: another delivery of this page already moved the cursor. */
  | "stale";

export async function consumeSyncBatch(batch: MessageBatch<unknown>, env: Env, deps: SyncDeps): Promise<SyncOutcome[]> {
  // Messages are independent (different cabinets or datasets); each acks or retries itself.
  return Promise.all(batch.messages.map((message) => consumeSyncMessage(message, env, deps)));
}

export async function consumeSyncMessage(message: Message<unknown>, env: Env, deps: SyncDeps): Promise<SyncOutcome> {
  const body = parseSyncMessage(message.body);
  if (!body) {
    console.warn("wb-sync: dropping a message that is not a sync message", message.id);
    message.ack();
    return "skipped";
  }
  try {
    return await processPage(message, body, env, deps);
  } catch (error) {
    // Anything not handled below (D1 or the gate unavailable, a bug in a dataset): Queues retries
    // it with backoff, and after max_retries the DLQ consumer records the failure.
    console.error(`wb-sync: ${body.dataset} of ${body.cabinetId} failed`, error);
    const delay = retryDelaySeconds(message.attempts);
    const now = deps.now();
    await recordFailure(env, deps, body, {
      message: error instanceof WbApiError ? error.userMessage : INTERNAL_FAILURE_MESSAGE,
      now,
      nextDueAt: new Date(now.getTime() + delay * 1000),
      endRun: false,
      countFailure: true,
    }).catch((recordError: unknown) => console.error("wb-sync: could not record the failure", recordError));
    message.retry({ delaySeconds: delay });
    return "retried";
  }
}

interface PageContext {
  message: Message<unknown>;
  body: SyncMessage;
  env: Env;
  cabinet: Cabinet;
  /** The dataset's sync state before this page. */
  state: SyncState;
  key: SyncKey;
  dataset: DatasetSync;
  gate: GateStub;
  tier: WbLimitTier;
  deps: SyncDeps;
}

async function processPage(message: Message<unknown>, body: SyncMessage, env: Env, deps: SyncDeps): Promise<SyncOutcome> {
  const { db } = deps;
  const now = deps.now();
  const key: SyncKey = { cabinetId: body.cabinetId, dataset: body.dataset };

  const [cabinet] = await db.select().from(cabinets).where(eq(cabinets.id, body.cabinetId));
  if (!cabinet) {
    message.ack(); // deleted; its sync_state went with it (ON DELETE CASCADE)
    return "skipped";
  }
  if (cabinet.status !== "active") {
    // Paused or token_invalid: the reason is on the cabinet; due again as soon as it is active.
    await releaseClaims(db, [key]);
    message.ack();
    return "skipped";
  }
  const dataset = deps.datasets[body.dataset];
  if (!dataset) {
    console.error(`wb-sync: no dataset "${body.dataset}" is registered`);
    await failureStatement(db, key, { message: INTERNAL_FAILURE_MESSAGE, now, nextDueAt: now, endRun: true, countFailure: false }).run();
    message.ack();
    return "skipped";
  }

  let state = await loadSyncState(db, key);
  if (!state) {
    await ensureSyncStates(db, cabinet.id, [body.dataset], now);
    state = await loadSyncState(db, key);
    if (!state) throw new Error(`sync_state row for ${body.dataset} of ${cabinet.id} could not be created`);
  }
  if (cursorKey(state.cursor) !== cursorKey(body.cursor)) {
    // A redelivery of a page that was already committed, or a duplicate run that lost the race.
    message.ack();
    return "stale";
  }

  const tier = tierOf(cabinet);
  const gate = gateFor(env, cabinet.id);
  const ctx: PageContext = { message, body, env, cabinet, state, key, dataset, gate, tier, deps };

  const decision = await gate.acquire(dataset.methodsFor(body.cursor), tier, now.getTime());
  if (!decision.granted) {
    if (decision.reason === "unavailable") return disable(ctx, decision.message);
    return defer(ctx, decision.retryAfterMs);
  }

  // The gate learns from every response's X-Ratelimit-* headers; the callback is synchronous, so
  // the RPCs are collected and awaited before the outcome is decided.
  const observations: Promise<unknown>[] = [];
  const client = await deps.clientFor(env, cabinet, {
    ...SYNC_CLIENT_OPTIONS,
    onRateLimitHeaders: (methodId, info) => {
      if (methodId === "ping") return; // per-host health checks have no bucket of ours
      const observation = { status: info.status, remaining: info.remaining, retrySeconds: info.retrySeconds, resetSeconds: info.resetSeconds };
      observations.push(
        gate.observe(methodId, tier, observation, deps.now().getTime()).catch((error: unknown) => console.warn("wb-sync: gate.observe failed", error)),
      );
    },
  });

  let page: PageResult;
  try {
    page = await dataset.fetchPage({ db, client, cabinet, state, now }, body.cursor);
  } catch (error) {
    await Promise.all(observations);
    return handleFetchError(ctx, error);
  }
  await Promise.all(observations);
  return commitPage(ctx, page);
}

async function commitPage(ctx: PageContext, page: PageResult): Promise<SyncOutcome> {
  const { db, queue } = ctx.deps;
  const now = ctx.deps.now();
  const complete = page.nextCursor === null;

  // The continuation goes out with the gate's delay, so it does not wake up only to be put back.
  let continueDelay = 0;
  if (!complete) {
    const next = await ctx.gate.peek(ctx.dataset.methodsFor(page.nextCursor), ctx.tier, now.getTime());
    if (!next.granted && next.reason === "wait") continueDelay = delaySecondsFor(next.retryAfterMs);
  }

  const commit = pageCommitStatement(db, {
    key: ctx.key,
    fromCursor: ctx.body.cursor,
    page,
    now,
    nextRunAt: new Date(now.getTime() + ctx.dataset.refreshEveryMs(ctx.tier)),
    continueAt: new Date(now.getTime() + continueDelay * 1000),
  });
  // New orders, reviews and questions of this page: inserted with it or not at all.
  const detection = await pageNotificationStatements(db, { cabinet: ctx.cabinet, dataset: ctx.key.dataset, state: ctx.state, now });
  let notified: number;
  try {
    const results = await db.batch([commit, ...page.statements, ...detection]);
    notified = detection.length > 0 ? insertedRows(results.slice(-detection.length)) : 0;
  } catch (error) {
    // The state update fails on purpose when another delivery of this page committed first.
    const current = await loadSyncState(db, ctx.key);
    if (current && cursorKey(current.cursor) !== cursorKey(ctx.body.cursor)) {
      ctx.message.ack();
      return "stale";
    }
    throw error;
  }

  if (!complete) {
    const next: SyncMessage = { cabinetId: ctx.key.cabinetId, dataset: ctx.key.dataset, cursor: page.nextCursor, attempt: 0 };
    try {
      await queue.send(next, continueDelay > 0 ? { delaySeconds: continueDelay } : undefined);
    } catch (error) {
      // The page is committed; only the hand-off failed. Park the run (cursor kept, not in flight):
      // the next cron tick claims it and resumes from the stored cursor.
      console.error("wb-sync: could not enqueue the next page; the cron will resume it", error);
      await releaseClaims(db, [ctx.key]).catch(() => undefined);
    }
  }
  if (notified > 0) await kickSender(ctx.env);
  // Stock alerts compare the committed stock with yesterday's; a cabinet's first run is history.
  if (complete && ctx.key.dataset === "stocks" && ctx.state.lastSuccessAt !== null) await requestStockCheck(ctx.env, ctx.key.cabinetId);
  if (complete && AI_INDEXED_DATASETS.has(ctx.key.dataset)) await requestAiWork(ctx.env, ctx.key.cabinetId, ctx.key.dataset);
  ctx.message.ack();
  return complete ? "completed" : "continued";
}

/** Datasets whose text the assistant retrieves from: a finished run re-indexes the cabinet. */
const AI_INDEXED_DATASETS: ReadonlySet<string> = new Set(["cards", "feedbacks", "questions"]);

/** The AI follow-ups of a finished run; never a reason to fail the sync. */
async function requestAiWork(env: Env, cabinetId: string, dataset: string): Promise<void> {
  try {
    await enqueueAiWork(env, { kind: "index", cabinetId });
    if (dataset === "feedbacks") await enqueueAiWork(env, { kind: "auto_replies", cabinetId });
  } catch (error) {
    console.warn("wb-sync: could not queue AI work", error);
  }
}

async function handleFetchError(ctx: PageContext, error: unknown): Promise<SyncOutcome> {
  const { db } = ctx.deps;
  const now = ctx.deps.now();

  if (error instanceof WbUnauthorizedError && error.reason === "scope") {
    // Only this dataset's category is missing; the token still works for the others.
    return disable(ctx, error.userMessage);
  }
  if (error instanceof WbUnauthorizedError) {
    // Revoked, expired or mistyped: every call with this token will fail. Stop the cabinet until
    // the seller replaces the token (the cron skips inactive cabinets; the consumer drops them).
    const results = await db.batch([
      db.update(cabinets).set({ status: "token_invalid", statusReason: error.userMessage, updatedAt: now }).where(eq(cabinets.id, ctx.key.cabinetId)),
      db.update(syncState).set({ inFlightSince: null }).where(eq(syncState.cabinetId, ctx.key.cabinetId)),
      // Due at once when the cabinet is active again (a replaced token).
      failureStatement(db, ctx.key, { message: error.userMessage, now, nextDueAt: now, endRun: true, countFailure: true }),
      tokenInvalidStatement(db, ctx.cabinet, error.userMessage, now),
    ]);
    if (insertedRows(results.slice(-1)) > 0) await kickSender(ctx.env);
    ctx.message.ack();
    return "token_invalid";
  }
  if (error instanceof WbForbiddenError) {
    // "base token is not allowed", a blocked method, a missing subscription: retrying soon will
    // not change WB's mind.
    return disable(ctx, error.userMessage);
  }
  if (error instanceof WbRateLimitedError) {
    // The client already reported the 429's headers, if any; this covers a 429 without them.
    if (error.methodId !== "ping") {
      const retrySeconds = error.retryAfterMs === null ? null : error.retryAfterMs / 1000;
      await ctx.gate.observe(error.methodId, ctx.tier, { status: 429, remaining: null, retrySeconds, resetSeconds: null }, now.getTime());
    }
    const gateSays = await ctx.gate.peek(ctx.dataset.methodsFor(ctx.body.cursor), ctx.tier, now.getTime());
    const gateWait = !gateSays.granted && gateSays.reason === "wait" ? gateSays.retryAfterMs : 0;
    return defer(ctx, Math.max(error.retryAfterMs ?? 0, gateWait, 1000), error.userMessage);
  }

  if (!isTransientWbError(error)) console.error(`wb-sync: ${ctx.key.dataset} of ${ctx.key.cabinetId}: unexpected error`, error);
  const delay = retryDelaySeconds(ctx.message.attempts);
  await recordFailure(ctx.env, ctx.deps, ctx.key, {
    message: error instanceof WbApiError ? error.userMessage : INTERNAL_FAILURE_MESSAGE,
    now,
    nextDueAt: new Date(now.getTime() + delay * 1000),
    endRun: false,
    countFailure: true,
  });
  ctx.message.retry({ delaySeconds: delay });
  return "retried";
}

/** Puts the same page back with a delay (our own send, so Queues does not count it as a failure). */
async function defer(ctx: PageContext, waitMs: number, note?: string): Promise<SyncOutcome> {
  const now = ctx.deps.now();
  const delaySeconds = delaySecondsFor(Math.max(waitMs, 1));
  await ctx.deps.queue.send({ ...ctx.body, attempt: ctx.body.attempt + 1 }, { delaySeconds });
  await deferStatement(ctx.deps.db, ctx.key, new Date(now.getTime() + delaySeconds * 1000), note ? { message: note, now } : undefined).run();
  ctx.message.ack();
  return "deferred";
}

/** The dataset is not available to this token: record why, end the run, look again in a day. */
async function disable(ctx: PageContext, message: string): Promise<SyncOutcome> {
  const now = ctx.deps.now();
  const { db } = ctx.deps;
  const results = await db.batch([
    failureStatement(db, ctx.key, { message, now, nextDueAt: new Date(now.getTime() + DISABLED_RETRY_MS), endRun: true, countFailure: false }),
    datasetDisabledStatement(db, ctx.cabinet, ctx.key.dataset, message, now),
  ]);
  if (insertedRows(results.slice(1)) > 0) await kickSender(ctx.env);
  ctx.message.ack();
  return "disabled";
}

/** Records a counted failure and, in the same batch, a "keeps failing" notice once a streak is long enough. */
async function recordFailure(env: Env, deps: SyncDeps, key: SyncKey, f: Parameters<typeof failureStatement>[2]): Promise<void> {
  const { db } = deps;
  const results = await db.batch([failureStatement(db, key, f), syncFailingStatement(db, key.cabinetId, key.dataset, f.now)]);
  if (insertedRows(results.slice(1)) > 0) await kickSender(env);
}
