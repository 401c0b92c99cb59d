// Every card that lists enquiries is composed for its audience (issue 14, failure 3): a question's text
// reaches only its asker, its contact and admins; anyone else, and any channel, gets a count instead.
import { beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../../src/core/card.ts";
import type { InboundEvent } from "../../src/core/inbound.ts";
import type { Enquiry } from "../../src/core/questions/ports.ts";
import {
  CHANNEL_AUDIENCE,
  mayRead,
  personViewer,
  readableFilter,
  type Viewer,
} from "../../src/core/questions/visibility.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { fireDueSchedules } from "../../src/core/schedule/fire.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { NOW, useHarness } from "../helpers/harness.ts";
import { asPerson, outboxRows } from "./helpers.ts";

/** Asked by Priya, with Sam; asked by Tom, with Helen. Both long past the reply target. */
const SECRET_A = "SECRET-A can the pilot pay the Khan family's rent arrears at 12 Elm Road?";
const SECRET_B = "SECRET-B is the safeguarding referral for J. Doe on Ward 7 going ahead?";

const EMAIL: Record<string, string> = {
  jo: "jo.whitfield@example.gov.uk",
  sam: "sam.okafor@example.gov.uk",
  priya: "priya.nair@example.nhs.uk",
  helen: "helen.marsh@example.gov.uk",
  dave: "dave.kirby@example.police.uk",
};

const h = useHarness();
let a: Enquiry;
let b: Enquiry;

const inChannel = (who: string, text: string, channel = "C-GENERAL") =>
  h.quorum.handle({
    platform: "slack",
    tenant: "T0ESSEX",
    userId: `U-${who.toUpperCase()}`,
    text,
    profile: { email: EMAIL[who] ?? "" },
    conversation: { id: channel, kind: "channel", name: "general" },
  } satisfies InboundEvent);
const inChannelText = async (who: string, text: string) => cardToText(await inChannel(who, text));

beforeEach(async () => {
  const ask = (asker: string, contact: string, text: string) =>
    asPerson(h, asker, async (ctx) =>
      ctx.repos.enquiries.insert({
        partnershipId: ctx.partnership.id,
        number: await ctx.repos.partnerships.nextEnquiryNumber(ctx.partnership.id),
        askerId: ctx.actor.id,
        askedOn: "shell",
        text,
        topicId: null,
        assigneeId: (await ctx.repos.people.byHandle(ctx.partnership.id, contact))?.id ?? null,
        createdAt: new Date("2026-11-02T10:00:00Z"),
      }),
    );
  a = await ask("priya", "sam", SECRET_A);
  b = await ask("tom", "helen", SECRET_B);
  // An admin turns on the partnership-wide digest in a general channel, as in the attack.
  expect((await inChannel("jo", "digest on")).tone).toBe("success");
});

const expectHidden = (text: string, ...secrets: string[]) => {
  for (const s of secrets) {
    expect(text).not.toContain(s);
    expect(text).not.toContain(s.slice(0, 8)); // not even the reference words
  }
};
const payloadText = (row: { payload: unknown }) => JSON.stringify(row.payload);

describe("the rule", () => {
  const viewers: [string, Viewer][] = [
    ["asker", personViewer({ id: 1, role: "member" })],
    ["contact", personViewer({ id: 2, role: "member" })],
    ["another member", personViewer({ id: 3, role: "member" })],
    ["admin", personViewer({ id: 3, role: "admin" })],
    ["channel", CHANNEL_AUDIENCE],
  ];
  const e = { askerId: 1, assigneeId: 2 };

  it.each(viewers)("lets the %s read it or not, and the database filter agrees", (who, viewer) => {
    const expected = ["asker", "contact", "admin"].includes(who);
    expect(mayRead(viewer, e)).toBe(expected);
    const filter = readableFilter(viewer, { statuses: ["open"] });
    const matches =
      filter !== null &&
      (filter.involving === undefined || filter.involving === e.askerId || filter.involving === e.assigneeId);
    expect(matches).toBe(expected);
  });
});

describe("the channel digest", () => {
  it("scheduled: counts restricted questions, never their text, in every post of the run", async () => {
    h.clock.set(new Date("2026-11-30T09:00:30Z"));
    const before = (await outboxRows(h)).length;
    await fireDueSchedules(createStore(h.database.db), h.clock);
    h.clock.set(NOW);
    const fired = (await outboxRows(h)).slice(before);
    const digest = fired.find((r) => r.kind === "digest" && r.target.id === "C-GENERAL");
    expect(digest).toBeDefined();
    for (const row of fired) expectHidden(payloadText(row), SECRET_A, SECRET_B);
    expect(digest?.payload.text).toContain(
      "2 questions past the reply target that only their askers, their contacts and admins can see. They are shown only in a direct message with Quorum.",
    );
  });

  it("digest now, even asked by an admin, posts the count and not the text", async () => {
    expect((await inChannel("jo", "digest now")).title).toBe("Posting the digest here now.");
    const now = (await outboxRows(h)).filter((r) => r.dedupe_key.startsWith("digest:link:")).at(-1);
    expect(now?.target.id).toBe("C-GENERAL");
    expectHidden(payloadText(now ?? { payload: "" }), SECRET_A, SECRET_B);
    expect(now?.payload.text).toContain("2 questions past the reply target that only");
  });

  it("previewed in the channel shows what the channel would get, even to an admin", async () => {
    const text = await inChannelText("jo", "digest preview");
    expectHidden(text, SECRET_A, SECRET_B);
    expect(text).toContain("2 questions past the reply target that only");
  });
});

describe("digest preview in a direct message", () => {
  it("shows an admin every question", async () => {
    const text = await h.text("jo", "digest preview");
    expect(text).toContain(SECRET_A);
    expect(text).toContain(SECRET_B);
    expect(text).not.toContain("that only");
  });

  it.each([
    ["priya", "the asker of one", SECRET_A, SECRET_B],
    ["sam", "the contact for one", SECRET_A, SECRET_B],
    ["helen", "the contact for the other", SECRET_B, SECRET_A],
  ])("shows %s (%s) that one and counts the other", async (who, _role, mine, theirs) => {
    const text = await h.text(who, "digest preview");
    expect(text).toContain(mine);
    expectHidden(text, theirs);
    expect(text).toContain(
      "1 more question past the reply target that only its asker, its contact and admins can see.",
    );
  });

  it("shows anyone else only the count", async () => {
    const text = await h.text("dave", "digest preview");
    expectHidden(text, SECRET_A, SECRET_B);
    expect(text).toContain(
      "2 questions past the reply target that only their askers, their contacts and admins can see.",
    );
    expect(text).not.toContain("direct message with Quorum");
  });
});

describe("home", () => {
  it("lists the contact's questions in a direct message, and only counts them in a channel", async () => {
    expect(await h.text("sam", "home")).toContain(SECRET_A.slice(0, 60));
    const inChan = await inChannelText("sam", "home");
    expectHidden(inChan, SECRET_A);
    expect(inChan).toContain(
      "1 question assigned to you that only its asker, its contact and admins can see. They are shown only in a direct message with Quorum.",
    );
    expect(inChan).not.toContain("No questions waiting for you.");
  });
});

describe("questions lists", () => {
  const listText = (c: Card) => cardToText(c);

  it("show a member what they asked or hold, and count the rest", async () => {
    const priya = await h.text("priya", "questions open");
    expect(priya).toContain(`Q-${a.number} SECRET-A`);
    expectHidden(priya, SECRET_B);
    expect(priya).toContain("1 more question open that only its asker, its contact and admins can see.");
    const dave = await h.text("dave", "questions all");
    expect(dave).toContain("All questions: 0");
    expectHidden(dave, SECRET_A, SECRET_B);
    expect(dave).toContain("2 questions that only their askers, their contacts and admins can see.");
    expect(dave).not.toContain("None.");
  });

  it("show an admin the whole desk in a direct message, and counts only in a channel", async () => {
    const dm = await h.text("jo", "questions open");
    expect(dm).toContain(`Q-${a.number} SECRET-A`);
    expect(dm).toContain(`Q-${b.number} SECRET-B`);
    expect(dm).not.toContain("that only");
    const channel = listText(await inChannel("jo", "questions all"));
    expectHidden(channel, SECRET_A, SECRET_B);
    expect(channel).toContain("2 questions that only their askers, their contacts and admins can see.");
  });

  it("keep even your own questions out of a channel", async () => {
    expect(await h.text("priya", "questions mine")).toContain("SECRET-A");
    const mine = await inChannelText("priya", "questions mine");
    expectHidden(mine, SECRET_A);
    expect(mine).toContain("1 question that only its asker, its contact and admins can see.");
    const held = await inChannelText("sam", "questions assigned");
    expectHidden(held, SECRET_A);
  });
});

describe("question show", () => {
  it("shows the asker in a direct message, and nobody in a channel", async () => {
    expect(await h.text("priya", `question show Q-${a.number}`)).toContain(SECRET_A);
    const shown = await inChannel("priya", `question show Q-${a.number}`);
    expect(shown.tone).toBe("error");
    expect(shown.title).toBe(
      `Q-${a.number} is not shown in a channel: its asker, its contact and admins can see it in a direct message with Quorum.`,
    );
    expect((await h.say("dave", `question show Q-${a.number}`)).title).toBe(
      `Q-${a.number} is visible to its asker, its contact and admins.`,
    );
  });
});
