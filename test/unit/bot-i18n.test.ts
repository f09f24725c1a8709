// ru.ftl parses, every message id the bot code names exists, and messages format as Russian HTML.

import { describe, expect, it } from "vitest";

import { REVIEW_FILTERS, ORDER_FILTERS, QUESTION_FILTERS, STOCK_FILTERS } from "../../workers/bot/seller/callback-data";
import { SELLER_COMMANDS, sellerCommandMenu } from "../../workers/bot/seller/bot";
import { hasText, t, tPlain, textIds } from "../../workers/bot/i18n";
import { NOTIFICATION_KINDS, TIME_ZONES } from "../../workers/bot/notification-prefs";
import { SYNC_DATASETS, WB_TOKEN_TYPES, CABINET_STATUSES } from "../../db/schema";
import { fmtGrowth, fmtMoney, fmtWhen } from "../../workers/bot/format";

const sources = import.meta.glob("../../workers/bot/**/*.ts", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

describe("ru.ftl", () => {
  it("has every message id used literally in the bot's code", () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\b(?:t|tPlain|th)\(\s*"([a-z0-9_-]+)"/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/\?\s*"([a-z0-9-]+)"\s*:\s*"([a-z0-9-]+)"/g)) {
        if (hasText(m[1] as string) || hasText(m[2] as string)) used.add(m[1] as string).add(m[2] as string);
      }
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((id) => !hasText(id))).toEqual([]);
  });

  it("has every message id the code builds from a value", () => {
    const built = [
      ...SELLER_COMMANDS.map((c) => `cmd-${c}`),
      ...SYNC_DATASETS.map((d) => `dataset-${d}`),
      ...NOTIFICATION_KINDS.flatMap((k) => [`kind-${k}`, `kind-short-${k}`]),
      ...TIME_ZONES.map((_z, i) => `tz-${i}`),
      ...WB_TOKEN_TYPES.map((x) => `token-type-${x}`),
      ...CABINET_STATUSES.filter((s) => s !== "active").map((s) => `cabinet-status-${s}`),
      ...ORDER_FILTERS.map((f) => `orders-filter-${f}`),
      ...STOCK_FILTERS.map((f) => `stocks-filter-${f}`),
      ...REVIEW_FILTERS.map((f) => `reviews-filter-${f}`),
      ...QUESTION_FILTERS.map((f) => `questions-filter-${f}`),
      ...["invalid", "expired", "used"].map((s) => `invite-${s}`),
      ...["removed", "not_member", "is_owner"].map((s) => `member-remove-${s}`),
      "answer-too-short",
      "answer-too-long",
    ];
    expect(built.filter((id) => !hasText(id))).toEqual([]);
    expect(textIds().length).toBeGreaterThan(150);
  });

  it("escapes string arguments, keeps optional parts optional, and picks Russian plurals", () => {
    expect(t("connect-done", { cabinet: "<script>&" })).toBe("✅ Кабинет «<b>&lt;script&gt;&amp;</b>» подключён.");
    const withSize = t("order-line", { n: "1. ", when: "24.11 14:05", price: "1 299 ₽", cancelled: 0, article: "A-1", subject: "Платья", size: "44", region: "Московская", warehouse: "" });
    expect(withSize).toContain(", р. 44");
    expect(withSize).not.toContain("склад");
    const withoutSize = t("order-line", { n: "", when: "24.11 14:05", price: "1 299 ₽", cancelled: 1, article: "A-1", subject: "Платья", size: "", region: "Московская", warehouse: "Коледино" });
    expect(withoutSize).not.toContain("р. ");
    expect(withoutSize).toContain("❌ отмена");
    expect(withoutSize).toContain("склад Коледино");
    const base = Object.fromEntries(
      ["time", "count", "sum", "prevCount", "prevSum", "growth", "sumGrowth", "ySum", "yGrowth", "w7Count", "w7Sum", "w7Growth", "m30Count", "m30Sum", "m30Growth"].map((k) => [k, "0"]),
    );
    const dash = (n: number) => t("dash-orders", { ...base, yCount: String(n), yCountN: n });
    expect(dash(1)).toContain("1 заказ ");
    expect(dash(3)).toContain("3 заказа ");
    expect(dash(25)).toContain("25 заказов ");
    expect(tPlain("every-hours", { n: 1 })).toBe("раз в час");
    expect(tPlain("every-hours", { n: 3 })).toBe("раз в 3 ч");
  });

  it("gives every command a Russian description within Telegram's limits", () => {
    for (const c of sellerCommandMenu()) {
      expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
      expect(c.description.length).toBeGreaterThan(2);
      expect(c.description.length).toBeLessThanOrEqual(256);
      expect(c.description).toMatch(/[а-яё]/i);
    }
  });
});

describe("bot formatting", () => {
  it("formats money, growth and Moscow times as a Russian seller reads them", () => {
    expect(fmtMoney(153_628_900).replace(/[\u00a0\u202f]/g, " ")).toBe("1 536 289 ₽");
    expect(fmtGrowth(-40)).toBe("−40 %");
    expect(fmtGrowth(26)).toBe("+26 %");
    expect(fmtGrowth(null)).toBe("—");
    const now = new Date("2026-11-24T11:05:00Z"); // 14:05 in Moscow
    expect(fmtWhen(new Date("2026-11-24T10:02:00Z"), now)).toBe("сегодня в 13:02");
    expect(fmtWhen(new Date("2026-11-23T20:59:00Z"), now)).toBe("вчера в 23:59");
    expect(fmtWhen(new Date("2026-11-23T21:00:00Z"), now)).toBe("сегодня в 00:00");
    expect(fmtWhen(new Date("2026-11-20T09:00:00Z"), now)).toBe("20.11 в 12:00");
  });
});
