// Replacing a cabinet's WB token (the old one expired, was revoked, or lacked categories): the new
// token is decoded, must belong to the same WB seller (a cabinet never mixes two shops' data),
// is checked with /ping, encrypted under the cabinet id and stored with its decoded claims; the
// cabinet becomes active again and its datasets are due at once.

import { eq } from "drizzle-orm";

import { cabinets, syncState } from "../../db/schema";
import type { Db } from "../db/client";
import { type TokenWarning, tokenWarnings } from "../domain/token-warnings";
import { problems } from "../http/problem";
import { encryptSecret } from "../security/token-vault";
import { WbClient } from "../wb/client";
import { WbApiError, WbUnauthorizedError } from "../wb/errors";
import type { AuthorizedCabinet } from "./access";
import { PING_HOSTS, decodeTokenOrProblem } from "./connect";
import { wbConnectionFor } from "./wb-connection";

export async function replaceCabinetToken(db: Db, env: Env, auth: AuthorizedCabinet, rawToken: string, now = new Date()): Promise<{ warnings: TokenWarning[] }> {
  // The caller asked requireCabinetAccess for "owner"; checked again because this changes whose data flows in.
  if (auth.role !== "owner") throw problems.forbidden("Заменить токен может только владелец кабинета.");
  const token = rawToken.trim();
  const info = decodeTokenOrProblem(token);
  if (info.expiresAt && info.expiresAt <= now) {
    throw problems.unprocessable("Срок действия этого токена уже истёк. Создайте новый токен в кабинете продавца WB.");
  }
  const cabinet = auth.cabinet;
  if (cabinet.sellerId && info.sellerId !== cabinet.sellerId) {
    throw problems.unprocessable("Этот токен от другого магазина WB. Для другого магазина подключите отдельный кабинет.");
  }
  const host = PING_HOSTS.find(([category]) => info.categories.includes(category))?.[1];
  if (!host) throw problems.unprocessable("У токена нет ни одной категории, с которой работает WB Assist.");

  const clientSecret = env.WB_CLIENT_SECRET || undefined;
  const client = new WbClient({ token, clientSecret, ...wbConnectionFor(env, cabinet.wbApiBase), maxRetries: 1, timeoutMs: 15_000 });
  try {
    await client.ping(host);
  } catch (error) {
    if (error instanceof WbUnauthorizedError) throw problems.unprocessable(`WB не принял токен: ${error.userMessage}`);
    if (error instanceof WbApiError) throw problems.badGateway(`Не удалось проверить токен: ${error.userMessage}`);
    throw error;
  }

  const sealed = await encryptSecret(env.ENCRYPTION_KEY, token, cabinet.id);
  await db.batch([
    db
      .update(cabinets)
      .set({
        sellerId: cabinet.sellerId ?? info.sellerId,
        tokenCiphertext: sealed.ciphertext,
        tokenIv: sealed.iv,
        tokenType: info.type,
        tokenCategories: info.categories,
        tokenReadOnly: info.readOnly,
        tokenExpiresAt: info.expiresAt,
        tokenId: info.tokenId,
        status: "active",
        statusReason: null,
        updatedAt: now,
      })
      .where(eq(cabinets.id, cabinet.id)),
    // Datasets paused by the old token's failures run again on the next schedule tick.
    db.update(syncState).set({ nextDueAt: now }).where(eq(syncState.cabinetId, cabinet.id)),
  ]);
  return { warnings: tokenWarnings(info, now, Boolean(cabinet.clientSecretCiphertext)) };
}
