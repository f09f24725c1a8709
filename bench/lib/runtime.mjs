// The built Worker (and the bench's helper Workers) in workerd through Miniflare's API, with the
// bindings from build/server/wrangler.json. Every Worker gets its own direct socket on loopback,
// so requests reach workerd without passing through Miniflare's entry Worker or Node.

import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

import { Log, LogLevel, Miniflare, convertV4MiniflareOptions } from "miniflare";

const LOOPBACK = "127.0.0.1";

export function randomEncryptionKey() {
  return randomBytes(32).toString("base64");
}

function listJs(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJs(path));
    else if (/\.(m?js)$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** The wrangler.json the React Router build wrote next to the server bundle. */
export function readBuiltConfig(serverDir) {
  return JSON.parse(readFileSync(join(serverDir, "wrangler.json"), "utf8"));
}

/**
 * Miniflare (v4-style, converted) options for the production build in `serverDir`: every .js
 * module of the build (index.js first, then its ./assets chunks), and the config's bindings.
 * Queue consumers and cron triggers are left out: nothing should run in the background while
 * the bench measures.
 */
export function appWorkerOptions(serverDir, { encryptionKey, name = "app" }) {
  const cfg = readBuiltConfig(serverDir);
  const main = join(serverDir, cfg.main ?? "index.js");
  const modules = [main, ...listJs(serverDir).filter((p) => p !== main)].map((path) => ({ type: "ESModule", path }));
  const sqliteClasses = new Set((cfg.migrations ?? []).flatMap((m) => m.new_sqlite_classes ?? []));
  return {
    name,
    modules,
    modulesRoot: serverDir,
    compatibilityDate: cfg.compatibility_date,
    compatibilityFlags: cfg.compatibility_flags ?? [],
    bindings: { ...(cfg.vars ?? {}), WB_SANDBOX: "1", ENCRYPTION_KEY: encryptionKey },
    d1Databases: Object.fromEntries((cfg.d1_databases ?? []).map((d) => [d.binding, d.database_id])),
    durableObjects: Object.fromEntries(
      (cfg.durable_objects?.bindings ?? []).map((b) => [b.name, { className: b.class_name, useSQLite: sqliteClasses.has(b.class_name) }]),
    ),
    queueProducers: Object.fromEntries((cfg.queues?.producers ?? []).map((p) => [p.binding, p.queue])),
    r2Buckets: Object.fromEntries((cfg.r2_buckets ?? []).map((b) => [b.binding, b.bucket_name])),
    kvNamespaces: Object.fromEntries((cfg.kv_namespaces ?? []).map((k) => [k.binding, k.id ?? k.binding])),
    unsafeDirectSockets: [{ host: LOOPBACK, port: 0 }],
  };
}

const HANDLED = new Set(["d1_databases", "durable_objects", "queues", "r2_buckets", "kv_namespaces", "vars"]);

/** Binding kinds in the built config that the bench does not wire up (reported, not fatal). */
export function unhandledBindings(cfg) {
  const kinds = ["services", "vectorize", "ai", "hyperdrive", "analytics_engine_datasets", "dispatch_namespaces", "workflows", "send_email", "ratelimits", "secrets_store_secrets"];
  return kinds.filter((k) => !HANDLED.has(k) && cfg[k] && (Array.isArray(cfg[k]) ? cfg[k].length > 0 : Object.keys(cfg[k]).length > 0));
}

/** A single-module Worker (the bench's bundles) with the same compatibility settings. */
export function bundleWorkerOptions(name, scriptPath, cfg, extra = {}) {
  return {
    name,
    modules: [{ type: "ESModule", path: scriptPath }],
    modulesRoot: dirname(scriptPath),
    compatibilityDate: cfg.compatibility_date,
    compatibilityFlags: cfg.compatibility_flags ?? [],
    unsafeDirectSockets: [{ host: LOOPBACK, port: 0 }],
    ...extra,
  };
}

/**
 * Starts workerd with `workers` (v4-style option objects). `persistDir`: where D1, Durable
 * Objects and R2 keep their files. Returns the instance and each Worker's direct URL.
 */
export async function startMiniflare(workers, { persistDir, verbose = false }) {
  const options = convertV4MiniflareOptions({
    host: LOOPBACK,
    port: 0,
    // The placeholder Request.cf: no fetch of Cloudflare's real one (everything stays on loopback).
    cf: false,
    log: new Log(verbose ? LogLevel.INFO : LogLevel.WARN),
    resourcePersistencePath: persistDir,
    workers,
  });
  const mf = new Miniflare(options);
  await mf.ready;
  const urls = {};
  for (const w of workers) urls[w.name] = (await mf.unsafeGetDirectURL(w.name)).toString().replace(/\/$/, "");
  return { mf, urls };
}
