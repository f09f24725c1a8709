// Which cabinet a screen is about. Commands act on the user's active cabinet; buttons carry their
// cabinet's short reference. Either way the cabinet is finally handed out by requireCabinetAccess,
// the project's one access check, with the role the action needs.

import type { CabinetRole } from "../../../db/schema";
import { type AuthorizedCabinet, listUserCabinets, requireCabinetAccess } from "../../cabinets/access";
import { ProblemError, problems } from "../../http/problem";
import { setActiveCabinet } from "../state";
import type { SellerContext } from "./context";

/** The active cabinet (or the user's first one when none is chosen or it was left); null if none. */
export async function activeCabinet(ctx: SellerContext, minRole: CabinetRole = "viewer"): Promise<AuthorizedCabinet | null> {
  const { db } = ctx.svc;
  const chosen = ctx.botState.activeCabinetId;
  if (chosen) {
    try {
      return await requireCabinetAccess(db, ctx.user.id, chosen, minRole);
    } catch (error) {
      // Removed from that cabinet (404): fall back below. A too-low role (403) is the answer.
      if (!(error instanceof ProblemError) || error.problem.status !== 404) throw error;
    }
  }
  const mine = await listUserCabinets(db, ctx.user.id);
  const first = mine[0];
  if (!first) return null;
  await setActiveCabinet(db, ctx.user.id, first.cabinet.id);
  ctx.botState.activeCabinetId = first.cabinet.id;
  return requireCabinetAccess(db, ctx.user.id, first.cabinet.id, minRole);
}

/** The presser's cabinet a button refers to; 404 problem when it is not (or no longer) theirs. */
export async function cabinetByRef(ctx: SellerContext, ref: string, minRole: CabinetRole = "viewer"): Promise<AuthorizedCabinet> {
  const mine = await listUserCabinets(ctx.svc.db, ctx.user.id);
  const matches = mine.filter((m) => m.cabinet.id.toLowerCase().startsWith(ref));
  const only = matches.length === 1 ? matches[0] : undefined;
  if (!only) throw problems.cabinetNotFound();
  return requireCabinetAccess(ctx.svc.db, ctx.user.id, only.cabinet.id, minRole);
}
