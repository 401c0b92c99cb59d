// Group page links (group share / unshare): one row per group holding only the token's hash.
import { eq } from "drizzle-orm";
import type { ViewLinkRepo } from "../../core/sharing/view-links.ts";
import type { Db } from "../open-database.ts";
import { groupViewLinks } from "../schema.ts";

export function viewLinkRepo(db: Db): ViewLinkRepo {
  return {
    async replace(link) {
      // Delete then insert in the command's transaction: the old hash is gone the moment it commits.
      const removed = await db
        .delete(groupViewLinks)
        .where(eq(groupViewLinks.groupId, link.groupId))
        .returning({ id: groupViewLinks.id });
      await db.insert(groupViewLinks).values(link);
      return removed.length > 0;
    },
    async remove(groupId) {
      const removed = await db
        .delete(groupViewLinks)
        .where(eq(groupViewLinks.groupId, groupId))
        .returning({ id: groupViewLinks.id });
      return removed.length > 0;
    },
    async byTokenHash(tokenHash) {
      const [row] = await db
        .select({
          partnershipId: groupViewLinks.partnershipId,
          groupId: groupViewLinks.groupId,
          createdAt: groupViewLinks.createdAt,
        })
        .from(groupViewLinks)
        .where(eq(groupViewLinks.tokenHash, tokenHash));
      return row ?? null;
    },
  };
}
