import { describe, expect, it } from "vitest";

import { NEEDED_CATEGORIES, pluralDays, tokenWarnings } from "../../workers/domain/token-warnings";

const now = new Date("2026-11-24T09:00:00Z");
const all = NEEDED_CATEGORIES.map((c) => c.category);

describe("tokenWarnings", () => {
  it("is silent for a personal token with every category and a distant expiry", () => {
    expect(
      tokenWarnings({ type: "personal", categories: all, readOnly: false, expiresAt: new Date("2027-05-01T00:00:00Z") }, now),
    ).toEqual([]);
  });

  it("names each missing category and what it breaks", () => {
    const warnings = tokenWarnings({ type: "personal", categories: ["statistics"], readOnly: false, expiresAt: null }, now);
    const missing = warnings.filter((w) => w.code === "missing_category");
    expect(missing.map((w) => w.category)).toEqual(["content", "prices", "analytics", "feedbacks", "finance"]);
    expect(missing[0]?.message).toContain("«Контент»");
  });

  it("warns about base tokens unless a service secret lifts their limits", () => {
    const base = { type: "base" as const, categories: all, readOnly: false, expiresAt: null };
    expect(tokenWarnings(base, now).map((w) => w.code)).toEqual(["base_token"]);
    expect(tokenWarnings(base, now, true)).toEqual([]);
  });

  it("warns 14 days before expiry and after it", () => {
    const soon = tokenWarnings({ type: "personal", categories: all, readOnly: true, expiresAt: new Date("2026-12-01T09:00:00Z") }, now);
    expect(soon.map((w) => w.code)).toEqual(["expires_soon", "read_only"]);
    expect(soon[0]?.message).toContain("7 дней");
    const expired = tokenWarnings({ type: "personal", categories: all, readOnly: false, expiresAt: new Date("2026-11-01T00:00:00Z") }, now);
    expect(expired.map((w) => w.code)).toEqual(["expired"]);
  });

  it("declines days in Russian", () => {
    expect([1, 2, 5, 11, 21, 22, 25].map(pluralDays)).toEqual(["день", "дня", "дней", "дней", "день", "дня", "дней"]);
  });
});
