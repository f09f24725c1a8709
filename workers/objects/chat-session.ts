// ChatSession: the AI assistant's memory, in the object's own SQLite storage. One class, two kinds
// of instances (workers/ai/chat-session.ts names them):
// - `chat:<userId>:<cabinetId>` — one user's conversation about one cabinet, trimmed to a token budget;
// - `quota:<userId>` — that user's daily request quota across cabinets (reset at Moscow midnight).
// The model is never called from here: the Worker asks, the object only remembers. Every method's
// check-and-write is synchronous (no await in between), so concurrent requests to one object
// cannot interleave inside it — that is what makes "at most N a day" hold under a burst.

import { DurableObject } from "cloudflare:workers";

import { addDays, moscowDayStart } from "../domain/calendar-day";
import { DEFAULT_HISTORY_BUDGET_TOKENS, type Turn, clampTurn, trimToBudget } from "../domain/ai/history-budget";
import { toMoscowDate } from "../domain/moscow-time";

export type HistoryTurn = Turn;

export type QuotaReservation = { ok: true; id: string; remaining: number } | { ok: false; used: number; limit: number; resetsAt: number };

export interface QuotaUsage {
  used: number;
  limit: number;
  remaining: number;
  /** When the next Moscow day starts (unix ms). */
  resetsAt: number;
}

/** A reservation of a request that never came back (crashed isolate, lost client) frees its unit after this. */
export const RESERVATION_TTL_MS = 3 * 60_000;

function nextMoscowMidnight(nowMs: number): number {
  return moscowDayStart(addDays(toMoscowDate(new Date(nowMs)), 1)).getTime();
}

export class ChatSession extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS turns (seq INTEGER PRIMARY KEY AUTOINCREMENT, role TEXT NOT NULL, content TEXT NOT NULL, at INTEGER NOT NULL)`);
    this.sql.exec(`CREATE TABLE IF NOT EXISTS quota_days (day TEXT PRIMARY KEY, used INTEGER NOT NULL)`);
    this.sql.exec(`CREATE TABLE IF NOT EXISTS reservations (id TEXT PRIMARY KEY, day TEXT NOT NULL, expires_at INTEGER NOT NULL)`);
  }

  // ------------------------------------------------------------------ history

  history(): HistoryTurn[] {
    return this.sql
      .exec<{ role: string; content: string; at: number }>(`SELECT role, content, at FROM turns ORDER BY seq`)
      .toArray()
      .flatMap((r) => (r.role === "user" || r.role === "assistant" ? [{ role: r.role, content: r.content, at: r.at }] : []));
  }

  /** Stores the turns (all or none: false when any is malformed) and trims to the budget. */
  append(turns: HistoryTurn[], budgetTokens: number = DEFAULT_HISTORY_BUDGET_TOKENS): boolean {
    if (!Array.isArray(turns) || turns.some((t) => (t.role !== "user" && t.role !== "assistant") || typeof t.content !== "string")) return false;
    for (const turn of turns) {
      const t = clampTurn(turn);
      this.sql.exec(`INSERT INTO turns (role, content, at) VALUES (?, ?, ?)`, t.role, t.content, Number.isFinite(t.at) ? t.at : Date.now());
    }
    const rows = this.sql.exec<{ seq: number; role: "user" | "assistant"; content: string; at: number }>(`SELECT seq, role, content, at FROM turns ORDER BY seq`).toArray();
    const kept = trimToBudget(rows, budgetTokens);
    const firstKept = kept[0]?.seq;
    if (firstKept !== undefined) this.sql.exec(`DELETE FROM turns WHERE seq < ?`, firstKept);
    return true;
  }

  reset(): void {
    this.sql.exec(`DELETE FROM turns`);
  }

  // ------------------------------------------------------------------ quota

  reserve(limit: number, nowMs: number): QuotaReservation {
    const day = toMoscowDate(new Date(nowMs));
    this.sql.exec(`DELETE FROM reservations WHERE expires_at <= ? OR day <> ?`, nowMs, day);
    const used = this.usedOn(day);
    const pending = this.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM reservations`).one().n;
    if (used + pending >= limit) return { ok: false, used, limit, resetsAt: nextMoscowMidnight(nowMs) };
    const id = crypto.randomUUID();
    this.sql.exec(`INSERT INTO reservations (id, day, expires_at) VALUES (?, ?, ?)`, id, day, nowMs + RESERVATION_TTL_MS);
    return { ok: true, id, remaining: limit - used - pending - 1 };
  }

  /** The reserved request was answered: it counts, on the day it was reserved. */
  commit(id: string, nowMs: number): void {
    const row = this.sql.exec<{ day: string }>(`SELECT day FROM reservations WHERE id = ?`, id).toArray()[0];
    if (!row) return;
    this.sql.exec(`DELETE FROM reservations WHERE id = ?`, id);
    this.sql.exec(`INSERT INTO quota_days (day, used) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET used = used + 1`, row.day);
    // Old days are of no use; keep a week for support questions.
    this.sql.exec(`DELETE FROM quota_days WHERE day < ?`, addDays(toMoscowDate(new Date(nowMs)), -7));
  }

  /** The reserved request failed: it does not count. */
  release(id: string): void {
    this.sql.exec(`DELETE FROM reservations WHERE id = ?`, id);
  }

  usage(limit: number, nowMs: number): QuotaUsage {
    const day = toMoscowDate(new Date(nowMs));
    const used = this.usedOn(day);
    return { used, limit, remaining: Math.max(0, limit - used), resetsAt: nextMoscowMidnight(nowMs) };
  }

  private usedOn(day: string): number {
    return this.sql.exec<{ used: number }>(`SELECT used FROM quota_days WHERE day = ?`, day).toArray()[0]?.used ?? 0;
  }
}
