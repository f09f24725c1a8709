import { describe, expect, it } from "vitest";

import { CATEGORY_BITS, READ_ONLY_BIT } from "../../workers/wb/methods";
import { WbTokenFormatError, decodeWbToken, limitTierOf } from "../../workers/wb/token";

function b64url(value: string): string {
  const bytes = new TextEncoder().encode(value);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function jwt(payload: Record<string, unknown>): string {
  return `${b64url(JSON.stringify({ alg: "ES256", kid: "20250101v1", typ: "JWT" }))}.${b64url(JSON.stringify(payload))}.c2lnbmF0dXJl`;
}

const base = { id: "3f1e6c1a-7d8e-4c5b-9a0f-1b2c3d4e5f60", sid: "a1b2c3d4-0000-4000-8000-000000000001" };

describe("decodeWbToken", () => {
  it("reads a personal read-write token with some categories", () => {
    const s = (1 << CATEGORY_BITS.content) | (1 << CATEGORY_BITS.statistics) | (1 << CATEGORY_BITS.feedbacks);
    const info = decodeWbToken(jwt({ ...base, acc: 3, for: "self", s, t: false, exp: 1_800_000_000 }));
    expect(info).toEqual({
      tokenId: base.id,
      sellerId: base.sid,
      type: "personal",
      categories: ["content", "statistics", "feedbacks"],
      readOnly: false,
      expiresAt: new Date(1_800_000_000_000),
      isTest: false,
    });
  });

  it("reads the read-only bit (30) and every category bit", () => {
    const all = Object.values(CATEGORY_BITS).reduce((m, bit) => m + 2 ** bit, 0) + 2 ** READ_ONLY_BIT;
    const info = decodeWbToken(jwt({ ...base, acc: 1, s: all, exp: 1 }));
    expect(info.type).toBe("base");
    expect(info.readOnly).toBe(true);
    expect(info.categories).toEqual(Object.keys(CATEGORY_BITS));
  });

  it("maps acc to the four token types", () => {
    expect(decodeWbToken(jwt({ ...base, acc: 1, s: 0 })).type).toBe("base");
    const test = decodeWbToken(jwt({ ...base, acc: 2, s: 0, t: true }));
    expect(test.type).toBe("test");
    expect(test.isTest).toBe(true);
    expect(decodeWbToken(jwt({ ...base, acc: 3, s: 0, for: "self" })).type).toBe("personal");
    expect(decodeWbToken(jwt({ ...base, acc: 4, s: 0, for: "asid:42" })).type).toBe("service");
  });

  it("infers the type of a token without acc, defaulting to base", () => {
    expect(decodeWbToken(jwt({ ...base, s: 0, for: "self" })).type).toBe("personal");
    expect(decodeWbToken(jwt({ ...base, s: 0, for: "asid:7" })).type).toBe("service");
    expect(decodeWbToken(jwt({ ...base, s: 0 })).type).toBe("base");
  });

  it("returns null expiry when exp is absent", () => {
    expect(decodeWbToken(jwt({ ...base, acc: 3, s: 0 })).expiresAt).toBeNull();
  });

  it("tolerates surrounding spaces and a pasted Bearer prefix", () => {
    const token = jwt({ ...base, acc: 3, s: 32 });
    expect(decodeWbToken(`  Bearer ${token}\n`).categories).toEqual(["statistics"]);
  });

  it.each([
    ["empty", ""],
    ["not a JWT", "hello world"],
    ["two parts", "abc.def"],
    ["payload not base64url", "a.@@@.c"],
    ["payload not JSON", `a.${b64url("not json")}.c`],
    ["no WB claims", jwt({ sub: "someone" })],
    ["s not a number", jwt({ ...base, s: "32" })],
  ])("rejects %s with a Russian message", (_, token) => {
    let caught: unknown;
    try {
      decodeWbToken(token);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(WbTokenFormatError);
    expect((caught as WbTokenFormatError).userMessage).toMatch(/^Это не похоже на токен WB API/);
  });
});

describe("limitTierOf", () => {
  it("picks the limit-table row", () => {
    expect(limitTierOf("personal", false)).toBe("personal");
    expect(limitTierOf("service", true)).toBe("service");
    expect(limitTierOf("base", false)).toBe("base");
    expect(limitTierOf("base", true)).toBe("baseWithSecret");
    expect(limitTierOf("test", false)).toBe("personal");
  });
});
