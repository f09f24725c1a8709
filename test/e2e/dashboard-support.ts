// Shared by the dashboard browser tests: the platform started the way `npm start` starts it (on a
// random port, with a throwaway state dir and .dev.vars), Debian's Chromium through playwright-core,
// and small API helpers.
//
// The .dev.vars written here adds a Telegram bot token (so Mini App initData can be signed by the
// test and verified by the Worker) and points TELEGRAM_API_ROOT at a closed loopback port, so
// nothing ever reaches Telegram.

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { Browser, BrowserContext, Page } from "playwright-core";

export const root = path.resolve(import.meta.dirname, "../..");
export const CHROMIUM = "/usr/bin/chromium";
export const TEST_BOT_TOKEN = "7000000001:AAE2e-dashboard-test-bot-token-not-real";
export const screenshotsDir = path.join(root, "test-results", "dashboard");

/**
 * Whether the browser suite can run. Locally a missing Chromium skips it (with the reason in the
 * test name); under CI=true it must be there, so the suite fails instead.
 */
export function browserAvailability(): { run: boolean; reason: string } {
  if (existsSync(CHROMIUM)) return { run: true, reason: "" };
  if (process.env.CI === "true" || process.env.CI === "1") {
    throw new Error(`${CHROMIUM} is missing but CI is set: install Debian's Chromium (apt-get install -y chromium) before the browser tests`);
  }
  return { run: false, reason: `${CHROMIUM} is not installed (apt-get install -y chromium); skipped locally, required under CI=true` };
}

export interface Platform {
  origin: string;
  output: () => string;
  loginUrl: string;
  apiToken: string;
  stop: () => Promise<void>;
}

/** `fakeAi`: the assistant runs against the loopback fake OpenAI server (`npm start -- --fake-ai`). */
export function startPlatform(options: { fakeAi?: boolean } = {}): Promise<Platform> {
  const stateDir = mkdtempSync(path.join(tmpdir(), "wb-assist-dashboard-"));
  const port = 19_800 + Math.floor(Math.random() * 1000);
  const devVars = path.join(stateDir, ".dev.vars");
  const example = readFileSync(path.join(root, ".dev.vars.example"), "utf8");
  const vars = example
    .replace(/^ENCRYPTION_KEY=.*$/m, `ENCRYPTION_KEY=${randomBytes(32).toString("base64")}`)
    .replace(/^TELEGRAM_SELLER_BOT_TOKEN=.*$/m, `TELEGRAM_SELLER_BOT_TOKEN=${TEST_BOT_TOKEN}`)
    .replace(/^TELEGRAM_API_ROOT=.*$/m, "TELEGRAM_API_ROOT=http://127.0.0.1:9");
  writeFileSync(devVars, vars);

  const child: ChildProcess = spawn(process.execPath, ["scripts/start.mjs", ...(options.fakeAi ? ["--fake-ai"] : [])], {
    cwd: root,
    env: { ...process.env, PORT: String(port), WB_ASSIST_STATE_DIR: path.join(stateDir, "state"), WB_ASSIST_DEV_VARS: devVars },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) {
        rmSync(stateDir, { recursive: true, force: true });
        return done();
      }
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(timer);
        rmSync(stateDir, { recursive: true, force: true });
        done();
      });
      child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const token = /^API token: (\S+)$/m.exec(output)?.[1];
      const link = /^Login link: (\S+)$/m.exec(output)?.[1];
      if (token && link) {
        child.stdout?.off("data", onData);
        child.stderr?.off("data", onData);
        // Keep collecting output for diagnostics.
        child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
        child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
        resolve({ origin: `http://localhost:${port}`, output: () => output, loginUrl: link, apiToken: token, stop });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${output.slice(-4000)}`)));
  });
}

/**
 * Chromium from Debian, headless. Playwright starts it with a fresh temporary profile of its own
 * (it passes --user-data-dir itself and refuses one in args), and every test context is isolated.
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function newContext(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: "ru-RU", timezoneId: "Europe/Moscow" });
}

/**
 * A screenshot in test-results/dashboard/. `caret: "initial"`: Playwright's default hides the caret
 * by styling inputs, which a page that is still hydrating would report as a hydration mismatch.
 */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage, caret: "initial" });
}

// The API's JSON is read loosely: each test states the fields it relies on.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function api(p: Platform, pathname: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(`${p.origin}/api${pathname}`, { ...init, headers: { Authorization: `Bearer ${p.apiToken}`, ...init.headers } });
  if (!res.ok) throw new Error(`${init.method ?? "GET"} /api${pathname} → ${res.status}: ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

/** A value from the summary JSON by a dotted path ("orders.today.sum.kopecks"). */
export function pick(obj: unknown, dotted: string): unknown {
  let cur: unknown = obj;
  for (const key of dotted.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
