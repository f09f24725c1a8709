// The one place that checks cabinet access. Every read or write of seller data starts from the
// `AuthorizedCabinet` this returns; nothing else turns a user-supplied cabinet id into data.

import { and, eq } from "drizzle-orm";

import type { Db } from "../db/client";
import { type Cabinet, type CabinetRole, apiTokens, cabinetMembers, cabinets } from "../../db/schema";
import { problems } from "../http/problem";
import { type ApiTokenRow, apiTokenColumns, apiTokenIsLive, liveTokenHash } from "../users/api-tokens";

const RANK: Record<CabinetRole, number> = { viewer: 0, manager: 1, owner: 2 };

export interface AuthorizedCabinet {
  cabinet: Cabinet;
  role: CabinetRole;
  userId: number;
}

/**
 * The cabinet, if `userId` is a member with at least `minRole`. A cabinet the user is not a member
 * of answers 404 exactly like a missing one (ids cannot be probed); a member whose role is too low
 * gets 403 with the role needed.
 */
export async function requireCabinetAccess(
  db: Db,
  userId: number,
  cabinetId: string,
  minRole: CabinetRole = "viewer",
): Promise<AuthorizedCabinet> {
  const prefetched = prefetchedAccess.get(db);
  const row =
    prefetched && prefetched.userId === userId && prefetched.cabinet.id === cabinetId
      ? prefetched
      : (
          await db
            .select({ cabinet: cabinets, role: cabinetMembers.role })
            .from(cabinetMembers)
            .innerJoin(cabinets, eq(cabinets.id, cabinetMembers.cabinetId))
            .where(and(eq(cabinetMembers.cabinetId, cabinetId), eq(cabinetMembers.userId, userId)))
            .limit(1)
        )[0];
  if (!row) throw problems.cabinetNotFound();
  if (RANK[row.role] < RANK[minRole]) {
    throw problems.forbidden(`Для этого действия нужна роль «${ROLE_LABELS[minRole]}» или выше; у вас «${ROLE_LABELS[row.role]}».`);
  }
  return { cabinet: row.cabinet, role: row.role, userId };
}

/**
 * Memberships read together with the request's credentials (`authenticateTokenForCabinet`), keyed
 * by the request's own Db instance (the API creates one per request), so requireCabinetAccess can
 * answer from it without a second round trip. Only a membership found is kept: anything else
 * (another cabinet id, another user, no membership) is asked of the database as before, and the
 * role is checked against `minRole` on every call either way.
 */
const prefetchedAccess = new WeakMap<Db, { cabinet: Cabinet; role: CabinetRole; userId: number }>();

/**
 * The REST API's authentication for /cabinets/{cabinetId}/… routes, in one SELECT: the live token
 * with this hash (unrevoked, unexpired: workers/users/api-tokens.ts rules), and the token owner's
 * membership of `cabinetId` with the cabinet row (NULL when not a member). Null = no such live
 * token (401). The membership is only remembered for this request's requireCabinetAccess, which
 * still decides 404/403 exactly as it does without it.
 */
export async function authenticateTokenForCabinet(db: Db, tokenHash: string, cabinetId: string, now = new Date()): Promise<ApiTokenRow | null> {
  const [row] = await tokenWithCabinetQuery(db, tokenHash, cabinetId);
  if (!row || !apiTokenIsLive(row.token, now)) return null;
  if (row.cabinet && row.role) prefetchedAccess.set(db, { cabinet: row.cabinet, role: row.role, userId: row.token.userId });
  return row.token;
}

/** The SELECT of authenticateTokenForCabinet, separate so its plan can be checked (three index seeks). */
export function tokenWithCabinetQuery(db: Db, tokenHash: string, cabinetId: string) {
  return db
    .select({ token: apiTokenColumns, cabinet: cabinets, role: cabinetMembers.role })
    .from(apiTokens)
    .leftJoin(cabinetMembers, and(eq(cabinetMembers.cabinetId, cabinetId), eq(cabinetMembers.userId, apiTokens.userId)))
    .leftJoin(cabinets, eq(cabinets.id, cabinetMembers.cabinetId))
    .where(liveTokenHash(tokenHash))
    .limit(1);
}

export const ROLE_LABELS: Record<CabinetRole, string> = { owner: "владелец", manager: "менеджер", viewer: "наблюдатель" };

/** Cabinets the user is a member of, with their role. */
export async function listUserCabinets(db: Db, userId: number): Promise<{ cabinet: Cabinet; role: CabinetRole }[]> {
  return db
    .select({ cabinet: cabinets, role: cabinetMembers.role })
    .from(cabinetMembers)
    .innerJoin(cabinets, eq(cabinets.id, cabinetMembers.cabinetId))
    .where(eq(cabinetMembers.userId, userId))
    .orderBy(cabinets.createdAt);
}
