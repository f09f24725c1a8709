// The Workers AI provider and the Vectorize index against recording stand-ins for their bindings
// (neither has a local simulation).

import { describe, expect, it } from "vitest";

import { createWorkersAiProvider } from "../../workers/ai/providers/workers-ai";
import { AiProviderError } from "../../workers/ai/types";
import { createVectorizeIndex } from "../../workers/ai/vector-index/vectorize";

function recordingAi(answers: unknown[]) {
  const calls: { model: string; input: Record<string, unknown> }[] = [];
  return {
    calls,
    run: async (model: string, input: Record<string, unknown>) => {
      calls.push({ model, input });
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return next;
    },
  };
}

const options = { chatModel: "@cf/meta/llama-3.3-70b-instruct-fp8-fast", embeddingModel: "@cf/baai/bge-m3", timeoutMs: 1_000 };

describe("Workers AI provider", () => {
  it("maps tools and tool results both ways", async () => {
    const ai = recordingAi([{ tool_calls: [{ name: "sales_summary", arguments: { period: "7d" } }] }, { response: "Заказов: 5" }]);
    const provider = createWorkersAiProvider(ai, options);
    const first = await provider.chat({ messages: [{ role: "user", content: "Продажи?" }], tools: [{ name: "sales_summary", description: "d", parameters: { type: "object" } }] });
    expect(first.toolCalls).toEqual([{ id: expect.stringMatching(/^wai_/), name: "sales_summary", arguments: '{"period":"7d"}' }]);
    expect(ai.calls[0]?.input.tools).toEqual([{ type: "function", function: { name: "sales_summary", description: "d", parameters: { type: "object" } } }]);
    const deltas: string[] = [];
    const second = await provider.chat({
      messages: [
        { role: "user", content: "Продажи?" },
        { role: "assistant", content: null, toolCalls: first.toolCalls },
        { role: "tool", toolCallId: first.toolCalls[0]?.id ?? "", content: "{}" },
      ],
      onDelta: (d) => deltas.push(d),
    });
    expect(second.content).toBe("Заказов: 5");
    expect(deltas).toEqual(["Заказов: 5"]);
    expect((ai.calls[1]?.input.messages as { role: string }[]).map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
  });

  it("retries once, then fails with a Russian message; embeds in batches", async () => {
    const flaky = recordingAi([new Error("capacity"), { response: "ок" }]);
    expect((await createWorkersAiProvider(flaky, options).chat({ messages: [{ role: "user", content: "?" }] })).content).toBe("ок");
    const broken = recordingAi([new Error("down"), new Error("down")]);
    const error = await createWorkersAiProvider(broken, options).chat({ messages: [{ role: "user", content: "?" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiProviderError);
    expect((error as AiProviderError).userMessage).toMatch(/временно недоступен/);
    const texts = Array.from({ length: 60 }, (_, i) => `t${i}`);
    const embedder = recordingAi([{ data: texts.slice(0, 50).map(() => [1, 0]) }, { data: texts.slice(50).map(() => [0, 1]) }]);
    const vectors = await createWorkersAiProvider(embedder, options).embed(texts);
    expect(vectors).toHaveLength(60);
    expect(embedder.calls.map((c) => (c.input.text as string[]).length)).toEqual([50, 10]);
  });
});

describe("Vectorize index", () => {
  it("stores the scope as metadata and filters every query by it", async () => {
    const calls: { op: string; args: unknown[] }[] = [];
    const binding = {
      upsert: async (...args: unknown[]) => void calls.push({ op: "upsert", args }),
      deleteByIds: async (...args: unknown[]) => void calls.push({ op: "delete", args }),
      query: async (...args: unknown[]) => {
        calls.push({ op: "query", args });
        return { matches: [{ id: "a", score: 0.9 }] };
      },
    };
    const index = createVectorizeIndex(binding);
    await index.upsert([{ id: "a", scope: "cab-1", values: new Float32Array([1, 0]) }]);
    expect(calls[0]?.args[0]).toEqual([{ id: "a", values: new Float32Array([1, 0]), metadata: { scope: "cab-1" } }]);
    expect(await index.query(new Float32Array([1, 0]), { scopes: ["cab-1", "kb"], topK: 5 })).toEqual([{ id: "a", score: 0.9 }]);
    expect(calls[1]?.args[1]).toMatchObject({ topK: 5, filter: { scope: { $in: ["cab-1", "kb"] } }, returnValues: false });
    expect(await index.query(new Float32Array([1, 0]), { scopes: [], topK: 5 })).toEqual([]);
    await index.delete(["a"]);
    expect(calls.at(-1)).toEqual({ op: "delete", args: [["a"]] });
  });
});
