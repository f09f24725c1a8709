// Telegram Mini App `initData` verification, as Telegram specifies it
// (core.telegram.org/bots/webapps, "Validating data received via the Mini App"):
//   data_check_string = every received field except `hash`, sorted by key, "key=value" joined by "\n"
//   secret_key        = HMAC_SHA256(key = "WebAppData", message = bot_token)
//   hash              = hex(HMAC_SHA256(key = secret_key, message = data_check_string))
// plus a freshness check of `auth_date`: initData is a bearer credential, so an old copy (a log,
// a shared screenshot of a URL) must not sign anyone in.

import { timingSafeEqualText } from "./csrf";

/** How old initData may be. The Mini App signs in right after it opens, so an hour is generous. */
export const INIT_DATA_MAX_AGE_S = 60 * 60;
/** Clock skew tolerated for an auth_date slightly in the future. */
const FUTURE_SKEW_S = 60;
const MAX_LENGTH = 8192;

export interface TelegramInitUser {
  id: number;
  firstName: string;
  lastName: string | null;
  username: string | null;
  languageCode: string | null;
}

export type InitDataFailure = "not_configured" | "malformed" | "bad_hash" | "stale" | "future" | "no_user";

export type InitDataCheck = { ok: true; user: TelegramInitUser; authDate: Date } | { ok: false; reason: InitDataFailure };

const encoder = new TextEncoder();

async function hmac(key: Uint8Array<ArrayBuffer>, message: string): Promise<Uint8Array<ArrayBuffer>> {
  const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, encoder.encode(message)));
}

function hex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

export function dataCheckString(fields: ReadonlyMap<string, string>): string {
  return [...fields.entries()]
    .filter(([key]) => key !== "hash")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");
}

async function expectedHash(fields: ReadonlyMap<string, string>, botToken: string): Promise<string> {
  const secretKey = await hmac(encoder.encode("WebAppData"), botToken);
  return hex(await hmac(secretKey, dataCheckString(fields)));
}

export async function verifyInitData(
  initData: string,
  botToken: string | undefined,
  now = new Date(),
  maxAgeSeconds = INIT_DATA_MAX_AGE_S,
): Promise<InitDataCheck> {
  if (!botToken) return { ok: false, reason: "not_configured" };
  if (typeof initData !== "string" || initData === "" || initData.length > MAX_LENGTH) return { ok: false, reason: "malformed" };

  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(initData)) {
    // A repeated key would make "the" value ambiguous between us and Telegram's signer.
    if (fields.has(key)) return { ok: false, reason: "malformed" };
    fields.set(key, value);
  }
  const hash = fields.get("hash");
  if (!hash || !/^[0-9a-f]{64}$/.test(hash)) return { ok: false, reason: "malformed" };
  if (!timingSafeEqualText(await expectedHash(fields, botToken), hash)) return { ok: false, reason: "bad_hash" };

  // Only signed data from here on.
  const authDateS = Number(fields.get("auth_date"));
  if (!Number.isSafeInteger(authDateS) || authDateS <= 0) return { ok: false, reason: "malformed" };
  const ageS = now.getTime() / 1000 - authDateS;
  if (ageS > maxAgeSeconds) return { ok: false, reason: "stale" };
  if (ageS < -FUTURE_SKEW_S) return { ok: false, reason: "future" };

  const user = parseUser(fields.get("user"));
  if (!user) return { ok: false, reason: "no_user" };
  return { ok: true, user, authDate: new Date(authDateS * 1000) };
}

function parseUser(json: string | undefined): TelegramInitUser | null {
  if (!json) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const u = value as Record<string, unknown>;
  if (typeof u.id !== "number" || !Number.isSafeInteger(u.id) || u.id <= 0) return null;
  if (u.is_bot === true) return null;
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  return { id: u.id, firstName: str(u.first_name) ?? "", lastName: str(u.last_name), username: str(u.username), languageCode: str(u.language_code) };
}

/**
 * Signs fields the way Telegram does, returning an initData query string. For tests and local
 * tools (emulating a Mini App launch); production only ever verifies.
 */
export async function signInitData(fields: Record<string, string>, botToken: string): Promise<string> {
  const map = new Map(Object.entries(fields).filter(([key]) => key !== "hash"));
  const params = new URLSearchParams([...map.entries()]);
  params.set("hash", await expectedHash(map, botToken));
  return params.toString();
}
