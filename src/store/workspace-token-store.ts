// Slack workspaces' tokens in the database, sealed with the secret box: only ciphertext and a key id are stored.
import { and, eq, ne, sql } from "drizzle-orm";
import type { WorkspaceTokenStore } from "../core/ports/workspace-tokens.ts";
import type { Db } from "./open-database.ts";
import { slackInstallations } from "./schema.ts";
import type { SecretBox } from "./secret-box.ts";

// The context each ciphertext is bound to: a bot token cannot be swapped into another team's row.
const botContext = (team: string) => `slack:${team}:bot`;
const refreshContext = (team: string) => `slack:${team}:refresh`;

export function workspaceTokenStore(db: Db, box: SecretBox): WorkspaceTokenStore {
  return {
    async save(t) {
      const row = {
        teamId: t.teamId,
        enterpriseId: t.enterpriseId ?? null,
        teamName: t.teamName ?? null,
        appId: t.appId ?? null,
        botId: t.botId ?? null,
        botUserId: t.botUserId ?? null,
        scopes: t.scopes.join(","),
        keyId: box.currentKeyId,
        botToken: box.seal(t.botToken, botContext(t.teamId)).value,
        refreshToken: t.refreshToken ? box.seal(t.refreshToken, refreshContext(t.teamId)).value : null,
        expiresAt: t.expiresAt ?? null,
        installerUserId: t.installerUserId ?? null,
      };
      const { teamId: _key, installerUserId, ...update } = row;
      await db
        .insert(slackInstallations)
        .values(row)
        .onConflictDoUpdate({
          target: slackInstallations.teamId,
          // A token refresh has no installer: keep the one who installed.
          set: { ...update, ...(installerUserId ? { installerUserId } : {}), updatedAt: sql`now()` },
        });
    },
    async get(teamId) {
      const [row] = await db.select().from(slackInstallations).where(eq(slackInstallations.teamId, teamId));
      if (!row) return null;
      return {
        teamId: row.teamId,
        enterpriseId: row.enterpriseId ?? undefined,
        teamName: row.teamName ?? undefined,
        appId: row.appId ?? undefined,
        botId: row.botId ?? undefined,
        botUserId: row.botUserId ?? undefined,
        scopes: row.scopes ? row.scopes.split(",") : [],
        botToken: box.open({ keyId: row.keyId, value: row.botToken }, botContext(row.teamId)),
        refreshToken: row.refreshToken
          ? box.open({ keyId: row.keyId, value: row.refreshToken }, refreshContext(row.teamId))
          : undefined,
        expiresAt: row.expiresAt ?? undefined,
        installerUserId: row.installerUserId ?? undefined,
      };
    },
    async remove(teamId) {
      const gone = await db
        .delete(slackInstallations)
        .where(eq(slackInstallations.teamId, teamId))
        .returning({ teamId: slackInstallations.teamId });
      return gone.length > 0;
    },
  };
}

/**
 * Re-seals every row not under the current key (`quorum secrets rotate`), one row per statement so a
 * failure leaves each row readable under one key or the other. Returns how many rows moved.
 */
export async function resealAll(db: Db, box: SecretBox): Promise<number> {
  const rows = await db
    .select()
    .from(slackInstallations)
    .where(ne(slackInstallations.keyId, box.currentKeyId));
  for (const row of rows) {
    const bot = box.open({ keyId: row.keyId, value: row.botToken }, botContext(row.teamId));
    const refresh = row.refreshToken
      ? box.open({ keyId: row.keyId, value: row.refreshToken }, refreshContext(row.teamId))
      : null;
    await db
      .update(slackInstallations)
      .set({
        keyId: box.currentKeyId,
        botToken: box.seal(bot, botContext(row.teamId)).value,
        refreshToken: refresh ? box.seal(refresh, refreshContext(row.teamId)).value : null,
        updatedAt: sql`now()`,
      })
      // Only if the row is still the one read: a token refreshed meanwhile is newer and already current.
      .where(
        and(
          eq(slackInstallations.teamId, row.teamId),
          eq(slackInstallations.keyId, row.keyId),
          eq(slackInstallations.botToken, row.botToken),
        ),
      );
  }
  return rows.length;
}
