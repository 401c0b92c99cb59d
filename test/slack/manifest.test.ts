// The Slack app manifests validate against Slack's official schema and match what the code handles.
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { MESSAGE_SHORTCUT, NEW_ACTION_SHORTCUT } from "../../src/adapters/slack/new-action-modal.ts";
import { SLACK_EVENTS_PATH } from "../../src/adapters/slack/slack-adapter.ts";
import { SLASH_COMMAND } from "../../src/adapters/slack/slash-command.ts";

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const schema = read("../fixtures/schemas/slack-manifest.schema.1.0.0.json");
const http = read("../../manifests/slack/manifest.json");
const socket = read("../../manifests/slack/manifest.socket-mode.json");

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  (addFormatsModule as unknown as (a: Ajv) => void)(ajv);
  // Slack's schema spells one pattern as "regex"; check it rather than let it pass silently.
  ajv.addKeyword({
    keyword: "regex",
    type: "string",
    schemaType: "string",
    validate: (re: string, data: string) => new RegExp(re).test(data),
  });
  return ajv.compile(schema);
}

describe("Slack app manifest", () => {
  const validate = validator();

  it.each([
    ["manifest.json", http],
    ["manifest.socket-mode.json", socket],
  ])("%s is valid against Slack's manifest schema", (_name, manifest) => {
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("the schema check can fail", () => {
    expect(validate({ ...http, display_information: { name: "" } })).toBe(false);
    expect(
      validate({ ...http, display_information: { ...http.display_information, background_color: "blue" } }),
    ).toBe(false);
    expect(validate({ ...http, features: { ...http.features, tabs: [] } })).toBe(false);
  });

  it("declares the command, shortcuts, events and scopes the adapter handles, and nothing more", () => {
    expect(http.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([SLASH_COMMAND]);
    expect(
      http.features.shortcuts.map((s: { type: string; callback_id: string }) => [s.type, s.callback_id]),
    ).toEqual([
      ["global", NEW_ACTION_SHORTCUT],
      ["message", MESSAGE_SHORTCUT],
    ]);
    expect([...http.settings.event_subscriptions.bot_events].sort()).toEqual([
      "app_home_opened",
      "app_mention",
      "message.im",
    ]);
    expect([...http.oauth_config.scopes.bot].sort()).toEqual([
      "app_mentions:read",
      "chat:write",
      "chat:write.public",
      "commands",
      "im:history",
      "users:read",
      "users:read.email",
    ]);
    expect(http.oauth_config.scopes.user).toBeUndefined();
    expect(http.features.app_home.home_tab_enabled).toBe(true);
    expect(http.settings.interactivity.is_enabled).toBe(true);
  });

  it("points every URL at /slack/events over HTTP, and none in Socket Mode", () => {
    const urls = [
      http.features.slash_commands[0].url,
      http.settings.event_subscriptions.request_url,
      http.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toContain("https://");
    const { settings: _a, features: _b, ...restHttp } = http;
    const { settings: _c, features: _d, ...restSocket } = socket;
    expect(restSocket).toEqual(restHttp);
  });
});
