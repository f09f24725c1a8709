import { describe, expect, it } from "vitest";

import { TELEGRAM_MESSAGE_LIMIT, splitForTelegram, telegramLength } from "../../workers/domain/ai/telegram-split";

const balanced = (html: string) => {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2] ?? "");
  }
  return stack.length === 0;
};

describe("splitting long answers for Telegram", () => {
  it("keeps a short answer whole", () => {
    expect(splitForTelegram("Заказов за неделю: <b>1 234</b>.")).toEqual(["Заказов за неделю: <b>1 234</b>."]);
  });

  it("splits a 20,000-character answer at paragraph boundaries within the limit", () => {
    const paragraph = "Продажи растут. ".repeat(60).trim();
    const html = Array.from({ length: 21 }, (_, i) => `${i + 1}. ${paragraph}`).join("\n\n");
    expect(html.length).toBeGreaterThan(20_000);
    const parts = splitForTelegram(html);
    expect(parts.length).toBeGreaterThanOrEqual(5);
    for (const p of parts) {
      expect(telegramLength(p)).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
      expect(p).toMatch(/^\d+\. Продажи/);
    }
    expect(parts.join("\n\n").replace(/\s+/g, " ")).toBe(html.replace(/\s+/g, " "));
  });

  it("never cuts a tag or an entity and reopens a tag across parts", () => {
    const html = `<b>${"Жирный текст &amp; ещё. ".repeat(400)}</b> конец`;
    const parts = splitForTelegram(html, 1000);
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts) {
      expect(balanced(p)).toBe(true);
      expect(p).not.toMatch(/&[a-z]*$|&[a-z]*[^a-z;]/);
      expect(telegramLength(p)).toBeLessThanOrEqual(1000);
    }
    expect(parts[1]?.startsWith("<b>")).toBe(true);
  });

  it("counts entities as one character and emoji as two, never splitting a pair", () => {
    expect(telegramLength("a &lt; b")).toBe(5);
    const emoji = "😀".repeat(3000);
    const parts = splitForTelegram(emoji);
    expect(parts).toHaveLength(2);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
      expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(p)).toBe(false);
    }
    expect(parts.join("")).toBe(emoji);
  });
});
