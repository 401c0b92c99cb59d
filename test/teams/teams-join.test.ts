// Issue 13 item 3 on Teams: an unknown tenant asks to join through the real SDK receiver (JWT on), its
// admins decide with Accept / Decline, and nothing but the request is written while it waits.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { acceptWorkspace } from "../../src/core/directory/workspaces.ts";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import * as schema from "../../src/store/schema.ts";
import { NOW } from "../helpers/harness.ts";
import { outletsFor } from "../helpers/outlets.ts";
import { rowCounts } from "../helpers/row-counts.ts";
import { signedTeamsEnv } from "./bot-auth.ts";
import { cardText } from "./fake-connector.ts";
import {
  BOT_ID,
  directMessage,
  executeInvoke,
  installUpdate,
  JO,
  membersAdded,
  SAM,
  TENANT,
  type TeamsHarness,
  useTeamsHarness,
} from "./teams-harness.ts";

const STRANGER = "tenant-borough-7777";
const WAITING = /Your organisation is waiting for a partnership admin to accept it/;

const inTenant = <T extends Record<string, unknown>>(a: T, tenant: string): T => ({
  ...a,
  conversation: { ...(a.conversation as object), tenantId: tenant },
  channelData: { ...((a.channelData as object) ?? {}), tenant: { id: tenant } },
});

/** Teams without TEAMS_TENANT_ID: no operator's list, so tenants join by an admin's decision. */
const noAllowList = (c: Parameters<typeof signedTeamsEnv>[0]) => {
  const { TEAMS_TENANT_ID: _unset, ...env } = signedTeamsEnv(c);
  return env;
};

const requestFor = async (h: TeamsHarness, tenant: string) =>
  h.app.store.transaction((r) => r.workspaces.request("teams", tenant));

const askRows = (h: TeamsHarness) =>
  h.database.db.select().from(schema.outbox).where(eq(schema.outbox.kind, "workspace-request"));

/** Sends what the outbox holds through the adapter's real Teams sender to the fake connector. */
async function drain(h: TeamsHarness) {
  const sender = h.running.adapters.find((a) => a.name === "teams")?.sender;
  if (!sender) throw new Error("no Teams sender");
  const worker = createOutboxWorker({
    outlets: outletsFor(sender),
    queue: h.app.queue,
    clock: { now: () => NOW },
  });
  return worker.drainOnce();
}

describe("an unknown Teams tenant with one partnership", () => {
  const h = useTeamsHarness({ env: noAllowList });
  let url: string;

  beforeEach(async () => {
    url = h.connector.url;
    // The council's tenant is linked and Jo, the demo's admin, has talked to Quorum there (a 1:1 chat).
    await h.app.store.transaction(async (r) => {
      const demo = await r.partnerships.bySlug("demo");
      if (!demo) throw new Error("no demo partnership");
      await acceptWorkspace(r, demo, "teams", TENANT);
    });
    await h.post(directMessage(url, "whoami", JO));
    expect(cardText(h.connector.cards()[0]?.card)).toContain("You are Jo Whitfield");
    h.connector.reset();
  });

  it("records one request, answers politely, writes nothing else and asks the admins once", async () => {
    const before = await rowCounts(h.database.db);
    const res = await h.post(inTenant(directMessage(url, "action done A-2", SAM), STRANGER));
    expect(res.status).toBe(200);
    expect(h.connector.lookups).toEqual([]);
    expect(h.connector.posts).toHaveLength(1);
    expect(h.connector.posts[0]?.activity.text).toMatch(WAITING);

    const request = await requestFor(h, STRANGER);
    expect(request).toMatchObject({ platform: "teams", status: "pending", requestedBy: SAM.aadObjectId });
    const demo = await h.app.store.transaction((r) => r.partnerships.bySlug("demo"));
    expect(request?.partnershipId).toBe(demo?.id);
    // The request and the admin's message: no person, identity, channel, event or audit row.
    expect(await rowCounts(h.database.db)).toEqual({
      ...before,
      workspaceRequests: before.workspaceRequests + 1,
      outbox: before.outbox + 1,
    });
    const asks = await askRows(h);
    expect(asks).toHaveLength(1);
    expect(asks[0]?.target).toMatchObject({ platform: "teams", tenant: TENANT, kind: "person" });

    // A second message before anyone decides: the same polite line, no second request or message to admins.
    await h.post(inTenant(directMessage(url, "whoami", JO), STRANGER));
    expect(h.connector.posts).toHaveLength(2);
    expect(h.connector.posts[1]?.activity.text).toMatch(WAITING);
    expect((await requestFor(h, STRANGER))?.createdAt).toEqual(request?.createdAt);
    expect(await askRows(h)).toHaveLength(1);

    // The admin's message reaches Jo's 1:1 chat on Teams with Accept and Decline.
    h.connector.reset();
    await drain(h);
    const ask = h.connector.cards().map((c) => cardText(c.card));
    expect(ask).toHaveLength(1);
    expect(ask[0]).toContain("A Teams tenant would like to join");
    expect(ask[0]).toContain(STRANGER);
    expect(ask[0]).toContain("[Accept]");
    expect(ask[0]).toContain("[Decline]");
  });

  it("lets the tenant in once an admin clicks Accept", async () => {
    await h.post(inTenant(directMessage(url, "whoami", SAM), STRANGER));
    // Sam is no admin: his click is refused and the tenant still waits.
    const notAdmin = await h.post(executeInvoke(url, { command: `workspace accept ${STRANGER}` }));
    expect(JSON.stringify(await notAdmin.json())).toMatch(/admin/i);
    expect((await requestFor(h, STRANGER))?.status).toBe("pending");

    const click = await h.post(executeInvoke(url, { command: `workspace accept ${STRANGER}` }, { user: JO }));
    expect(JSON.stringify(await click.json())).toContain("can now use Quorum");
    expect(await requestFor(h, STRANGER)).toBeNull();

    h.connector.reset();
    await h.post(inTenant(directMessage(url, "whoami", SAM), STRANGER));
    expect(h.connector.lookups).toEqual([SAM.id]);
    expect(cardText(h.connector.cards()[0]?.card)).toContain("You are Sam Okafor (@sam)");
    const identity = await h.app.store.transaction((r) =>
      r.people.byIdentity("teams", STRANGER, SAM.aadObjectId),
    );
    expect(identity?.handle).toBe("sam");
  });

  it("keeps a declined tenant out, tells its people so, and asks no one again", async () => {
    await h.post(inTenant(directMessage(url, "whoami", SAM), STRANGER));
    const click = await h.post(
      executeInvoke(url, { command: `workspace decline ${STRANGER}` }, { user: JO }),
    );
    expect(JSON.stringify(await click.json())).toContain("declined");

    h.connector.reset();
    const before = await rowCounts(h.database.db);
    await h.post(inTenant(directMessage(url, "whoami", SAM), STRANGER));
    await h.post(inTenant(installUpdate(url, "add", "personal"), STRANGER));
    expect(h.connector.lookups).toEqual([]);
    expect(h.connector.posts.map((p) => p.activity.text)).toEqual([
      expect.stringMatching(/isn't available for your organisation: the partnership's admins declined it/),
      expect.stringMatching(/declined it/),
    ]);
    expect((await requestFor(h, STRANGER))?.status).toBe("declined");
    expect(await rowCounts(h.database.db)).toEqual(before);
    expect(await askRows(h)).toHaveLength(1);
  });

  it("records an install as a request too: the install says so, the bot's arrival quietly", async () => {
    const before = await rowCounts(h.database.db);
    await h.post(inTenant(membersAdded(url, [BOT_ID]), STRANGER));
    expect(h.connector.posts).toEqual([]);
    expect((await requestFor(h, STRANGER))?.status).toBe("pending");
    await h.post(inTenant(installUpdate(url, "add", "channel"), STRANGER));
    expect(h.connector.posts).toHaveLength(1);
    expect(h.connector.posts[0]?.activity.text).toMatch(WAITING);
    // No channel link for a tenant nobody accepted, and one request, one message to the admins.
    expect(await rowCounts(h.database.db)).toEqual({
      ...before,
      workspaceRequests: before.workspaceRequests + 1,
      outbox: before.outbox + 1,
    });
  });

  it("records nothing for activities that are not addressed to Quorum", async () => {
    const before = await rowCounts(h.database.db);
    await h.post(inTenant(membersAdded(url, ["29:someone-else"]), STRANGER));
    await h.post(inTenant({ ...directMessage(url, ""), type: "typing" }, STRANGER));
    expect(h.connector.posts).toEqual([]);
    expect(await rowCounts(h.database.db)).toEqual(before);
  });
});

describe("an unknown Teams tenant with several partnerships", () => {
  const h = useTeamsHarness({ env: noAllowList, logLevel: "info" });

  it("waits for the operator to link it: no admin of any partnership is asked", async () => {
    await h.app.store.transaction((r) => r.partnerships.create({ slug: "kent", name: "Kent Partnership" }));
    const url = h.connector.url;
    await h.post(inTenant(directMessage(url, "whoami", SAM), STRANGER));
    expect(h.connector.posts[0]?.activity.text).toMatch(WAITING);
    expect(await requestFor(h, STRANGER)).toMatchObject({ status: "pending", partnershipId: null });
    expect(await askRows(h)).toEqual([]);
    // The operator hears of it in the log instead.
    expect(h.logs.join("")).toContain(`quorum teams link ${STRANGER} <partnership>`);
    // quorum teams link does what an admin's Accept would.
    await h.app.store.transaction(async (r) => {
      const kent = await r.partnerships.bySlug("kent");
      if (kent) await acceptWorkspace(r, kent, "teams", STRANGER);
    });
    expect(await requestFor(h, STRANGER)).toBeNull();
    const kent = await h.app.store.transaction((r) => r.partnerships.forInstallation("teams", STRANGER));
    expect(kent?.slug).toBe("kent");
  });
});

describe("an operator's list (TEAMS_TENANT_ID)", () => {
  const h = useTeamsHarness();

  it("stays the whole answer: a tenant off it is refused and cannot ask to join", async () => {
    const url = h.connector.url;
    const before = await rowCounts(h.database.db);
    await h.post(inTenant(directMessage(url, "whoami", SAM), STRANGER));
    await h.post(inTenant(installUpdate(url, "add", "channel"), STRANGER));
    expect(h.connector.posts.map((p) => p.activity.text)).toEqual([
      expect.stringMatching(/not set up for your organisation/),
    ]);
    expect(await rowCounts(h.database.db)).toEqual(before);
  });
});
