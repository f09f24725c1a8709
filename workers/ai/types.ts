// The AI layer's contracts: a chat/embedding provider, a vector index, and the errors they raise.
// Implementations: providers/openai-compatible.ts (the `openai` SDK), providers/workers-ai.ts (the
// AI binding); vector-index/d1-exact.ts (D1, exact cosine), vector-index/vectorize.ts (Vectorize).

/** A tool call the model asked for. `arguments` is the model's raw JSON text (validated by the tool). */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

export type ChatMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string | null; toolCalls?: ToolCall[] }
  | { role: "tool"; toolCallId: string; content: string };

/** A function the model may call: JSON Schema parameters (type "object"). */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  tools?: ToolSpec[];
  temperature?: number;
  maxTokens?: number;
  /** Ask for a JSON object as the answer (OpenAI's `response_format: json_object`). */
  json?: boolean;
  /** Streamed text as it arrives (the final answer's tokens); providers that cannot stream call it once. */
  onDelta?: (text: string) => void;
  signal?: AbortSignal;
}

export interface ChatResult {
  content: string;
  toolCalls: ToolCall[];
  /** "stop" | "tool_calls" | "length" | … as the provider reported it. */
  finishReason: string;
  usage?: { promptTokens: number; completionTokens: number };
}

export interface AiProvider {
  /** "openai-compatible" | "workers-ai" */
  readonly name: string;
  readonly chatModel: string;
  readonly embeddingModel: string;
  chat(request: ChatRequest): Promise<ChatResult>;
  /** One vector per text, same order, L2-normalised or not (the index normalises). */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

/** A stored vector: `id` = ai_chunks.id; `scope` = cabinet id or "kb". */
export interface VectorRecord {
  id: string;
  scope: string;
  values: Float32Array;
}

export interface VectorMatch {
  id: string;
  /** Cosine similarity, -1..1. */
  score: number;
}

export interface VectorQuery {
  /** Only vectors whose scope is one of these are considered (the cabinet's id and "kb"). */
  scopes: readonly string[];
  topK: number;
}

export interface VectorIndex {
  readonly name: string;
  upsert(records: readonly VectorRecord[]): Promise<void>;
  delete(ids: readonly string[]): Promise<void>;
  query(values: Float32Array, query: VectorQuery): Promise<VectorMatch[]>;
}

/** No provider is configured: the assistant is off, everything else works. */
export class AiNotConfiguredError extends Error {
  override name = "AiNotConfiguredError";
  readonly userMessage =
    "ИИ-ассистент не настроен: администратору нужно указать OPENAI_BASE_URL и OPENAI_API_KEY (или подключить Workers AI). Остальные функции работают как обычно.";
  constructor() {
    super("No AI provider: set OPENAI_BASE_URL/OPENAI_API_KEY or bind Workers AI");
  }
}

/** The provider failed after the retries it was allowed (timeout, 5xx, 429, refused key, bad answer). */
export class AiProviderError extends Error {
  override name = "AiProviderError";
  constructor(
    message: string,
    /** Russian, for the seller. */
    readonly userMessage: string,
    /** HTTP status, when there was one. */
    readonly status?: number,
  ) {
    super(message);
  }
}
