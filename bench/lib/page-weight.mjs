// The JavaScript a page ships to the browser, from its server-rendered HTML and the client build
// (build/client): every /assets/*.js the document references (React Router's inline module script
// imports the route manifest, the route modules and the client entry; <link rel="modulepreload">
// lists their static dependencies), closed over the chunks' own static imports; then the chunks
// those load with dynamic import() (e.g. the lazily loaded chart), reported separately. Each file is
// gzipped on its own (level 9), as it travels; stylesheets are reported beside, not counted.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { gzipSync } from "node:zlib";

const ASSET_JS = /["'`(](\/assets\/[^"'`()\s]+\.js)["'`)]/g;
const ASSET_CSS = /["'`(](\/assets\/[^"'`()\s]+\.css)["'`)]/g;
// Minified ESM chunks: `import{a as b}from"./x.js"`, `import"./x.js"`, `export{…}from"./x.js"`, import(`./x.js`)
// (any of the three quotes).
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g;

function fileOf(clientDir, url) {
  return join(clientDir, url.replace(/^\//, ""));
}

function sizeOf(clientDir, url) {
  const path = fileOf(clientDir, url);
  if (!existsSync(path)) return { url, missing: true, rawBytes: 0, gzipBytes: 0 };
  const buf = readFileSync(path);
  return { url, rawBytes: buf.length, gzipBytes: gzipSync(buf, { level: 9 }).length };
}

function importsOf(clientDir, url, pattern) {
  const path = fileOf(clientDir, url);
  if (!existsSync(path)) return [];
  const text = readFileSync(path, "utf8");
  return [...text.matchAll(pattern)].map((m) => posix.join(posix.dirname(url), m[1]));
}

/** Static closure of `roots` (URLs), in discovery order. */
function closure(clientDir, roots, exclude = new Set()) {
  const seen = new Set();
  const queue = [...roots];
  while (queue.length > 0) {
    const url = queue.shift();
    if (seen.has(url) || exclude.has(url)) continue;
    seen.add(url);
    queue.push(...importsOf(clientDir, url, STATIC_IMPORT));
  }
  return [...seen];
}

const total = (files) => ({
  files: files.length,
  rawBytes: files.reduce((a, f) => a + f.rawBytes, 0),
  gzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0),
});

export function pageWeight(html, clientDir) {
  if (!existsSync(clientDir)) throw new Error(`page weight: ${clientDir} missing`);
  const referenced = [...new Set([...html.matchAll(ASSET_JS)].map((m) => m[1]))];
  const initialUrls = closure(clientDir, referenced);
  const initial = initialUrls.map((u) => sizeOf(clientDir, u));
  const dynamicRoots = [...new Set(initialUrls.flatMap((u) => importsOf(clientDir, u, DYNAMIC_IMPORT)))];
  const lazyUrls = closure(clientDir, dynamicRoots, new Set(initialUrls));
  const lazy = lazyUrls.map((u) => sizeOf(clientDir, u));
  const css = [...new Set([...html.matchAll(ASSET_CSS)].map((m) => m[1]))].map((u) => sizeOf(clientDir, u));
  return {
    method: "every /assets/*.js referenced by the SSR HTML, closed over static imports; dynamic import() chunks as `lazy`; each file gzip -9 on its own",
    referencedInHtml: referenced,
    notInHtml: initialUrls.filter((u) => !referenced.includes(u)),
    missing: [...initial, ...lazy].filter((f) => f.missing).map((f) => f.url),
    initial: { ...total(initial), list: initial },
    lazy: { ...total(lazy), list: lazy },
    css: { ...total(css), list: css },
  };
}

export const clientDirOf = (serverDir) => join(dirname(serverDir), "client");
