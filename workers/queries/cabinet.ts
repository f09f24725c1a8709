// Disconnecting a cabinet: one DELETE; every seller-owned table references cabinets ON DELETE
// CASCADE (db/schema.ts), so its orders, stocks, reviews, members and sync state go with it.

import { eq } from "drizzle-orm";

import { cabinets } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { forgetCabinetLevels } from "./stock-levels";

export async function disconnectCabinet(db: Db, auth: AuthorizedCabinet): Promise<void> {
  // The route asks requireCabinetAccess for "owner"; checked again because deleting is irreversible.
  if (auth.role !== "owner") throw new Error("disconnectCabinet requires the owner role");
  await db.delete(cabinets).where(eq(cabinets.id, auth.cabinet.id));
  forgetCabinetLevels(auth.cabinet.id);
}
