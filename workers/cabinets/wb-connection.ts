// How a cabinet reaches WB: production hosts, the WB_API_BASE override, or — for the demo cabinet
// on the built-in sandbox — the sandbox in-process (a Worker fetching its own URL would loop
// through the network, and the sandbox lives in this very Worker).

import type { Cabinet } from "../../db/schema";
import { decryptSecret } from "../security/token-vault";
import { WbClient, type WbClientOptions, type WbFetch } from "../wb/client";
import { sandboxFetch } from "../wb/sandbox-instance";

export const SANDBOX_PATH = "/wb-sandbox";

export interface WbConnection {
  apiBase?: string;
  fetch?: WbFetch;
}

export function wbConnectionFor(env: Env, cabinetApiBase: string | null): WbConnection {
  const apiBase = cabinetApiBase ?? (env.WB_API_BASE || undefined);
  if (env.WB_SANDBOX === "1" && apiBase?.endsWith(SANDBOX_PATH)) {
    return { apiBase, fetch: sandboxFetch(env) };
  }
  return { apiBase };
}

/** A WB client for the cabinet, with its decrypted token. The token never leaves this object. */
export async function wbClientForCabinet(
  env: Env,
  cabinet: Cabinet,
  options: Omit<WbClientOptions, "token" | "clientSecret" | "apiBase" | "fetch"> = {},
): Promise<WbClient> {
  const token = await decryptSecret(env.ENCRYPTION_KEY, { ciphertext: cabinet.tokenCiphertext, iv: cabinet.tokenIv }, cabinet.id);
  const clientSecret =
    cabinet.clientSecretCiphertext && cabinet.clientSecretIv
      ? await decryptSecret(env.ENCRYPTION_KEY, { ciphertext: cabinet.clientSecretCiphertext, iv: cabinet.clientSecretIv }, cabinet.id)
      : undefined;
  return new WbClient({ ...options, token, clientSecret, ...wbConnectionFor(env, cabinet.wbApiBase) });
}
