// An answer typed over several lines reaches the asker, and the FAQ, with its line breaks.
import { desc } from "drizzle-orm";
import { expect, it } from "vitest";
import { enquiries, faqEntries, outbox } from "../../src/store/schema.ts";
import { useHarness } from "../helpers/harness.ts";

const h = useHarness();

it("keeps line breaks and drops only the --faq flag", async () => {
  const asked = await h.say("tom", "ask how do partners nominate a representative for the youth panel?");
  const ref = /Q-\d+/.exec(asked.title)?.[0];
  expect(ref).toBeDefined();
  const reply = await h.say(
    "jo",
    `answer ${ref} Email the board secretary by 1 March.\nInclude:\n- a name\n- a deputy --faq`,
  );
  expect(reply.tone).toBe("success");
  const [enquiry] = await h.database.db.select().from(enquiries).orderBy(desc(enquiries.id)).limit(1);
  expect(enquiry?.answer).toBe("Email the board secretary by 1 March.\nInclude:\n- a name\n- a deputy");
  const [sent] = await h.database.db.select().from(outbox).orderBy(desc(outbox.id)).limit(1);
  expect((sent?.payload as { text: string } | undefined)?.text).toContain("Include:\n- a name\n- a deputy");
});

it("keeps the lines of an FAQ answer added by hand, without its topic option", async () => {
  const reply = await h.say(
    "jo",
    'faq add "How do we claim expenses?" Use the form.\nSend it to finance. topic:partnership',
  );
  expect(reply.tone).toBe("success");
  const [entry] = await h.database.db.select().from(faqEntries).orderBy(desc(faqEntries.id)).limit(1);
  expect(entry?.answer).toBe("Use the form.\nSend it to finance.");
});
