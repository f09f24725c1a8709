// Injected faults, so clients are tested against what WB really does now and then: 5xx from the
// gateway or its proxies, a 429 before the published limit is reached, a request that never gets
// an answer, and a 200 whose body is cut off mid-JSON.
//
// A fault is chosen with probability `faultRate` per request (env WB_SANDBOX_FAULT_RATE), or
// deterministically with the request header `X-Sandbox-Fault: 500|502|503|429|timeout|malformed`.

export const FAULT_KINDS = ["500", "502", "503", "429", "timeout", "malformed"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FAULT_HEADER = "X-Sandbox-Fault";

export function isFaultKind(x: string): x is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(x);
}

/** The fault for this request, if any: the header wins, then the random draw. */
export function chooseFault(header: string | null, rate: number, random: () => number): FaultKind | null {
  if (header !== null) {
    const kind = header.trim().toLowerCase();
    if (isFaultKind(kind)) return kind;
  }
  if (rate > 0 && random() < rate) return FAULT_KINDS[Math.min(FAULT_KINDS.length - 1, Math.floor(random() * FAULT_KINDS.length))] as FaultKind;
  return null;
}

/** Parses WB_SANDBOX_FAULT_RATE ("0.05"); anything unusable means no random faults. */
export function faultRateFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 0;
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}

/** Bodies of the 5xx faults, as WB's edge serves them: the gateway's JSON, nginx's and envoy's pages. */
export function serverErrorBody(kind: "500" | "502" | "503"): { body: string; contentType: string } {
  switch (kind) {
    case "500":
      return { body: JSON.stringify({ title: "internal server error", detail: "internal server error", status: 500, statusText: "Internal Server Error" }), contentType: "application/problem+json; charset=utf-8" };
    case "502":
      return { body: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n", contentType: "text/html" };
    case "503":
      return { body: "upstream connect error or disconnect/reset before headers. reset reason: overflow", contentType: "text/plain" };
  }
}

/** Cuts a JSON body in the middle so it no longer parses. */
export function truncateJson(body: string): string {
  if (body.length < 4) return '{"da';
  return body.slice(0, Math.max(2, Math.floor(body.length / 2)));
}

/**
 * Waits `ms` (the client should have given up long before), or rejects as soon as the request is
 * aborted, the way a fetch to a hung server does.
 */
export function hang(ms: number, signal: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new DOMException("The operation was aborted.", "AbortError"));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new DOMException("The operation was aborted.", "AbortError"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
