// The one way to get a drizzle instance over D1. Every query on seller data must still go through
// a repository that takes an authorised cabinet id (see ARCHITECTURE.md, Data).

import { drizzle } from "drizzle-orm/d1";

import * as schema from "../../db/schema";

export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}

export type Db = ReturnType<typeof createDb>;
export { schema };
