// Chat and embeddings through the `openai` SDK against any OpenAI-compatible endpoint (OpenAI,
// a proxy, vLLM, the test fake). The SDK's own bounded retries cover 408/409/429/5xx and timeouts
// (honouring Retry-After); everything that still fails becomes an AiProviderError in Russian.

import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";

import { type AiProvider, AiProviderError, type ChatMessage, type ChatRequest, type ChatResult, type ToolCall } from "../types";

export interface OpenAiCompatibleOptions {
  baseUrl: string;
  apiKey: string;
  chatModel: string;
  embeddingModel: string;
  timeoutMs: number;
  embeddingDimensions: number;
  /** Retries of one call inside the SDK (so at most maxRetries + 1 attempts). */
  maxRetries?: number;
}

const EMBEDDING_BATCH = 96;

export function createOpenAiCompatibleProvider(options: OpenAiCompatibleOptions): AiProvider {
  const client = new OpenAI({ baseURL: options.baseUrl, apiKey: options.apiKey, timeout: options.timeoutMs, maxRetries: options.maxRetries ?? 2 });
  // Models with a fixed size (ada-002, most local models) reject `dimensions`; text-embedding-3-*
  // and compatible servers that accept it get the configured size.
  const sendDimensions = !/ada-002/.test(options.embeddingModel);

  async function chat(request: ChatRequest): Promise<ChatResult> {
    const params = {
      model: options.chatModel,
      messages: request.messages.map(toWireMessage),
      ...(request.tools && request.tools.length > 0 ? { tools: request.tools.map(toWireTool) } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
      ...(request.json ? { response_format: { type: "json_object" as const } } : {}),
    };
    try {
      if (!request.onDelta) {
        const completion = await client.chat.completions.create({ ...params, stream: false }, { signal: request.signal });
        const choice = completion.choices[0];
        if (!choice) throw malformed("no choices");
        const toolCalls: ToolCall[] = (choice.message.tool_calls ?? []).flatMap((c) =>
          c.type === "function" ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : [],
        );
        return {
          content: choice.message.content ?? "",
          toolCalls,
          finishReason: choice.finish_reason ?? "stop",
          usage: completion.usage ? { promptTokens: completion.usage.prompt_tokens, completionTokens: completion.usage.completion_tokens } : undefined,
        };
      }
      const stream = await client.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } }, { signal: request.signal });
      let content = "";
      let finishReason = "stop";
      let usage: ChatResult["usage"];
      const calls = new Map<number, ToolCall>();
      for await (const chunk of stream) {
        if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
        const choice = chunk.choices[0];
        if (!choice) continue;
        const delta = choice.delta;
        if (delta.content) {
          content += delta.content;
          request.onDelta(delta.content);
        }
        for (const part of delta.tool_calls ?? []) {
          const call = calls.get(part.index) ?? { id: "", name: "", arguments: "" };
          if (part.id) call.id = part.id;
          if (part.function?.name) call.name += part.function.name;
          if (part.function?.arguments) call.arguments += part.function.arguments;
          calls.set(part.index, call);
        }
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
      const toolCalls = [...calls.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
      if (toolCalls.some((c) => !c.id || !c.name)) throw malformed("a streamed tool call without id or name");
      return { content, toolCalls, finishReason, usage };
    } catch (error) {
      throw asProviderError(error);
    }
  }

  async function embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    try {
      for (let i = 0; i < texts.length; i += EMBEDDING_BATCH) {
        const batch = texts.slice(i, i + EMBEDDING_BATCH);
        const response = await client.embeddings.create(
          { model: options.embeddingModel, input: batch, ...(sendDimensions ? { dimensions: options.embeddingDimensions } : {}), encoding_format: "float" },
          { signal },
        );
        if (response.data.length !== batch.length) throw malformed(`${response.data.length} embeddings for ${batch.length} texts`);
        const ordered = [...response.data].sort((a, b) => a.index - b.index);
        for (const item of ordered) {
          if (!Array.isArray(item.embedding) || item.embedding.length === 0) throw malformed("an empty embedding");
          out.push(Float32Array.from(item.embedding));
        }
      }
      return out;
    } catch (error) {
      throw asProviderError(error);
    }
  }

  return { name: "openai-compatible", chatModel: options.chatModel, embeddingModel: options.embeddingModel, chat, embed };
}

function toWireTool(tool: { name: string; description: string; parameters: Record<string, unknown> }): ChatCompletionTool {
  return { type: "function", function: { name: tool.name, description: tool.description, parameters: tool.parameters } };
}

function toWireMessage(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case "system":
    case "user":
      return { role: message.role, content: message.content };
    case "assistant":
      return {
        role: "assistant",
        content: message.content,
        ...(message.toolCalls && message.toolCalls.length > 0
          ? { tool_calls: message.toolCalls.map((c) => ({ id: c.id, type: "function" as const, function: { name: c.name, arguments: c.arguments } })) }
          : {}),
      };
    case "tool":
      return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
  }
}

function malformed(what: string): AiProviderError {
  return new AiProviderError(`malformed provider answer: ${what}`, "ИИ-сервис вернул непонятный ответ. Попробуйте ещё раз.");
}

function asProviderError(error: unknown): AiProviderError {
  if (error instanceof AiProviderError) return error;
  if (error instanceof APIUserAbortError) return new AiProviderError("aborted", "Запрос к ИИ отменён.");
  if (error instanceof APIConnectionTimeoutError) return new AiProviderError("provider timeout", "ИИ не ответил вовремя. Попробуйте ещё раз.");
  if (error instanceof APIConnectionError) return new AiProviderError(`provider unreachable: ${error.message}`, "ИИ-сервис временно недоступен. Попробуйте через минуту.");
  if (error instanceof APIError) {
    const status = error.status;
    if (status === 401 || status === 403) return new AiProviderError(`provider refused the key (${status})`, "Ключ ИИ-сервиса отклонён — администратору нужно проверить OPENAI_API_KEY.", status);
    if (status === 429) return new AiProviderError("provider rate limit", "ИИ-сервис перегружен. Попробуйте через минуту.", status);
    if (status !== undefined && status >= 500) return new AiProviderError(`provider ${status}`, "ИИ-сервис временно недоступен. Попробуйте через минуту.", status);
    return new AiProviderError(`provider ${status ?? "error"}: ${error.message}`, "ИИ-сервис отклонил запрос. Попробуйте переформулировать.", status);
  }
  if (error instanceof SyntaxError) return malformed(error.message);
  return new AiProviderError(error instanceof Error ? error.message : String(error), "ИИ-сервис временно недоступен. Попробуйте через минуту.");
}
