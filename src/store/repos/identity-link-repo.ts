// Drizzle implementation of the "link me" codes: stored as hashes, each usable once.
import { and, eq, isNull } from "drizzle-orm";
import type { IdentityLink, IdentityLinkRepo } from "../../core/ports.ts";
import type { Platform } from "../../core/types.ts";
import type { Db } from "../open-database.ts";
import { identityLinks } from "../schema.ts";

const cols = {
  id: identityLinks.id,
  partnershipId: identityLinks.partnershipId,
  platform: identityLinks.platform,
  tenant: identityLinks.tenant,
  externalId: identityLinks.externalId,
  name: identityLinks.name,
  expiresAt: identityLinks.expiresAt,
  usedAt: identityLinks.usedAt,
  personId: identityLinks.personId,
  offerById: identityLinks.offerById,
  offerForId: identityLinks.offerForId,
};

const asLink = (row: Omit<IdentityLink, "platform"> & { platform: string }): IdentityLink => ({
  ...row,
  platform: row.platform as Platform,
});

export function identityLinkRepo(db: Db): IdentityLinkRepo {
  return {
    async create(link) {
      // One live code per identity: asking again retires the last one, so an old code left in a chat is void.
      await db
        .delete(identityLinks)
        .where(
          and(
            eq(identityLinks.partnershipId, link.partnershipId),
            eq(identityLinks.platform, link.platform),
            eq(identityLinks.tenant, link.tenant),
            eq(identityLinks.externalId, link.externalId),
            isNull(identityLinks.usedAt),
          ),
        );
      const [row] = await db.insert(identityLinks).values(link).returning(cols);
      if (!row) throw new Error("insert returned nothing");
      return asLink(row);
    },
    async byCode(partnershipId, codeHash) {
      const [row] = await db
        .select(cols)
        .from(identityLinks)
        .where(and(eq(identityLinks.partnershipId, partnershipId), eq(identityLinks.codeHash, codeHash)));
      return row ? asLink(row) : null;
    },
    async use(id, personId, at) {
      const rows = await db
        .update(identityLinks)
        .set({ usedAt: at, personId })
        .where(and(eq(identityLinks.id, id), isNull(identityLinks.usedAt)))
        .returning({ id: identityLinks.id });
      return rows.length === 1;
    },
    async offer(id, { keyHash, byId, forId }) {
      await db
        .update(identityLinks)
        .set({ offerHash: keyHash, offerById: byId, offerForId: forId })
        .where(eq(identityLinks.id, id));
    },
    async byOffer(partnershipId, keyHash) {
      const [row] = await db
        .select(cols)
        .from(identityLinks)
        .where(and(eq(identityLinks.partnershipId, partnershipId), eq(identityLinks.offerHash, keyHash)));
      return row ? asLink(row) : null;
    },
    async withdrawOffer(id) {
      await db
        .update(identityLinks)
        .set({ offerHash: null, offerById: null, offerForId: null })
        .where(eq(identityLinks.id, id));
    },
  };
}
