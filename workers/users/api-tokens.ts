// Personal access tokens for the REST API: shown once, stored as SHA-256 hashes.

import { and, eq, isNull, lt, or } from "drizzle-orm";

import type { Db } from "../db/client";
import { apiTokens } from "../../db/schema";
import { randomToken, sha256Hex } from "../security/hash";

const PREFIX = "wba_";

/**
 * `last_used_at` is kept to this resolution: a request writes it only when the stored value is
 * older, so a busy token costs one small write a minute, not one per request.
 */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface IssuedApiToken {
  id: string;
  /** The token itself; never stored, so this is the only time it is known. */
  token: string;
  name: string;
}

export async function issueApiToken(db: Db, userId: number, name: string): Promise<IssuedApiToken> {
  const token = randomToken({ prefix: PREFIX });
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name, tokenHash: await sha256Hex(token), tokenPrefix: token.slice(0, PREFIX.length + 6) })
    .returning({ id: apiTokens.id });
  if (!row) throw new Error("insert returned no token");
  return { id: row.id, token, name };
}

/** The stored hash of a presented token, or null when it cannot be one of ours (no lookup needed). */
export async function apiTokenHash(token: string): Promise<string | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  return sha256Hex(token);
}

/** The columns every token check reads; the revoked ones are filtered out in SQL. */
export interface ApiTokenRow {
  id: string;
  userId: number;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

/** A found, unrevoked token row still works unless it has expired. */
export function apiTokenIsLive(row: Pick<ApiTokenRow, "expiresAt">, now: Date): boolean {
  return !(row.expiresAt && row.expiresAt <= now);
}

export const apiTokenColumns = {
  id: apiTokens.id,
  userId: apiTokens.userId,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
};

/** `token_hash = ? AND revoked_at IS NULL` (one seek of api_tokens_token_hash_uq). */
export const liveTokenHash = (hash: string) => and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt));

/** The live token a presented one belongs to, or null (malformed, unknown, revoked or expired). */
export async function findApiToken(db: Db, token: string, now = new Date()): Promise<ApiTokenRow | null> {
  const hash = await apiTokenHash(token);
  if (hash === null) return null;
  const [row] = await db.select(apiTokenColumns).from(apiTokens).where(liveTokenHash(hash)).limit(1);
  return row && apiTokenIsLive(row, now) ? row : null;
}

/** The user id a presented token belongs to, or null (unknown, revoked or expired). */
export async function authenticateApiToken(db: Db, token: string, now = new Date()): Promise<number | null> {
  return (await findApiToken(db, token, now))?.userId ?? null;
}

/**
 * Records a use of the token, at LAST_USED_RESOLUTION_MS: null when the stored time is recent
 * enough (nothing to write), otherwise the write to run (the caller decides whether to await it;
 * the API hands it to `waitUntil`, so the response does not wait for it). The WHERE repeats the
 * staleness test, so concurrent requests write at most once per interval.
 */
export function touchApiToken(db: Db, row: Pick<ApiTokenRow, "id" | "lastUsedAt">, now = new Date()): Promise<unknown> | null {
  if (row.lastUsedAt && now.getTime() - row.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return null;
  const before = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  return db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, before))))
    .run();
}

/** Revokes the user's tokens with this name (the demo re-issues its token on every start). */
export async function revokeApiTokensNamed(db: Db, userId: number, name: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), eq(apiTokens.name, name), isNull(apiTokens.revokedAt)));
}
