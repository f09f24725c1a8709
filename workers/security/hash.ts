// The one place for bearer secrets we mint (API tokens, login links, invites, session ids): a
// random URL-safe token is handed out once, and only its SHA-256 hex is stored and looked up.
// The tokens carry 256 bits of entropy, so a plain (unsalted) hash is enough and keeps lookups
// a single indexed equality.

const encoder = new TextEncoder();

/** Lowercase hex SHA-256 of the UTF-8 text. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** base64url without padding. */
function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export interface RandomTokenOptions {
  /** Random bytes (default 32 = 256 bits, 43 characters). At least 16. */
  bytes?: number;
  /** A readable prefix such as "wba_" (lets people and secret scanners recognise the token). */
  prefix?: string;
}

/** A random URL-safe token: `prefix` + base64url of `bytes` random bytes. */
export function randomToken(options: RandomTokenOptions = {}): string {
  const bytes = options.bytes ?? 32;
  if (!Number.isInteger(bytes) || bytes < 16 || bytes > 1024) throw new RangeError("randomToken: bytes must be an integer in 16..1024");
  return (options.prefix ?? "") + base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}
