// "link me" codes in the core: one live code per account, single use, expiring, never over someone else's
// account; guests from a workspace still waiting for acceptance are told so, with nothing written.

import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Card } from "../../src/core/card.ts";
import { hashOf } from "../../src/core/directory/identity-links.ts";
import type { InboundEvent } from "../../src/core/inbound.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { identities, identityLinks, installations } from "../../src/store/schema.ts";
import { countRows, NOW, useHarness } from "../helpers/harness.ts";

const h = useHarness();
const HOST = "THOST";
const PARTNER = "TPARTNER";

/** A guest from PARTNER writing in a channel THOST shares with it; no email visible. */
const guest = (userId: string, text: string, userTenant = PARTNER): InboundEvent => ({
  platform: "slack",
  tenant: HOST,
  userTenant,
  userId,
  text,
  conversation: { id: "CSHARED", kind: "channel" },
  profile: { name: "Guest Person" },
});

const repos = () => createStore(h.database.db);

/** The host is linked by its first command (the only partnership); the guest's workspace by an admin. */
async function link(tenant: string) {
  const { userTenant: _guest, ...host } = guest("UHOSTJO", "whoami");
  await h.quorum.handle({ ...host, profile: { email: "jo.whitfield@example.gov.uk" } });
  await repos().transaction(async (r) => {
    const demo = await r.partnerships.bySlug("demo");
    if (demo) await r.partnerships.linkInstallation(demo.id, "slack", tenant);
  });
}

const codeIn = (c: Card) => /([2-9A-Z]{4}-[2-9A-Z]{4})/.exec(cardToText(c))?.[1] ?? "";
/** The Confirm button's command on link confirm's card, as a click would send it. */
const confirmIn = (c: Card) =>
  c.blocks.flatMap((b) => (b.kind === "buttons" ? b.buttons : [])).find((b) => b.label === "Confirm")
    ?.command ?? "";

/** Both steps, as a person does them: look at what would happen, then click Confirm. */
async function confirmAs(user: string, line: string): Promise<string> {
  const offer = await h.say(user, line);
  const click = confirmIn(offer);
  return click ? h.text(user, click) : cardToText(offer);
}

describe("link me codes", () => {
  it("retires an earlier code when a new one is asked for", async () => {
    await link(PARTNER);
    const first = codeIn(await h.quorum.handle(guest("UG1", "link me")));
    const second = codeIn(await h.quorum.handle(guest("UG1", "link me")));
    expect(first).not.toBe(second);
    expect(await countRows(h, identityLinks)).toBe(1);
    expect(await h.text("sam", `link confirm ${first}`)).toContain("unknown, or a newer one replaced it");
    expect(await confirmAs("sam", `link confirm ${second}`)).toContain("now acts as you");
  });

  it("gives a Teams account its code only in a 1:1 chat, where no channel can read it", async () => {
    await repos().transaction(async (r) => {
      const demo = await r.partnerships.bySlug("demo");
      if (demo) await r.partnerships.linkInstallation(demo.id, "teams", "tenant-partner");
    });
    const teams = (kind: "channel" | "direct"): InboundEvent => ({
      platform: "teams",
      tenant: "tenant-partner",
      userId: "aad-no-email",
      text: "link me",
      conversation: { id: kind === "direct" ? "a:1on1" : "19:board@thread.tacv2", kind },
      profile: { name: "No Email" },
    });
    const inChannel = await h.quorum.handle(teams("channel"));
    expect(inChannel.tone).toBe("error");
    expect(cardToText(inChannel)).toContain("in a 1:1 chat");
    expect(codeIn(inChannel)).toBe("");
    expect(await countRows(h, identityLinks)).toBe(0);
    expect(codeIn(await h.quorum.handle(teams("direct")))).not.toBe("");
    expect(await countRows(h, identityLinks)).toBe(1);
  });

  it("refuses an expired code and a malformed one", async () => {
    await link(PARTNER);
    const code = codeIn(await h.quorum.handle(guest("UG2", "link me")));
    h.clock.set(new Date(NOW.getTime() + 31 * 60_000));
    expect(await h.text("sam", `link confirm ${code}`)).toContain("That link code has expired");
    expect(await h.text("sam", "link confirm banana")).toContain("is not a link code");
    expect(await h.text("sam", "link confirm")).toContain("link confirm <code>");
  });

  it("never moves an account that already acts as someone else", async () => {
    await link(PARTNER);
    const code = codeIn(await h.quorum.handle(guest("UG3", "link me")));
    expect(await confirmAs("helen", `link confirm ${code}`)).toContain("now acts as you");
    // Someone else gets hold of a fresh code for the same account: it can't be turned into them.
    const stolen = codeIn(await h.quorum.handle(guest("UG3", "link me")));
    expect(stolen).toBe("");
    expect(cardToText(await h.quorum.handle(guest("UG3", "whoami")))).toContain("Helen");
  });

  it("tells a guest whose workspace awaits acceptance, and writes nothing", async () => {
    await link("TUNUSED");
    await repos().transaction(async (r) => {
      const demo = await r.partnerships.bySlug("demo");
      await r.workspaces.ask({
        platform: "slack",
        tenant: "TWAITING",
        name: "Waiting Org",
        partnershipId: demo?.id ?? null,
        requestedBy: null,
      });
    });
    const before = [await countRows(h, identities), await countRows(h, identityLinks)];
    const reply = await h.quorum.handle(guest("UG4", "link me", "TWAITING"));
    expect(reply.tone).toBe("error");
    expect(reply.title).toContain("waiting for a");
    expect([await countRows(h, identities), await countRows(h, identityLinks)]).toEqual(before);
  });
});

describe("link confirm shows what it would do before anything is linked", () => {
  it("names the account, its workspace and the person, and links nothing until Confirm", async () => {
    await link(PARTNER);
    const code = codeIn(await h.quorum.handle(guest("UMAL", "link me")));
    const before = await countRows(h, identities);
    const offer = await h.say("sam", `link confirm ${code}`);
    expect(offer.tone).toBe("warning");
    expect(cardToText(offer)).toContain(
      "This will let Slack account Guest Person (UMAL) in TPARTNER, one of Essex Partners (demo)'s workspaces act as you, Sam Okafor. Only confirm if you asked for this code yourself.",
    );
    expect(offer.blocks.flatMap((b) => (b.kind === "buttons" ? b.buttons.map((x) => x.label) : []))).toEqual([
      "Confirm",
      "Cancel",
    ]);
    // A phishing line that only has the code gets this far and no further.
    expect(await countRows(h, identities)).toBe(before);
    const [row] = await h.database.db.select().from(identityLinks);
    expect(row?.usedAt).toBeNull();
    expect(cardToText(await h.quorum.handle(guest("UMAL", "whoami")))).not.toContain("Sam Okafor");

    expect(await h.text("sam", confirmIn(offer))).toContain("now acts as you");
    expect(await countRows(h, identities)).toBe(before + 1);
    expect(cardToText(await h.quorum.handle(guest("UMAL", "whoami")))).toContain("Sam Okafor");
  });

  it("lets only the person who saw the card confirm it, and Cancel links nothing", async () => {
    await link(PARTNER);
    const code = codeIn(await h.quorum.handle(guest("UG5", "link me")));
    const offer = await h.say("sam", `link confirm ${code}`);
    const before = await countRows(h, identities);
    const other = await h.say("helen", confirmIn(offer));
    expect(other.tone).toBe("error");
    expect(cardToText(other)).toContain("shown to someone else");
    const cancel = offer.blocks.flatMap((b) => (b.kind === "buttons" ? b.buttons : [])).at(-1)?.command ?? "";
    expect(await h.text("sam", cancel)).toContain("was not linked");
    expect(await h.text("sam", confirmIn(offer))).toContain("no longer current");
    expect(await countRows(h, identities)).toBe(before);
    expect(await h.text("sam", "link yes NOTAKEY234")).toContain("no longer current");
  });

  it("says clearly when the code expired or was used between the card and the Confirm", async () => {
    await link(PARTNER);
    const code = codeIn(await h.quorum.handle(guest("UG6", "link me")));
    const late = await h.say("sam", `link confirm ${code}`);
    h.clock.set(new Date(NOW.getTime() + 31 * 60_000));
    expect(await h.text("sam", confirmIn(late))).toContain(
      "That link code has expired, so nothing was linked",
    );
    h.clock.set(NOW);
    const fresh = codeIn(await h.quorum.handle(guest("UG6", "link me")));
    const first = await h.say("sam", `link confirm ${fresh}`);
    expect(await h.text("sam", confirmIn(first))).toContain("now acts as you");
    expect(await h.text("sam", confirmIn(first))).toContain("already used");
  });

  it("asks an admin linking for someone else to confirm too, and refuses a member", async () => {
    await link(PARTNER);
    const code = codeIn(await h.quorum.handle(guest("UG7", "link me")));
    expect(await h.text("sam", `link confirm ${code} as:@helen`)).toContain("Only a partnership admin");
    const offer = await h.say("jo", `link confirm ${code} as:@sam`);
    expect(cardToText(offer)).toContain(
      "act as Sam Okafor (@sam). Only confirm if they asked for this code themselves.",
    );
    expect(cardToText(await h.quorum.handle(guest("UG7", "whoami")))).not.toContain("Sam Okafor");
    expect(await h.text("jo", confirmIn(offer))).toContain("now acts as Sam Okafor (@sam)");
    expect(cardToText(await h.quorum.handle(guest("UG7", "whoami")))).toContain("Sam Okafor");
  });

  it("refuses a code from a workspace that is not the partnership's, at the card and at Confirm", async () => {
    await link(PARTNER);
    // A code from a workspace only asking to join (its name chosen by whoever asked): no card, nothing linked.
    await repos().transaction(async (r) => {
      const demo = await r.partnerships.bySlug("demo");
      await r.identityLinks.create({
        partnershipId: demo?.id ?? 0,
        platform: "slack",
        tenant: "TASKING",
        externalId: "UOUT",
        name: "Essex Police",
        expiresAt: new Date(NOW.getTime() + 60_000),
        codeHash: hashOf("WXYZ-2345"),
      });
    });
    const refused = await h.say("jo", "link confirm WXYZ-2345 as:@sam");
    expect(refused.tone).toBe("error");
    expect(cardToText(refused)).toContain("not one of");
    expect(cardToText(refused)).not.toContain("Confirm");

    // A workspace unlinked between the card and the click: the Confirm links nothing.
    const code = codeIn(await h.quorum.handle(guest("UG8", "link me")));
    const offer = await h.say("sam", `link confirm ${code}`);
    expect(cardToText(offer)).toContain("in TPARTNER, one of");
    await h.database.db
      .delete(installations)
      .where(and(eq(installations.platform, "slack"), eq(installations.tenant, PARTNER)));
    const before = await countRows(h, identities);
    expect(await h.text("sam", confirmIn(offer))).toContain("not one of");
    expect(await countRows(h, identities)).toBe(before);
    const [row] = await h.database.db.select().from(identityLinks).where(eq(identityLinks.externalId, "UG8"));
    expect(row?.usedAt).toBeNull();
  });
});
