// `npm start`: the whole platform locally and offline, with a demo cabinet on the WB sandbox.
// Safe to run again on existing local state and after pulling new migrations.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 8787);
const origin = `http://localhost:${port}`;
// WB_ASSIST_STATE_DIR lets the end-to-end test start a second, throwaway instance.
const persistTo = path.resolve(root, process.env.WB_ASSIST_STATE_DIR ?? ".wrangler/state");
const devVars = path.resolve(root, process.env.WB_ASSIST_DEV_VARS ?? ".dev.vars");
const bin = (name) => path.join(root, "node_modules/.bin", name);
// The CLIs below need Node >= 22: make sure their `#!/usr/bin/env node` finds the pinned Node 24
// even when this script was started without npm (which would put node_modules/.bin on PATH).
const childEnv = { ...process.env, PATH: `${path.join(root, "node_modules/.bin")}${path.delimiter}${process.env.PATH ?? ""}` };

function run(title, command, args, env = {}) {
  console.log(`\n▸ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...childEnv, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

// Local secrets: created once from the example with a fresh encryption key, never overwritten.
if (!existsSync(devVars)) {
  const example = readFileSync(path.join(root, ".dev.vars.example"), "utf8");
  const key = randomBytes(32).toString("base64");
  mkdirSync(path.dirname(devVars), { recursive: true });
  writeFileSync(devVars, example.replace(/^ENCRYPTION_KEY=.*$/m, `ENCRYPTION_KEY=${key}`));
  console.log("▸ Created .dev.vars with a new local ENCRYPTION_KEY");
}

run("Applying D1 migrations (local)", bin("wrangler"), [
  "d1", "migrations", "apply", "DB", "--local", "--env", "local", "--persist-to", persistTo,
]);
// NODE_ENV pinned: started from a test runner (NODE_ENV=test) Vite would otherwise bundle React's development build.
run("Building the Worker and the dashboard", bin("react-router"), ["build"], { CLOUDFLARE_ENV: "local", NODE_ENV: "production" });

// The AI assistant: an OpenAI-compatible endpoint from the environment (OPENAI_BASE_URL,
// OPENAI_API_KEY, AI_* — e.g. a local vLLM or Ollama), or with --fake-ai the loopback test
// emulator (a scripted stand-in, not a language model) so the assistant's screens can be tried offline.
const aiVars = {};
let aiNote = "off (set OPENAI_BASE_URL / OPENAI_API_KEY, or run `npm start -- --fake-ai`)";
if (process.argv.includes("--fake-ai")) {
  const { startFakeOpenAi } = await import("../test/emulators/fake-openai.ts");
  const fake = await startFakeOpenAi();
  aiVars.OPENAI_BASE_URL = `${fake.url}/v1`;
  aiVars.OPENAI_API_KEY = "sk-local-fake-ai";
  aiNote = `the local FAKE model at ${fake.url} (scripted answers from your data; not a real LLM)`;
}
for (const name of ["OPENAI_BASE_URL", "OPENAI_API_KEY", "AI_CHAT_MODEL", "AI_EMBEDDING_MODEL", "AI_DAILY_LIMIT", "AI_EMBEDDING_DIMENSIONS"]) {
  if (process.env[name] && aiVars[name] === undefined) aiVars[name] = process.env[name];
}
if (aiVars.OPENAI_BASE_URL && !process.argv.includes("--fake-ai")) aiNote = `OpenAI-compatible endpoint ${aiVars.OPENAI_BASE_URL}`;

console.log(`\n▸ Starting the Worker on ${origin}`);
const dev = spawn(
  bin("wrangler"),
  [
    "dev", "-c", "build/server/wrangler.json", "--local", "--port", String(port), "--ip", "127.0.0.1",
    "--persist-to", persistTo, "--env-file", devVars, "--show-interactive-dev-session=false",
    ...Object.entries(aiVars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
  ],
  { cwd: root, env: childEnv, stdio: ["ignore", "inherit", "inherit"] },
);
dev.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));

async function waitForHealth() {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${origin}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the Worker did not answer /api/health within 60 s");
}

// Cron Triggers do not fire by themselves in local dev; drive the sync schedule ourselves.
async function fireCron(cron) {
  try {
    await fetch(`${origin}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(cron)}`);
  } catch {
    // the dev server is restarting or stopping
  }
}

try {
  await waitForHealth();
  const res = await fetch(`${origin}/api/dev/demo`, { method: "POST" });
  if (!res.ok) throw new Error(`demo bootstrap answered ${res.status}: ${await res.text()}`);
  const demo = await res.json();
  await fireCron("*/5 * * * *");
  console.log(`
WB Assist is running (offline, demo cabinet «${demo.cabinetName}» on the built-in WB sandbox).

  Dashboard:    ${origin}/
Login link: ${demo.loginUrl}
  (one-time, valid for 10 minutes; after that use «Войти в демо-кабинет» on ${origin}/login)
  API docs:     ${origin}/api/docs
API token: ${demo.apiToken}
  Try:          curl -H "Authorization: Bearer ${demo.apiToken}" ${origin}/api/cabinets
  WB sandbox:   curl -H "Authorization: ${demo.wbToken}" "${origin}/wb-sandbox/statistics-api/api/v1/supplier/orders?dateFrom=2026-01-01"
  AI assistant: ${aiNote}
`);
  setInterval(() => fireCron("*/5 * * * *"), 60_000);
} catch (error) {
  console.error(`✖ ${error.message}`);
  dev.kill("SIGTERM");
  process.exit(1);
}
