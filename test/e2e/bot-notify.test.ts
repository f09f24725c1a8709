// New-order notifications end to end, the way test/e2e/bot-session.test.ts drives the bot: the
// production build under `npm start` (wrangler dev: local D1, Queues — "wb-sync" and
// "notifications" — Cron via /cdn-cgi/local/scheduled, the WB sandbox) with TELEGRAM_API_ROOT
// pointed at telegram-test-api on loopback, the bot long-polling from inside the Worker.
//
// A new user connects the demo cabinet through the bot. While the first sync loads history, no
// order is announced. The demo's orders backfill covers 90 days one WB call per day, and WB's
// statistics limit (one call a minute after a burst of ten) makes that ~80 minutes, so once the
// first pages are in, the test stops the platform and marks the backfill done in its local D1
// with `wrangler d1 execute` (the operator's tool; workerd holds the database locked while it
// runs) — the state the sync reaches by itself later. It also takes the newest orders out of the
// table, as if WB had published them after the last sync. After a restart the next sync (cron)
// stores them again, as new, and the user receives them. Then the same thing once more: WB serves
// the same orders again, and nothing is sent twice. The transcript is printed at the end.

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { TelegramServer } from "telegram-test-api/lib/telegramServer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const work = mkdtempSync(path.join(tmpdir(), "wb-assist-notify-e2e-"));
const copy = path.join(work, "app");
const stateDir = path.join(work, "state");
const port = 22_787 + Math.floor(Math.random() * 1000);
const tgPort = port + 1000;
const origin = `http://127.0.0.1:${port}`;
const BOT_TOKEN = "7000000004:E2E-NOTIFY-not-real";
const SECRET = randomBytes(16).toString("hex");
const USER = { userId: 5_550_000_042, chatId: 5_550_000_042, firstName: "Ольга", userName: "olga_shop" };

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
  vars = set(vars, "TELEGRAM_SELLER_BOT_USERNAME", "wb_assist_notify_e2e_bot");
  writeFileSync(file, vars);
}

async function stopPlatform(): Promise<void> {
  const child = platform;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
  platform = null;
}

/** Starts (or restarts, on the same local state) and resumes polling. */
async function restartPlatform(): Promise<void> {
  await stopPlatform();
  output = "";
  await startPlatform();
  expect((await admin("polling/start")).status).toBe(200);
}

function startPlatform(): Promise<void> {
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: copy,
    env: { ...process.env, PORT: String(port), WB_ASSIST_STATE_DIR: stateDir, WB_ASSIST_DEV_VARS: path.join(work, ".dev.vars") },
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

/** SQL against the platform's local D1 while it is stopped, with wrangler's own tool. */
function d1<T = Record<string, unknown>>(query: string): T[] {
  for (let attempt = 1; ; attempt++) {
    const result = spawnSync(
      path.join(root, "node_modules/.bin/wrangler"),
      ["d1", "execute", "DB", "--local", "--env", "local", "--persist-to", stateDir, "--json", "--command", query],
      { cwd: copy, encoding: "utf8", env: { ...process.env, PATH: `${path.join(root, "node_modules/.bin")}${path.delimiter}${process.env.PATH ?? ""}`, WRANGLER_LOG: "log" } },
    );
    if (result.status === 0 && result.stdout.includes("[")) {
      const parsed = JSON.parse(result.stdout.slice(result.stdout.indexOf("["))) as { results: T[] }[];
      return parsed[0]?.results ?? [];
    }
    // The stopped workerd may hold the file for a moment longer.
    if (attempt < 10 && /SQLITE_BUSY|database is locked/.test(result.stderr + result.stdout)) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_000);
      continue;
    }
    if (result.status === 0) throw new Error(`wrangler d1 execute printed no JSON:\n${result.stdout}\n${result.stderr}`);
    throw new Error(`wrangler d1 execute failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
  }
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function fireCron(): Promise<void> {
  await fetch(`${origin}/cdn-cgi/local/scheduled?cron=${encodeURIComponent("*/5 * * * *")}`).catch(() => undefined);
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

async function waitForBot(step: string, until: (m: BotMessage) => boolean = () => true, timeoutMs = 30_000): Promise<BotMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const changed = botMessages().filter((m) => seen.get(m.id) !== m.text);
    const hit = changed.find(until);
    if (hit) {
      for (const m of changed) {
        transcript.push(`── ${step} · ${seen.has(m.id) ? "изменено" : "новое"} сообщение #${m.id}\n${m.text}${m.buttons.length ? `\n[${m.buttons.map((b) => b.text).join("] [")}]` : ""}`);
      }
      seen = new Map(botMessages().map((m) => [m.id, m.text]));
      return hit;
    }
    if (Date.now() > deadline) throw new Error(`${step}: the bot did not answer in ${timeoutMs} ms. Last messages:\n${botMessages().slice(-2).map((m) => m.text).join("\n---\n")}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until `done` holds for the whole chat; what changed meanwhile goes into the transcript. */
async function waitForChat(step: string, done: (all: BotMessage[]) => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done(botMessages())) {
    if (Date.now() > deadline) throw new Error(`${step}: not seen in ${timeoutMs} ms. Last messages:\n${botMessages().slice(-3).map((m) => m.text).join("\n---\n")}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  for (const m of botMessages().filter((x) => seen.get(x.id) !== x.text)) {
    transcript.push(`── ${step} · ${seen.has(m.id) ? "изменено" : "новое"} сообщение #${m.id}\n${m.text}${m.buttons.length ? `\n[${m.buttons.map((b) => b.text).join("] [")}]` : ""}`);
  }
  seen = new Map(botMessages().map((m) => [m.id, m.text]));
}

const client = () => tg.getClient(BOT_TOKEN, USER);

async function say(text: string): Promise<void> {
  transcript.push(`>> ${USER.firstName}: ${text}`);
  const c = client();
  await c.sendCommand(c.makeCommand(text));
}

async function press(message: BotMessage, label: string): Promise<void> {
  const button = message.buttons.find((b) => b.text.includes(label));
  if (!button) throw new Error(`no button "${label}" under message #${message.id}: ${message.buttons.map((b) => b.text).join(" | ")}`);
  transcript.push(`>> ${USER.firstName} нажимает [${button.text}] под #${message.id}`);
  const c = client();
  await c.sendCallback(c.makeCallbackQuery(button.data, { message: { message_id: message.id } }));
}

/** Presses «Обновить» under the /sync screen every few seconds until `done` holds (edited in place). */
async function refreshUntil(message: BotMessage, done: (m: BotMessage) => boolean, timeoutMs: number): Promise<BotMessage> {
  const deadline = Date.now() + timeoutMs;
  let current = message;
  while (!done(current)) {
    if (Date.now() > deadline) throw new Error(`/sync: not done in ${timeoutMs} ms:\n${current.text}`);
    await new Promise((r) => setTimeout(r, 3_000));
    const button = current.buttons.find((b) => b.text.includes("Обновить") && !b.text.includes("WB"));
    if (!button) throw new Error(`no refresh button under #${current.id}`);
    const c = client();
    await c.sendCallback(c.makeCallbackQuery(button.data, { message: { message_id: current.id } }));
    const deadlineEdit = Date.now() + 5_000;
    while (Date.now() < deadlineEdit) {
      const latest = botMessages().find((m) => m.id === message.id);
      if (latest && latest.text !== current.text) {
        current = latest;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  transcript.push(`── /sync (после ожидания) · сообщение #${current.id}\n${current.text}`);
  seen = new Map(botMessages().map((m) => [m.id, m.text]));
  return current;
}

/** The /sync screen's orders block (its line and the backfill line under it). */
function ordersLine(text: string): string {
  const start = text.indexOf("<b>Заказы</b>");
  if (start < 0) return "";
  const rest = text.slice(start);
  const next = rest.slice(1).search(/\n\S+ <b>/);
  return next < 0 ? rest : rest.slice(0, next + 1);
}

/** Orders backfill progress in percent, from the /sync screen (0 before the first page). */
function ordersProgress(text: string): number {
  const m = /история за 90 дней: \S+ (\d+)/.exec(ordersLine(text));
  return m ? Number(m[1]) : ordersLine(text).includes("строк") ? 100 : 0;
}

/** Rows received for orders so far (sync_state.rows_total), from the /sync screen. */
function ordersRows(text: string): number {
  const m = /строк: ([\d\s\u00a0\u202f]+)/.exec(ordersLine(text));
  return m?.[1] ? Number(m[1].replace(/\D/g, "")) : 0;
}

const isOrderNotice = (text: string) => /^🛒 <b>(Новый заказ|Новые заказы: \d+)<\/b>/.test(text);

/** «24.11 14:05» (Moscow) as the bot writes order times. */
function moscowShort(ms: number): string {
  const iso = new Date(ms + 3 * 3_600_000).toISOString();
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)} ${iso.slice(11, 16)}`;
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

interface OrderRow {
  srid: string;
  article: string;
  orderedAt: number;
}

describe("new-order notifications through telegram-test-api", () => {
  it("a connected demo user receives a new order once: not for history, not again on re-sync", async () => {
    expect((await admin("polling/start")).status).toBe(200);
    await say("/start");
    const welcome = await waitForBot("/start", (m) => m.text.includes("WB Assist"));
    await press(welcome, "Демо-кабинет");
    await waitForBot("демо", (m) => m.text.includes("Демо-кабинет") && m.text.includes("подключён"));

    // The first sync loads history; follow it on the /sync screen until orders have started.
    await say("/sync");
    let sync = await waitForBot("/sync", (m) => m.text.includes("Синхронизация с WB"));
    await refreshUntil(sync, (m) => ordersProgress(m.text) > 0 && /<b>Отзывы<\/b>: (сегодня|вчера)/.test(m.text), 240_000);
    expect(botMessages().filter((m) => isOrderNotice(m.text))).toEqual([]);

    // Offline: fast-forward the backfill (see the header) and let WB "publish" the newest orders anew.
    await stopPlatform();
    const [cabinet] = d1<{ id: string }>(`SELECT cabinet_id AS id FROM cabinet_members WHERE user_id = ${USER.userId} AND role = 'owner'`);
    if (!cabinet) throw new Error("the demo cabinet was not created");
    const cab = sqlString(cabinet.id);
    expect(d1<{ n: number }>(`SELECT count(*) AS n FROM notification_outbox WHERE cabinet_id = ${cab}`)[0]?.n).toBe(0);
    const now = Date.now();
    d1(
      `UPDATE sync_state SET cursor = NULL, backfill_done = 1, backfill_progress = 1, last_success_at = ${now}, in_flight_since = NULL, next_due_at = ${now}
       WHERE cabinet_id = ${cab} AND dataset = 'orders'`,
    );
    const fresh = d1<OrderRow>(
      `SELECT srid, supplier_article AS article, ordered_at AS orderedAt FROM orders
       WHERE cabinet_id = ${cab} AND is_cancel = 0 AND ordered_at > ${now - 24 * 3_600_000} ORDER BY ordered_at DESC LIMIT 3`,
    );
    expect(fresh.length).toBeGreaterThan(0);
    const srids = fresh.map((o) => sqlString(o.srid)).join(", ");
    d1(`DELETE FROM orders WHERE cabinet_id = ${cab} AND srid IN (${srids})`);
    transcript.push(`… (платформа перезапущена) WB публикует новые заказы: ${fresh.map((o) => o.article).join(", ")}`);

    // The next cron tick syncs orders; the new rows are announced, once each.
    await restartPlatform();
    await fireCron();
    const mentions = (o: OrderRow) => (m: BotMessage) => isOrderNotice(m.text) && m.text.includes(moscowShort(o.orderedAt)) && m.text.includes(`арт. <code>${o.article}</code>`);
    const started = Date.now();
    await waitForChat("уведомления о новых заказах", (all) => fresh.every((o) => all.some(mentions(o))), 240_000);
    transcript.push(`… уведомления пришли через ${((Date.now() - started) / 1000).toFixed(0)} с после запуска синхронизации`);
    for (const o of fresh) expect(botMessages().filter(mentions(o))).toHaveLength(1);

    // WB serves the same orders again: the sync stores them again, and nothing is sent twice.
    await say("/sync");
    sync = await waitForBot("/sync", (m) => m.text.includes("Синхронизация с WB"));
    const rowsBefore = ordersRows(sync.text);
    await stopPlatform();
    const rows = d1<{ key: string; status: string }>(`SELECT dedupe_key AS key, status FROM notification_outbox WHERE cabinet_id = ${cab} AND kind = 'new_order'`);
    for (const o of fresh) expect(rows.filter((r) => r.key === `order:${cabinet.id}:${o.srid}:u${USER.userId}`).map((r) => r.status)).toEqual(["sent"]);
    d1(`DELETE FROM orders WHERE cabinet_id = ${cab} AND srid IN (${srids})`);
    const storedBefore = new Set(d1<{ srid: string }>(`SELECT srid FROM orders WHERE cabinet_id = ${cab}`).map((o) => o.srid));
    d1(`UPDATE sync_state SET next_due_at = ${Date.now()}, in_flight_since = NULL, cursor = NULL WHERE cabinet_id = ${cab} AND dataset = 'orders'`);
    transcript.push(`… (платформа перезапущена) WB снова отдаёт те же заказы: ${fresh.map((o) => o.article).join(", ")}`);
    await restartPlatform();
    await fireCron();
    await refreshUntil(sync, (m) => ordersRows(m.text) > rowsBefore && !ordersLine(m.text).includes("идёт загрузка"), 240_000);
    await new Promise((r) => setTimeout(r, 10_000)); // a sender run, had there been anything to send
    for (const o of fresh) expect(botMessages().filter(mentions(o))).toHaveLength(1);
    await stopPlatform();
    const stored = d1<{ n: number }>(`SELECT count(*) AS n FROM orders WHERE cabinet_id = ${cab} AND srid IN (${srids})`);
    expect(stored[0]?.n).toBe(fresh.length); // the re-sync did store them again
    const after = d1<{ key: string }>(`SELECT dedupe_key AS key FROM notification_outbox WHERE cabinet_id = ${cab} AND kind = 'new_order'`);
    // Every earlier notification is still one row. The sandbox runs on the real clock, so WB may
    // publish more orders meanwhile (as WB does, some appear a while after they were placed):
    // those may add rows, but only for orders the cabinet had never stored before.
    for (const r of rows) expect(after.filter((a) => a.key === r.key)).toHaveLength(1);
    const known = new Set(rows.map((r) => r.key));
    const prefix = `order:${cabinet.id}:`;
    for (const extra of after.filter((a) => !known.has(a.key))) {
      const srid = extra.key.slice(prefix.length, extra.key.lastIndexOf(":u"));
      expect(storedBefore.has(srid), `order ${srid} was notified again`).toBe(false);
      expect(fresh.some((o) => o.srid === srid), `order ${srid} was notified again`).toBe(false);
    }
    await restartPlatform();
    expect((await admin("polling/stop")).status).toBe(200);
  }, 600_000);
});
