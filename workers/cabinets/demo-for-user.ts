// A demo cabinet owned by a given user (the bot's «Демо-кабинет»): an ordinary cabinet on the
// built-in WB sandbox, like ensureDemoCabinet's, but for a real Telegram user. One per user: asking
// again returns the same cabinet.

import { and, eq } from "drizzle-orm";

import { type Cabinet, cabinetMembers, cabinets } from "../../db/schema";
import type { Db } from "../db/client";
import { problems } from "../http/problem";
import { SANDBOX_DEMO_TOKEN } from "../wb/sandbox/tokens";
import { connectCabinet } from "./connect";
import { DEMO_CABINET_NAME } from "./demo";
import { SANDBOX_PATH, wbConnectionFor } from "./wb-connection";

export interface DemoForUser {
  cabinet: Cabinet;
  created: boolean;
}

export async function connectDemoCabinetFor(db: Db, env: Env, userId: number, origin: string): Promise<DemoForUser> {
  if (env.WB_SANDBOX !== "1") {
    throw problems.notFound("Демо-кабинет доступен только там, где включена песочница WB (WB_SANDBOX=1), например при локальном запуске.");
  }
  const [existing] = await db
    .select({ cabinet: cabinets })
    .from(cabinets)
    .innerJoin(cabinetMembers, eq(cabinetMembers.cabinetId, cabinets.id))
    .where(and(eq(cabinets.isDemo, true), eq(cabinetMembers.userId, userId), eq(cabinetMembers.role, "owner")))
    .limit(1);
  if (existing) return { cabinet: existing.cabinet, created: false };

  const apiBase = `${origin.replace(/\/+$/, "")}${SANDBOX_PATH}`;
  const connected = await connectCabinet(db, {
    userId,
    token: SANDBOX_DEMO_TOKEN,
    name: DEMO_CABINET_NAME,
    wbApiBase: apiBase,
    isDemo: true,
    fetch: wbConnectionFor(env, apiBase).fetch,
    encryptionKey: env.ENCRYPTION_KEY,
  });
  return { cabinet: connected.cabinet, created: true };
}
