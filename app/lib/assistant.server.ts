// The assistant's outcomes as the dashboard shows them: one shape for the streamed answer's last
// event, the no-JavaScript form answer and the history, with Russian texts for every failure.

import type { AssistantOutcome } from "../../workers/ai/assistant";
import { limitMessage } from "../../workers/ai/assistant";
import { TOOL_TITLES } from "../../workers/ai/tools";
import { fmtMoscow } from "./format";

export interface AnswerView {
  ok: true;
  answer: string;
  tools: { name: string; title: string; arguments: Record<string, unknown>; result: unknown }[];
  sources: { key: string; title: string }[];
  remaining: number;
  limit: number;
}

export interface FailureView {
  ok: false;
  kind: Exclude<AssistantOutcome["kind"], "answered">;
  message: string;
}

export function outcomeView(outcome: AssistantOutcome): AnswerView | FailureView {
  switch (outcome.kind) {
    case "answered":
      return {
        ok: true,
        answer: outcome.text,
        tools: outcome.toolUses.map((u) => ({ name: u.name, title: TOOL_TITLES[u.name] ?? u.name, arguments: u.arguments, result: u.result })),
        sources: outcome.sources.map((s) => ({ key: s.key, title: s.title })),
        remaining: outcome.remaining,
        limit: outcome.limit,
      };
    case "limit_reached":
      return { ok: false, kind: outcome.kind, message: `${limitMessage(outcome.limit)} Сброс: ${fmtMoscow(outcome.resetsAt)} МСК.` };
    default:
      return { ok: false, kind: outcome.kind, message: outcome.message };
  }
}
