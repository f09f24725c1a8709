// Typed access to the ChatSession Durable Object (workers/objects/chat-session.ts): which instance
// holds what. History is per user and cabinet; the daily quota is per user.

import type { ChatSession } from "../objects/chat-session";

export type { HistoryTurn, QuotaReservation, QuotaUsage } from "../objects/chat-session";

function namespace(env: Env): DurableObjectNamespace<ChatSession> {
  // wrangler types cannot see the class behind the binding; this is the one place that says it.
  return env.CHAT_SESSION as unknown as DurableObjectNamespace<ChatSession>;
}

export function chatHistoryOf(env: Env, userId: number, cabinetId: string): DurableObjectStub<ChatSession> {
  const ns = namespace(env);
  return ns.get(ns.idFromName(`chat:${userId}:${cabinetId}`));
}

export function chatQuotaOf(env: Env, userId: number): DurableObjectStub<ChatSession> {
  const ns = namespace(env);
  return ns.get(ns.idFromName(`quota:${userId}`));
}
