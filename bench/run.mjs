// `npm run bench`: the performance budgets of ARCHITECTURE.md, measured in one run against the
// production build in workerd (through Miniflare's API, not `wrangler dev`), each figure beside a
// baseline measured in the same run. See docs/benchmarks.md.
//
//   npm run bench [-- --no-build] [--duration 10] [--warmup 2] [--connections 10]
//                 [--orders 1000000] [--page-rows 80000] [--runs 3] [--keep] [--verbose]
//
// Steps: react-router build (CLOUDFLARE_ENV=local) → bundle size → startup → workerd with three
// Workers on their own loopback sockets (the build, bench/bare-worker.mjs, bench/ingest-worker.ts;
// one D1 database) → migrations → (a) ingest of an 80,000-row WB orders page + raw node:sqlite
// baseline → seed a 1,000,000-order cabinet, its owner's API token and dashboard session → query
// diagnostics → the overview page's JavaScript (from its SSR HTML and build/client) → (b)
// autocannon: bare Hono, bare + one D1 read, summary, orders list, overview page SSR, bare again,
// summary and overview on one connection → table and bench/results/<timestamp>.json. Exits
// non-zero only on errors (a missed budget prints MISSED).

import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

import { wbOrdersPage } from "./lib/catalog.mjs";
import { diagnoseQueries, timeSummaryRepository } from "./lib/diagnose.mjs";
import { ingestOnce, median, rawSqliteInsert } from "./lib/ingest.mjs";
import { loadTest } from "./lib/load.mjs";
import { pageWeight } from "./lib/page-weight.mjs";
import { appWorkerOptions, bundleWorkerOptions, randomEncryptionKey, readBuiltConfig, startMiniflare, unhandledBindings } from "./lib/runtime.mjs";
import { applyMigrations, createCabinet, createWebSession, newApiToken, seedCabinet, sha256Hex } from "./lib/seed.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "node_modules", ".bin");
const MIB = 1024 * 1024;

const BUDGET = {
  ingestRowsPerSec: 25_000,
  ingestVsRaw: 0.2,
  summaryVsBare: 0.5,
  summaryP95Ms: 10,
  ordersVsBare: 0.3,
  overviewP95Ms: 100,
  bundleGzipBytes: 3 * MIB,
  startupMs: 1000,
};

const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "10" },
    orders: { type: "string", default: "1000000" },
    "page-rows": { type: "string", default: "80000" },
    runs: { type: "string", default: "3" },
    keep: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
  },
});
const opt = {
  build: !args["no-build"],
  durationSec: Number(args.duration),
  warmupSec: Number(args.warmup),
  connections: Number(args.connections),
  orders: Number(args.orders),
  pageRows: Number(args["page-rows"]),
  runs: Math.max(1, Number(args.runs)),
};

// ---- small helpers -----------------------------------------------------------------------------

const started = performance.now();
function log(message) {
  const s = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[bench ${s}s] ${message}`);
}
const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "n/a");
const ms = (n) => `${fmt(n, n < 10 ? 2 : 1)} ms`;

let mf = null;
let tmp = null;
async function cleanup() {
  const instance = mf;
  mf = null;
  if (instance) await instance.dispose().catch(() => {});
  if (tmp && !args.keep) rmSync(tmp, { recursive: true, force: true });
  else if (tmp) console.log(`[bench] --keep: temp dir left at ${tmp}`);
  tmp = null;
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    console.error(`\n[bench] ${signal}: stopping`);
    cleanup().finally(() => process.exit(130));
  });
}

function runBuild(logFile) {
  return new Promise((resolvePromise, reject) => {
    const out = createWriteStream(logFile);
    const child = spawn(join(BIN, "react-router"), ["build"], {
      cwd: ROOT,
      env: { ...process.env, CLOUDFLARE_ENV: "local", PATH: `${BIN}:${process.env.PATH ?? ""}`, NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    const timer = setTimeout(() => child.kill("SIGTERM"), 5 * 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      out.end(() => {
        if (code === 0) return resolvePromise();
        // eslint-disable-next-line no-control-regex
        const text = existsSync(logFile) ? readFileSync(logFile, "utf8").replace(/\u001b\[[0-9;]*m/g, "") : "";
        const tail = text.split("\n").slice(-30).join("\n");
        reject(new Error(`react-router build failed (exit ${code}):\n${tail}`));
      });
    });
  });
}

function listFiles(dir, test) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path, test));
    else if (test(entry.name)) out.push(path);
  }
  return out.sort();
}

/** build/server/**\/*.js gzipped: all files concatenated (what an upload compresses) and per file. */
function bundleSize(serverDir) {
  const files = listFiles(serverDir, (n) => n.endsWith(".js"));
  const buffers = files.map((f) => readFileSync(f));
  const raw = buffers.reduce((a, b) => a + b.length, 0);
  const gzipConcat = gzipSync(Buffer.concat(buffers), { level: 9 }).length;
  const gzipPerFile = buffers.reduce((a, b) => a + gzipSync(b, { level: 9 }).length, 0);
  return { files: files.map((f) => f.slice(serverDir.length + 1)), rawBytes: raw, gzipBytes: gzipConcat, gzipPerFileBytes: gzipPerFile };
}

async function bundle(entry, outfile) {
  const { build } = await import("esbuild");
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    mainFields: ["module", "main"],
    conditions: ["workerd", "worker", "browser"],
    external: ["cloudflare:*", "node:*"],
    logLevel: "error",
  });
  return outfile;
}

/** Time from a fresh Miniflare (workerd spawn, script load) to the first 200 of `path`. */
async function startupOnce(workerOptions, path, persistDir) {
  const t0 = performance.now();
  const started = await startMiniflare([workerOptions], { persistDir });
  try {
    const readyMs = performance.now() - t0;
    const res = await fetch(started.urls[workerOptions.name] + path);
    await res.text();
    if (res.status !== 200) throw new Error(`startup probe ${path}: HTTP ${res.status}`);
    return { readyMs, firstResponseMs: performance.now() - t0 };
  } finally {
    await started.mf.dispose();
  }
}

async function getJson(url, headers) {
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}: ${text.slice(0, 1000)}`);
  return JSON.parse(text);
}

// ---- the run -----------------------------------------------------------------------------------

async function main() {
  const nodeMajor = Number(process.versions.node.split(".")[0]);
  if (nodeMajor < 22) throw new Error(`node ${process.versions.node}: need ≥ 22 for node:sqlite (npm run bench uses node_modules/.bin/node)`);

  const results = {
    startedAt: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? " -- " + process.argv.slice(2).join(" ") : ""}`,
    machine: {
      node: process.versions.node,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memGiB: Math.round(totalmem() / 2 ** 30),
      loadAvgAtStart: loadavg(),
    },
    options: opt,
    budgets: BUDGET,
  };
  const rows = [];
  let failure = null;
  const loadSamples = [];
  const sampler = setInterval(() => loadSamples.push(loadavg()[0]), 5_000);

  tmp = mkdtempSync(join(tmpdir(), "wb-bench-"));
  try {
    // 1. Build, then run from a private copy (others may rebuild build/ meanwhile).
    if (opt.build) {
      log("react-router build (CLOUDFLARE_ENV=local)…");
      const t0 = performance.now();
      await runBuild(join(tmp, "build.log"));
      results.buildMs = performance.now() - t0;
    } else log("--no-build: using the existing build/server");
    const builtDir = join(ROOT, "build", "server");
    if (!existsSync(join(builtDir, "index.js")) || !existsSync(join(builtDir, "wrangler.json"))) {
      throw new Error("build/server/index.js or wrangler.json missing: run without --no-build");
    }
    const serverDir = join(tmp, "server");
    cpSync(builtDir, serverDir, { recursive: true });
    // The browser's half of the same build, for the page weight.
    const clientDir = join(tmp, "client");
    if (existsSync(join(ROOT, "build", "client"))) cpSync(join(ROOT, "build", "client"), clientDir, { recursive: true });
    const cfg = readBuiltConfig(serverDir);
    const skipped = unhandledBindings(cfg);
    if (skipped.length > 0) log(`note: bindings not simulated by the bench: ${skipped.join(", ")}`);

    // 6. Bundle size.
    results.bundle = bundleSize(serverDir);
    rows.push({
      metric: "Worker bundle, build/server/**/*.js gzipped",
      value: `${fmt(results.bundle.gzipBytes / MIB, 2)} MiB (${fmt(results.bundle.rawBytes / MIB, 2)} MiB raw)`,
      budget: "≤ 3 MiB",
      ok: results.bundle.gzipBytes <= BUDGET.bundleGzipBytes,
    });
    log(`bundle: ${results.bundle.files.length} modules, ${fmt(results.bundle.gzipBytes / 1024)} KiB gzipped`);

    // Helper Workers: the bare Hono baseline and the bench-only ingest entry.
    const bareJs = await bundle(join(ROOT, "bench", "bare-worker.mjs"), join(tmp, "bare", "index.js"));
    const ingestJs = await bundle(join(ROOT, "bench", "ingest-worker.ts"), join(tmp, "ingest", "index.js"));
    const encryptionKey = randomEncryptionKey();
    const dbId = cfg.d1_databases?.find((d) => d.binding === "DB")?.database_id;
    if (!dbId) throw new Error("build/server/wrangler.json has no D1 binding DB");

    // 6b. Startup: fresh workerd each time; the app's own share is app − bare.
    log("startup: fresh Miniflare → first response (3× app, 3× bare)…");
    const startups = { app: [], bare: [] };
    for (let i = 0; i < 3; i++) {
      startups.app.push(await startupOnce(appWorkerOptions(serverDir, { encryptionKey }), "/api/health", join(tmp, `startup-app-${i}`)));
      startups.bare.push(await startupOnce(bundleWorkerOptions("bare", bareJs, cfg), "/", join(tmp, `startup-bare-${i}`)));
    }
    const appStart = median(startups.app.map((s) => s.firstResponseMs));
    const bareStart = median(startups.bare.map((s) => s.firstResponseMs));
    results.startup = { runs: startups, appFirstResponseMs: appStart, bareFirstResponseMs: bareStart, appScriptShareMs: appStart - bareStart };
    rows.push({
      metric: "Startup: fresh Miniflare → first /api/health (median of 3)",
      value: `${ms(appStart)} (bare Hono ${ms(bareStart)}; app's share ${ms(appStart - bareStart)})`,
      budget: "app's share < 1 s",
      ok: appStart - bareStart < BUDGET.startupMs,
    });

    // 2. The main runtime: app + bare + ingest, one D1 database.
    log("starting workerd (app, bare Hono, ingest) through Miniflare…");
    const runtime = await startMiniflare(
      [
        appWorkerOptions(serverDir, { encryptionKey }),
        bundleWorkerOptions("bare", bareJs, cfg, { d1Databases: { DB: dbId } }),
        bundleWorkerOptions("ingest", ingestJs, cfg, { d1Databases: { DB: dbId } }),
      ],
      { persistDir: join(tmp, "state"), verbose: args.verbose },
    );
    mf = runtime.mf;
    const urls = runtime.urls;
    const d1 = await mf.getD1Database("DB", "app");
    const migrated = await applyMigrations(d1, join(ROOT, "db", "migrations"));
    log(`migrations applied: ${migrated.files.join(", ")} (${migrated.statements} statements)`);

    // 4. (a) Ingest.
    const nowMs = Date.now();
    log(`generating a ${fmt(opt.pageRows)}-row WB orders page…`);
    const page = wbOrdersPage({ count: opt.pageRows, nowMs, days: 10 });
    const body = JSON.stringify(page);
    results.ingestPage = { rows: page.length, bytes: Buffer.byteLength(body), spanDays: 10 };

    log(`raw node:sqlite baseline (${opt.runs} runs)…`);
    const raw = rawSqliteInsert(page, { dir: tmp, migrationsDir: join(ROOT, "db", "migrations"), runs: opt.runs });
    results.rawSqlite = raw;
    log(`raw node:sqlite: ${fmt(raw.rowsPerSec)} rows/s`);

    // One unmeasured run first: the sync runs in a long-lived isolate, so JIT warm-up is not its cost.
    const warmCabinet = randomUUID();
    await createCabinet(d1, { cabinetId: warmCabinet, userId: 899_999, name: "Ingest warm-up" });
    const warm = await ingestOnce(urls.ingest, warmCabinet, body, page.length);
    log(`ingest warm-up run (not counted): ${fmt(warm.rowsPerSec)} rows/s`);

    const inserts = [];
    let lastCabinet = null;
    for (let i = 0; i < opt.runs; i++) {
      lastCabinet = randomUUID();
      await createCabinet(d1, { cabinetId: lastCabinet, userId: 900_000 + i, name: `Ingest ${i + 1}` });
      const r = await ingestOnce(urls.ingest, lastCabinet, body, page.length);
      inserts.push(r);
      log(`ingest insert run ${i + 1}: ${fmt(r.rowsPerSec)} rows/s (${r.workerMs} ms in the Worker, ${fmt(r.wallMs)} ms wall, ${r.statements} statements)`);
    }
    const upserts = [];
    for (let i = 0; i < opt.runs; i++) {
      const r = await ingestOnce(urls.ingest, lastCabinet, body, page.length);
      upserts.push(r);
      log(`ingest upsert run ${i + 1}: ${fmt(r.rowsPerSec)} rows/s (${r.workerMs} ms in the Worker)`);
    }
    const phasesRes = await fetch(`${urls.ingest}/ingest?cabinet=${lastCabinet}&phases=1`, { method: "POST", body });
    const phases = phasesRes.status === 200 ? (await phasesRes.json()).phases : { error: `HTTP ${phasesRes.status}` };
    const stored = await d1.prepare("SELECT count(*) AS n FROM orders WHERE cabinet_id = ?1").bind(lastCabinet).first();
    if (stored.n !== page.length) throw new Error(`ingest: ${stored.n} rows stored, expected ${page.length}`);
    const insertRate = median(inserts.map((r) => r.rowsPerSec));
    const upsertRate = median(upserts.map((r) => r.rowsPerSec));
    results.ingest = {
      warmupRun: warm,
      insertRuns: inserts,
      upsertRuns: upserts,
      insertRowsPerSec: insertRate,
      upsertRowsPerSec: upsertRate,
      insertWallRowsPerSec: median(inserts.map((r) => r.wallRowsPerSec)),
      upsertWallRowsPerSec: median(upserts.map((r) => r.wallRowsPerSec)),
      insertVsRaw: insertRate / raw.rowsPerSec,
      upsertVsRaw: upsertRate / raw.rowsPerSec,
      phasesOfOneUpsert: phases,
    };
    rows.push({
      metric: "Raw node:sqlite insert, same rows (baseline)",
      value: `${fmt(raw.rowsPerSec)} rows/s`,
      budget: "—",
      ok: null,
    });
    rows.push({
      metric: `Ingest ${fmt(page.length)}-row page, first run (insert), median of ${opt.runs}`,
      value: `${fmt(insertRate)} rows/s = ${fmt(results.ingest.insertVsRaw, 2)}× raw (wall from Node, incl. upload: ${fmt(results.ingest.insertWallRowsPerSec)})`,
      budget: "≥ 25,000 rows/s and ≥ 0.2× raw",
      ok: insertRate >= BUDGET.ingestRowsPerSec && results.ingest.insertVsRaw >= BUDGET.ingestVsRaw,
    });
    rows.push({
      metric: `Ingest same page again (upsert), median of ${opt.runs}`,
      value: `${fmt(upsertRate)} rows/s = ${fmt(results.ingest.upsertVsRaw, 2)}× raw (wall from Node, incl. upload: ${fmt(results.ingest.upsertWallRowsPerSec)})`,
      budget: "≥ 25,000 rows/s and ≥ 0.2× raw",
      ok: upsertRate >= BUDGET.ingestRowsPerSec && results.ingest.upsertVsRaw >= BUDGET.ingestVsRaw,
    });
    log(`ingest phases of one upsert (diagnostic): ${JSON.stringify(phases)}`);
    if (phases && !phases.error) {
      rows.push({
        metric: "  where an ingest goes (one upsert, diagnostic)",
        value: `parse+validate ${phases.parseAndValidateMs} ms · map+build ${phases.mapAndBuildMs} ms · upsert batch ${phases.upsertBatchMs} ms · rollups ${phases.rollupRebuildMs} ms`,
        budget: "—",
        ok: null,
      });
    }

    // 5. (b) Seed the API cabinet.
    const cabinetId = randomUUID();
    const userId = 700_001;
    const token = newApiToken();
    await createCabinet(d1, { cabinetId, userId, name: "Бенчмарк: миллион заказов", token });
    log(`seeding ${fmt(opt.orders)} orders, 5,000 sizes, rollups…`);
    const seedT0 = performance.now();
    const seeded = await seedCabinet(d1, {
      cabinetId,
      orders: opt.orders,
      nowMs,
      onProgress: (n) => {
        if (n % 250_000 === 0 || n === opt.orders) log(`  orders: ${fmt(n)}`);
      },
    });
    results.seed = { ...seeded, totalMs: performance.now() - seedT0 };
    if (seeded.rows.orders !== opt.orders) throw new Error(`seed: ${seeded.rows.orders} orders stored, expected ${opt.orders}`);
    log(`seeded in ${fmt(results.seed.totalMs / 1000, 1)} s: ${JSON.stringify(seeded.rows)}`);

    // Responses must be right before they are fast.
    const auth = { Authorization: `Bearer ${token}` };
    const summaryUrl = `${urls.app}/api/cabinets/${cabinetId}/summary`;
    const ordersUrl = `${urls.app}/api/cabinets/${cabinetId}/orders?limit=50`;
    const firstT0 = performance.now();
    const summary = await getJson(summaryUrl, auth);
    const firstSummaryMs = performance.now() - firstT0;
    if (summary.cabinetId !== cabinetId || typeof summary.orders?.today?.count !== "number" || typeof summary.stocks?.sizes !== "number") {
      throw new Error(`summary: unexpected shape: ${JSON.stringify(summary).slice(0, 500)}`);
    }
    const list = await getJson(ordersUrl, auth);
    if (!Array.isArray(list.items) || list.items.length !== 50 || typeof list.nextCursor !== "string") {
      throw new Error(`orders: expected 50 items and a next cursor: ${JSON.stringify(list).slice(0, 500)}`);
    }
    const bare = await getJson(`${urls.bare}/`, {});
    if (bare.ok !== true) throw new Error("bare handler: unexpected body");
    results.samples = {
      firstSummaryMs,
      summary: { today: summary.orders.today.count, last30: summary.orders.last30?.count, stocks: summary.stocks, reviews: summary.reviews, products: summary.products },
    };
    log(`first summary (cold isolate caches): ${ms(firstSummaryMs)}; today ${summary.orders.today.count} orders, last 30 days ${summary.orders.last30?.count}`);

    // The dashboard overview (/c/<cabinetId>, app/routes.ts) as its owner sees it: a session as
    // workers/auth/sessions.ts stores one, sent as the `wba_session` cookie (http: no __Host- name).
    // A browser User-Agent, so the document streams as it does to sellers; autocannon times each
    // response to its last byte either way.
    const session = await createWebSession(d1, { userId });
    const overviewUrl = `${urls.app}/c/${cabinetId}`;
    const pageHeaders = {
      Cookie: session.cookie,
      "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
      Accept: "text/html",
    };
    const pageT0 = performance.now();
    const pageRes = await fetch(overviewUrl, { headers: pageHeaders, redirect: "manual" });
    const html = await pageRes.text();
    const firstPageMs = performance.now() - pageT0;
    const todayText = summary.orders.today.count.toLocaleString("ru-RU");
    if (pageRes.status !== 200 || !(pageRes.headers.get("Content-Type") ?? "").startsWith("text/html")) {
      throw new Error(`overview: HTTP ${pageRes.status} ${pageRes.headers.get("Location") ?? ""}: ${html.slice(0, 500)}`);
    }
    if (!html.includes('data-testid="kpi-today"') || !html.includes("Бенчмарк: миллион заказов") || !html.includes(todayText)) {
      throw new Error(`overview: the page lacks the cabinet, its KPI cards or today's count ${todayText}: ${html.slice(0, 500)}`);
    }
    results.samples.firstOverviewMs = firstPageMs;
    results.samples.overviewHtmlBytes = Buffer.byteLength(html);
    results.pageWeight = existsSync(clientDir) ? pageWeight(html, clientDir) : { error: "build/client missing" };
    if (results.pageWeight.missing?.length) throw new Error(`page weight: referenced files missing from build/client: ${results.pageWeight.missing.join(", ")}`);
    log(`first overview SSR: ${ms(firstPageMs)}, ${fmt(results.samples.overviewHtmlBytes / 1024)} KiB of HTML`);

    log("query diagnostics (EXPLAIN QUERY PLAN, D1 SQL time)…");
    results.queries = await diagnoseQueries(urls.ingest, { root: ROOT, cabinetId, userId, tokenHash: sha256Hex(token), nowMs: Date.now() });
    results.summaryRepository = await timeSummaryRepository(urls.ingest, { cabinetId, userId });

    // Load: bare → bare + one D1 read → summary → orders → overview SSR → bare (the baseline is the
    // mean of both bare runs; the D1 one shows what a single D1 round trip costs in local workerd).
    const durationFor = (connections) => (connections === 1 ? Math.min(5, opt.durationSec) : opt.durationSec);
    const load = (name, url, headers, connections) =>
      loadTest({ name, url, headers, connections, durationSec: durationFor(connections), warmupSec: opt.warmupSec });
    const loads = [];
    for (const [name, url, headers, connections = opt.connections] of [
      ["bare Hono", `${urls.bare}/`, {}],
      ["bare Hono + 1 D1 read", `${urls.bare}/d1`, {}],
      ["summary", summaryUrl, auth],
      ["orders list", ordersUrl, auth],
      ["overview SSR", overviewUrl, pageHeaders],
      ["bare Hono (again)", `${urls.bare}/`, {}],
      ["summary, 1 connection", summaryUrl, auth, 1],
      ["overview SSR, 1 connection", overviewUrl, pageHeaders, 1],
    ]) {
      log(`autocannon ${name}: ${connections} connection(s), ${opt.warmupSec} s warm-up + ${durationFor(connections)} s…`);
      const r = await load(name, url, headers, connections);
      loads.push(r);
      log(`  ${fmt(r.reqPerSec)} req/s, p50 ${ms(r.latencyMs.p50)}, p95 ${ms(r.latencyMs.p95)}, p99 ${ms(r.latencyMs.p99)}, statuses ${JSON.stringify(r.statuses)}`);
    }
    results.load = loads;
    const bad = loads.filter((r) => r.non2xx > 0 || r.errors > 0 || r.timeouts > 0);
    const [bare1, oneRead, sum, ord, ssr, bare2, sumSerial, ssrSerial] = loads;
    const bareRps = (bare1.reqPerSec + bare2.reqPerSec) / 2;
    results.api = {
      bareReqPerSec: bareRps,
      oneD1ReadReqPerSec: oneRead.reqPerSec,
      summaryVsBare: sum.reqPerSec / bareRps,
      ordersVsBare: ord.reqPerSec / bareRps,
      summaryVsOneD1Read: sum.reqPerSec / oneRead.reqPerSec,
      ordersVsOneD1Read: ord.reqPerSec / oneRead.reqPerSec,
      overviewVsBare: ssr.reqPerSec / bareRps,
    };
    const lat = (r) => `p50 ${ms(r.latencyMs.p50)} · p95 ${ms(r.latencyMs.p95)} · p99 ${ms(r.latencyMs.p99)}`;
    rows.push({
      metric: `Bare Hono JSON handler (baseline), ${opt.connections} conns`,
      value: `${fmt(bareRps)} req/s (${fmt(bare1.reqPerSec)} before, ${fmt(bare2.reqPerSec)} after); ${lat(bare1)}`,
      budget: "—",
      ok: null,
    });
    rows.push({
      metric: "Bare Hono + one D1 `SELECT 1` (reference)",
      value: `${fmt(oneRead.reqPerSec)} req/s = ${fmt(oneRead.reqPerSec / bareRps, 2)}× bare; ${lat(oneRead)}`,
      budget: "—",
      ok: null,
    });
    rows.push({
      metric: `GET /api/cabinets/:id/summary, ${fmt(opt.orders)} orders`,
      value: `${fmt(sum.reqPerSec)} req/s = ${fmt(results.api.summaryVsBare, 3)}× bare (${fmt(results.api.summaryVsOneD1Read, 2)}× one-read); ${lat(sum)}`,
      budget: "≥ 0.5× bare, p95 ≤ 10 ms",
      ok: results.api.summaryVsBare >= BUDGET.summaryVsBare && sum.latencyMs.p95 <= BUDGET.summaryP95Ms,
    });
    rows.push({
      metric: `GET /api/cabinets/:id/orders?limit=50, ${fmt(opt.orders)} orders`,
      value: `${fmt(ord.reqPerSec)} req/s = ${fmt(results.api.ordersVsBare, 3)}× bare (${fmt(results.api.ordersVsOneD1Read, 2)}× one-read); ${lat(ord)}`,
      budget: "≥ 0.3× bare",
      ok: results.api.ordersVsBare >= BUDGET.ordersVsBare,
    });
    rows.push({
      metric: `GET /c/:id (overview page SSR, signed in), ${fmt(opt.orders)} orders`,
      value: `${fmt(ssr.reqPerSec)} req/s = ${fmt(results.api.overviewVsBare, 3)}× bare; ${lat(ssr)}`,
      budget: "p95 ≤ 100 ms",
      ok: ssr.latencyMs.p95 <= BUDGET.overviewP95Ms,
    });
    const pw = results.pageWeight;
    if (pw && !pw.error) {
      rows.push({
        metric: "  overview page JavaScript, gzipped (entry + route chunks)",
        value:
          `${fmt(pw.initial.gzipBytes / 1024, 1)} KiB in ${pw.initial.files} files (${fmt(pw.initial.rawBytes / 1024)} KiB raw); ` +
          `+ ${fmt(pw.lazy.gzipBytes / 1024, 1)} KiB lazy (charts) = ${fmt((pw.initial.gzipBytes + pw.lazy.gzipBytes) / 1024, 1)} KiB; ` +
          `CSS ${fmt(pw.css.gzipBytes / 1024, 1)} KiB; HTML ${fmt(results.samples.overviewHtmlBytes / 1024)} KiB raw`,
        budget: "—",
        ok: null,
      });
    }
    rows.push({
      metric: "  summary with 1 connection (no queueing; informational)",
      value: `${fmt(sumSerial.reqPerSec)} req/s; ${lat(sumSerial)}`,
      budget: "—",
      ok: null,
    });
    rows.push({
      metric: "  overview SSR with 1 connection (informational)",
      value: `${fmt(ssrSerial.reqPerSec)} req/s; ${lat(ssrSerial)}`,
      budget: "—",
      ok: null,
    });
    if (results.summaryRepository && !results.summaryRepository.error) {
      rows.push({
        metric: "  summary repository alone in workerd (one D1 batch, warm caches)",
        value: `${ms(results.summaryRepository.ms)} per call (mean of ${results.summaryRepository.n}; first call, cold caches: ${ms(results.summaryRepository.firstMs)})`,
        budget: "—",
        ok: null,
      });
    }
    if (bad.length > 0) {
      throw new Error(
        `non-2xx responses, errors or timeouts under load: ${bad.map((r) => `${r.name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts, statuses ${JSON.stringify(r.statuses)}`).join("; ")}`,
      );
    }
  } catch (error) {
    failure = error;
  } finally {
    await cleanup();
  }

  results.finishedAt = new Date().toISOString();
  clearInterval(sampler);
  results.machine.loadAvgAtEnd = loadavg();
  results.machine.loadAvg1mMax = Math.max(results.machine.loadAvgAtStart[0], ...loadSamples);
  results.table = rows;
  if (failure) results.error = String(failure?.stack ?? failure);
  mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
  const out = join(ROOT, "bench", "results", `${results.startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(out, JSON.stringify(results, null, 2) + "\n");

  printTable(rows);
  if (results.queries) printQueries(results.queries, opt.orders);
  console.log(`\nRaw results: ${out.slice(ROOT.length + 1)}`);
  // The bench itself keeps about 2 cores busy; much more than that means other work shared the CPU.
  const busy = results.machine.loadAvg1mMax;
  if (busy > cpus().length * 1.75) {
    console.log(`WARNING: load average reached ${busy.toFixed(1)} on ${cpus().length} cores: other processes competed for the CPU; the figures are unreliable, run again when the machine is quiet.`);
  }
  if (failure) {
    console.error(`\n[bench] ERROR: ${failure?.stack ?? failure}`);
    process.exitCode = 1;
  } else {
    const missed = rows.filter((r) => r.ok === false).length;
    console.log(missed ? `${missed} budget(s) MISSED (see the table).` : "All budgets met.");
  }
}

function printTable(rows) {
  const head = ["metric", "value", "budget", "ok?"];
  const cells = rows.map((r) => [r.metric, r.value, r.budget, r.ok === null ? "—" : r.ok ? "ok" : "MISSED"]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => "| " + c.map((x, i) => x.padEnd(widths[i])).join(" | ") + " |";
  console.log("\n" + line(head));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const c of cells) console.log(line(c));
}

function printQueries(queries, orders) {
  console.log(`\nQueries on the ${fmt(orders)}-order cabinet, timed inside workerd through the D1 binding (ms per execution;`);
  console.log("'+' = above the SELECT 1 round trip), slowest first, with EXPLAIN QUERY PLAN:");
  for (const q of [...queries].sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0))) {
    if (q.error) {
      console.log(`  ${q.name}: ERROR ${q.error}`);
      continue;
    }
    console.log(`  ${q.name}: ${ms(q.ms)} (+${ms(q.overRoundTripMs)}), ${fmt(q.rows)} rows returned, ${fmt(q.rowsRead)} rows read`);
    for (const step of q.plan ?? []) console.log(`      ${step}`);
  }
}

await main();
