// Cookie header parsing and Set-Cookie serialisation: the few attributes the dashboard uses, and
// nothing that would let a value break out of its cookie.

export interface CookieOptions {
  maxAgeSeconds: number;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite: "Lax" | "Strict" | "None";
  /** CHIPS: a cookie keyed to the top-level site, for pages embedded in another site's iframe. */
  partitioned?: boolean;
  path?: string;
}

/** Every value of the named cookie (a browser may send the same name twice, e.g. partitioned and not). */
export function readCookies(header: string | null, name: string): string[] {
  if (!header) return [];
  const out: string[] = [];
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    if (value !== "") out.push(value);
  }
  return out;
}

const SAFE_VALUE = /^[A-Za-z0-9_-]*$/;

export function serializeCookie(name: string, value: string, o: CookieOptions): string {
  // Only base64url values are ever set (random tokens), so no encoding is needed; refuse anything else.
  if (!SAFE_VALUE.test(value)) throw new Error(`cookie ${name}: unexpected characters in value`);
  const parts = [`${name}=${value}`, `Path=${o.path ?? "/"}`, `Max-Age=${Math.max(0, Math.floor(o.maxAgeSeconds))}`];
  if (o.httpOnly !== false) parts.push("HttpOnly");
  if (o.secure) parts.push("Secure");
  parts.push(`SameSite=${o.sameSite}`);
  if (o.partitioned) parts.push("Partitioned");
  return parts.join("; ");
}

/** True when the request reached us over https (production; wrangler dev serves http). */
export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}
