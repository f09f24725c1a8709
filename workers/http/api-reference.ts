// A readable API reference that works offline: the page fetches the OpenAPI document and lists
// every operation with its parameters, body and responses. No CDN, no external scripts.

export function apiReferencePage(specUrl: string): string {
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>WB Assist API — справочник</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:0 auto;padding:24px;color:#1d1d1f}
h1{margin:0 0 4px}code,pre{font:13px ui-monospace,monospace}pre{background:#f5f5f7;padding:12px;border-radius:8px;overflow:auto}
.op{border:1px solid #e5e5ea;border-radius:10px;margin:12px 0;padding:12px 16px}
.m{display:inline-block;min-width:64px;font-weight:700;text-transform:uppercase}
.get{color:#0a7d38}.post{color:#0058d0}.delete{color:#c4211a}.patch,.put{color:#a05a00}
.tag{margin-top:28px;border-bottom:2px solid #cb11ab;padding-bottom:4px}
details summary{cursor:pointer;color:#555}
</style></head><body>
<h1>WB Assist API</h1>
<p>Документ OpenAPI 3.1: <a href="${specUrl}"><code>${specUrl}</code></a>. Авторизация: <code>Authorization: Bearer &lt;API-токен&gt;</code>. Ошибки — <code>application/problem+json</code> (RFC 9457).</p>
<div id="ops">Загрузка…</div>
<script type="module">
const spec = await (await fetch(${JSON.stringify(specUrl)})).json();
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;"}[c]));
const byTag = new Map();
for (const [path, item] of Object.entries(spec.paths ?? {}))
  for (const [method, op] of Object.entries(item)) {
    const tag = op.tags?.[0] ?? "Прочее";
    if (!byTag.has(tag)) byTag.set(tag, []);
    byTag.get(tag).push({ path, method, op });
  }
let html = "";
for (const [tag, ops] of byTag) {
  html += '<h2 class="tag">' + esc(tag) + "</h2>";
  for (const { path, method, op } of ops) {
    html += '<div class="op"><div><span class="m ' + method + '">' + method + "</span> <code>/api" + esc(path) + "</code></div>";
    html += "<p><b>" + esc(op.summary) + "</b>" + (op.description ? "<br>" + esc(op.description) : "") + "</p>";
    const params = op.parameters ?? [];
    if (params.length) html += "<p>Параметры: " + params.map((p) => "<code>" + esc(p.name) + "</code> (" + esc(p.in) + (p.required ? ", обязательный" : "") + ")" + (p.description ? " — " + esc(p.description) : "")).join("; ") + "</p>";
    const body = op.requestBody?.content?.["application/json"]?.schema;
    if (body) html += "<details><summary>Тело запроса</summary><pre>" + esc(JSON.stringify(body, null, 2)) + "</pre></details>";
    html += "<details><summary>Ответы: " + Object.keys(op.responses ?? {}).join(", ") + "</summary><pre>" + esc(JSON.stringify(op.responses, null, 2)) + "</pre></details></div>";
  }
}
html += "<details><summary>Схемы</summary><pre>" + esc(JSON.stringify(spec.components?.schemas ?? {}, null, 2)) + "</pre></details>";
document.getElementById("ops").innerHTML = html;
</script></body></html>`;
}
