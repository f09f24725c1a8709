// How much chat history fits the model's context: a cheap token estimate and the trimming rule.
// Exact tokenisation differs per model; about 3 characters per token is a safe side for Russian
// (Cyrillic costs more tokens per character than English), plus a few tokens of framing per turn.

export interface Turn {
  role: "user" | "assistant";
  content: string;
  at: number;
}

/** A single stored turn is cut to this many characters (a pasted novel must not evict everything). */
export const MAX_TURN_CHARS = 6_000;
export const DEFAULT_HISTORY_BUDGET_TOKENS = 4_000;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3) + 4;
}

export function clampTurn<T extends Turn>(turn: T): T {
  return turn.content.length <= MAX_TURN_CHARS ? turn : { ...turn, content: `${turn.content.slice(0, MAX_TURN_CHARS - 1)}…` };
}

/**
 * The newest turns whose estimated tokens fit `budgetTokens`, oldest first. The latest two turns
 * (normally the last question and its answer) are always kept, even alone over the budget.
 */
export function trimToBudget<T extends Turn>(turns: readonly T[], budgetTokens = DEFAULT_HISTORY_BUDGET_TOKENS): T[] {
  const kept: T[] = [];
  let used = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i] as T;
    const cost = estimateTokens(turn.content);
    const mustKeep = turns.length - i <= 2;
    if (!mustKeep && used + cost > budgetTokens) break;
    used += cost;
    kept.push(turn);
  }
  // A history never starts with an answer whose question was trimmed away.
  while (kept.length > 2 && kept[kept.length - 1]?.role === "assistant") kept.pop();
  return kept.reverse();
}
