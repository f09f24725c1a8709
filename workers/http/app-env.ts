import type { Db } from "../db/client";

/** Hono environment of every router: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    db: Db;
    /** The authenticated user (Telegram id), set by `requireUser`. */
    userId: number;
  };
}
