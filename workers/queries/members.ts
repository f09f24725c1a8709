// Cabinet members and invites, as the bot's /cabinets manages them. Writers take an
// AuthorizedCabinet with the owner role (checked by requireCabinetAccess in the caller); accepting
// an invite is the one way into a cabinet without being a member yet, so it checks the invite.

import { and, asc, eq } from "drizzle-orm";

import { type CabinetRole, cabinetMembers, cabinets, invites, notificationSettings, users } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { randomToken, sha256Hex } from "../security/hash";

export const INVITE_TTL_MS = 7 * 86_400_000;
/** Deep-link payload prefix: t.me/<bot>?start=inv_<token>. */
export const INVITE_PREFIX = "inv_";

export interface MemberInfo {
  userId: number;
  role: CabinetRole;
  username: string | null;
  firstName: string;
  addedAt: Date;
}

export async function listMembers(db: Db, auth: AuthorizedCabinet): Promise<MemberInfo[]> {
  return db
    .select({ userId: cabinetMembers.userId, role: cabinetMembers.role, username: users.username, firstName: users.firstName, addedAt: cabinetMembers.addedAt })
    .from(cabinetMembers)
    .innerJoin(users, eq(users.id, cabinetMembers.userId))
    .where(eq(cabinetMembers.cabinetId, auth.cabinet.id))
    .orderBy(asc(cabinetMembers.addedAt), asc(cabinetMembers.userId));
}

function requireOwner(auth: AuthorizedCabinet): void {
  // The caller asked requireCabinetAccess for "owner"; checked again because these change who sees the data.
  if (auth.role !== "owner") throw new Error("members: the owner role is required");
}

/** A one-time invite for `role`; the token is returned once and only its hash is stored. */
export async function createInvite(db: Db, auth: AuthorizedCabinet, role: Exclude<CabinetRole, "owner">, now: Date): Promise<{ token: string; expiresAt: Date }> {
  requireOwner(auth);
  // 24 random bytes = 32 URL-safe characters: "inv_" + token stays within a deep link's 64.
  const token = randomToken({ bytes: 24 });
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  await db.insert(invites).values({ tokenHash: await sha256Hex(token), cabinetId: auth.cabinet.id, role, createdBy: auth.userId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

export type InviteAcceptance =
  | { status: "joined"; cabinetId: string; cabinetName: string; role: CabinetRole }
  | { status: "already_member"; cabinetId: string; cabinetName: string; role: CabinetRole }
  | { status: "invalid" | "expired" | "used" };

export async function acceptInvite(db: Db, userId: number, token: string, now: Date): Promise<InviteAcceptance> {
  if (!/^[A-Za-z0-9_-]{16,60}$/.test(token)) return { status: "invalid" };
  const tokenHash = await sha256Hex(token);
  const [invite] = await db
    .select({ invite: invites, cabinetName: cabinets.name })
    .from(invites)
    .innerJoin(cabinets, eq(cabinets.id, invites.cabinetId))
    .where(eq(invites.tokenHash, tokenHash))
    .limit(1);
  if (!invite) return { status: "invalid" };
  const { cabinetId, role } = invite.invite;
  const [member] = await db
    .select({ role: cabinetMembers.role })
    .from(cabinetMembers)
    .where(and(eq(cabinetMembers.cabinetId, cabinetId), eq(cabinetMembers.userId, userId)))
    .limit(1);
  if (member) return { status: "already_member", cabinetId, cabinetName: invite.cabinetName, role: member.role };
  if (invite.invite.usedAt) return { status: "used" };
  if (invite.invite.expiresAt <= now) return { status: "expired" };

  // Claim and join in one transaction: the UPDATE succeeds for exactly one acceptor, and the
  // INSERT only copies an invite that this very call claimed.
  const d1 = db.$client;
  const at = now.getTime();
  const [claim] = await d1.batch([
    d1
      .prepare("UPDATE invites SET used_by = ?1, used_at = ?2 WHERE token_hash = ?3 AND used_at IS NULL AND expires_at > ?2 RETURNING cabinet_id")
      .bind(userId, at, tokenHash),
    d1
      .prepare(
        "INSERT INTO cabinet_members (cabinet_id, user_id, role, added_at) SELECT cabinet_id, ?1, role, ?2 FROM invites " +
          "WHERE token_hash = ?3 AND used_by = ?1 AND used_at = ?2 ON CONFLICT DO NOTHING",
      )
      .bind(userId, at, tokenHash),
  ]);
  if ((claim?.results ?? []).length === 0) return { status: "used" };
  return { status: "joined", cabinetId, cabinetName: invite.cabinetName, role };
}

export type RemoveResult = "removed" | "not_member" | "is_owner";

/** Removes a manager or viewer (owners cannot be removed here), with their notification settings. */
export async function removeMember(db: Db, auth: AuthorizedCabinet, userId: number): Promise<RemoveResult> {
  requireOwner(auth);
  const [member] = await db
    .select({ role: cabinetMembers.role })
    .from(cabinetMembers)
    .where(and(eq(cabinetMembers.cabinetId, auth.cabinet.id), eq(cabinetMembers.userId, userId)))
    .limit(1);
  if (!member) return "not_member";
  if (member.role === "owner") return "is_owner";
  await db.batch([
    db.delete(cabinetMembers).where(and(eq(cabinetMembers.cabinetId, auth.cabinet.id), eq(cabinetMembers.userId, userId))),
    db.delete(notificationSettings).where(and(eq(notificationSettings.cabinetId, auth.cabinet.id), eq(notificationSettings.userId, userId))),
  ]);
  return "removed";
}
