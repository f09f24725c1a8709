import { createRequestHandler } from "react-router";

declare module "react-router" {
  interface AppLoadContext {
    cloudflare: { env: Env; ctx: Pick<ExecutionContext, "waitUntil" | "passThroughOnException"> };
  }
}

// Built lazily so API-only isolates never load the React bundle.
export const dashboardHandler = createRequestHandler(
  () => import("virtual:react-router/server-build"),
  import.meta.env.MODE,
);
