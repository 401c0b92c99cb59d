// /files/<token> on the real server: the file while the link lasts, a plain 404 for a wrong, forged or
// expired token, and only the token's hash in the database.
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { appFromDatabase } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { Card } from "../../src/core/card.ts";
import type { InboundEvent } from "../../src/core/inbound.ts";
import type { Quorum } from "../../src/core/quorum.ts";
import { withFileLinks } from "../../src/server/file-links.ts";
import { type Running, serve } from "../../src/server/serve.ts";
import { shareFile } from "../../src/store/repos/shared-files.ts";
import { sharedFiles } from "../../src/store/schema.ts";
import { NOW } from "../helpers/demo-clock.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db.ts";

const logger = pino({ level: "silent" });
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => {});
});

async function start(): Promise<{
  running: Running;
  database: TestDatabase;
  clock: { now: () => Date; at: Date };
}> {
  const database = await openTestDatabase({ demo: true });
  cleanup.push(() => database.close());
  const clock = { at: NOW, now: () => clock.at };
  const app = appFromDatabase(database, { logger, clock });
  const running = await serve({ app, config: loadConfig({}), logger }, [], { host: "127.0.0.1", port: 0 });
  cleanup.push(() => running.close());
  return { running, database, clock };
}

const FILE = {
  partnershipId: 1,
  filename: "matters-arising-hwb-2027-01-22 – final.docx",
  contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  bytes: new Uint8Array([80, 75, 3, 4, 1, 2, 3]),
};

describe("GET /files/<token>", () => {
  it("serves the file as a download while the link lasts, then 404 after 24 hours", async () => {
    const { running, database, clock } = await start();
    const { token, expiresAt } = await shareFile(database.db, FILE, NOW);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime() - NOW.getTime()).toBe(24 * 3_600_000);
    const res = await fetch(`${running.http.url}/files/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(FILE.contentType);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="matters-arising-hwb-2027-01-22 _ final.docx"; filename*=UTF-8''${encodeURIComponent(FILE.filename)}`,
    );
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(FILE.bytes);
    // Only the hash is stored: the token itself appears nowhere in the row.
    const rows = await database.db.select().from(sharedFiles);
    expect(JSON.stringify(rows)).not.toContain(token);

    clock.at = new Date(NOW.getTime() + 24 * 3_600_000 + 1000);
    const late = await fetch(`${running.http.url}/files/${token}`);
    expect(late.status).toBe(404);
    expect(await late.text()).toMatch(/This link has expired or does not exist/);
  });

  it.each([
    ["a forged token of the right shape", "A".repeat(43)],
    ["a token one character off", null],
    ["a malformed token", "..%2F..%2Fetc%2Fpasswd"],
    ["no token", ""],
  ])("answers 404 to %s, with no file in the body", async (_what, forged) => {
    const { running, database } = await start();
    const { token } = await shareFile(database.db, FILE, NOW);
    const wrong = forged ?? `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const res = await fetch(`${running.http.url}/files/${wrong}`);
    expect(res.status).toBe(404);
    expect(new Uint8Array(await res.arrayBuffer())).not.toEqual(FILE.bytes);
  });
});

describe("withFileLinks (chat replies that carry a file)", () => {
  const table = { title: "Actions", columns: ["Ref", "Title"], rows: [["A-1", "=1+1"]] };
  const withFile: Card = {
    title: "Actions: 1 exported (csv)",
    tone: "success",
    audience: "personal",
    blocks: [],
    attachment: {
      partnershipId: 1,
      filename: "actions-2026-11-23.csv",
      document: { kind: "table", format: "csv", table },
    },
  };
  // Only handle is called here; the rest of the facade is not needed by the wrapper's test.
  const inner = { commands: [], handle: async () => withFile } as unknown as Quorum;
  const event = (platform: InboundEvent["platform"]): InboundEvent => ({
    platform,
    tenant: "T1",
    userId: "U1",
    text: "action export",
    conversation: { id: "C1", kind: "channel" },
  });

  it("swaps the file for a link on Slack and Teams that downloads it, and leaves the shell's reply alone", async () => {
    const { running, database, clock } = await start();
    const linked = withFileLinks(inner, { db: database.db, clock, publicUrl: running.http.url, hours: 24 });
    for (const platform of ["slack", "teams"] as const) {
      const reply = await linked.handle(event(platform));
      expect(reply.attachment).toBeUndefined();
      const line = reply.blocks.map((b) => (b.kind === "text" ? b.text : "")).join("\n");
      expect(line).toContain("The download link for actions-2026-11-23.csv works for 24 hours.");
      // The link is a link button, which Slack and Teams show as a button that opens it.
      const button = reply.blocks.flatMap((b) => (b.kind === "links" ? b.links : []));
      expect(button).toHaveLength(1);
      expect(button[0]?.label).toBe("Download actions-2026-11-23.csv");
      const url = button[0]?.url ?? "";
      expect(url).toMatch(/^http:\/\/\S+\/files\/[A-Za-z0-9_-]{43}$/);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
      expect(body).toBe("\uFEFFRef,Title\r\nA-1,'=1+1\r\n");
    }
    expect((await linked.handle(event("shell"))).attachment?.filename).toBe("actions-2026-11-23.csv");
  });

  it("says why there is no link when no public address is configured", async () => {
    const { database, clock } = await start();
    const reply = await withFileLinks(inner, {
      db: database.db,
      clock,
      publicUrl: undefined,
      hours: 24,
    }).handle(event("slack"));
    expect(reply.attachment).toBeUndefined();
    expect(JSON.stringify(reply.blocks)).toContain("no public address (QUORUM_PUBLIC_URL)");
    expect(await database.db.select().from(sharedFiles)).toEqual([]);
  });
});
