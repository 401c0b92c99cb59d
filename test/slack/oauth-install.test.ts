// Issue 13, items 1-3: Quorum installed into two fake Slack workspaces through OAuth, accepted by an admin,
// each workspace's events and outbox rows on its own token; bad states, failed exchanges, revocation, uninstall.

import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outbox, slackInstallations } from "../../src/store/schema.ts";
import { NOW } from "../helpers/harness.ts";
import { type OAuthHarness, openOAuthHarness, TEAM_A, TEAM_B } from "./oauth-harness.ts";
import { USERS } from "./slack-harness.ts";

let h: OAuthHarness;
beforeEach(async () => {
  h = await openOAuthHarness();
});
afterEach(() => h.close());

const replyText = async (res: Response) => JSON.stringify(await res.json());

describe("installing into several workspaces", () => {
  it("installs two workspaces, links both on acceptance, and reaches each person with their workspace's token", async () => {
    const tokenA = await h.install(TEAM_A);
    const tokenB = await h.install(TEAM_B);
    expect(tokenA).not.toBe(tokenB);

    // Pending: a polite answer and nothing written (no person gets a Slack identity).
    const waiting = await h.command(TEAM_A.id, USERS.jo.id, "actions mine");
    expect(await replyText(waiting)).toContain("waiting for a partnership admin");
    expect(await h.shell("jo", "workspace pending")).toContain(TEAM_A.name);

    expect(await h.shell("jo", `workspace accept ${TEAM_A.id}`)).toContain("can now use Quorum");
    expect(await h.shell("jo", `workspace accept ${TEAM_B.id} org:VCS`)).toContain("VCS");

    // Sam uses Quorum from workspace B once, so B is where Quorum reaches him.
    expect((await h.command(TEAM_B.id, USERS.sam.id, "actions mine")).status).toBe(200);
    const added = await h.command(
      TEAM_A.id,
      USERS.jo.id,
      'action add "Map winter capacity" owner:@sam due:friday',
    );
    expect(await replyText(added)).toContain("Map winter capacity");
    // Jo's profile was read with workspace A's token, Sam's with B's.
    const lookups = h.fake.callsTo("users.info");
    expect(lookups.find((c) => c.args.user === USERS.jo.id)?.token).toBe(tokenA);
    expect(lookups.find((c) => c.args.user === USERS.sam.id)?.token).toBe(tokenB);

    const report = await h.drain();
    expect(report.sent).toBeGreaterThanOrEqual(1);
    const toSam = await h.fake.waitFor("chat.postMessage", (c) => c.args.channel === USERS.sam.id);
    expect(toSam.token).toBe(tokenB);
    expect(JSON.stringify(toSam.args.blocks)).toContain("Map winter capacity");
    // Debug logging was on throughout: no token reached the log.
    const log = h.logs.join("\n");
    for (const token of [tokenA, tokenB]) expect(log).not.toContain(token);
  });

  it("asks the partnership's admins, on the chat they use, with Accept and Decline", async () => {
    const tokenA = await h.install(TEAM_A);
    await h.shell("jo", `workspace accept ${TEAM_A.id}`);
    expect((await h.command(TEAM_A.id, USERS.jo.id, "actions mine")).status).toBe(200);
    await h.install(TEAM_B);
    await h.drain();
    const ask = await h.fake.waitFor("chat.postMessage", (c) => c.args.channel === USERS.jo.id);
    expect(ask.token).toBe(tokenA);
    const blocks = JSON.stringify(ask.args.blocks);
    expect(blocks).toContain(TEAM_B.name);
    expect(blocks).toContain("Accept");
    expect(blocks).toContain("Decline");
  });

  it("keeps a declined workspace out, politely", async () => {
    await h.install(TEAM_A);
    expect(await h.shell("jo", `workspace decline ${TEAM_A.id}`)).toContain("declined");
    const res = await h.command(TEAM_A.id, USERS.jo.id, "actions mine");
    expect(await replyText(res)).toContain("declined");
  });

  it("lets only an admin decide", async () => {
    await h.install(TEAM_A);
    expect(await h.shell("sam", `workspace accept ${TEAM_A.id}`)).toMatch(/admin/i);
    expect(await h.shell("jo", "workspace pending")).toContain(TEAM_A.id);
  });
});

describe("the OAuth state", () => {
  it("refuses a forged state, and exchanges no code for it", async () => {
    const { cookie } = await h.startInstall();
    const code = h.fake.issueCode("code-forged", TEAM_A);
    const forged = "eyJhbGciOiJIUzI1NiJ9.eyJub3ciOiIyMDI2LTAxLTAxIn0.c2lnbmF0dXJl";
    const res = await h.redirect(code, forged, `slack-app-oauth-state=${forged}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Quorum was not installed");
    expect(h.fake.callsTo("oauth.v2.access")).toHaveLength(0);
    expect(cookie).toMatch(/^slack-app-oauth-state=/);
  });

  it("refuses a state from another browser (no cookie)", async () => {
    const { state } = await h.startInstall();
    const res = await h.redirect(h.fake.issueCode("code-nocookie", TEAM_A), state, null);
    expect(res.status).toBe(400);
    expect(h.fake.callsTo("oauth.v2.access")).toHaveLength(0);
  });

  it("refuses a replayed state, even with its cookie", async () => {
    const { state, cookie } = await h.startInstall();
    expect((await h.redirect(h.fake.issueCode("code-1", TEAM_A), state, cookie)).status).toBe(200);
    const replay = await h.redirect(h.fake.issueCode("code-2", TEAM_B), state, cookie);
    expect(replay.status).toBe(400);
    expect(h.fake.issued.get(TEAM_B.id)).toBeUndefined();
  });

  it("reports a failed code exchange, stores nothing and logs no secret", async () => {
    const { state, cookie } = await h.startInstall();
    const res = await h.redirect("code-never-issued", state, cookie);
    expect(res.status).toBe(400);
    expect(await h.database.db.select().from(slackInstallations)).toHaveLength(0);
    const log = h.logs.join("\n");
    expect(log).toContain("Slack install failed");
    expect(log).not.toContain(h.fake.client.secret);
  });
});

describe("losing a workspace", () => {
  async function linkedWorkspace() {
    const token = await h.install(TEAM_A);
    await h.shell("jo", `workspace accept ${TEAM_A.id}`);
    expect((await h.command(TEAM_A.id, USERS.jo.id, "actions mine")).status).toBe(200);
    return token;
  }

  it("forgets the tokens and the workspace's channel links when Slack says the app was uninstalled", async () => {
    await h.install(TEAM_A);
    await h.shell("jo", `workspace accept ${TEAM_A.id}`);
    await h.app.store.transaction(async (r) => {
      const p = await r.partnerships.bySlug("demo");
      if (!p) throw new Error("no demo");
      await r.channels.upsert({
        partnershipId: p.id,
        platform: "slack",
        tenant: TEAM_A.id,
        channelId: "CWINTER",
      });
    });
    await h.event(TEAM_A.id, { type: "app_uninstalled" });
    const left = await h.app.store.transaction(async (r) =>
      r.channels.byChannel("slack", TEAM_A.id, "CWINTER"),
    );
    expect(left?.status).toBe("uninstalled");
    expect(await h.database.db.select().from(slackInstallations)).toHaveLength(0);
  });

  it("parks every queued row once when the token is revoked mid-digest: no retry storm, nothing duplicated", async () => {
    const token = await linkedWorkspace();
    const queue = (channels: string[]) =>
      h.app.store.transaction(async (r) => {
        const p = await r.partnerships.bySlug("demo");
        if (!p) throw new Error("no demo");
        for (const ch of channels) {
          await r.outbox.enqueue({
            partnershipId: p.id,
            dedupeKey: `digest:test:${ch}`,
            kind: "digest",
            platform: "slack",
            target: { platform: "slack", tenant: TEAM_A.id, kind: "channel", id: ch, ref: null, label: ch },
            payload: {
              card: { title: "Digest", tone: "info", blocks: [], audience: "channel" },
              text: "Digest",
            },
            createdAt: NOW,
            notBefore: NOW,
          });
        }
      });
    await queue(["C1", "C2", "C3", "C4"]);
    h.fake.clear();
    h.fake.revoke(token);
    const first = await h.drain();
    // Each row was tried at most once and parked, not retried; the dead token was forgotten.
    const tried = h.fake.callsTo("chat.postMessage").length;
    expect(tried).toBeGreaterThanOrEqual(1);
    expect(tried).toBeLessThanOrEqual(4);
    expect(first.parked).toBe(4);
    expect((await h.drain()).claimed).toBe(0);
    expect(await h.database.db.select().from(slackInstallations)).toHaveLength(0);
    // A row queued afterwards is parked without calling Slack at all.
    await queue(["C5"]);
    expect((await h.drain()).parked).toBe(1);
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(tried);
    const rows = await h.database.db.select().from(outbox).where(eq(outbox.kind, "digest"));
    expect(rows.map((r) => r.status)).toEqual(["parked", "parked", "parked", "parked", "parked"]);
  });
});

describe("token rotation", () => {
  it("refreshes a token about to expire through oauth.v2.access before posting", async () => {
    // Expires within the two hours the library refreshes ahead of.
    const first = await h.install(TEAM_A, { expiresIn: 600 });
    await h.shell("jo", `workspace accept ${TEAM_A.id}`);
    expect((await h.command(TEAM_A.id, USERS.jo.id, "actions mine")).status).toBe(200);
    const refreshes = h.fake.callsTo("oauth.v2.access").filter((c) => c.args.grant_type === "refresh_token");
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    const latest = (h.fake.issued.get(TEAM_A.id) ?? []).at(-1);
    expect(latest).not.toBe(first);
    const lookup = h.fake.callsTo("users.info").find((c) => c.args.user === USERS.jo.id);
    expect(lookup?.token).toBe(latest);
    const log = h.logs.join("\n");
    for (const token of h.fake.issued.get(TEAM_A.id) ?? []) expect(log).not.toContain(token);
  });
});
