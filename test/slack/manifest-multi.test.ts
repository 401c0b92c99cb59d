// The multi-workspace Slack manifest: valid against Slack's schema (the fixture, and ../shared's copy when
// present), with the redirect URL, uninstall events and the scopes the installer asks for.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { BOT_SCOPES, SLACK_REDIRECT_PATH } from "../../src/adapters/slack/installer.ts";
import { SLACK_EVENTS_PATH } from "../../src/adapters/slack/slack-adapter.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const multi = read(resolve(root, "manifests/slack/manifest.multi-workspace.json"));
const single = read(resolve(root, "manifests/slack/manifest.json"));
const fixture = resolve(root, "test/fixtures/schemas/slack-manifest.schema.1.0.0.json");
// The project brief's schemas sit beside the repository; a worktree may be one level deeper.
const shared = ["../shared/schemas", "../../shared/schemas"]
  .map((dir) => resolve(root, dir, "slack-manifest.schema.1.0.0.json"))
  .find((path) => existsSync(path));

function validator(schemaPath: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  (addFormatsModule as unknown as (a: Ajv) => void)(ajv);
  ajv.addKeyword({
    keyword: "regex",
    type: "string",
    schemaType: "string",
    validate: (re: string, data: string) => new RegExp(re).test(data),
  });
  return ajv.compile(read(schemaPath));
}

describe("multi-workspace Slack manifest", () => {
  it("is valid against the fixture schema", () => {
    const validate = validator(fixture);
    expect(validate(multi), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...multi, oauth_config: { ...multi.oauth_config, redirect_urls: "x" } })).toBe(false);
  });

  it.skipIf(!shared)("is valid against the schema in ../shared/schemas", () => {
    const validate = validator(shared as string);
    expect(validate(multi), JSON.stringify(validate.errors)).toBe(true);
  });

  it("sends Slack back to the redirect route, asks for the installer's scopes and hears uninstalls", () => {
    expect(multi.oauth_config.redirect_urls.map((u: string) => new URL(u).pathname)).toEqual([
      SLACK_REDIRECT_PATH,
    ]);
    expect([...multi.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect([...single.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect(multi.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(["app_uninstalled", "tokens_revoked"]),
    );
    expect(new URL(multi.settings.event_subscriptions.request_url).pathname).toBe(SLACK_EVENTS_PATH);
  });
});
