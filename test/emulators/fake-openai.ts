// A fake OpenAI-compatible server on loopback: `/v1/chat/completions` (plain and streamed, with tool
// calls) and `/v1/embeddings`, speaking OpenAI's wire format so the real `openai` SDK talks to it.
// It records every request and can be scripted, per namespace (`/ns/<name>/v1/...`, control API at
// `/ns/<name>/__control/{script,requests,reset}`), so test files running in parallel do not mix.
//
// Without a script it plays a small deterministic "model": hashed bag-of-words embeddings (so RAG
// retrieval is lexical but real), tool choice by Russian keywords, answers that quote the tool
// results and context it was given. Used by the tests and by `npm start -- --fake-ai`.
//
// Erasable-only TypeScript (no enums, no parameter properties): plain Node 24 runs it by stripping types.

import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type Scripted =
  | { match?: string; content: string }
  | { match?: string; toolCalls: { name: string; arguments: Record<string, unknown> | string }[] }
  | { match?: string; status: number; body?: Record<string, unknown>; endpoint?: "chat" | "embeddings" }
  | { match?: string; delayMs: number; then?: Scripted; endpoint?: "chat" | "embeddings" };

export interface RecordedRequest {
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

interface Namespace {
  script: Scripted[];
  requests: RecordedRequest[];
}

interface WireMessage {
  role: string;
  content?: string | null | { type: string; text?: string }[];
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
  name?: string;
}

interface WireTool {
  type: string;
  function: { name: string; description?: string; parameters?: unknown };
}

export interface FakeOpenAi {
  url: string;
  close(): Promise<void>;
}

export async function startFakeOpenAi(options: { port?: number; host?: string } = {}): Promise<FakeOpenAi> {
  const namespaces = new Map<string, Namespace>();
  const ns = (name: string): Namespace => {
    let n = namespaces.get(name);
    if (!n) {
      n = { script: [], requests: [] };
      namespaces.set(name, n);
    }
    return n;
  };
  let callSerial = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: "server_error" } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    let path = url.pathname;
    let name = "default";
    const nsMatch = /^\/ns\/([^/]+)(\/.*)$/.exec(path);
    if (nsMatch) {
      name = decodeURIComponent(nsMatch[1] ?? "default");
      path = nsMatch[2] ?? "/";
    }
    const space = ns(name);
    const raw = await readBody(req);

    if (path === "/__control/script" && req.method === "POST") {
      const parsed = JSON.parse(raw || "{}") as { responses?: Scripted[] };
      space.script.push(...(parsed.responses ?? []));
      return sendJson(res, 200, { queued: space.script.length });
    }
    if (path === "/__control/requests" && req.method === "GET") return sendJson(res, 200, space.requests as unknown as Json);
    if (path === "/__control/reset" && req.method === "POST") {
      space.script.length = 0;
      space.requests.length = 0;
      return sendJson(res, 200, { ok: true });
    }

    const auth = req.headers.authorization;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw || "{}") as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, { error: { message: "Invalid JSON body", type: "invalid_request_error" } });
    }
    space.requests.push({ path, headers: { authorization: auth ?? "", "content-type": String(req.headers["content-type"] ?? "") }, body });
    if (!auth || !/^Bearer \S+/.test(auth)) {
      return sendJson(res, 401, { error: { message: "You didn't provide an API key.", type: "invalid_request_error", code: "invalid_api_key" } });
    }

    if (path === "/v1/embeddings" && req.method === "POST") {
      // Only entries addressed to embeddings (errors, delays) apply here; they never carry answers.
      const i = space.script.findIndex((s) => "endpoint" in s && s.endpoint === "embeddings");
      let step = i >= 0 ? space.script.splice(i, 1)[0] : undefined;
      while (step && "delayMs" in step) {
        await new Promise((r) => setTimeout(r, step && "delayMs" in step ? step.delayMs : 0));
        step = step.then;
      }
      if (step && "status" in step) return sendJson(res, step.status, (step.body ?? { error: { message: `Scripted error ${step.status}`, type: "server_error" } }) as Json);
      return embeddings(res, body);
    }
    if (path === "/v1/chat/completions" && req.method === "POST") {
      const messages = (body.messages ?? []) as WireMessage[];
      const scripted = takeScripted(space, lastUserText(messages));
      return respondChat(res, body, scripted);
    }
    return sendJson(res, 404, { error: { message: `Unknown path ${path}`, type: "invalid_request_error" } });
  }

  function takeScripted(space: Namespace, userText: string): Scripted | undefined {
    const forChat = (s: Scripted) => !("endpoint" in s) || s.endpoint !== "embeddings";
    const matching = space.script.findIndex((s) => forChat(s) && s.match !== undefined && userText.includes(s.match));
    if (matching >= 0) return space.script.splice(matching, 1)[0];
    const plain = space.script.findIndex((s) => forChat(s) && s.match === undefined);
    return plain >= 0 ? space.script.splice(plain, 1)[0] : undefined;
  }

  async function respondChat(res: ServerResponse, body: Record<string, unknown>, scripted: Scripted | undefined): Promise<void> {
    let step = scripted;
    while (step && "delayMs" in step) {
      await new Promise((r) => setTimeout(r, step && "delayMs" in step ? step.delayMs : 0));
      if (res.destroyed || res.writableEnded) return;
      step = step.then;
    }
    if (step && "status" in step) {
      return sendJson(res, step.status, (step.body ?? { error: { message: `Scripted error ${step.status}`, type: "server_error" } }) as Json);
    }
    let content: string | null = null;
    let toolCalls: { id: string; name: string; arguments: string }[] = [];
    if (step && "content" in step) content = step.content;
    else if (step && "toolCalls" in step) {
      toolCalls = step.toolCalls.map((c) => ({ id: `call_${++callSerial}`, name: c.name, arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments) }));
    } else {
      const answer = defaultModel(body);
      content = answer.content;
      toolCalls = answer.toolCalls.map((c) => ({ id: `call_${++callSerial}`, ...c }));
    }
    const model = typeof body.model === "string" ? body.model : "fake-model";
    const finish = toolCalls.length > 0 ? "tool_calls" : "stop";
    const id = `chatcmpl-${++callSerial}`;
    const created = Math.floor(Date.now() / 1000);
    const promptTokens = Math.ceil(JSON.stringify(body.messages ?? []).length / 4);
    const completionTokens = Math.ceil(((content ?? "").length + JSON.stringify(toolCalls).length) / 4);

    if (body.stream === true) {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
      const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
        `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
      res.write(chunk({ role: "assistant", content: "" }, null));
      for (const piece of splitForStream(content ?? "")) {
        res.write(chunk({ content: piece }, null));
        await new Promise((r) => setTimeout(r, 2));
      }
      toolCalls.forEach((call, index) => {
        const half = Math.ceil(call.arguments.length / 2);
        res.write(chunk({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: call.arguments.slice(0, half) } }] }, null));
        res.write(chunk({ tool_calls: [{ index, function: { arguments: call.arguments.slice(half) } }] }, null));
      });
      res.write(chunk({}, finish));
      res.write("data: [DONE]\n\n");
      res.end();
      return;
    }
    sendJson(res, 200, {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content,
            ...(toolCalls.length > 0 ? { tool_calls: toolCalls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })) } : {}),
          },
          finish_reason: finish,
        },
      ],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    } as unknown as Json);
  }

  function embeddings(res: ServerResponse, body: Record<string, unknown>): void {
    const input = body.input;
    const texts = Array.isArray(input) ? input.map(String) : [String(input ?? "")];
    const dims = typeof body.dimensions === "number" && body.dimensions > 0 ? Math.min(4096, body.dimensions) : 256;
    sendJson(res, 200, {
      object: "list",
      data: texts.map((text, index) => ({ object: "embedding", index, embedding: embedText(text, dims) })),
      model: typeof body.model === "string" ? body.model : "fake-embedding",
      usage: { prompt_tokens: texts.join(" ").length, total_tokens: texts.join(" ").length },
    } as unknown as Json);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  server.unref();
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// The default deterministic model

const STOP_WORDS = new Set(
  "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтобы без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между the a an of to is in and for on what how".split(
    " ",
  ),
);

function tokens(text: string): string[] {
  return (text.toLowerCase().replace(/ё/g, "е").match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w)).map((w) => (w.length > 6 ? w.slice(0, 6) : w));
}

function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Hashed bag of words plus character 4-grams, L2-normalised. */
export function embedText(text: string, dims: number): number[] {
  const v = new Float64Array(dims);
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature);
    const sign = fnv1a(feature, 0x12345678) & 1 ? 1 : -1;
    v[h % dims] = (v[h % dims] ?? 0) + sign * weight;
  };
  for (const word of tokens(text)) {
    add(`w:${word}`, 1);
    if (word.length >= 5) for (let i = 0; i + 4 <= word.length; i++) add(`g:${word.slice(i, i + 4)}`, 0.25);
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return Array.from(v, (x) => Math.round((x / norm) * 1e6) / 1e6);
}

function textOf(content: WireMessage["content"]): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => p.text ?? "").join("");
  return "";
}

function lastUserText(messages: WireMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === "user") return textOf(messages[i]?.content);
  return "";
}

const TOOL_RULES: { name: string; test: RegExp; args: (text: string) => Record<string, unknown> }[] = [
  {
    name: "sales_summary",
    test: /продаж|заказ|выручк|оборот/i,
    args: (t) => ({ period: /сегодня/i.test(t) ? "today" : /вчера/i.test(t) ? "yesterday" : /месяц|30/i.test(t) ? "30d" : "7d" }),
  },
  { name: "top_products", test: /топ|лучш|популярн|больше всего/i, args: () => ({ days: 30, limit: 5 }) },
  { name: "sku_stock", test: /остат|запас|хватит|склад/i, args: (t) => ({ article: articleIn(t) ?? "" }) },
  {
    name: "reviews_summary",
    test: /отзыв|рейтинг|оценк/i,
    args: (t) => {
      const nm = /\b(\d{5,})\b/.exec(t)?.[1];
      return nm ? { days: 30, nmId: Number(nm) } : { days: 30 };
    },
  },
  { name: "unit_economics", test: /прибыл|марж|юнит|экономик|окупа/i, args: (t) => ({ article: articleIn(t) ?? "" }) },
  { name: "sku_price", test: /цен[аыуе]|скидк|подорож|дешев/i, args: (t) => ({ article: articleIn(t) ?? "" }) },
];

function articleIn(text: string): string | null {
  const digits = /\b(\d{5,})\b/.exec(text)?.[1];
  if (digits) return digits;
  return /\b([A-Za-zА-Яа-я]{1,6}-[\w-]+)\b/.exec(text)?.[1] ?? null;
}

function defaultModel(body: Record<string, unknown>): { content: string | null; toolCalls: { name: string; arguments: string }[] } {
  const messages = (body.messages ?? []) as WireMessage[];
  const tools = ((body.tools ?? []) as WireTool[]).map((t) => t.function.name);
  const userText = lastUserText(messages);
  let lastUser = -1;
  messages.forEach((m, i) => {
    if (m.role === "user") lastUser = i;
  });
  const toolMessages = messages.slice(lastUser + 1).filter((m) => m.role === "tool");

  if (tools.length > 0 && toolMessages.length === 0) {
    const calls = TOOL_RULES.filter((r) => tools.includes(r.name) && r.test.test(userText)).map((r) => ({ name: r.name, arguments: JSON.stringify(r.args(userText)) }));
    if (calls.length > 0) return { content: null, toolCalls: calls };
  }

  const format = body.response_format as { type?: string } | undefined;
  if (format?.type === "json_object") return { content: JSON.stringify(jsonAnswer(userText)), toolCalls: [] };

  if (tools.length === 0) return { content: politeReply(userText), toolCalls: [] };

  const lines: string[] = [];
  if (toolMessages.length > 0) {
    lines.push("По данным кабинета:");
    const assistantCalls = messages.slice(lastUser + 1).flatMap((m) => m.tool_calls ?? []);
    for (const m of toolMessages) {
      const name = assistantCalls.find((c) => c.id === m.tool_call_id)?.function.name ?? "tool";
      lines.push(`${name}:`);
      const json = textOf(m.content).replace(/^\s*<data[^>]*>\s*|\s*<\/data>\s*$/g, "");
      lines.push(...renderJson(json).slice(0, 12).map((l) => `• ${l}`));
    }
  }
  const context = messages
    .filter((m) => m.role === "system" || m.role === "user")
    .flatMap((m) => [...textOf(m.content).matchAll(/<data source="(?!tool")[^>]*>([\s\S]*?)<\/data>/g)].map((x) => (x[1] ?? "").trim()))
    .slice(0, 3);
  if (context.length > 0) {
    lines.push("Из базы знаний и данных кабинета:");
    for (const c of context) lines.push(`— ${(c.split(/(?<=[.!?])\s/)[0] ?? c).slice(0, 300)}`);
  }
  if (lines.length === 0) lines.push("Не нашёл данных для ответа на этот вопрос. Уточните период или артикул.");
  return { content: lines.join("\n"), toolCalls: [] };
}

function renderJson(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [text.slice(0, 200)];
  }
  const out: string[] = [];
  const walk = (v: unknown, prefix: string) => {
    if (out.length >= 40) return;
    if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, prefix ? `${prefix}.${k}` : k);
    } else out.push(`${prefix}: ${String(v)}`);
  };
  walk(value, "");
  return out;
}

function jsonAnswer(userText: string): Record<string, string> {
  if (/назван/i.test(userText) && /описан/i.test(userText)) {
    const titleLine = /Название:\s*(.+)/i.exec(userText)?.[1] ?? userText.split("\n")[0] ?? "Товар";
    const title = cutWords(titleLine.trim(), 60);
    const facts = userText
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l.length > 0 && !/^(Название|Описание):/i.test(l));
    let description = `${title}. `;
    let i = 0;
    while (description.length < 1200 && facts.length > 0) {
      description += `${facts[i % facts.length]?.replace(/[.;]?$/, ".")} `;
      i++;
      if (i > 200) break;
    }
    return { title, description: description.trim().slice(0, 2000) };
  }
  return { text: politeReply(userText) };
}

function cutWords(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max + 1);
  const space = cut.lastIndexOf(" ");
  return (space > 10 ? cut.slice(0, space) : s.slice(0, max)).trim();
}

function politeReply(userText: string): string {
  const product = /Товар:\s*(.+)/i.exec(userText)?.[1]?.trim();
  const positive = /★\s*[45]|оценка:\s*[45]/i.test(userText);
  const start = positive ? "Здравствуйте! Спасибо за ваш отзыв и высокую оценку" : "Здравствуйте! Спасибо, что поделились впечатлениями";
  return `${start}${product ? ` товара «${product.slice(0, 80)}»` : ""}. Нам важно ваше мнение — мы передадим его команде и будем рады видеть вас снова.`;
}

function splitForStream(text: string): string[] {
  if (text === "") return [];
  const parts = text.match(/\S+\s*|\s+/g) ?? [text];
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 3) out.push(parts.slice(i, i + 3).join(""));
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: Json): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
