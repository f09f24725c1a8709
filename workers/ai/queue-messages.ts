// The "ai" queue's messages: background AI work of one cabinet, one bounded step per message.

import { aiProviderFor } from "./provider";

export type AiMessage =
  /** Re-index the cabinet's chunks; `embedOnly` = a continuation that only embeds what is pending. */
  | { kind: "index"; cabinetId: string; embedOnly?: boolean }
  /** Answer new 4–5★ reviews where the cabinet allows it. */
  | { kind: "auto_replies"; cabinetId: string };

export function parseAiMessage(body: unknown): AiMessage | null {
  if (typeof body !== "object" || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.cabinetId !== "string" || b.cabinetId === "" || b.cabinetId.length > 64) return null;
  if (b.kind === "index") return { kind: "index", cabinetId: b.cabinetId, ...(b.embedOnly === true ? { embedOnly: true } : {}) };
  if (b.kind === "auto_replies") return { kind: "auto_replies", cabinetId: b.cabinetId };
  return null;
}

/** Queues AI work; without a provider there is nothing to do and nothing is queued. */
export async function enqueueAiWork(env: Env, message: AiMessage, delaySeconds = 0): Promise<boolean> {
  if (!aiProviderFor(env)) return false;
  await env.AI_QUEUE.send(message, delaySeconds > 0 ? { delaySeconds } : undefined);
  return true;
}
