// Issue 13, item 4: Slack Connect. Guests in a channel shared with another workspace are known by their own
// workspace: matched by email where Slack shows it, by a one-time "link me" code where it does not, and
// refused with nothing written when their workspace belongs to no partnership.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shellEvent } from "../../src/adapters/shell/shell-adapter.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { auditEvents, identities, identityLinks, people } from "../../src/store/schema.ts";
import { BOT_USER, type RecordedCall } from "./fake-slack.ts";
import { blockText, TEAM, useSlackHarness } from "./slack-harness.ts";

const h = useSlackHarness();

/** A partner's workspace linked to the demo partnership, and one that belongs to no partnership. */
const PARTNER = "TPARTNER";
const STRANGER = "TSTRANGER";
const GUESTS = {
  /** Helen's account in her own organisation's workspace; Slack shows her email across the share. */
  helen: { id: "UGHELEN", name: "Helen Marsh", email: "helen.marsh@example.gov.uk" },
  /** Sam's account in his organisation's workspace, which hides emails from other workspaces. */
  sam: { id: "UGSAM", name: "Sam Okafor" },
  /** Someone from a workspace outside the partnership, email visible (it must not matter). */
  outsider: { id: "UOUT", name: "Outside Person", email: "jo.whitfield@example.gov.uk" },
};

/** An @Quorum mention in a channel the host (TQUORUM) shares with the author's workspace. */
async function mention(user: string, team: string, text: string) {
  const res = await h.event({
    type: "app_mention",
    channel: "CSHARED",
    user,
    user_team: team,
    source_team: team,
    team,
    text: `<@${BOT_USER}> ${text}`,
    ts: `${Date.now() / 1000}`,
    event_ts: `${Date.now() / 1000}`,
  });
  expect(res.status).toBe(200);
  await h.slack.settled();
}

/** What the last reply to `user` said (ephemeral or in the channel), as text. */
function lastReplyTo(user: string): string {
  const replies = [...h.fake.callsTo("chat.postEphemeral"), ...h.fake.callsTo("chat.postMessage")].filter(
    (c: RecordedCall) => c.args.channel === "CSHARED" && (c.args.user === user || !c.args.user),
  );
  const last = replies[replies.length - 1];
  return last ? `${String(last.args.text)}\n${blockText(last.args.blocks)}` : "";
}

async function setUp() {
  for (const g of Object.values(GUESTS))
    h.fake.users.set(g.id, { name: g.name, ...("email" in g ? { email: g.email } : {}) });
  // The host workspace is linked by its first command; the partner's by an admin (quorum slack link).
  expect((await h.command("whoami")).status).toBe(200);
  await h.app.store.transaction(async (r) => {
    const demo = await r.partnerships.bySlug("demo");
    if (demo) await r.partnerships.linkInstallation(demo.id, "slack", PARTNER);
  });
  h.fake.clear();
}

const rows = async () => {
  const db = h.database.db;
  return {
    people: (await db.select().from(people)).length,
    identities: (await db.select().from(identities)).length,
    links: (await db.select().from(identityLinks)).length,
    audit: (await db.select().from(auditEvents)).length,
    actions: await h.actionCount(),
  };
};

describe("Slack Connect guests", () => {
  it("knows a guest from a linked workspace by their email and their own team id, and acts as them", async () => {
    await setUp();
    const before = await h.actionCount();
    await mention(GUESTS.helen.id, PARTNER, 'action add "Share the winter bed plan" due:2026-12-01');
    expect(await h.actionCount()).toBe(before + 1);
    const action = await h.action(before + 1);
    expect(action?.title).toBe("Share the winter bed plan");
    expect(action?.ownerHandle).toBe("helen");
    // The identity is Helen's own workspace's, not the host's.
    const ids = await h.database.db
      .select()
      .from(identities)
      .where(eq(identities.externalId, GUESTS.helen.id));
    expect(ids.map((i) => i.tenant)).toEqual([PARTNER]);

    // A host member can now hand work to her by mentioning her account from the other workspace.
    await mention(
      "UJO",
      TEAM,
      `action add "Check the bed numbers" owner:<@${GUESTS.helen.id}> due:2026-12-02`,
    );
    expect((await h.action(before + 2))?.ownerHandle).toBe("helen");
  });

  it("offers a guest with a hidden email the link-me flow, then acts as them once an admin confirms", async () => {
    await setUp();
    const before = await rows();
    await mention(GUESTS.sam.id, PARTNER, 'action add "Draft the carers leaflet"');
    expect(lastReplyTo(GUESTS.sam.id)).toContain('Type "link me"');
    expect(await rows()).toEqual(before);

    await mention(GUESTS.sam.id, PARTNER, "link me");
    const offer = h.fake.callsTo("chat.postEphemeral").at(-1);
    expect(offer?.args.user).toBe(GUESTS.sam.id);
    const code = /([2-9A-Z]{4}-[2-9A-Z]{4})/.exec(blockText(offer?.args.blocks))?.[1] ?? "";
    expect(code).not.toBe("");
    // Only the code's hash is kept.
    const [stored] = await h.database.db.select().from(identityLinks);
    expect(stored?.codeHash).not.toContain(code.replace("-", ""));
    expect(stored?.tenant).toBe(PARTNER);

    // A member can't link the account to someone else; an admin can (Jo, from the host workspace).
    const refused = JSON.stringify(
      await (await h.command(`link confirm ${code} as:@helen`, { user: "USAM" })).json(),
    );
    expect(refused).toContain("Only a partnership admin");
    // The admin is first shown what would happen, with Confirm and Cancel; nothing is linked yet.
    const shown = JSON.stringify(await (await h.command(`link confirm ${code} as:@sam`)).json());
    expect(shown).toContain(
      "This will let Slack account Sam Okafor (UGSAM) in TPARTNER, one of Essex Partners (demo)'s workspaces act as Sam Okafor (@sam)",
    );
    const key = /link yes ([2-9A-Z]{10})/.exec(shown)?.[1] ?? "";
    expect(key).not.toBe("");
    expect((await rows()).identities).toBe(before.identities);
    // The Confirm click, through bolt, as the admin who saw the card.
    const click = await h.interact({
      type: "block_actions",
      team: { id: TEAM, domain: "quorum" },
      user: { id: "UJO", team_id: TEAM },
      api_app_id: "AQUORUM",
      token: "legacy",
      trigger_id: "trig-confirm",
      container: { type: "message", message_ts: "1700000000.000300", channel_id: "CHWB", is_ephemeral: true },
      channel: { id: "CHWB", name: "hwb-board" },
      message: { type: "message", ts: "1700000000.000300", text: "link", blocks: [] },
      response_url: h.fake.responseUrl("confirm"),
      actions: [
        {
          type: "button",
          action_id: "quorum:cmd:0",
          value: `link yes ${key}`,
          block_id: "buttons",
          action_ts: "1700000003.0",
          text: { type: "plain_text", text: "Confirm" },
        },
      ],
    });
    expect(click.status).toBe(200);
    await h.slack.settled();
    const confirmed = await h.fake.waitFor("response_url", (c) => c.path === "/respond/confirm");
    expect(JSON.stringify(confirmed.args)).toContain("now acts as Sam Okafor");
    // The code works once.
    const again = JSON.stringify(await (await h.command(`link confirm ${code} as:@jo`)).json());
    expect(again).toContain("already used");

    await mention(GUESTS.sam.id, PARTNER, 'action add "Draft the carers leaflet" due:2026-12-03');
    const action = await h.action(before.actions + 1);
    expect(action?.title).toBe("Draft the carers leaflet");
    expect(action?.ownerHandle).toBe("sam");
    const [audit] = await h.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.verb, "person.link")));
    expect(audit?.subject).toBe("person:sam");
  });

  it("lets the person finish link-me themselves from a chat where Quorum knows them", async () => {
    await setUp();
    await mention(GUESTS.sam.id, PARTNER, "link me");
    const code = /([2-9A-Z]{4}-[2-9A-Z]{4})/.exec(
      blockText(h.fake.callsTo("chat.postEphemeral").at(-1)?.args.blocks),
    )?.[1];
    // Sam in the shell stands for Sam anywhere Quorum already knows him (his Teams, his own Slack).
    const offer = cardToText(await h.app.quorum.handle(shellEvent("sam", `link confirm ${code}`)));
    expect(offer).toContain("act as you, Sam Okafor. Only confirm if you asked for this code yourself.");
    // The shell can't click: it types the word the card offers.
    const key = /link yes ([2-9A-Z]{10})/.exec(offer)?.[1];
    const done = cardToText(await h.app.quorum.handle(shellEvent("sam", `link yes ${key}`)));
    expect(done).toContain("now acts as you");
    await mention(GUESTS.sam.id, PARTNER, "whoami");
    expect(lastReplyTo(GUESTS.sam.id)).toContain("You are Sam Okafor (@sam)");
    await mention(GUESTS.sam.id, PARTNER, "link me");
    expect(lastReplyTo(GUESTS.sam.id)).toContain("already linked");
  });

  it("refuses a guest from a workspace in no partnership, and writes nothing", async () => {
    await setUp();
    const before = await rows();
    await mention(GUESTS.outsider.id, STRANGER, 'action add "Sneak in an action" due:2026-12-01');
    expect(lastReplyTo(GUESTS.outsider.id)).toContain("isn't part of");
    await mention(GUESTS.outsider.id, STRANGER, "link me");
    expect(lastReplyTo(GUESTS.outsider.id)).toContain("isn't part of");
    expect(lastReplyTo(GUESTS.outsider.id)).not.toMatch(/[2-9A-Z]{4}-[2-9A-Z]{4}/);
    expect(await rows()).toEqual(before);
    // The host's own users are unaffected.
    expect(JSON.stringify(await (await h.command("whoami")).json())).toContain("Jo Whitfield");
  });

  it("refuses an outsider's Reassign pick, as their button clicks are, and links no workspace", async () => {
    await setUp();
    const helensAction = await h.app.store.transaction(async (r) => {
      const demo = await r.partnerships.bySlug("demo");
      const open = demo ? await r.actions.list(demo.id, { statuses: ["open"] }) : [];
      return open.find((a) => a.ownerHandle === "helen");
    });
    const ref = `A-${helensAction?.number}`;
    const jo = await h.app.store.transaction(async (r) => {
      const demo = await r.partnerships.bySlug("demo");
      return demo ? r.people.byHandle(demo.id, "jo") : null;
    });
    const joSlack = await h.database.db
      .select({ id: identities.externalId })
      .from(identities)
      .where(and(eq(identities.personId, jo?.id ?? 0), eq(identities.platform, "slack")));
    const pick = await h.interact({
      type: "block_actions",
      // Slack may name the picker's own team here: the installation is the one bolt authorised.
      team: { id: STRANGER, domain: "stranger" },
      user: { id: GUESTS.outsider.id, team_id: STRANGER },
      api_app_id: "AQUORUM",
      token: "legacy",
      trigger_id: "trig-pick",
      container: { type: "message", message_ts: "1700000000.000200", channel_id: "CSHARED" },
      channel: { id: "CSHARED", name: "shared-board" },
      message: { type: "message", ts: "1700000000.000200", text: "list", blocks: [] },
      response_url: h.fake.responseUrl("pick"),
      actions: [
        {
          type: "users_select",
          action_id: `quorum:reassign:${ref}`,
          selected_user: joSlack[0]?.id ?? "UJO",
          block_id: "item:0:actions",
          action_ts: "1700000002.0",
        },
      ],
    });
    expect(pick.status).toBe(200);
    await h.slack.settled();
    const refused = await h.fake.waitFor("response_url", (c) => c.path === "/respond/pick");
    expect(JSON.stringify(refused.args)).toMatch(/isn't part of|can't match/);
    expect((await h.action(helensAction?.number ?? 0))?.ownerHandle).toBe("helen");
    const outsiderHome = await h.app.store.transaction((r) =>
      r.partnerships.forInstallation("slack", STRANGER),
    );
    expect(outsiderHome).toBeNull();
  });

  it("builds a guest's App Home on the authorised installation, as their own workspace knows them", async () => {
    await setUp();
    const open = async (user: string, team: string) => {
      h.fake.clear();
      // Slack names the opener's side in the envelope; bolt authorised the host's installation.
      const res = await h.event(
        { type: "app_home_opened", user, channel: `D${user}`, tab: "home" },
        { team },
      );
      expect(res.status).toBe(200);
      await h.slack.settled();
      const publish = await h.fake.waitFor("views.publish", (c) => c.args.user_id === user);
      return blockText((publish.args.view as { blocks: unknown }).blocks);
    };
    expect(await open(GUESTS.helen.id, PARTNER)).toContain("Helen Marsh: your Quorum");
    // An outsider whose profile shows a partner's email (Jo's) must not see Jo's Home, nor link their workspace.
    const outsider = await open(GUESTS.outsider.id, STRANGER);
    expect(outsider).toContain("isn't part of");
    expect(outsider).not.toContain("Jo Whitfield");
    const outsiderHome = await h.app.store.transaction((r) =>
      r.partnerships.forInstallation("slack", STRANGER),
    );
    expect(outsiderHome).toBeNull();
  });

  it("runs a guest's button click as them, and refuses an outsider's click", async () => {
    await setUp();
    const click = (user: string, team: string, value: string, id: string) =>
      h.interact({
        type: "block_actions",
        // Slack may name the clicker's own team here too: the installation is the one bolt authorised.
        team: { id: team, domain: team.toLowerCase() },
        user: { id: user, team_id: team },
        api_app_id: "AQUORUM",
        token: "legacy",
        trigger_id: `trig-${id}`,
        container: { type: "message", message_ts: "1700000000.000100", channel_id: "CSHARED" },
        channel: { id: "CSHARED", name: "shared-board" },
        message: { type: "message", ts: "1700000000.000100", text: "list", blocks: [] },
        response_url: h.fake.responseUrl(id),
        actions: [
          {
            type: "button",
            action_id: "quorum:cmd:0",
            value,
            block_id: "item:0:actions",
            action_ts: "1700000001.0",
            text: { type: "plain_text", text: "Done" },
          },
        ],
      });
    const helensAction = await h.app.store.transaction(async (r) => {
      const demo = await r.partnerships.bySlug("demo");
      const open = demo ? await r.actions.list(demo.id, { statuses: ["open"] }) : [];
      return open.find((a) => a.ownerHandle === "helen");
    });
    const ref = `A-${helensAction?.number}`;

    expect((await click(GUESTS.outsider.id, STRANGER, `action done ${ref}`, "out")).status).toBe(200);
    await h.slack.settled();
    const refused = await h.fake.waitFor("response_url", (c) => c.path === "/respond/out");
    expect(JSON.stringify(refused.args)).toContain("isn't part of");
    expect((await h.action(helensAction?.number ?? 0))?.status).toBe("open");
    // Not even the outsider's workspace was linked on the way (the only partnership takes any new host).
    const outsiderHome = await h.app.store.transaction((r) =>
      r.partnerships.forInstallation("slack", STRANGER),
    );
    expect(outsiderHome).toBeNull();

    expect((await click(GUESTS.helen.id, PARTNER, `action done ${ref}`, "in")).status).toBe(200);
    await h.slack.settled();
    await h.fake.waitFor("response_url", (c) => c.path === "/respond/in");
    expect((await h.action(helensAction?.number ?? 0))?.status).toBe("done");
  });
});
