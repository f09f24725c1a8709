// Which AI provider serves this deployment: an OpenAI-compatible endpoint when configured, else the
// Workers AI binding when bound, else none (the assistant says so; the rest of the product works).

import { createOpenAiCompatibleProvider } from "./providers/openai-compatible";
import { createWorkersAiProvider } from "./providers/workers-ai";
import { AiNotConfiguredError, type AiProvider } from "./types";

export const DEFAULT_DAILY_LIMIT = 30;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_EMBEDDING_DIMENSIONS = 512;

export interface AiSettings {
  /** Answered requests per user per Moscow day. */
  dailyLimit: number;
  /** One provider call's timeout. */
  timeoutMs: number;
  /** Embedding size for models that let us choose it. */
  embeddingDimensions: number;
}

function positiveInt(value: string | undefined, fallback: number, max: number): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isInteger(n) && n > 0 && n <= max ? n : fallback;
}

export function aiSettings(env: Env): AiSettings {
  return {
    dailyLimit: positiveInt(env.AI_DAILY_LIMIT, DEFAULT_DAILY_LIMIT, 100_000),
    timeoutMs: positiveInt(env.AI_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, 600_000),
    embeddingDimensions: positiveInt(env.AI_EMBEDDING_DIMENSIONS, DEFAULT_EMBEDDING_DIMENSIONS, 4096),
  };
}

/** Workers AI's binding, when this deployment has one ([env.local] has none: no local simulation). */
function workersAiBinding(env: Env): Ai | undefined {
  return (env as { AI?: Ai }).AI;
}

export function aiProviderFor(env: Env): AiProvider | null {
  const settings = aiSettings(env);
  const baseUrl = env.OPENAI_BASE_URL?.trim();
  const apiKey = env.OPENAI_API_KEY?.trim();
  if (baseUrl || apiKey) {
    return createOpenAiCompatibleProvider({
      baseUrl: baseUrl || "https://api.openai.com/v1",
      // A local OpenAI-compatible server (vLLM, Ollama) may not need a key; the SDK needs a string.
      apiKey: apiKey || "no-key",
      chatModel: env.AI_CHAT_MODEL?.trim() || "gpt-4o-mini",
      embeddingModel: env.AI_EMBEDDING_MODEL?.trim() || "text-embedding-3-small",
      timeoutMs: settings.timeoutMs,
      embeddingDimensions: settings.embeddingDimensions,
    });
  }
  const binding = workersAiBinding(env);
  if (binding) {
    return createWorkersAiProvider(binding, {
      chatModel: env.AI_CHAT_MODEL?.trim() || "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
      embeddingModel: env.AI_EMBEDDING_MODEL?.trim() || "@cf/baai/bge-m3",
      timeoutMs: settings.timeoutMs,
    });
  }
  return null;
}

export function requireAiProvider(env: Env): AiProvider {
  const provider = aiProviderFor(env);
  if (!provider) throw new AiNotConfiguredError();
  return provider;
}
