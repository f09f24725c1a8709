import { sql } from "drizzle-orm";

import type { Db } from "../db/client";
import { type User, users } from "../../db/schema";

export interface TelegramProfile {
  id: number;
  username?: string | null;
  firstName?: string | null;
  language?: string | null;
}

/** Creates the user on first contact and keeps the Telegram profile fields current. */
export async function upsertUser(db: Db, profile: TelegramProfile): Promise<User> {
  const [user] = await db
    .insert(users)
    .values({
      id: profile.id,
      username: profile.username ?? null,
      firstName: profile.firstName ?? "",
      language: profile.language ?? null,
    })
    .onConflictDoUpdate({
      target: users.id,
      set: {
        username: sql`excluded.username`,
        firstName: sql`excluded.first_name`,
        language: sql`coalesce(excluded.language, ${users.language})`,
      },
    })
    .returning();
  if (!user) throw new Error("upsert returned no user");
  return user;
}
