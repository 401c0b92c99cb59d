// Drizzle implementation of the drafts repository: a person's one message waiting for Send or Cancel.
import { eq } from "drizzle-orm";
import type { DraftRepo } from "../../core/questions/ports.ts";
import type { Db } from "../open-database.ts";
import { enquiryDrafts } from "../schema.ts";

export function draftRepo(db: Db): DraftRepo {
  return {
    async save(d) {
      const values = {
        personId: d.personId,
        partnershipId: d.partnershipId,
        text: d.text,
        answeredEntryId: d.answeredEntryId ?? null,
        createdAt: d.createdAt,
      };
      await db
        .insert(enquiryDrafts)
        .values(values)
        .onConflictDoUpdate({ target: enquiryDrafts.personId, set: values });
    },
    async byPerson(personId) {
      const [row] = await db.select().from(enquiryDrafts).where(eq(enquiryDrafts.personId, personId));
      return row ?? null;
    },
    async remove(personId) {
      await db.delete(enquiryDrafts).where(eq(enquiryDrafts.personId, personId));
    },
  };
}
