// The AI providers against the fake OpenAI-compatible server on loopback (real HTTP, real SDK).

import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import { aiProviderFor, aiSettings, requireAiProvider } from "../../workers/ai/provider";
import { AiNotConfiguredError, AiProviderError } from "../../workers/ai/types";
import { FAKE_OPENAI_KEY, fakeOpenAi, withFakeAi } from "../support/fake-openai";

describe("AI provider selection", () => {
  it("is off without configuration, with a Russian message", () => {
    const bare = { ...env, OPENAI_BASE_URL: "", OPENAI_API_KEY: "" } as Env;
    expect(aiProviderFor(bare)).toBeNull();
    expect(() => requireAiProvider(bare)).toThrow(AiNotConfiguredError);
    try {
      requireAiProvider(bare);
    } catch (error) {
      expect((error as AiNotConfiguredError).userMessage).toMatch(/ИИ-ассистент не настроен/);
    }
  });

  it("reads the daily limit and falls back on nonsense", () => {
    expect(aiSettings({ ...env, AI_DAILY_LIMIT: "5" } as Env).dailyLimit).toBe(5);
    expect(aiSettings({ ...env, AI_DAILY_LIMIT: "-3" } as Env).dailyLimit).toBe(30);
    expect(aiSettings({ ...env, AI_DAILY_LIMIT: "abc" } as Env).dailyLimit).toBe(30);
  });
});

describe("OpenAI-compatible provider", () => {
  it("chats, sending the key and the model names", async () => {
    const fake = fakeOpenAi();
    await fake.script([{ content: "Привет! Заказов за неделю: 42." }]);
    const provider = requireAiProvider(withFakeAi(env, fake, { AI_CHAT_MODEL: "test-chat" }));
    const result = await provider.chat({ messages: [{ role: "user", content: "Сколько заказов?" }] });
    expect(result.content).toBe("Привет! Заказов за неделю: 42.");
    expect(result.toolCalls).toEqual([]);
    const [request] = await fake.requests();
    expect(request?.headers.authorization).toBe(`Bearer ${FAKE_OPENAI_KEY}`);
    expect(request?.body.model).toBe("test-chat");
  });

  it("streams deltas that add up to the answer, and tool calls", async () => {
    const fake = fakeOpenAi();
    const provider = requireAiProvider(withFakeAi(env, fake));
    await fake.script([{ content: "Один два три четыре пять шесть семь восемь девять десять" }, { toolCalls: [{ name: "sales_summary", arguments: { period: "7d" } }] }]);
    const deltas: string[] = [];
    const streamed = await provider.chat({ messages: [{ role: "user", content: "Считай" }], onDelta: (d) => deltas.push(d) });
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(streamed.content);
    const withTools = await provider.chat({
      messages: [{ role: "user", content: "Продажи?" }],
      tools: [{ name: "sales_summary", description: "sales", parameters: { type: "object", properties: { period: { type: "string" } } } }],
      onDelta: () => undefined,
    });
    expect(withTools.toolCalls).toHaveLength(1);
    expect(withTools.toolCalls[0]?.name).toBe("sales_summary");
    expect(JSON.parse(withTools.toolCalls[0]?.arguments ?? "")).toEqual({ period: "7d" });
    expect(withTools.finishReason).toBe("tool_calls");
  });

  it("embeds in input order with the configured size", async () => {
    const fake = fakeOpenAi();
    const provider = requireAiProvider(withFakeAi(env, fake, { AI_EMBEDDING_DIMENSIONS: "64" }));
    const texts = Array.from({ length: 130 }, (_, i) => `платье номер ${i}`);
    const vectors = await provider.embed(texts);
    expect(vectors).toHaveLength(130);
    expect(vectors.every((v) => v.length === 64)).toBe(true);
    const again = await provider.embed([texts[77] ?? ""]);
    expect(Array.from(again[0] ?? [])).toEqual(Array.from(vectors[77] ?? []));
    const requests = await fake.requests();
    expect(requests).toHaveLength(3); // 96 + 34, then 1
    expect(requests[0]?.body.dimensions).toBe(64);
  });

  it("retries server errors and a 429 within limits, then answers", async () => {
    const fake = fakeOpenAi();
    await fake.script([{ status: 500 }, { status: 429 }, { content: "после повторов" }]);
    const provider = requireAiProvider(withFakeAi(env, fake));
    const result = await provider.chat({ messages: [{ role: "user", content: "вопрос" }] });
    expect(result.content).toBe("после повторов");
    expect(await fake.requests()).toHaveLength(3);
  });

  it("gives up after its retries with a Russian message", async () => {
    const fake = fakeOpenAi();
    await fake.script([{ status: 503 }, { status: 503 }, { status: 503 }, { content: "не дойдёт" }]);
    const provider = requireAiProvider(withFakeAi(env, fake));
    const error = await provider.chat({ messages: [{ role: "user", content: "вопрос" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiProviderError);
    expect((error as AiProviderError).userMessage).toMatch(/временно недоступен/);
    expect(await fake.requests()).toHaveLength(3);
  });

  it("times out a silent provider in bounded time", async () => {
    const fake = fakeOpenAi();
    await fake.script([{ delayMs: 3_000, then: { content: "поздно" } }, { delayMs: 3_000, then: { content: "поздно" } }, { delayMs: 3_000, then: { content: "поздно" } }]);
    const provider = requireAiProvider(withFakeAi(env, fake, { AI_TIMEOUT_MS: "200" }));
    const started = Date.now();
    const error = await provider.chat({ messages: [{ role: "user", content: "вопрос" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiProviderError);
    expect((error as AiProviderError).userMessage).toMatch(/не ответил вовремя/);
    expect(Date.now() - started).toBeLessThan(2_900);
  });

  it("reports a refused key clearly, without retrying it", async () => {
    const fake = fakeOpenAi();
    await fake.script([{ status: 401, endpoint: "embeddings", body: { error: { message: "Incorrect API key", type: "invalid_request_error" } } }]);
    const provider = requireAiProvider(withFakeAi(env, fake));
    const error = await provider.embed(["текст"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiProviderError);
    expect((error as AiProviderError).status).toBe(401);
    expect((error as AiProviderError).userMessage).toMatch(/OPENAI_API_KEY/);
    expect(await fake.requests()).toHaveLength(1);
  });
});
