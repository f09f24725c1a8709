// `npm start` end to end: migrations, build, the Worker in wrangler dev, the demo bootstrap,
// and what it prints — then a second start on the same local state.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { makeSandboxToken } from "../../workers/wb/sandbox/tokens";

const root = path.resolve(import.meta.dirname, "../..");
const stateDir = mkdtempSync(path.join(tmpdir(), "wb-assist-e2e-"));
const port = 18_787 + Math.floor(Math.random() * 1000);
const origin = `http://127.0.0.1:${port}`;
const running: ChildProcess[] = [];

interface Started {
  output: string;
  apiToken: string;
  stop: () => Promise<void>;
}

function startPlatform(): Promise<Started> {
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      WB_ASSIST_STATE_DIR: path.join(stateDir, "state"),
      WB_ASSIST_DEV_VARS: path.join(stateDir, ".dev.vars"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^API token: (\S+)$/m.exec(output);
      if (match?.[1]) {
        resolve({
          output,
          apiToken: match[1],
          stop: () =>
            new Promise((done) => {
              child.once("exit", () => done());
              child.kill("SIGTERM");
            }),
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
}

afterAll(() => {
  for (const child of running) child.kill("SIGKILL");
  rmSync(stateDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("serves the demo offline and prints an API token, twice on the same state", async () => {
    const first = await startPlatform();
    expect(first.output).toContain("Dashboard:");

    const health = await fetch(`${origin}/api/health`);
    expect(health.status).toBe(200);

    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("WB Assist");

    const cabinets = await fetch(`${origin}/api/cabinets`, { headers: { Authorization: `Bearer ${first.apiToken}` } });
    expect(cabinets.status).toBe(200);
    const body = (await cabinets.json()) as { cabinets: { id: string; isDemo: boolean }[] };
    expect(body.cabinets.some((c) => c.isDemo)).toBe(true);

    // The demo's summary agrees with what the sandbox serves: yesterday exactly (a closed day,
    // loaded first by the newest-first backfill), today within what existed from start to now.
    const cabinetId = body.cabinets[0]?.id as string;
    const auth = { headers: { Authorization: `Bearer ${first.apiToken}` } };
    // A token of its own, so this check does not spend the demo cabinet's WB request budget.
    const wb = { headers: { Authorization: makeSandboxToken() } };
    const moscowDay = (ms: number) => new Date(ms + 3 * 3_600_000).toISOString().slice(0, 10);
    const sandboxOrders = async (day: string) => {
      const res = await fetch(`${origin}/wb-sandbox/statistics-api/api/v1/supplier/orders?dateFrom=${day}&flag=1`, wb);
      expect(res.status).toBe(200);
      return (await res.json()) as { date: string }[];
    };
    const startedAt = Date.now();
    const yesterday = await sandboxOrders(moscowDay(startedAt - 86_400_000));
    const todayAtStart = (await sandboxOrders(moscowDay(startedAt))).length;
    type Summary = { orders: { today: { count: number }; yesterday: { count: number } } };
    let summary: Summary | null = null;
    for (let i = 0; i < 60; i++) {
      summary = (await (await fetch(`${origin}/api/cabinets/${cabinetId}/summary`, auth)).json()) as Summary;
      if (summary.orders.yesterday.count === yesterday.length && summary.orders.today.count >= todayAtStart) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(summary?.orders.yesterday.count).toBe(yesterday.length);
    expect(summary?.orders.today.count).toBeGreaterThanOrEqual(todayAtStart);
    expect(summary?.orders.today.count).toBeLessThanOrEqual((await sandboxOrders(moscowDay(Date.now()))).length);

    const anonymous = await fetch(`${origin}/api/cabinets`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");

    await first.stop();

    const second = await startPlatform();
    const again = await fetch(`${origin}/api/cabinets`, { headers: { Authorization: `Bearer ${second.apiToken}` } });
    const againBody = (await again.json()) as { cabinets: { id: string }[] };
    // Restarting reuses the demo cabinet instead of creating another.
    expect(againBody.cabinets.filter((c) => c.id === body.cabinets[0]?.id)).toHaveLength(1);
    expect(againBody.cabinets).toHaveLength(body.cabinets.length);
    await second.stop();
  });
});
