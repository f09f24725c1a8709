// Public surface of the WB sandbox (see server.ts for how a request is served).

export { createWbSandbox, type DateRangeOptions, type WbSandbox, type WbSandboxData, type WbSandboxOptions } from "./server";
export { D1SandboxStore, MemorySandboxStore, SANDBOX_STORE_SCHEMA_SQL, type SandboxAnswer, type SandboxAnswerKind, type SandboxStore } from "./store";
export { makeSandboxToken, SANDBOX_DEMO_TOKEN, SANDBOX_DEMO_TOKEN_OPTIONS, SANDBOX_SELLER_SID, type SandboxTokenOptions, type WbJwtClaims } from "./tokens";
export { FAULT_HEADER, FAULT_KINDS, faultRateFromEnv, type FaultKind } from "./faults";
export type { ReportPeriod } from "./finance";
export type * from "./types";
