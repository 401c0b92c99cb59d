// Configuration comes from the environment once, is validated, and secrets never reach the logs.
import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { REDACT_PATHS } from "../../src/log.ts";

describe("loadConfig", () => {
  it("defaults to the embedded database, port 3000, and no fixed shell user or partnership", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      databaseUrl: undefined,
      port: 3000,
      shellUser: undefined,
      partnership: undefined,
      slack: undefined,
      teams: undefined,
    });
  });

  it("reads the shell's person and partnership", () => {
    expect(loadConfig({ QUORUM_USER: "@Sam", QUORUM_PARTNERSHIP: "demo" })).toMatchObject({
      shellUser: "sam",
      partnership: "demo",
    });
  });

  it("treats blank values as unset", () => {
    expect(loadConfig({ DATABASE_URL: "  ", SLACK_BOT_TOKEN: "" }).slack).toBeUndefined();
  });

  it("groups platform credentials", () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", TEAMS_APP_ID: "app" });
    expect(c.slack).toMatchObject({ botToken: "xoxb-1", signingSecret: "s" });
    expect(c.teams).toMatchObject({ appId: "app" });
  });

  it("reads the per-minute rate limits, leaving unset ones to the core's defaults", () => {
    expect(loadConfig({}).rateLimits).toEqual({});
    expect(loadConfig({ QUORUM_RATE_USER_PER_MIN: " " }).rateLimits).toEqual({});
    expect(
      loadConfig({
        QUORUM_RATE_USER_PER_MIN: "50",
        QUORUM_RATE_PARTNERSHIP_PER_MIN: "1000",
        QUORUM_RATE_ENROL_PER_MIN: "5",
        QUORUM_RATE_LINK_ME_PER_MIN: "4",
      }).rateLimits,
    ).toEqual({
      userPerMinute: 50,
      partnershipPerMinute: 1000,
      enrolmentsPerMinute: 5,
      linkCodesPerMinute: 4,
    });
    // Zero would mean "refuse everything"; a typo must not quietly become no limit either.
    expect(() => loadConfig({ QUORUM_RATE_USER_PER_MIN: "0" })).toThrow(/QUORUM_RATE_USER_PER_MIN/);
    expect(() => loadConfig({ QUORUM_RATE_ENROL_PER_MIN: "lots" })).toThrow(/QUORUM_RATE_ENROL_PER_MIN/);
  });

  it("names the bad setting without echoing values", () => {
    expect(() => loadConfig({ PORT: "seventy" })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/Configuration problem: PORT/);
  });
});

it("redacts tokens and passwords in log records", () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = pino({ redact: { paths: REDACT_PATHS, censor: "[redacted]" } }, sink);
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-secret-1",
    SLACK_SIGNING_SECRET: "sig-secret",
    TEAMS_APP_ID: "a",
    TEAMS_APP_PASSWORD: "pw-secret",
  });
  log.info({ config, request: { headers: { authorization: "Bearer tok-secret" } } }, "starting");
  const out = lines.join("");
  for (const secret of ["xoxb-secret-1", "sig-secret", "pw-secret", "tok-secret"])
    expect(out).not.toContain(secret);
  expect(out).toContain("[redacted]");
});
