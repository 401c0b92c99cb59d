// Installation-wide settings as key/value rows; set is an upsert so re-running init just moves the default.
import { eq, sql } from "drizzle-orm";
import type { SettingsRepo } from "../../core/ports.ts";
import type { Db } from "../open-database.ts";
import { settings } from "../schema.ts";

export function settingsRepo(db: Db): SettingsRepo {
  return {
    async get(key) {
      const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
      return row?.value ?? null;
    },
    async set(key, value) {
      await db
        .insert(settings)
        .values({ key, value })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
    },
  };
}
