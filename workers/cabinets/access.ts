// The one place that checks cabinet access. Every read or write of seller data starts from the
// `AuthorizedCabinet` this returns; nothing else turns a user-supplied cabinet id into data.

import { and, eq } from "drizzle-orm";

import type { Db } from "../db/client";
import { type Cabinet, type CabinetRole, cabinetMembers, cabinets } from "../../db/schema";
import { problems } from "../http/problem";

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
  const [row] = await db
    .select({ cabinet: cabinets, role: cabinetMembers.role })
    .from(cabinetMembers)
    .innerJoin(cabinets, eq(cabinets.id, cabinetMembers.cabinetId))
    .where(and(eq(cabinetMembers.cabinetId, cabinetId), eq(cabinetMembers.userId, userId)))
    .limit(1);
  if (!row) throw problems.cabinetNotFound();
  if (RANK[row.role] < RANK[minRole]) {
    throw problems.forbidden(`Для этого действия нужна роль «${ROLE_LABELS[minRole]}» или выше; у вас «${ROLE_LABELS[row.role]}».`);
  }
  return { cabinet: row.cabinet, role: row.role, userId };
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
