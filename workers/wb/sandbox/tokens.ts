// Sandbox API tokens: JWT-shaped like WB's (base64url header.payload.signature, ES256 header,
// WB's claims `acc`, `s`, `exp`, `id`, `sid`, `t`, `for` …). The signature is a keyed hash of
// header.payload, not ECDSA: it lets the sandbox tell its own tokens from edited or made-up ones
// synchronously and without key material. It is an emulator's check, not security.

import { CATEGORY_BITS, READ_ONLY_BIT, type WbCategory, type WbTokenType } from "../methods";
import { hashString, keyOf } from "./random";

/** The seller every sandbox token belongs to (also `sid` in /api/v1/seller-info). */
export const SANDBOX_SELLER_SID = "5b6c0a3e-1f2d-4c7e-9a8b-3d4e5f6a7b8c";

export interface WbJwtClaims {
  /** 1 base, 2 test, 3 personal, 4 service. */
  acc: number;
  ent: number;
  exp: number;
  /** "self" for personal tokens, "asid:<serviceId>" for service tokens. */
  for?: string;
  id: string;
  iid: number;
  oid: number;
  /** Category bitmask: bit N = category N (CATEGORY_BITS), bit 30 = read-only. */
  s: number;
  sid: string;
  /** Test-environment token. */
  t: boolean;
  uid: number;
}

export interface SandboxTokenOptions {
  type?: WbTokenType;
  /** Categories to grant; default: every category WB has. */
  categories?: readonly Exclude<WbCategory, "common">[];
  readOnly?: boolean;
  /** Expiry; default 180 days after `issuedAt` (WB's token lifetime). */
  expiresAt?: Date;
  issuedAt?: Date;
  /** Token id (UUID); default: a fresh one per call, so each test token has its own rate limits. */
  id?: string;
  /** Raw claim overrides, applied last. */
  claims?: Partial<WbJwtClaims>;
}

const HEADER = { alg: "ES256", kid: "20250225v1", typ: "JWT" };
const SIGNING_KEY = hashString("wb-sandbox-signing-key/2026");
const ACC: Record<WbTokenType, number> = { base: 1, test: 2, personal: 3, service: 4 };
const ALL_CATEGORIES = Object.keys(CATEGORY_BITS) as Exclude<WbCategory, "common">[];
const TOKEN_LIFETIME_MS = 180 * 24 * 60 * 60 * 1000;

let issued = 0;

function b64url(text: string): string {
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function b64urlBytes(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return b64url(bin);
}

/** The sandbox "signature" of header.payload: 64 bytes, like an ES256 (r, s) pair. */
export function sandboxSignature(signingInput: string): string {
  const bytes = new Uint8Array(64);
  const h = hashString(signingInput);
  for (let i = 0; i < 16; i++) {
    const w = keyOf(SIGNING_KEY, h, i, signingInput.length);
    bytes[i * 4] = w >>> 24;
    bytes[i * 4 + 1] = (w >>> 16) & 0xff;
    bytes[i * 4 + 2] = (w >>> 8) & 0xff;
    bytes[i * 4 + 3] = w & 0xff;
  }
  return b64urlBytes(bytes);
}

/** The `s` claim for a set of categories. */
export function scopeMask(categories: readonly Exclude<WbCategory, "common">[], readOnly = false): number {
  let s = 0;
  for (const c of categories) s += 2 ** CATEGORY_BITS[c];
  return readOnly ? s + 2 ** READ_ONLY_BIT : s;
}

function tokenUuid(n: number): string {
  const hex = [0, 1, 2, 3].map((i) => keyOf(SIGNING_KEY, "token-id", n, i).toString(16).padStart(8, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Builds a token the sandbox accepts (or, with past `expiresAt`, one it rejects as expired). */
export function makeSandboxToken(options: SandboxTokenOptions = {}): string {
  const type = options.type ?? "personal";
  const issuedAt = options.issuedAt ?? new Date();
  const exp = Math.floor((options.expiresAt?.getTime() ?? issuedAt.getTime() + TOKEN_LIFETIME_MS) / 1000);
  const id = options.id ?? tokenUuid(++issued + Math.floor(Math.random() * 1e9));
  const claims: WbJwtClaims = {
    acc: ACC[type],
    ent: 1,
    exp,
    ...(type === "personal" ? { for: "self" } : type === "service" ? { for: "asid:7f3e2d1c-0b9a-4877-a665-5443322110ff" } : {}),
    id,
    iid: 48_213_907,
    oid: 1_234_567,
    s: scopeMask(options.categories ?? ALL_CATEGORIES, options.readOnly ?? false),
    sid: SANDBOX_SELLER_SID,
    t: type === "test",
    uid: 48_213_907,
    ...options.claims,
  };
  const signingInput = `${b64url(JSON.stringify(HEADER))}.${b64url(JSON.stringify(claims))}`;
  return `${signingInput}.${sandboxSignature(signingInput)}`;
}

/**
 * A personal token for the demo cabinet with every category, read and write, valid until
 * 2100-01-01. A constant so it can be pasted into curl; the unit tests check that it equals
 * makeSandboxToken(SANDBOX_DEMO_TOKEN_OPTIONS).
 */
export const SANDBOX_DEMO_TOKEN_OPTIONS: SandboxTokenOptions = {
  type: "personal",
  id: "0d7c9a1e-5b3f-4e2a-8c6d-9f0e1a2b3c4d",
  expiresAt: new Date("2100-01-01T00:00:00Z"),
};

export const SANDBOX_DEMO_TOKEN =
  "eyJhbGciOiJFUzI1NiIsImtpZCI6IjIwMjUwMjI1djEiLCJ0eXAiOiJKV1QifQ.eyJhY2MiOjMsImVudCI6MSwiZXhwIjo0MTAyNDQ0ODAwLCJmb3IiOiJzZWxmIiwiaWQiOiIwZDdjOWExZS01YjNmLTRlMmEtOGM2ZC05ZjBlMWEyYjNjNGQiLCJpaWQiOjQ4MjEzOTA3LCJvaWQiOjEyMzQ1NjcsInMiOjgxNjYyLCJzaWQiOiI1YjZjMGEzZS0xZjJkLTRjN2UtOWE4Yi0zZDRlNWY2YTdiOGMiLCJ0IjpmYWxzZSwidWlkIjo0ODIxMzkwN30.7nMxKO-aV8blLyKekT7WXTFv1LuvHh_-ICbymp6jS9bLrx4CLCSIBrWX_EnKBc6d6Aiwo9vzrGA3jdcVOzVqyg";

export type TokenCheck =
  | { ok: true; claims: WbJwtClaims; type: WbTokenType }
  | { ok: false; detail: string };

function b64urlDecode(part: string, what: string): { ok: true; text: string } | { ok: false; detail: string } {
  const bad = part.search(/[^A-Za-z0-9_-]/);
  if (bad !== -1 || part.length % 4 === 1) {
    return { ok: false, detail: `token problem; token is malformed: could not base64 decode ${what}: illegal base64 data at input byte ${bad === -1 ? part.length - 1 : bad}` };
  }
  const padded = part.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (part.length % 4)) % 4);
  return { ok: true, text: atob(padded) };
}

/** Parses and checks a sandbox token's format and signature (not expiry, scope or revocation). */
export function checkSandboxToken(raw: string): TokenCheck {
  const token = raw.trim().replace(/^Bearer\s+/i, "");
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, detail: "token problem; token is malformed: token contains an invalid number of segments" };
  const [h = "", p = "", sig = ""] = parts;
  const header = b64urlDecode(h, "header");
  if (!header.ok) return header;
  const payload = b64urlDecode(p, "claim");
  if (!payload.ok) return payload;
  const signature = b64urlDecode(sig, "signature");
  if (!signature.ok) return signature;
  let claims: unknown;
  try {
    JSON.parse(header.text);
    claims = JSON.parse(payload.text);
  } catch {
    return { ok: false, detail: "token problem; token is malformed: could not JSON decode claim" };
  }
  if (!isClaims(claims)) return { ok: false, detail: "token problem; token is malformed: token has invalid claims" };
  if (sig !== sandboxSignature(`${h}.${p}`)) return { ok: false, detail: "token problem; token signature is invalid: crypto/ecdsa: verification error" };
  const type = (["base", "test", "personal", "service"] as const)[claims.acc - 1];
  if (!type) return { ok: false, detail: "token problem; token has invalid claims: unknown token type" };
  return { ok: true, claims, type };
}

function isClaims(x: unknown): x is WbJwtClaims {
  if (typeof x !== "object" || x === null) return false;
  const c = x as Record<string, unknown>;
  return typeof c.id === "string" && typeof c.sid === "string" && typeof c.s === "number" && typeof c.exp === "number" && typeof c.acc === "number";
}

/** Whether the token's `s` grants a category. */
export function hasCategory(claims: WbJwtClaims, category: WbCategory): boolean {
  if (category === "common") return true;
  return Math.floor(claims.s / 2 ** CATEGORY_BITS[category]) % 2 === 1;
}

export function isReadOnly(claims: WbJwtClaims): boolean {
  return Math.floor(claims.s / 2 ** READ_ONLY_BIT) % 2 === 1;
}
