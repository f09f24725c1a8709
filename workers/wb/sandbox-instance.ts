// The Worker's one WB sandbox: created per isolate on first use (its rate-limit buckets live in
// memory, like WB's own per-instance counters), with answers and revocations kept in D1 so they
// survive restarts. Served at /wb-sandbox/<sub>/<path> and called in-process by demo cabinets.

import type { WbFetch } from "./client";
import { createWbSandbox } from "./sandbox/server";
import { D1SandboxStore } from "./sandbox/store";

type Sandbox = ReturnType<typeof createWbSandbox>;

let instance: { sandbox: Sandbox; db: D1Database; faultRate: number } | null = null;

export function getSandbox(env: Env): Sandbox {
  const faultRate = Number(env.WB_SANDBOX_FAULT_RATE ?? 0) || 0;
  if (!instance || instance.db !== env.DB || instance.faultRate !== faultRate) {
    instance = { sandbox: createWbSandbox({ store: new D1SandboxStore(env.DB), faultRate }), db: env.DB, faultRate };
  }
  return instance.sandbox;
}

export function sandboxFetch(env: Env): WbFetch {
  return (url, init) => getSandbox(env).fetch(new Request(url, init));
}
