// The facade's doors beside handle(): events run once, installs and removals, and the adapters' look-ups.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { QuorumError } from "../../src/core/errors.ts";
import type { InboundEvent } from "../../src/core/inbound.ts";
import type { Installation } from "../../src/core/quorum-doors.ts";
import {
  channelLinks,
  installations,
  outbox,
  partnerships,
  workspaceRequests,
} from "../../src/store/schema.ts";
import { useHarness } from "../helpers/harness.ts";

const h = useHarness();

const helen: InboundEvent = {
  platform: "slack",
  tenant: "T0ESSEX",
  userId: "U0HELEN",
  text: "whoami",
  conversation: { id: "D0HELEN", kind: "direct" },
  profile: { email: "helen.marsh@example.gov.uk" },
};

const room: Installation = {
  platform: "teams",
  tenant: "tenant-essex",
  conversation: { id: "19:new-room", kind: "channel", name: "New room", ref: { serviceUrl: "https://x" } },
};

const linkOf = async (channelId: string) =>
  (await h.database.db.select().from(channelLinks).where(eq(channelLinks.channelId, channelId)))[0];

/** A second partnership, so a workspace that is not linked no longer joins "the only one" by itself. */
const addSecondPartnership = () =>
  h.database.db.insert(partnerships).values({ slug: "other", name: "Other Partners" });

describe("handleOnce and claimOnce", () => {
  it("runs an event once: the same key again answers null and runs nothing", async () => {
    const first = await h.quorum.handleOnce("Ev1", helen);
    expect(first?.title).toBe("You are Helen Marsh (@helen)");
    expect(await h.quorum.handleOnce("Ev1", { ...helen, text: "action add 'Twice?' @helen" })).toBeNull();
    expect((await h.quorum.handleOnce("Ev2", helen))?.title).toBe("You are Helen Marsh (@helen)");
  });

  it("keeps each platform's keys apart", async () => {
    expect(await h.quorum.claimOnce("slack", "k1")).toBe(true);
    expect(await h.quorum.claimOnce("slack", "k1")).toBe(false);
    expect(await h.quorum.claimOnce("teams", "k1")).toBe(true);
  });
});

describe("installed and removed", () => {
  it("remembers where Quorum was added, stops posting there when removed, and comes back", async () => {
    await h.quorum.installed(room);
    expect(await linkOf("19:new-room")).toMatchObject({
      status: "active",
      name: "New room",
      digestEnabled: false,
    });
    await h.quorum.removed(room);
    expect((await linkOf("19:new-room"))?.status).toBe("uninstalled");
    await h.quorum.installed(room);
    expect((await linkOf("19:new-room"))?.status).toBe("active");
  });

  it("refuses a tenant that belongs to no partnership, writing nothing", async () => {
    await addSecondPartnership();
    const err = await h.quorum.installed(room).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuorumError);
    expect((err as QuorumError).code).toBe("not_linked");
    expect(await linkOf("19:new-room")).toBeUndefined();
  });

  it("ignores the removal of a channel it never knew", async () => {
    await h.quorum.removed({ ...room, conversation: { id: "19:unknown", kind: "channel" } });
    expect(await linkOf("19:unknown")).toBeUndefined();
  });
});

describe("partnershipFor and personFor", () => {
  it("finds the only partnership without linking the workspace", async () => {
    expect((await h.quorum.partnershipFor("slack", "T0NEW"))?.slug).toBe("demo");
    const linked = await h.database.db.select().from(installations).where(eq(installations.tenant, "T0NEW"));
    expect(linked).toEqual([]);
    await addSecondPartnership();
    expect(await h.quorum.partnershipFor("slack", "T0NEW")).toBeNull();
  });

  it("matches a known identity without asking for the email, and a new one by its email", async () => {
    await h.quorum.handle(helen); // links U0HELEN to Helen
    let asked = 0;
    const email = async () => {
      asked++;
      return "sam.okafor@example.gov.uk";
    };
    const who = { platform: "slack", tenant: "T0ESSEX" } as const;
    expect((await h.quorum.personFor({ ...who, userId: "U0HELEN" }, email))?.handle).toBe("helen");
    expect(asked).toBe(0);
    expect((await h.quorum.personFor({ ...who, userId: "U0SAM" }, email))?.handle).toBe("sam");
    expect(asked).toBe(1);
    expect(await h.quorum.personFor({ ...who, userId: "U0SAM" })).toBeNull();
    expect(await h.quorum.personFor({ ...who, userId: "U0X" }, async () => undefined)).toBeNull();
  });

  it("allows a tenant on the allow-list, else only a linked one (asked without a knock, nothing is written)", async () => {
    const allowed = async (tenant: string | undefined, list: string[]) =>
      (await h.quorum.tenantStanding("teams", tenant, list, null)).status === "allowed";
    expect(await allowed("tenant-a", ["tenant-a"])).toBe(true);
    expect(await allowed("tenant-b", ["tenant-a"])).toBe(false);
    expect(await allowed(undefined, [])).toBe(false);
    expect(await allowed("tenant-b", [])).toBe(false);
    await h.quorum.installed({ ...room, tenant: "tenant-b" });
    expect(await allowed("tenant-b", [])).toBe(true);
  });

  it("records two first contacts at once as one request, and asks its admins once", async () => {
    // Jo (the admin) has a chat identity, so she can be asked.
    await h.quorum.handle({ ...helen, userId: "U0JO", profile: { email: "jo.whitfield@example.gov.uk" } });
    const knock = () => h.quorum.tenantStanding("teams", "tenant-new", [], { requestedBy: "aad-1" });
    const standings = await Promise.all([knock(), knock(), knock()]);
    expect(standings.map((s) => s.status)).toEqual(["pending", "pending", "pending"]);
    expect(standings.filter((s) => "asked" in s && s.asked)).toHaveLength(1);
    const asks = await h.database.db.select().from(outbox).where(eq(outbox.kind, "workspace-request"));
    expect(asks).toHaveLength(1);
    // Without a knock (a card click, a typing indicator) an unknown tenant is refused and recorded nowhere.
    expect(await h.quorum.tenantStanding("teams", "tenant-quiet", [], null)).toEqual({ status: "refused" });
    expect(await h.quorum.tenantStanding("teams", "tenant-new", ["tenant-a"], {})).toEqual({
      status: "refused",
    });
    const rows = await h.database.db.select().from(workspaceRequests);
    expect(rows.map((r) => r.tenant)).toEqual(["tenant-new"]);
  });
});
