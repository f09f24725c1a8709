// A user's personal access tokens, as the API lists them (never the token or its hash).

import { and, desc, eq, isNull } from "drizzle-orm";

import { apiTokens } from "../../db/schema";
import type { Db } from "../db/client";

export interface ApiTokenInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

const infoColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.tokenPrefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  expiresAt: apiTokens.expiresAt,
};

/** The user's tokens that still work (revoked ones are gone for good), newest first. */
export async function listApiTokens(db: Db, userId: number): Promise<ApiTokenInfo[]> {
  return db
    .select(infoColumns)
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function getApiToken(db: Db, userId: number, id: string): Promise<ApiTokenInfo | null> {
  const [row] = await db
    .select(infoColumns)
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row ?? null;
}

/** Revokes one of the user's own tokens; false when there is no such live token of theirs. */
export async function revokeApiToken(db: Db, userId: number, id: string, now = new Date()): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}
