// A real `quorum serve` on loopback over the demo, for the shared page's HTTP and browser tests.
import pino from "pino";
import { shellEvent } from "../../src/adapters/shell/shell-place.ts";
import { appFromDatabase } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { Card } from "../../src/core/card.ts";
import { type Running, serve } from "../../src/server/serve.ts";
import { NOW } from "../helpers/demo-clock.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db.ts";

export const PUBLIC_URL = "https://quorum.example.org";

export interface ViewServer {
  running: Running;
  database: TestDatabase;
  say(user: string, line: string): Promise<Card>;
  /** Shares the group as `user` and returns the page's address on this server. */
  share(user: string, slug: string): Promise<string>;
  close(): Promise<void>;
}

export async function openViewServer(): Promise<ViewServer> {
  const database = await openTestDatabase({ demo: true });
  const logger = pino({ level: "silent" });
  const app = appFromDatabase(database, { logger, clock: { now: () => NOW }, publicUrl: PUBLIC_URL });
  const running = await serve({ app, config: loadConfig({}), logger }, [], { host: "127.0.0.1", port: 0 });
  const say = (user: string, line: string) => app.quorum.handle(shellEvent(user, line));
  return {
    running,
    database,
    say,
    async share(user, slug) {
      const reply = await say(user, `group share ${slug}`);
      const block = reply.blocks.find((b) => b.kind === "links");
      const url = block?.kind === "links" ? block.links[0]?.url : undefined;
      if (!url?.startsWith(`${PUBLIC_URL}/view/`))
        throw new Error(`no page link in: ${JSON.stringify(reply)}`);
      return `${running.http.url}${url.slice(PUBLIC_URL.length)}`;
    },
    async close() {
      await running.close();
      await database.close();
    },
  };
}
