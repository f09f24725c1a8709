// How the sync (and anything else calling WB for a cabinet) reaches the cabinet's CabinetGate, and
// which row of WB's limit tables applies to the cabinet's token.

import type { Cabinet } from "../../db/schema";
import type { CabinetGate } from "../objects/cabinet-gate";
import type { WbLimitTier } from "../wb/methods";
import { limitTierOf } from "../wb/token";

export type GateStub = DurableObjectStub<CabinetGate>;

/** The cabinet's gate: one Durable Object per cabinet id. */
export function gateFor(env: Env, cabinetId: string): GateStub {
  // wrangler types cannot see the class behind the binding; this is the one place that says it.
  const ns = env.CABINET_GATE as unknown as DurableObjectNamespace<CabinetGate>;
  return ns.get(ns.idFromName(cabinetId));
}

/** The limit tier of the cabinet's token: its type, and whether a service secret is sent with it. */
export function tierOf(cabinet: Pick<Cabinet, "tokenType" | "clientSecretCiphertext">): WbLimitTier {
  return limitTierOf(cabinet.tokenType, Boolean(cabinet.clientSecretCiphertext));
}
