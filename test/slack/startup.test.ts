// Start-up with Slack unreachable: the server keeps running, and Slack is asked who the bot is later.
import { expect, it } from "vitest";
import { createSlackAdapter } from "../../src/adapters/slack/slack-adapter.ts";
import { appFromDatabase } from "../../src/app.ts";
import { createLogger } from "../../src/log.ts";
import { openTestDatabase } from "../helpers/test-db.ts";

it("does not crash when the Slack API cannot be reached at start-up", async () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on("unhandledRejection", onRejection);
  const database = await openTestDatabase();
  try {
    const app = appFromDatabase(database, { logger: createLogger("silent") });
    // Port 9 (discard) has nothing listening here: every call is refused.
    createSlackAdapter({
      quorum: app.quorum,
      logger: createLogger("silent"),
      botToken: "xoxb-unreachable",
      signingSecret: "s",
      apiUrl: "http://127.0.0.1:9/api/",
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(rejections).toEqual([]);
  } finally {
    process.off("unhandledRejection", onRejection);
    await database.close();
  }
});
