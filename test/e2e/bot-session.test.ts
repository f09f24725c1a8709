// The seller bot end to end: the production build under `npm start` (wrangler dev, local D1,
// Queues, Durable Objects, the WB sandbox) with TELEGRAM_API_ROOT pointed at telegram-test-api
// (the npm Telegram Bot API emulator) on loopback. The bot runs in long-polling mode from inside
// the Worker (the SellerBotPoller Durable Object), exactly as a developer runs it with a real
// token. A new user connects the demo cabinet, waits for the sync, opens the dashboard, pages
// through orders, replies to a review (the answer is then read back from the sandbox's WB API),
// changes settings, asks the AI assistant and sends its draft of a review answer. The transcript of the bot's messages is printed at the end.
//
// The Worker is built from a throwaway copy of the working tree, so this build never races the
// one of test/e2e/npm-start.test.ts.

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { TelegramServer } from "telegram-test-api/lib/telegramServer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SANDBOX_DEMO_TOKEN } from "../../workers/wb/sandbox/tokens";

const root = path.resolve(import.meta.dirname, "../..");
const work = mkdtempSync(path.join(tmpdir(), "wb-assist-bot-e2e-"));
const copy = path.join(work, "app");
const port = 19_787 + Math.floor(Math.random() * 1000);
const tgPort = port + 1000;
const origin = `http://127.0.0.1:${port}`;
const BOT_TOKEN = "7000000002:E2E-TOKEN-not-real";
const SECRET = randomBytes(16).toString("hex");
const USER = { userId: 5_550_000_001, chatId: 5_550_000_001, firstName: "Анна", userName: "anna_shop" };

let tg: TelegramServer;
let platform: ChildProcess | null = null;
let output = "";

/** Copies the working tree (sources only; node_modules linked) so the build happens in the copy. */
function copyTree(): void {
  const skip = new Set(["node_modules", ".git", ".wrangler", "build", ".react-router", "test-results"]);
  cpSync(root, copy, { recursive: true, filter: (src) => !skip.has(path.basename(src)) || path.dirname(src) !== root });
  symlinkSync(path.join(root, "node_modules"), path.join(copy, "node_modules"), "dir");
}

function writeDevVars(file: string): void {
  const example = readFileSync(path.join(root, ".dev.vars.example"), "utf8");
  const set = (text: string, key: string, value: string) =>
    new RegExp(`^${key}=.*$`, "m").test(text) ? text.replace(new RegExp(`^${key}=.*$`, "m"), `${key}=${value}`) : `${text}\n${key}=${value}\n`;
  let vars = set(example, "ENCRYPTION_KEY", randomBytes(32).toString("base64"));
  vars = set(vars, "TELEGRAM_SELLER_BOT_TOKEN", BOT_TOKEN);
  vars = set(vars, "TELEGRAM_SELLER_WEBHOOK_SECRET", SECRET);
  vars = set(vars, "TELEGRAM_API_ROOT", `http://127.0.0.1:${tgPort}`);
  vars = set(vars, "TELEGRAM_SELLER_BOT_USERNAME", "wb_assist_e2e_bot");
  writeFileSync(file, vars);
}

function startPlatform(): Promise<void> {
  // --fake-ai: the assistant answers through the loopback OpenAI emulator (test/emulators/fake-openai.ts).
  const child = spawn(process.execPath, ["scripts/start.mjs", "--fake-ai"], {
    cwd: copy,
    env: { ...process.env, PORT: String(port), WB_ASSIST_STATE_DIR: path.join(work, "state"), WB_ASSIST_DEV_VARS: path.join(work, ".dev.vars") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  platform = child;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/^API token: \S+$/m.test(output)) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${output.slice(-4000)}`)));
  });
}

async function admin(pathname: string, method = "POST"): Promise<Response> {
  return fetch(`${origin}/tg/seller/admin/${pathname}`, { method, headers: { Authorization: `Bearer ${SECRET}` } });
}

// --- the chat, as the emulator records it ----------------------------------------------------

interface BotMessage {
  id: number;
  text: string;
  buttons: { text: string; data: string }[];
}

function botMessages(): BotMessage[] {
  return tg.storage.botMessages
    .filter((m) => m.botToken === BOT_TOKEN && Number(m.message.chat_id) === USER.chatId)
    .map((m) => {
      const markup = m.message.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
      return {
        id: m.messageId,
        text: String(m.message.text ?? ""),
        buttons: (markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data ?? "" })),
      };
    });
}

const transcript: string[] = [];
let seen = new Map<number, string>();

/**
 * Waits until the bot sends or edits a message and `until` holds for it. The change goes into the
 * transcript unless `quiet` (polling loops record only their last screen).
 */
async function waitForBot(step: string, until: (m: BotMessage) => boolean = () => true, timeoutMs = 30_000, quiet = false): Promise<BotMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const changed = botMessages().filter((m) => seen.get(m.id) !== m.text);
    const hit = changed.find(until);
    if (hit) {
      if (!quiet) {
        for (const m of changed) {
          transcript.push(`── ${step} · ${seen.has(m.id) ? "изменено" : "новое"} сообщение #${m.id}\n${m.text}${m.buttons.length ? `\n[${m.buttons.map((b) => b.text).join("] [")}]` : ""}`);
        }
      }
      seen = new Map(botMessages().map((m) => [m.id, m.text]));
      return hit;
    }
    if (Date.now() > deadline) throw new Error(`${step}: the bot did not answer in ${timeoutMs} ms. Last messages:\n${botMessages().slice(-2).map((m) => m.text).join("\n---\n")}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const client = () => tg.getClient(BOT_TOKEN, USER);

async function say(text: string): Promise<void> {
  transcript.push(`>> ${USER.firstName}: ${text}`);
  const c = client();
  if (text.startsWith("/")) await c.sendCommand(c.makeCommand(text));
  else await c.sendMessage(c.makeMessage(text));
}

async function press(message: BotMessage, label: string, quiet = false): Promise<void> {
  const button = message.buttons.find((b) => b.text === label) ?? message.buttons.find((b) => b.text.includes(label));
  if (!button) throw new Error(`no button "${label}" under message #${message.id}: ${message.buttons.map((b) => b.text).join(" | ")}`);
  if (!quiet) transcript.push(`>> ${USER.firstName} нажимает [${button.text}] под #${message.id}`);
  const c = client();
  await c.sendCallback(c.makeCallbackQuery(button.data, { message: { message_id: message.id } }));
}

/** Presses `label` under `message` every few seconds until `done` holds for it (the screen edited in place). */
async function refreshUntil(step: string, message: BotMessage, label: string, done: (m: BotMessage) => boolean, timeoutMs: number): Promise<BotMessage> {
  const deadline = Date.now() + timeoutMs;
  let current = message;
  let waited = false;
  while (!done(current)) {
    waited = true;
    if (Date.now() > deadline) throw new Error(`${step}: not done in ${timeoutMs} ms:\n${current.text}`);
    await new Promise((r) => setTimeout(r, 3_000));
    await press(current, label, true);
    current = await waitForBot(step, (m) => m.id === message.id, 5_000, true).catch(() => current);
  }
  if (waited) transcript.push(`── ${step} (после ожидания) · сообщение #${current.id}\n${current.text}`);
  return current;
}

beforeAll(async () => {
  copyTree();
  writeDevVars(path.join(work, ".dev.vars"));
  tg = new TelegramServer({ port: tgPort, host: "127.0.0.1", storeTimeout: 3600 });
  await tg.start();
  await startPlatform();
}, 240_000);

afterAll(async () => {
  if (transcript.length > 0) console.log(`\nTranscript (telegram-test-api):\n\n${transcript.join("\n\n")}\n`);
  platform?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  platform?.kill("SIGKILL");
  await tg?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe("seller bot through telegram-test-api", () => {
  it("refuses a forged webhook with 401", async () => {
    const res = await fetch(`${origin}/tg/seller`, { method: "POST", headers: { "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "forged" }, body: JSON.stringify({ update_id: 1 }) });
    expect(res.status).toBe(401);
    expect((await admin("polling", "GET")).status).toBe(200);
    expect((await fetch(`${origin}/tg/seller/admin/polling`)).status).toBe(401);
  });

  it("runs a whole session: demo cabinet, dashboard, orders, a review reply, settings", async () => {
    const started = await admin("polling/start");
    expect(started.status, await started.clone().text()).toBe(200);

    await say("/start");
    const welcome = await waitForBot("/start", (m) => m.text.includes("WB Assist"));
    expect(welcome.buttons.map((b) => b.text)).toContain("🧪 Демо-кабинет");

    await press(welcome, "Демо-кабинет");
    const connected = await waitForBot("демо", (m) => m.text.includes("Демо-кабинет"));
    expect(connected.text).toContain("подключён");

    // The first sync runs through the real queues; follow it on the /sync screen (edited in place).
    await press(connected, "Синхронизация");
    const sync = await waitForBot("синхронизация", (m) => m.text.includes("Синхронизация с WB"));
    await refreshUntil("синхронизация", sync, "🔄 Обновить", (m) => /<b>Отзывы<\/b>: (сегодня|вчера)/.test(m.text), 120_000);

    await say("/dashboard");
    const dashboard = await waitForBot("/dashboard", (m) => m.text.includes("ЗАКАЗЫ"));
    expect(dashboard.text).toMatch(/Новых заказов: <b>[\d\s\u00a0]+<\/b>/);
    expect(dashboard.text).toContain("ОСТАТКИ");
    expect(dashboard.text).toContain("Средний рейтинг");

    // The orders backfill is paced by WB's limit for the statistics API (1 request a minute after
    // a burst); the first pages are enough for paging.
    await say("/orders");
    let orders1 = await waitForBot("/orders", (m) => m.text.includes("Заказы"));
    orders1 = await refreshUntil("/orders", orders1, "Все", (m) => m.buttons.some((b) => b.text.includes("Вперёд")), 180_000);
    await press(orders1, "Вперёд");
    const orders2 = await waitForBot("заказы, стр. 2", (m) => m.id === orders1.id && m.text.includes("стр. 2"));
    expect(orders2.text).toMatch(/^9\. /m);
    await press(orders2, "Назад");
    await waitForBot("заказы, снова стр. 1", (m) => m.id === orders1.id && m.text.includes("стр. 1"));

    await say("/reviews");
    const reviews = await waitForBot("/reviews", (m) => m.text.includes("Отзывы"));
    const replyButton = reviews.buttons.find((b) => b.text === "✍️ 1");
    expect(replyButton).toBeDefined();
    const feedbackId = replyButton?.data.split(":")[2] ?? "";
    await press(reviews, "✍️ 1");
    await waitForBot("ответить", (m) => m.text.includes("Напишите ответ"));
    const answer = `Спасибо, что выбрали нас! Передали ваш отзыв команде. (${Date.now()})`;
    await say(answer);
    const outcome = await waitForBot("ответ", (m) => m.text.includes("Ответ отправлен в WB"));
    expect(outcome.text).toContain(answer);

    // Read the answer back from the WB sandbox's API, as WB would show it.
    const wb = await fetch(`${origin}/wb-sandbox/feedbacks-api/api/v1/feedbacks?isAnswered=true&take=5000&skip=0`, { headers: { Authorization: SANDBOX_DEMO_TOKEN } });
    const body = (await wb.json()) as { data: { feedbacks: { id: string; answer: { text: string } | null }[] } };
    expect(body.data.feedbacks.find((f) => f.id === feedbackId)?.answer?.text).toBe(answer);

    await say("/settings");
    const settings = await waitForBot("/settings", (m) => m.text.includes("Уведомления"));
    expect(settings.text).toContain("✅ Новые заказы");
    await press(settings, "Заказы");
    const toggled = await waitForBot("настройки: заказы", (m) => m.id === settings.id && m.text.includes("▫️ Новые заказы"));
    await press(toggled, "14");
    await waitForBot("настройки: порог", (m) => m.id === settings.id && m.text.includes("меньше <b>14 дн.</b>"));

    // The AI assistant: a question answered from the cabinet's figures through a tool.
    await say("/ai Сколько заказов за 7 дней?");
    const aiAnswer = await waitForBot("/ai", (m) => m.text.includes("Осталось запросов сегодня"), 60_000);
    expect(aiAnswer.text).toMatch(/orders: \d+/);
    expect(aiAnswer.text).toContain("Данные: сводка продаж");

    // An AI draft of a review answer, approved and sent to WB.
    await say("/reviews");
    const again = await waitForBot("/reviews с черновиками", (m) => m.text.includes("Отзывы") && m.buttons.some((b) => b.text.startsWith("✨")));
    const draftButton = again.buttons.find((b) => b.text.startsWith("✨"));
    const draftedId = draftButton?.data.split(":")[3] ?? "";
    await press(again, draftButton?.text ?? "✨");
    const draft = await waitForBot("черновик", (m) => m.text.includes("Черновик ответа"), 60_000);
    await press(draft, "Отправить");
    const sent = await waitForBot("черновик отправлен", (m) => m.text.includes("Ответ отправлен в WB"));
    const wbAfter = await fetch(`${origin}/wb-sandbox/feedbacks-api/api/v1/feedbacks?isAnswered=true&take=5000&skip=0`, { headers: { Authorization: SANDBOX_DEMO_TOKEN } });
    const answered = (await wbAfter.json()) as { data: { feedbacks: { id: string; answer: { text: string } | null }[] } };
    const wbText = answered.data.feedbacks.find((f) => f.id === draftedId)?.answer?.text ?? "";
    expect(wbText.length).toBeGreaterThan(10);
    expect(sent.text).toContain(wbText.slice(0, 40).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));

    const stopped = await admin("polling/stop");
    expect(stopped.status).toBe(200);
  }, 480_000);
});
