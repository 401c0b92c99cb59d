// The shell as a full platform: channels where link and digests work as in Slack, and delivery running
// while it is open, so `digest now` and digests and reminders that fall due meanwhile appear in it.
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../src/store/open-database.ts";
import { NOW } from "./helpers/demo-clock.ts";
import { useFresh } from "./helpers/fresh.ts";
import { openShellSession, type ShellSession } from "./helpers/shell-session.ts";
import { openTestDatabaseUrl } from "./helpers/test-db.ts";

// Each test's own database with the demo loaded as at NOW (Monday 23 November 2026, 09:30 London).
const database = useFresh(() => openTestDatabaseUrl({ demo: true }));
let shell: ShellSession | undefined;
const open = (opts: { interactive?: boolean } = {}) => {
  shell = openShellSession({ url: database.url, now: NOW, ...opts });
  return shell;
};
afterEach(async () => {
  await shell?.close();
  shell = undefined;
});

/** Rows of one query, once the shell has closed the database (PGlite has one writer). */
async function rows<T>(query: string): Promise<T[]> {
  const db = await openDatabase(database.url);
  try {
    const r = (await db.db.execute(query)) as unknown as { rows?: T[] } | T[];
    return Array.isArray(r) ? r : (r.rows ?? []);
  } finally {
    await db.close();
  }
}

const LINK_REFUSED =
  "✗ Only the chair of Essex Partners Board (Cllr Martin Reeve) or a partnership admin can link a channel to it.";

describe("the shell's channels and delivery", { timeout: 180_000 }, () => {
  it("a newcomer links a shell channel to a group and sees its digest posted there after digest now", async () => {
    const s = open();
    s.type("channel partners-board\nlink group:partners\ndigest now\n");
    const out = await s.waitFor(
      /Quorum posted in #partners-board \(here\) ──\n! Essex Partners Board: digest/,
    );
    expect(out).toContain("You are in #partners-board as @jo");
    expect(out).toContain("✓ This channel is now linked to Essex Partners Board");
    // The post comes after the reply that announced it, under its own marker line.
    expect(out.indexOf("Posting the digest here now.")).toBeLessThan(out.indexOf("Quorum posted in"));
    expect(out).toContain("A-2 Bring options for pooling prevention budgets to the next board");
    s.type("digest now\n");
    await s.waitFor("digest now can post it again from");
    expect(await s.close()).toBe(0);
    const sent = await rows<{ platform: string; status: string; kind: string }>(
      "select platform, status, kind from outbox",
    );
    expect(sent).toEqual([{ platform: "shell", status: "sent", kind: "digest" }]);
    const [link] = await rows<{ channel_id: string; name: string; tenant: string }>(
      "select channel_id, name, tenant from channel_links",
    );
    expect(link).toEqual({ channel_id: "partners-board", name: "#partners-board", tenant: "demo" });
  });

  it("a scheduled digest and a reminder that fall due while the shell is open appear in it unasked", async () => {
    const s = open();
    s.type('action add "Book the winter venue" owner:@jo due:2026-11-26\n');
    s.type('channel partners-board\nlink group:partners\ndigest schedule "tue 09:00"\n');
    await s.waitFor('The digest now posts here at "tue 09:00"');
    s.type("dm\n");
    await s.waitFor("You are in your direct conversation with Quorum as @jo.");
    expect(s.output()).not.toContain("Quorum to you");
    // Tuesday 09:00 London: the daily reminders run (A-… due Thursday, two working days on) and the digest.
    s.setNow(new Date("2026-11-24T09:00:20Z"));
    const out = await s.waitFor(
      /Quorum to you \(@jo\), direct message ──\n! A-\d+ is due Thu 26 Nov\n {2}• A-\d+ Book the winter venue/,
    );
    await s.waitFor(/Quorum posted in #partners-board ──\n! Essex Partners Board: digest for Tue 24 Nov/);
    // Not "(here)": the shell is in the direct conversation now, and reminders are not marked late.
    expect(out).not.toContain("(delayed)");
    expect(await s.close()).toBe(0);
    const late = await rows<{ status: string }>("select status from outbox where status <> 'sent'");
    expect(late).toEqual([]);
  });

  it("link and digest stay with the group's chair or an admin: a member is refused in a shell channel", async () => {
    const s = open();
    s.type("as sam\nchannel partners-board\nlink group:partners\ndigest now\n");
    await s.waitFor(LINK_REFUSED);
    await s.waitFor(
      "✗ This channel is not linked to a group, so only a partnership admin can post this channel's digest.",
    );
    s.type("as martin\nlink group:partners\n");
    await s.waitFor("✓ This channel is now linked to Essex Partners Board");
    s.type("as sam\ndigest now\n");
    await s.waitFor(
      "✗ Only the chair of Essex Partners Board (Cllr Martin Reeve) or a partnership admin can post this channel's digest.",
    );
    expect(s.output()).not.toContain("Quorum posted in");
    expect(await s.close()).toBe(0);
    const links = await rows<{ verb: string; handle: string }>(
      "select a.verb, p.handle from audit_events a join people p on p.id = a.actor_id where a.verb like 'channel.%' or a.verb like 'digest.%'",
    );
    expect(links).toEqual([{ verb: "channel.link", handle: "martin" }]);
  });

  it("link in the direct conversation says to run it in a channel; a bad channel name is explained", async () => {
    const s = open();
    s.type("link group:partners\nchannel Partners Board\n");
    await s.waitFor("not in a direct message: in the shell, go there first with channel <name>");
    await s.waitFor('"Partners Board" is not a channel name');
    expect(await s.close()).toBe(0);
  });

  it("at a terminal the prompt shows where you are, and a post is printed above a half-typed line", async () => {
    const s = open({ interactive: true });
    await s.waitFor("quorum @jo> ");
    s.type('channel partners-board\nlink group:partners\ndigest schedule "tue 09:00"\n');
    await s.waitFor(/"tue 09:00" \(Europe\/London time\)\.\n\nquorum @jo #partners-board> $/);
    s.type("dig");
    await s.waitFor(/quorum @jo #partners-board> dig$/);
    s.setNow(new Date("2026-11-24T09:00:20Z"));
    // The post lands above the prompt, which is drawn again with what was typed so far.
    const out = await s.waitFor(
      /quorum @jo #partners-board> dig── Quorum posted in #partners-board \(here\) ──\n[\s\S]*M-1\n\nquorum @jo #partners-board> dig$/,
    );
    // Drawn over the prompt line: back to its first column and cleared, so "dig" is not left behind.
    expect(s.raw()).toContain("> dig\u001b[1G\u001b[0J── Quorum posted in #partners-board (here) ──");
    expect(out.split("Quorum posted in").length).toBe(2);
    s.type("est preview\n");
    await s.waitFor(/quorum @jo #partners-board> digest preview\n! Essex Partners Board: digest/);
    s.type("as sam\n");
    await s.waitFor(/Now acting as @sam in #partners-board\.\nquorum @sam #partners-board> $/);
    s.type("dm\n");
    await s.waitFor(/as @sam\.\nquorum @sam> $/);
    expect(await s.close()).toBe(0);
  });
});
