// Reads the claims of a WB API token (a JWT) so we can warn about missing categories, read-only
// tokens, low-limit token types and expiry, and pick the right rate-limit tier.
//
// This does NOT verify the signature (we do not have WB's key): the result is for display and
// planning only and grants nothing. WB itself decides on every call whether the token is valid.

import { z } from "zod";

import { CATEGORY_BITS, READ_ONLY_BIT, type WbCategory, type WbLimitTier, type WbTokenType } from "./methods";

export interface WbTokenInfo {
  /** `id`: the token's own UUID. */
  tokenId: string;
  /** `sid`: the seller's UUID (also in common-api /api/v1/seller-info). */
  sellerId: string;
  type: WbTokenType;
  /** Categories granted by the `s` bitmask, in CATEGORY_BITS order. */
  categories: WbCategory[];
  readOnly: boolean;
  expiresAt: Date | null;
  /** A test-environment token: works only on WB's *-sandbox hosts. */
  isTest: boolean;
}

/** The text is not a WB token (not a JWT, or its payload lacks WB's claims). */
export class WbTokenFormatError extends Error {
  override name = "WbTokenFormatError";
  /** Russian, for the seller. */
  readonly userMessage: string;

  constructor(reason: string) {
    const userMessage = `Это не похоже на токен WB API: ${reason}. Скопируйте токен целиком в кабинете продавца WB, в разделе интеграций по API (seller.wildberries.ru/api-integrations).`;
    super(userMessage);
    this.userMessage = userMessage;
  }
}

const Claims = z.looseObject({
  id: z.string().min(1),
  sid: z.string().min(1),
  s: z.number().int().nonnegative(),
  acc: z.number().int().optional(),
  exp: z.number().optional(),
  t: z.boolean().optional(),
  for: z.string().optional(),
});

const ACC_TYPES: Record<number, WbTokenType> = { 1: "base", 2: "test", 3: "personal", 4: "service" };

export function decodeWbToken(token: string): WbTokenInfo {
  // Sellers paste tokens with stray spaces or a "Bearer " prefix copied from examples.
  const raw = token.trim().replace(/^Bearer\s+/i, "");
  const parts = raw.split(".");
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) {
    throw new WbTokenFormatError("токен должен состоять из трёх частей, разделённых точками");
  }
  let payload: unknown;
  try {
    payload = JSON.parse(base64UrlDecode(parts[1] as string));
  } catch {
    throw new WbTokenFormatError("не удалось прочитать содержимое токена");
  }
  const parsed = Claims.safeParse(payload);
  if (!parsed.success) {
    throw new WbTokenFormatError("в токене нет полей, которые выдаёт WB");
  }
  const c = parsed.data;
  const type = tokenType(c.acc, c.for, c.t);
  const categories = (Object.entries(CATEGORY_BITS) as [Exclude<WbCategory, "common">, number][])
    .filter(([, bit]) => hasBit(c.s, bit))
    .map(([category]) => category);
  return {
    tokenId: c.id,
    sellerId: c.sid,
    type,
    categories,
    readOnly: hasBit(c.s, READ_ONLY_BIT),
    expiresAt: c.exp === undefined ? null : new Date(c.exp * 1000),
    isTest: type === "test" || c.t === true,
  };
}

/**
 * Which row of WB's limit tables applies. A base token sent with a service secret
 * (X-Client-Secret) gets the "base with secret" row. Test tokens only reach WB's sandbox, which
 * publishes no reduced rows, so they plan with the personal row.
 */
export function limitTierOf(type: WbTokenType, hasClientSecret: boolean): WbLimitTier {
  switch (type) {
    case "personal":
    case "test":
      return "personal";
    case "service":
      return "service";
    case "base":
      return hasClientSecret ? "baseWithSecret" : "base";
  }
}

function tokenType(acc: number | undefined, forClaim: string | undefined, t: boolean | undefined): WbTokenType {
  const known = acc === undefined ? undefined : ACC_TYPES[acc];
  if (known) return known;
  // Tokens issued before the four-type system may lack `acc`: infer from the other claims, and
  // fall back to base, the type with the lowest limits, so planning never over-promises.
  if (t === true) return "test";
  if (forClaim === "self") return "personal";
  if (forClaim?.startsWith("asid:")) return "service";
  return "base";
}

/** Bit N of `s`; arithmetic instead of `>>` because `s` may not fit in a signed 32-bit int. */
function hasBit(mask: number, bit: number): boolean {
  return Math.floor(mask / 2 ** bit) % 2 === 1;
}

function base64UrlDecode(part: string): string {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(part)) throw new Error("not base64url");
  const b64 = part.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  const padded = b64 + "=".repeat((4 - (b64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}
