// Three Quorum processes on one PostgreSQL: every digest occurrence is posted exactly once.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useHarness } from "../helpers/harness.ts";
import { serverUrl } from "../helpers/test-db.ts";

const CHANNELS = 24;

// PGlite is an in-process database: a second process cannot open the same one, so there is nothing to
// race. The same fire-and-claim code runs single-instance on PGlite in delivery.test.ts.
describe.skipIf(!serverUrl())("several instances on one PostgreSQL", () => {
  const h = useHarness();
  const posts: { channel: string; text: string; instance: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      posts.push(JSON.parse(body));
      res.end("{}");
    });
  });

  beforeEach(async () => {
    posts.length = 0;
    for (let i = 0; i < CHANNELS; i++) {
      await h.quorum.handle({
        platform: "slack",
        tenant: "T0ESSEX",
        userId: "U-JO",
        text: "link group:hwb",
        profile: { email: "jo.whitfield@example.gov.uk" },
        conversation: { id: `C${i}`, kind: "channel" },
      });
    }
    // Every digest fell due a minute ago, in real time, which the child processes use.
    await h.database.db.execute(
      sql`update schedules set next_fire_at = now() - interval '1 minute' where kind = 'digest'`,
    );
  });

  beforeAll(async () => {
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
  });
  afterAll(() => server.close());

  it("posts each channel's digest once, whichever instance claims it", async () => {
    const sink = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const script = join(import.meta.dirname, "instance-main.ts");
    const children = [1, 2, 3].map((n) =>
      spawn("node", ["--import", "tsx", script, h.database.url ?? "", sink, `i${n}`, "5000"], {
        stdio: "inherit",
      }),
    );
    const codes = await Promise.all(children.map(async (c) => (await once(c, "exit"))[0]));
    expect(codes).toEqual([0, 0, 0]);
    const digests = posts.filter((p) => p.text.includes("digest for"));
    const perChannel = new Map<string, number>();
    for (const p of digests) perChannel.set(p.channel, (perChannel.get(p.channel) ?? 0) + 1);
    expect(perChannel.size).toBe(CHANNELS);
    expect([...perChannel.values()].every((n) => n === 1)).toBe(true);
    // The work really was shared: more than one instance posted.
    expect(new Set(digests.map((p) => p.instance)).size).toBeGreaterThan(1);
  });
});
