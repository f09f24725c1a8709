// (b) API load with autocannon: a warm-up, then a fixed-duration run. Latency percentiles are
// computed from every response's own time (autocannon's summary has no p95), and every non-2xx,
// error and timeout is counted so the caller can fail loudly.

import autocannon from "autocannon";

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function run(opts, onResponse) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    if (onResponse) instance.on("response", onResponse);
  });
}

/**
 * Loads `url` with `connections` keep-alive connections: `warmupSec` discarded, then `durationSec`
 * measured. Returns req/s, latency p50/p95/p99 (ms) and status counts.
 */
export async function loadTest({ name, url, headers = {}, connections = 10, durationSec = 10, warmupSec = 2 }) {
  const base = { url, headers, connections, pipelining: 1, timeout: 10 };
  if (warmupSec > 0) {
    const warm = await run({ ...base, duration: warmupSec });
    if (warm.non2xx > 0 || warm.errors > 0) {
      throw new Error(`${name}: ${warm.non2xx} non-2xx and ${warm.errors} errors during warm-up (${JSON.stringify(warm.statusCodeStats)})`);
    }
  }
  const latencies = [];
  const statuses = {};
  const result = await run({ ...base, duration: durationSec }, (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  latencies.sort((a, b) => a - b);
  const seconds = (new Date(result.finish) - new Date(result.start)) / 1000 || durationSec;
  return {
    name,
    url,
    connections,
    durationSec: seconds,
    requests: result.requests.total,
    reqPerSec: result.requests.total / seconds,
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? NaN,
      mean: latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1),
    },
    statuses,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
