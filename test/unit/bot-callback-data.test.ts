import { describe, expect, it } from "vitest";

import { CALLBACK_HANDLERS } from "../../workers/bot/seller/bot";
import { CALLBACK_ACTIONS, CALLBACK_DATA_LIMIT, type CallbackData, cabRef, decodeCallback, encodeCallback } from "../../workers/bot/seller/callback-data";

const cab = cabRef("0b6f1f8e-1a52-4c38-9d43-3f1f0f2b1f11");
const stash = "AbCdEfGh12";

/** One valid example of every action, at its widest. */
const EXAMPLES: CallbackData[] = [
  { a: "menu" },
  { a: "help" },
  { a: "connect" },
  { a: "demo" },
  { a: "cancel" },
  { a: "cabinets" },
  { a: "dashboard", cab },
  { a: "orders", cab, filter: "x", page: stash },
  { a: "orders", cab, filter: "a", page: null },
  { a: "stocks", cab, filter: "l", offset: 1_000_000 },
  { a: "reviews", cab, filter: "n", page: stash },
  { a: "review_reply", cab, id: "A".repeat(40) },
  { a: "questions", cab, filter: "u", page: null },
  { a: "question_reply", cab, id: "n5um6IUBQOOSTxXoo0gV" },
  { a: "answer_retry", stash },
  { a: "analytics", cab, period: "90" },
  { a: "stocks_ship", cab, offset: 1_000_000 },
  { a: "cost_list", cab, offset: 0 },
  { a: "cost_set", cab, nm: 999_999_999_999 },
  { a: "sync", cab },
  { a: "sync_now", cab },
  { a: "cabinet_switch", cab },
  { a: "members", cab },
  { a: "invite", cab, role: "v" },
  { a: "member_remove", cab, user: Number.MAX_SAFE_INTEGER },
  { a: "member_remove_yes", cab, user: 5_123_456_789 },
  { a: "disconnect", cab },
  { a: "disconnect_yes", cab },
  { a: "settings", cab },
  { a: "settings_kind", cab, kind: 7 },
  { a: "settings_threshold", cab, days: 21 },
  { a: "settings_quiet", cab, preset: 3 },
  { a: "settings_quiet_manual", cab },
  { a: "settings_tz", cab },
  { a: "settings_tz_set", cab, zone: 10 },
  { a: "ai", cab },
  { a: "ai_ask", cab, n: 2 },
  { a: "ai_reset", cab },
  { a: "ai_draft", cab, t: "f", id: "Ab_Cd-123456789012345678901234567890abcd" },
  { a: "ai_draft_send", cab, t: "q", id: "Ab_Cd-123456789012345678901234567890abcd" },
  { a: "ai_draft_edit", cab, t: "f", id: "q1" },
  { a: "ai_settings", cab },
  { a: "ai_tone", cab, tone: "o" },
  { a: "ai_auto", cab, on: 1 },
  { a: "ai_signature", cab },
  { a: "ai_signature_clear", cab },
];

describe("callback data", () => {
  it("round-trips every action within Telegram's 64 bytes", () => {
    expect(new Set(EXAMPLES.map((e) => e.a))).toEqual(new Set(CALLBACK_ACTIONS));
    for (const example of EXAMPLES) {
      const encoded = encodeCallback(example);
      expect(new TextEncoder().encode(encoded).length).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
      expect(decodeCallback(encoded)).toEqual(example);
    }
  });

  it("has a handler for every action", () => {
    for (const action of CALLBACK_ACTIONS) expect(CALLBACK_HANDLERS[action], action).toBeTypeOf("function");
  });

  it("refuses to encode values that would not decode", () => {
    expect(() => encodeCallback({ a: "dashboard", cab: "NOT-A-CAB" })).toThrow(RangeError);
    expect(() => encodeCallback({ a: "review_reply", cab, id: "has:colon" })).toThrow(RangeError);
    expect(() => encodeCallback({ a: "stocks", cab, filter: "a", offset: -1 })).toThrow(RangeError);
  });

  it("decodes anything foreign, garbled or oversized to null", () => {
    const bad: unknown[] = [
      undefined,
      null,
      42,
      {},
      "",
      ":",
      "zz",
      "m:",
      "m:extra",
      "ds",
      `ds:${cab}:`,
      `ds:${cab.toUpperCase()}`,
      "ds:1234567",
      `or:${cab}:q:-`,
      `or:${cab}:a:short`,
      `or:${cab}:a:toolongtoken`,
      `st:${cab}:a:-5`,
      `st:${cab}:a:01`,
      `st:${cab}:a:1.5`,
      `st:${cab}:a:1e3`,
      `st:${cab}:a:1000001`,
      `ra:${cab}:${"a".repeat(41)}`,
      `ra:${cab}:a/b`,
      `sk:${cab}:32`,
      `sd:${cab}:0`,
      `mr:${cab}:0`,
      `mr:${cab}:99999999999999999`,
      `an:${cab}:365`,
      `iv:${cab}:o`,
      "x".repeat(65),
      `ds:${"é".repeat(30)}`,
    ];
    for (const raw of bad) expect(decodeCallback(raw), JSON.stringify(raw)).toBeNull();
  });
});
