// Where people are reached: notify choices, groups with emailed digests, and identities' last use.
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { NOTIFY_CHOICES, type NotifyChoice, type ReachRepo } from "../../core/reach/ports.ts";
import type { Db } from "../open-database.ts";
import { groupEmailDigests, groups, identities, notifyChoices, people } from "../schema.ts";

const HOUR = 3600_000;
const asChoice = (v: string): NotifyChoice =>
  NOTIFY_CHOICES.includes(v as NotifyChoice) ? (v as NotifyChoice) : "auto";

export function reachRepo(db: Db): ReachRepo {
  const identity = (platform: string, tenant: string, externalId: string) =>
    and(
      eq(identities.platform, platform),
      eq(identities.tenant, tenant),
      eq(identities.externalId, externalId),
    );
  return {
    async notifyChoice(personId) {
      const [row] = await db.select().from(notifyChoices).where(eq(notifyChoices.personId, personId));
      return row ? asChoice(row.platform) : "auto";
    },
    async notifyChoices(partnershipId) {
      const rows = await db
        .select({ personId: notifyChoices.personId, platform: notifyChoices.platform })
        .from(notifyChoices)
        .innerJoin(people, eq(people.id, notifyChoices.personId))
        .where(eq(people.partnershipId, partnershipId));
      return new Map(rows.map((r) => [r.personId, asChoice(r.platform)]));
    },
    async setNotifyChoice(personId, choice, now) {
      if (choice === "auto") {
        await db.delete(notifyChoices).where(eq(notifyChoices.personId, personId));
        return;
      }
      await db
        .insert(notifyChoices)
        .values({ personId, platform: choice, updatedAt: now })
        .onConflictDoUpdate({ target: notifyChoices.personId, set: { platform: choice, updatedAt: now } });
    },
    async emailDigestGroups(partnershipId) {
      const rows = await db
        .select({ groupId: groupEmailDigests.groupId })
        .from(groupEmailDigests)
        .innerJoin(groups, eq(groups.id, groupEmailDigests.groupId))
        .where(eq(groups.partnershipId, partnershipId));
      return new Set(rows.map((r) => r.groupId));
    },
    async setEmailDigest(groupId, on, byPersonId) {
      if (!on) {
        const gone = await db
          .delete(groupEmailDigests)
          .where(eq(groupEmailDigests.groupId, groupId))
          .returning({ id: groupEmailDigests.groupId });
        return gone.length > 0;
      }
      const added = await db
        .insert(groupEmailDigests)
        .values({ groupId, enabledBy: byPersonId })
        .onConflictDoNothing()
        .returning({ id: groupEmailDigests.groupId });
      return added.length > 0;
    },
    async touchIdentity(platform, tenant, externalId, now) {
      // At most one write an hour per identity: "last used" needs no finer grain.
      await db
        .update(identities)
        .set({ lastUsedAt: now })
        .where(
          and(
            identity(platform, tenant, externalId),
            or(isNull(identities.lastUsedAt), lt(identities.lastUsedAt, new Date(now.getTime() - HOUR))),
          ),
        );
    },
    async removeIdentity(platform, tenant, externalId) {
      await db.delete(identities).where(identity(platform, tenant, externalId));
    },
  };
}
