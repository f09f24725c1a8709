// Connecting a WB cabinet: the token is decoded (for display and planning), checked against WB
// with /ping, encrypted, and stored with its owner and a sync state per dataset.

import { eq } from "drizzle-orm";

import type { Db } from "../db/client";
import { type Cabinet, SYNC_DATASETS, cabinetMembers, cabinets, syncState } from "../../db/schema";
import { type TokenWarning, tokenWarnings } from "../domain/token-warnings";
import { problems } from "../http/problem";
import { encryptSecret } from "../security/token-vault";
import { WbClient, type WbFetch } from "../wb/client";
import { WbApiError, WbUnauthorizedError } from "../wb/errors";
import type { WbCategory } from "../wb/methods";
import { WbTokenFormatError, type WbTokenInfo, decodeWbToken } from "../wb/token";

/** The initial load covers 90 days (ARCHITECTURE: orders are kept 90 days by WB's statistics). */
export const BACKFILL_DAYS = 90;

/** Which host's /ping proves the token works, by the first category the token has. */
export const PING_HOSTS: [WbCategory, string][] = [
  ["statistics", "statistics-api"],
  ["content", "content-api"],
  ["feedbacks", "feedbacks-api"],
  ["prices", "discounts-prices-api"],
  ["analytics", "seller-analytics-api"],
  ["finance", "finance-api"],
];

export interface ConnectCabinetInput {
  userId: number;
  token: string;
  name?: string;
  /** NULL/undefined = production WB (or WB_API_BASE); the sandbox base for a demo cabinet. */
  wbApiBase?: string | null;
  isDemo?: boolean;
  /** How the WB client reaches `wbApiBase` (in-process for the built-in sandbox). */
  fetch?: WbFetch;
  encryptionKey: string | undefined;
  clientSecret?: string;
  now?: Date;
}

export interface ConnectedCabinet {
  cabinet: Cabinet;
  token: WbTokenInfo;
  warnings: TokenWarning[];
}

export function decodeTokenOrProblem(token: string): WbTokenInfo {
  try {
    return decodeWbToken(token);
  } catch (error) {
    if (error instanceof WbTokenFormatError) throw problems.unprocessable(error.userMessage);
    throw error;
  }
}

export async function connectCabinet(db: Db, input: ConnectCabinetInput): Promise<ConnectedCabinet> {
  const now = input.now ?? new Date();
  const token = input.token.trim();
  const info = decodeTokenOrProblem(token);
  if (info.expiresAt && info.expiresAt <= now) {
    throw problems.unprocessable("Срок действия токена истёк. Создайте новый токен в кабинете продавца WB и подключите его.");
  }

  const client = new WbClient({
    token,
    clientSecret: input.clientSecret,
    apiBase: input.wbApiBase ?? undefined,
    fetch: input.fetch,
    maxRetries: 1,
    timeoutMs: 15_000,
  });
  const host = PING_HOSTS.find(([category]) => info.categories.includes(category))?.[1];
  if (!host) {
    throw problems.unprocessable("У токена нет ни одной категории, с которой работает WB Assist (статистика, контент, отзывы, цены, аналитика, финансы).");
  }
  try {
    await client.ping(host);
  } catch (error) {
    if (error instanceof WbUnauthorizedError) {
      throw problems.unprocessable(`WB не принял токен: ${error.userMessage}`);
    }
    if (error instanceof WbApiError) throw problems.badGateway(`Не удалось проверить токен: ${error.userMessage}`);
    throw error;
  }
  // The shop's own name, for the cabinet list; any token may read it, but it is only a nicety.
  const seller = await client.sellerInfo().catch(() => null);
  const sellerName = seller?.tradeMark || seller?.name || null;

  const cabinetId = crypto.randomUUID();
  const sealed = await encryptSecret(input.encryptionKey, token, cabinetId);
  const sealedSecret = input.clientSecret ? await encryptSecret(input.encryptionKey, input.clientSecret, cabinetId) : null;
  const name = input.name?.trim() || sellerName || `Кабинет ${info.sellerId.slice(0, 8)}`;
  const backfillFrom = new Date(now.getTime() - BACKFILL_DAYS * 86_400_000);

  await db.batch([
    db.insert(cabinets).values({
      id: cabinetId,
      name,
      sellerId: info.sellerId,
      isDemo: input.isDemo ?? false,
      wbApiBase: input.wbApiBase ?? null,
      tokenCiphertext: sealed.ciphertext,
      tokenIv: sealed.iv,
      tokenType: info.type,
      tokenCategories: info.categories,
      tokenReadOnly: info.readOnly,
      tokenExpiresAt: info.expiresAt,
      tokenId: info.tokenId,
      clientSecretCiphertext: sealedSecret?.ciphertext ?? null,
      clientSecretIv: sealedSecret?.iv ?? null,
    }),
    db.insert(cabinetMembers).values({ cabinetId, userId: input.userId, role: "owner" }),
    db.insert(syncState).values(
      SYNC_DATASETS.map((dataset) => ({ cabinetId, dataset, nextDueAt: now, backfillFrom })),
    ),
  ]);
  const [cabinet] = await db.select().from(cabinets).where(eq(cabinets.id, cabinetId));
  if (!cabinet) throw new Error("cabinet vanished after insert");
  return { cabinet, token: info, warnings: tokenWarnings(info, now, Boolean(input.clientSecret)) };
}
