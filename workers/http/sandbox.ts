import { Hono } from "hono";

import { getSandbox } from "../wb/sandbox-instance";
import { problemResponse, problems } from "./problem";

/** The WB sandbox at /wb-sandbox/<sub>/<path>, only where WB_SANDBOX=1 (local runs, tests). */
export function sandboxRoutes() {
  return new Hono<{ Bindings: Env }>().all("/*", (c) => {
    if (c.env.WB_SANDBOX !== "1") return problemResponse(problems.notFound().problem);
    return getSandbox(c.env).fetch(c.req.raw);
  });
}
