// Changing a member's role (the owner's settings page). Owners stay owners: handing a cabinet over
// is not something a select box should do.

import { and, eq, ne } from "drizzle-orm";

import { type CabinetRole, cabinetMembers } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";

export type SetRoleResult = "updated" | "not_member" | "is_owner";

export async function setMemberRole(db: Db, auth: AuthorizedCabinet, userId: number, role: Exclude<CabinetRole, "owner">): Promise<SetRoleResult> {
  // The caller asked requireCabinetAccess for "owner"; checked again because this changes who may do what.
  if (auth.role !== "owner") throw new Error("setMemberRole: the owner role is required");
  const [member] = await db
    .select({ role: cabinetMembers.role })
    .from(cabinetMembers)
    .where(and(eq(cabinetMembers.cabinetId, auth.cabinet.id), eq(cabinetMembers.userId, userId)))
    .limit(1);
  if (!member) return "not_member";
  if (member.role === "owner") return "is_owner";
  await db
    .update(cabinetMembers)
    .set({ role })
    .where(and(eq(cabinetMembers.cabinetId, auth.cabinet.id), eq(cabinetMembers.userId, userId), ne(cabinetMembers.role, "owner")));
  return "updated";
}
