import { describe, expect, it } from "vitest";

import { MAX_TURN_CHARS, type Turn, clampTurn, estimateTokens, trimToBudget } from "../../workers/domain/ai/history-budget";

const turn = (role: Turn["role"], chars: number, at = 0): Turn => ({ role, content: "я".repeat(chars), at });

describe("chat history budget", () => {
  it("keeps the newest turns that fit, oldest first", () => {
    const turns = [turn("user", 300, 1), turn("assistant", 300, 2), turn("user", 300, 3), turn("assistant", 300, 4), turn("user", 300, 5), turn("assistant", 300, 6)];
    const kept = trimToBudget(turns, 2 * estimateTokens("я".repeat(300)) * 2);
    expect(kept.map((t) => t.at)).toEqual([3, 4, 5, 6]);
  });

  it("always keeps the last question and answer, even over the budget", () => {
    const kept = trimToBudget([turn("user", 100, 1), turn("user", 9000, 2), turn("assistant", 9000, 3)], 10);
    expect(kept.map((t) => t.at)).toEqual([2, 3]);
  });

  it("never starts with an answer whose question was dropped", () => {
    const turns = [turn("user", 3000, 1), turn("assistant", 30, 2), turn("user", 30, 3), turn("assistant", 30, 4)];
    const budget = estimateTokens("я".repeat(30)) * 3;
    expect(trimToBudget(turns, budget).map((t) => t.at)).toEqual([3, 4]);
  });

  it("cuts a huge turn", () => {
    expect(clampTurn(turn("user", 50_000)).content.length).toBe(MAX_TURN_CHARS);
    expect(clampTurn(turn("user", 10)).content.length).toBe(10);
  });
});
