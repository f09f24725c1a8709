// (a) Ingest: one 80,000-row WB orders page through the real ingest path in workerd (the
// bench-only ingest Worker), and the raw node:sqlite baseline inserting the same rows.

import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";

import { ORDER_COLUMNS, orderColumns } from "./catalog.mjs";
import { migrationStatements } from "./seed.mjs";

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Raw SQLite: a fresh file database per run with the project's schema (same table and indexes),
 * the page's rows already mapped to column values, one prepared INSERT run per row inside one
 * transaction. Only BEGIN…COMMIT is timed.
 */
export function rawSqliteInsert(pageRows, { dir, migrationsDir, runs = 3 }) {
  const { statements } = migrationStatements(migrationsDir);
  const cabinetId = "00000000-0000-4000-8000-000000000001";
  const values = pageRows.map((o) => orderColumns(cabinetId, o));
  const results = [];
  for (let run = 0; run < runs; run++) {
    const db = new DatabaseSync(join(dir, `raw-${run}.sqlite`));
    for (const s of statements) db.exec(s);
    db.prepare("INSERT INTO cabinets (id, name, token_ciphertext, token_iv, token_type) VALUES (?, 'raw', 'c', 'i', 'personal')").run(cabinetId);
    const insert = db.prepare(`INSERT INTO orders (${ORDER_COLUMNS.join(", ")}) VALUES (${ORDER_COLUMNS.map(() => "?").join(", ")})`);
    const t0 = performance.now();
    db.exec("BEGIN");
    for (const v of values) insert.run(...v);
    db.exec("COMMIT");
    const ms = performance.now() - t0;
    const n = db.prepare("SELECT count(*) AS n FROM orders").get().n;
    db.close();
    if (n !== pageRows.length) throw new Error(`raw sqlite: expected ${pageRows.length} rows, found ${n}`);
    results.push({ ms, rowsPerSec: (pageRows.length / ms) * 1000 });
  }
  return {
    runs: results,
    ms: median(results.map((r) => r.ms)),
    rowsPerSec: median(results.map((r) => r.rowsPerSec)),
    settings: "node:sqlite file DB, default journal (DELETE) and synchronous (FULL), one transaction, rows pre-mapped",
  };
}

/** POSTs the page to the ingest Worker; returns the Worker's own timing and Node's wall time. */
export async function ingestOnce(ingestUrl, cabinetId, body, expectedRows) {
  const t0 = performance.now();
  const res = await fetch(`${ingestUrl}/ingest?cabinet=${cabinetId}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body,
  });
  const text = await res.text();
  const wallMs = performance.now() - t0;
  if (res.status !== 200) throw new Error(`ingest: HTTP ${res.status}: ${text.slice(0, 2000)}`);
  const out = JSON.parse(text);
  if (out.rows !== expectedRows) throw new Error(`ingest: the Worker saw ${out.rows} rows, expected ${expectedRows}`);
  return { workerMs: out.ms, wallMs, statements: out.statements, rowsPerSec: (expectedRows / out.ms) * 1000, wallRowsPerSec: (expectedRows / wallMs) * 1000 };
}
