// What the bots remember between updates, in D1 (db/bot-schema.ts): the active cabinet and the one
// input a user is expected to type, short-token stashes for button payloads, and which updates
// were already taken. No grammY session: any isolate can handle any update.

import { and, eq, lt } from "drizzle-orm";

import { type BotPendingKind, type JsonValue, botCallbackStash, botUpdates, botUserState } from "../../db/schema";
import type { Db } from "../db/client";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** How long a requested input stays valid: a later text is not silently taken as that input. */
export const PENDING_TTL_MS: Record<BotPendingKind, number> = {
  wb_token: 30 * MINUTE,
  answer: 2 * 60 * MINUTE,
  quiet_hours: 30 * MINUTE,
  cost_price: 30 * MINUTE,
  // Chat mode with the assistant: plain texts are questions until another command or an hour of silence.
  ai_chat: 60 * MINUTE,
  ai_signature: 30 * MINUTE,
};

const STASH_TTL_MS = 30 * DAY;
const UPDATES_TTL_MS = 3 * DAY;

export interface AnswerTarget {
  target: "feedback" | "question";
  cabinetId: string;
  id: string;
}

export type Pending =
  | { kind: "wb_token"; at: Date }
  | { kind: "answer"; at: Date; payload: AnswerTarget }
  | { kind: "quiet_hours"; at: Date; payload: { cabinetId: string } }
  | { kind: "cost_price"; at: Date; payload: { cabinetId: string; nmId: number } }
  | { kind: "ai_chat"; at: Date; payload: { cabinetId: string } }
  | { kind: "ai_signature"; at: Date; payload: { cabinetId: string } };

export interface UserBotState {
  activeCabinetId: string | null;
  /** The awaited input, or null; `expired` when there was one but it is too old to use. */
  pending: Pending | null;
  expired: Pending | null;
}

function parsePending(kind: BotPendingKind | null, payload: JsonValue | null, at: Date | null): Pending | null {
  if (!kind || !at) return null;
  const p = payload && typeof payload === "object" && !Array.isArray(payload) ? payload : {};
  switch (kind) {
    case "wb_token":
      return { kind, at };
    case "answer":
      if ((p.target === "feedback" || p.target === "question") && typeof p.cabinetId === "string" && typeof p.id === "string") {
        return { kind, at, payload: { target: p.target, cabinetId: p.cabinetId, id: p.id } };
      }
      return null;
    case "quiet_hours":
      return typeof p.cabinetId === "string" ? { kind, at, payload: { cabinetId: p.cabinetId } } : null;
    case "cost_price":
      return typeof p.cabinetId === "string" && typeof p.nmId === "number" && Number.isSafeInteger(p.nmId) ? { kind, at, payload: { cabinetId: p.cabinetId, nmId: p.nmId } } : null;
    case "ai_chat":
    case "ai_signature":
      return typeof p.cabinetId === "string" ? { kind, at, payload: { cabinetId: p.cabinetId } } : null;
  }
}

export async function loadUserState(db: Db, userId: number, now: Date): Promise<UserBotState> {
  const [row] = await db.select().from(botUserState).where(eq(botUserState.userId, userId)).limit(1);
  if (!row) return { activeCabinetId: null, pending: null, expired: null };
  const pending = parsePending(row.pendingKind, row.pendingPayload ?? null, row.pendingAt);
  const fresh = pending && now.getTime() - pending.at.getTime() <= PENDING_TTL_MS[pending.kind];
  return { activeCabinetId: row.activeCabinetId, pending: fresh ? pending : null, expired: fresh ? null : pending };
}

export async function setActiveCabinet(db: Db, userId: number, cabinetId: string | null): Promise<void> {
  await db
    .insert(botUserState)
    .values({ userId, activeCabinetId: cabinetId })
    .onConflictDoUpdate({ target: botUserState.userId, set: { activeCabinetId: cabinetId, updatedAt: new Date() } });
}

type PendingInput = Pending extends infer P ? (P extends { at: Date } ? Omit<P, "at"> : never) : never;

export async function setPending(db: Db, userId: number, pending: PendingInput, now: Date): Promise<void> {
  const payload = "payload" in pending ? (pending.payload as unknown as JsonValue) : null;
  const values = { pendingKind: pending.kind, pendingPayload: payload, pendingAt: now, updatedAt: now };
  await db
    .insert(botUserState)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: botUserState.userId, set: values });
}

export async function clearPending(db: Db, userId: number): Promise<void> {
  await db
    .update(botUserState)
    .set({ pendingKind: null, pendingPayload: null, pendingAt: null, updatedAt: new Date() })
    .where(eq(botUserState.userId, userId));
}

/**
 * Takes the awaited input: clears it only if it is still the one that was read (same kind and
 * time), so two messages racing for one "reply to review X" cannot both use it.
 */
export async function takePending(db: Db, userId: number, pending: Pending): Promise<boolean> {
  const rows = await db
    .update(botUserState)
    .set({ pendingKind: null, pendingPayload: null, pendingAt: null, updatedAt: new Date() })
    .where(and(eq(botUserState.userId, userId), eq(botUserState.pendingKind, pending.kind), eq(botUserState.pendingAt, pending.at)))
    .returning({ userId: botUserState.userId });
  return rows.length > 0;
}

// --- stash ---------------------------------------------------------------------------------------

const STASH_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const STASH_TOKEN_RE = /^[0-9a-zA-Z]{10}$/;

function stashToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  let out = "";
  for (const b of bytes) out += STASH_ALPHABET[b % STASH_ALPHABET.length];
  return out;
}

/** Keeps `payload` for `userId` under a new 10-character token (for callback_data). */
export async function stashPut(db: Db, userId: number, payload: JsonValue, now = new Date()): Promise<string> {
  const token = stashToken();
  await db.insert(botCallbackStash).values({ token, userId, payload, createdAt: now });
  // Pruning on a small share of writes keeps the table bounded without a cron job.
  if (Math.random() < 0.02) await db.delete(botCallbackStash).where(lt(botCallbackStash.createdAt, new Date(now.getTime() - STASH_TTL_MS)));
  return token;
}

/** The payload, if the token exists and belongs to this user. */
export async function stashGet(db: Db, userId: number, token: string): Promise<JsonValue | null> {
  if (!STASH_TOKEN_RE.test(token)) return null;
  const [row] = await db
    .select({ payload: botCallbackStash.payload })
    .from(botCallbackStash)
    .where(and(eq(botCallbackStash.token, token), eq(botCallbackStash.userId, userId)))
    .limit(1);
  return row?.payload ?? null;
}

// --- updates taken -------------------------------------------------------------------------------

/** True the first time an update id is seen for this bot; false for a re-delivery. */
export async function claimUpdate(db: Db, bot: string, updateId: number, now = new Date()): Promise<boolean> {
  const rows = await db
    .insert(botUpdates)
    .values({ bot, updateId, receivedAt: now })
    .onConflictDoNothing()
    .returning({ updateId: botUpdates.updateId });
  if (Math.random() < 0.01) {
    await db.delete(botUpdates).where(lt(botUpdates.receivedAt, new Date(now.getTime() - UPDATES_TTL_MS)));
  }
  return rows.length > 0;
}

