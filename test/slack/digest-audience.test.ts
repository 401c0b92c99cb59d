// Issue 14 through the real bolt receiver and a fake Slack: a non-chair's /quorum digest off is refused, and
// a restricted enquiry's text never reaches chat.postMessage when an admin posts a digest now.
import { beforeEach, describe, expect, it } from "vitest";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { NOW } from "../helpers/harness.ts";
import { outletsFor } from "../helpers/outlets.ts";
import { blockText, USERS, useSlackHarness } from "./slack-harness.ts";

const SECRET = "SECRET-C may the Patel children stay with their aunt in Colchester";

interface AckBody {
  response_type: "in_channel" | "ephemeral";
  text: string;
  blocks: unknown[];
}

const h = useSlackHarness();
beforeEach(async () => {
  // Priya asked this weeks ago and Sam holds it: neither Jo's channel nor Sam's colleagues may read it.
  await h.app.store.transaction(async (r) => {
    const p = await r.partnerships.bySlug("demo");
    const priya = p && (await r.people.byHandle(p.id, "priya"));
    const sam = p && (await r.people.byHandle(p.id, "sam"));
    if (!p || !priya || !sam) throw new Error("demo partnership missing");
    await r.enquiries.insert({
      partnershipId: p.id,
      number: await r.partnerships.nextEnquiryNumber(p.id),
      askerId: priya.id,
      askedOn: "slack",
      text: SECRET,
      topicId: null,
      assigneeId: sam.id,
      createdAt: new Date("2026-11-02T10:00:00Z"),
    });
  });
});

async function ack(text: string, user: string, channel: string, channelName: string): Promise<AckBody> {
  const res = await h.command(text, { user, channel, channelName });
  expect(res.status).toBe(200);
  return (await res.json()) as AckBody;
}

const linkOf = (channel: string) =>
  h.app.store.transaction((r) => r.channels.byChannel("slack", "TQUORUM", channel));

describe("digest permissions over Slack", () => {
  it("refuses a group member's /quorum digest off, privately, and leaves the digest on", async () => {
    const linked = await ack("link group:hwb", USERS.helen.id, "CHWB", "hwb-board");
    expect(linked.response_type).toBe("in_channel");
    const refused = await ack("digest off", USERS.sam.id, "CHWB", "hwb-board");
    expect(refused.response_type).toBe("ephemeral");
    expect(blockText(refused.blocks)).toContain(
      "Only the chair of Health and Wellbeing Board (Helen Marsh) or a partnership admin can change this channel's digest.",
    );
    expect((await linkOf("CHWB"))?.digestEnabled).toBe(true);
  });
});

describe("digest audience over Slack", () => {
  it("posts an admin's digest now to the channel with a count, never the restricted text", async () => {
    // The same admin sees the question in a direct message: the digest does carry it for those who may.
    const dm = await ack("digest preview", USERS.jo.id, "DJO", "directmessage");
    expect(blockText(dm.blocks)).toContain(SECRET);

    expect((await ack("digest on", USERS.jo.id, "CGENERAL", "general")).blocks).toBeDefined();
    const now = await ack("digest now", USERS.jo.id, "CGENERAL", "general");
    expect(blockText(now.blocks)).toContain("Posting the digest here now.");
    expect(JSON.stringify(now)).not.toContain("SECRET-C");

    const worker = createOutboxWorker({
      outlets: outletsFor(h.slack.sender),
      queue: h.app.queue,
      clock: { now: () => NOW },
    });
    await worker.drainOnce();
    const post = await h.fake.waitFor("chat.postMessage", (c) => c.args.channel === "CGENERAL");
    const posted = JSON.stringify(post.args);
    expect(posted).toContain("digest for Mon 23 Nov");
    expect(posted).not.toContain("SECRET-C");
    expect(posted).not.toContain("Patel");
    expect(blockText(post.args.blocks)).toContain(
      "1 question past the reply target that only its asker, its contact and admins can see.",
    );
    const everything = JSON.stringify(h.fake.callsTo("chat.postMessage"));
    expect(everything).not.toContain("SECRET-C");
  });
});
