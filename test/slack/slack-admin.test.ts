// An administration command over the real bolt receiver: an admin adds a person from Slack, a member
// cannot, and the new person is matched by email when they first use Quorum on Slack.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, people } from "../../src/store/schema.ts";
import { blockText, USERS, useSlackHarness } from "./slack-harness.ts";

const h = useSlackHarness();

interface Ack {
  response_type: string;
  text: string;
  blocks: unknown[];
}
const ack = async (text: string, user = USERS.jo.id): Promise<Ack> => {
  const res = await h.command(text, { user });
  expect(res.status).toBe(200);
  return (await res.json()) as Ack;
};
const personRow = async (handle: string) =>
  (await h.database.db.select().from(people).where(eq(people.handle, handle)))[0];

describe("/quorum person add", () => {
  it("lets an admin add a person from Slack, audited as a Slack change", async () => {
    const reply = await ack('person add @dan "Dan Price" email:dan.price@essex.gov.uk org:ECC');
    expect(reply.text).toContain("Dan Price (@dan) added");
    expect(blockText(reply.blocks)).toContain("ECC (Essex County Council)");
    expect(await personRow("dan")).toMatchObject({ email: "dan.price@essex.gov.uk", status: "active" });
    const [event] = await h.database.db.select().from(auditEvents).where(eq(auditEvents.verb, "person.add"));
    expect(event).toMatchObject({ platform: "slack", subject: "person:dan" });
  });

  it("refuses a member with the reason and the usage line", async () => {
    const reply = await ack('person add @eve "Eve Hart" email:eve.hart@essex.gov.uk org:ECC', USERS.sam.id);
    expect(reply.text).toContain("Only a partnership admin can run person add.");
    expect(blockText(reply.blocks)).toContain("person add @handle");
    expect(await personRow("eve")).toBeUndefined();
  });

  it("matches the added person by email on their first Slack command", async () => {
    expect((await ack('person add @dan "Dan Price" email:dan.price@essex.gov.uk org:ECC')).text).toContain(
      "Dan Price (@dan) added",
    );
    h.fake.users.set("UDAN", { name: "Dan P", email: "Dan.Price@essex.gov.uk" });
    const reply = await ack("whoami", "UDAN");
    expect(reply.text).toContain("You are Dan Price (@dan)");
  });
});
