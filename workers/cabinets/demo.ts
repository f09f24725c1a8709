// The demo: a user and a cabinet on the built-in WB sandbox, so every screen works offline and
// without a WB token. Created once; later calls return the same cabinet.

import { and, eq } from "drizzle-orm";

import type { Db } from "../db/client";
import { type Cabinet, cabinetMembers, cabinets } from "../../db/schema";
import { SANDBOX_DEMO_TOKEN } from "../wb/sandbox/tokens";
import { upsertUser } from "../users/users";
import { connectCabinet } from "./connect";
import { SANDBOX_PATH, wbConnectionFor } from "./wb-connection";

/** Not a real Telegram id (those start far higher), so it never collides with a real user. */
export const DEMO_USER_ID = 1;
export const DEMO_CABINET_NAME = "Демо-магазин одежды";

export async function ensureDemoCabinet(db: Db, env: Env, origin: string): Promise<Cabinet> {
  await upsertUser(db, { id: DEMO_USER_ID, username: "demo", firstName: "Демо-продавец", language: "ru" });
  const [existing] = await db
    .select({ cabinet: cabinets })
    .from(cabinets)
    .innerJoin(cabinetMembers, eq(cabinetMembers.cabinetId, cabinets.id))
    .where(and(eq(cabinets.isDemo, true), eq(cabinetMembers.userId, DEMO_USER_ID)))
    .limit(1);
  if (existing) return existing.cabinet;

  const apiBase = `${origin}${SANDBOX_PATH}`;
  const connected = await connectCabinet(db, {
    userId: DEMO_USER_ID,
    token: SANDBOX_DEMO_TOKEN,
    name: DEMO_CABINET_NAME,
    wbApiBase: apiBase,
    isDemo: true,
    fetch: wbConnectionFor(env, apiBase).fetch,
    encryptionKey: env.ENCRYPTION_KEY,
  });
  return connected.cabinet;
}
