// Chat and embeddings through the Workers AI binding (production deployments without an
// OpenAI-compatible endpoint). Workers AI's function calling answers `{ response, tool_calls }`
// without ids, so ids are made here; it does not stream tool calls, so the answer arrives whole.

import { AiProviderError, type AiProvider, type ChatMessage, type ChatRequest, type ChatResult } from "../types";

/** The part of the binding used here (its generated type is one overload per model). */
export interface WorkersAiRunner {
  run(model: string, input: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
}

export interface WorkersAiOptions {
  chatModel: string;
  embeddingModel: string;
  timeoutMs: number;
}

interface WorkersAiChatOutput {
  response?: unknown;
  tool_calls?: { name?: unknown; arguments?: unknown }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

const EMBEDDING_BATCH = 50;

export function createWorkersAiProvider(binding: Ai | WorkersAiRunner, options: WorkersAiOptions): AiProvider {
  const ai = binding as unknown as WorkersAiRunner;
  let serial = 0;

  /** One retry: the binding has no retries of its own and fails transiently under load. */
  async function runWithRetry(model: string, input: Record<string, unknown>, signal?: AbortSignal): Promise<unknown> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 2; attempt++) {
      if (signal?.aborted) throw new AiProviderError("aborted", "Запрос к ИИ отменён.");
      try {
        return await withTimeout(ai.run(model, input), options.timeoutMs);
      } catch (error) {
        lastError = error;
      }
    }
    if (lastError instanceof AiProviderError) throw lastError;
    throw new AiProviderError(`workers ai: ${lastError instanceof Error ? lastError.message : String(lastError)}`, "ИИ-сервис временно недоступен. Попробуйте через минуту.");
  }

  async function chat(request: ChatRequest): Promise<ChatResult> {
    const input: Record<string, unknown> = { messages: request.messages.map(toWorkersAiMessage) };
    if (request.tools && request.tools.length > 0) {
      input.tools = request.tools.map((t) => ({ type: "function", function: { name: t.name, description: t.description, parameters: t.parameters } }));
    }
    if (request.maxTokens !== undefined) input.max_tokens = request.maxTokens;
    if (request.temperature !== undefined) input.temperature = request.temperature;
    if (request.json) input.response_format = { type: "json_object" };
    const output = (await runWithRetry(options.chatModel, input, request.signal)) as WorkersAiChatOutput | null;
    if (!output || typeof output !== "object") throw new AiProviderError("workers ai: empty answer", "ИИ-сервис вернул непонятный ответ. Попробуйте ещё раз.");
    const toolCalls = (output.tool_calls ?? []).flatMap((c) =>
      typeof c.name === "string" && c.name !== ""
        ? [{ id: `wai_${++serial}`, name: c.name, arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments ?? {}) }]
        : [],
    );
    const content = typeof output.response === "string" ? output.response : output.response === undefined || output.response === null ? "" : JSON.stringify(output.response);
    if (content && request.onDelta) request.onDelta(content);
    return {
      content,
      toolCalls,
      finishReason: toolCalls.length > 0 ? "tool_calls" : "stop",
      usage: output.usage ? { promptTokens: output.usage.prompt_tokens ?? 0, completionTokens: output.usage.completion_tokens ?? 0 } : undefined,
    };
  }

  async function embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += EMBEDDING_BATCH) {
      const batch = texts.slice(i, i + EMBEDDING_BATCH);
      const output = (await runWithRetry(options.embeddingModel, { text: batch }, signal)) as { data?: unknown } | null;
      const data = output?.data;
      if (!Array.isArray(data) || data.length !== batch.length) {
        throw new AiProviderError("workers ai: embeddings do not match the input", "ИИ-сервис вернул непонятный ответ. Попробуйте ещё раз.");
      }
      for (const vector of data) out.push(Float32Array.from(vector as number[]));
    }
    return out;
  }

  return { name: "workers-ai", chatModel: options.chatModel, embeddingModel: options.embeddingModel, chat, embed };
}

function toWorkersAiMessage(message: ChatMessage): Record<string, unknown> {
  switch (message.role) {
    case "assistant":
      return message.toolCalls && message.toolCalls.length > 0
        ? { role: "assistant", content: message.content ?? "", tool_calls: message.toolCalls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })) }
        : { role: "assistant", content: message.content ?? "" };
    case "tool":
      return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
    default:
      return { role: message.role, content: message.content };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new AiProviderError("workers ai timeout", "ИИ не ответил вовремя. Попробуйте ещё раз.")), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
