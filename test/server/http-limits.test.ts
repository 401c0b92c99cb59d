// The real server (with the Slack receiver mounted) cuts off slow and oversized clients at the configured limits.
import { connect, type Socket } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackAdapterFactory } from "../../src/adapters/slack/slack-adapter.ts";
import { appFromDatabase } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { DEFAULT_HTTP_LIMITS } from "../../src/server/http-server.ts";
import { type Running, serve } from "../../src/server/serve.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db.ts";

let database: TestDatabase;
let quick: Running;
let capped: Running;
let port: number;
let cappedPort: number;

/** The server exactly as `quorum serve` builds it for Slack, with the given HTTP_* settings. */
async function start(env: Record<string, string>): Promise<Running> {
  const logger = pino({ level: "silent" });
  const app = appFromDatabase(database, { logger });
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-limits",
    SLACK_SIGNING_SECRET: "limits-secret",
    SLACK_API_URL: "http://127.0.0.1:9/api/",
    ...env,
  });
  return serve({ app, config, logger }, [slackAdapterFactory], { host: "127.0.0.1", port: 0 });
}

const portOf = (r: Running) => Number(new URL(r.http.url).port);

// Safe to share: no test writes to the database, and each test closes the connections it opens.
beforeAll(async () => {
  database = await openTestDatabase();
  // Short timeouts so the test is quick; the defaults are checked separately below.
  quick = await start({
    HTTP_HEADERS_TIMEOUT_MS: "300",
    HTTP_REQUEST_TIMEOUT_MS: "600",
    HTTP_KEEP_ALIVE_TIMEOUT_MS: "200",
    HTTP_MAX_BODY_BYTES: "2048",
  });
  // Default timeouts, so the connections it holds are not cut off while the cap is tested.
  capped = await start({ HTTP_MAX_CONNECTIONS: "3" });
  port = portOf(quick);
  cappedPort = portOf(capped);
});

afterAll(async () => {
  await quick.close();
  await capped.close();
  await database.close();
});

/** A raw connection that records whether the server has closed it, and what it answered. */
async function open(to = port): Promise<{ socket: Socket; closed: Promise<string> }> {
  const socket = connect(to, "127.0.0.1");
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let received = "";
  socket.on("data", (d) => (received += d));
  socket.on("error", () => {});
  const closed = new Promise<string>((resolve) => socket.once("close", () => resolve(received)));
  return { socket, closed };
}

/** Writes a piece every 100 ms until the server closes the socket; resolves with how many pieces went out. */
async function trickle(socket: Socket, piece: () => string, closed: Promise<string>): Promise<number> {
  let sent = 0;
  let done = false;
  void closed.then(() => (done = true));
  // A safety stop far past the configured timeouts: reaching it means the server never cut us off.
  while (!done && sent < 150) {
    if (!socket.destroyed) socket.write(piece());
    sent++;
    await new Promise((r) => setTimeout(r, 100));
  }
  return done ? sent : -1;
}

describe("slow clients", () => {
  it("closes a connection whose headers arrive one slow line at a time", async () => {
    const { socket, closed } = await open();
    socket.write("POST /slack/events HTTP/1.1\r\nHost: quorum\r\n");
    let n = 0;
    const pieces = await trickle(socket, () => `X-Slow-${n++}: still-sending\r\n`, closed);
    expect(pieces).toBeGreaterThan(0);
    expect(await closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it("closes a connection whose body arrives one byte at a time", async () => {
    const { socket, closed } = await open();
    socket.write(
      "POST /slack/events HTTP/1.1\r\nHost: quorum\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
    );
    const pieces = await trickle(socket, () => " ", closed);
    expect(pieces).toBeGreaterThan(0);
    expect(await closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it("closes a connection that sends nothing at all", async () => {
    const { closed } = await open();
    expect(await closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it("closes an idle keep-alive connection after a request has been answered", async () => {
    const { socket, closed } = await open();
    socket.write("GET /healthz HTTP/1.1\r\nHost: quorum\r\nConnection: keep-alive\r\n\r\n");
    expect(await closed).toMatch(/^HTTP\/1\.1 200[\s\S]*"ok":true/);
  });
});

describe("oversized and too many", () => {
  it("answers 413 to a body declared larger than the limit, before reading it", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ padding: "x".repeat(4096) }),
    });
    expect(res.status).toBe(413);
  });

  it("refuses connections beyond the cap, and accepts again when one closes", async () => {
    const held = await Promise.all([open(cappedPort), open(cappedPort), open(cappedPort)]);
    for (const h of held) h.socket.write("GET /healthz HTTP/1.1\r\nHost: quorum\r\n");
    const extra = await open(cappedPort);
    // Node accepts and then immediately destroys a connection over maxConnections.
    await expect(extra.closed).resolves.toBe("");
    for (const h of held) h.socket.destroy();
    await Promise.all(held.map((h) => h.closed));
    const res = await fetch(`http://127.0.0.1:${cappedPort}/healthz`);
    expect(res.status).toBe(200);
  });
});

describe("settings", () => {
  it("defaults suit Slack and Teams webhooks", () => {
    expect(loadConfig({}).http).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      maxConnections: 500,
      maxBodyBytes: 1_000_000,
    });
    expect(loadConfig({}).http).toEqual(DEFAULT_HTTP_LIMITS);
  });

  it("refuses a headers timeout longer than the request timeout, naming both", () => {
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: "40000" })).toThrow(
      /HTTP_HEADERS_TIMEOUT_MS must not be longer than HTTP_REQUEST_TIMEOUT_MS/,
    );
    expect(() => loadConfig({ HTTP_MAX_CONNECTIONS: "0" })).toThrow(/HTTP_MAX_CONNECTIONS/);
  });
});
