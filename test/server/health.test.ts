// /healthz and /readyz on the real server: the database is asked (with a timeout), 503 when it cannot answer.
import { createServer, type Server, type Socket } from "node:net";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { appFromDatabase } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { unpaced } from "../../src/core/ports/chat-adapter.ts";
import type { HealthChecks } from "../../src/server/http-server.ts";
import { type AdapterFactory, type Running, serve } from "../../src/server/serve.ts";
import { type Database, openDatabase, pingDatabase } from "../../src/store/open-database.ts";
import { closedPort } from "../helpers/net.ts";
import { openTestDatabase } from "../helpers/test-db.ts";

const logger = pino({ level: "silent" });
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => {});
});

/** The server as `quorum serve` builds it, with the database check the CLI passes in. */
async function startOver(
  database: Database,
  opts: { factories?: AdapterFactory[]; port?: number; timeoutMs?: number } = {},
): Promise<Running> {
  const app = appFromDatabase(database, { logger });
  const health: HealthChecks = {
    database: () => pingDatabase(database),
    cacheMs: 0,
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
  };
  const running = await serve({ app, config: loadConfig({}), logger }, opts.factories ?? [], {
    host: "127.0.0.1",
    port: opts.port ?? 0,
    health,
  });
  cleanup.push(() => running.close());
  return running;
}

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
};

describe("/healthz", () => {
  it("is 200 while the database answers and 503 once it cannot", async () => {
    const database = await openTestDatabase();
    cleanup.push(() => database.close());
    const running = await startOver(database);
    expect(await get(`${running.http.url}/healthz`)).toEqual({
      status: 200,
      body: { ok: true, database: "ok" },
    });
    expect((await get(`${running.http.url}/readyz`)).status).toBe(200);
    await database.close();
    expect(await get(`${running.http.url}/healthz`)).toEqual({
      status: 503,
      body: { ok: false, database: "unreachable" },
    });
    expect(await get(`${running.http.url}/readyz`)).toEqual({
      status: 503,
      body: { ok: false, database: "unreachable" },
    });
  });

  it("is 503 when PostgreSQL refuses connections", async () => {
    const database = await openDatabase(`postgres://postgres@127.0.0.1:${await closedPort()}/quorum`);
    cleanup.push(() => database.close());
    const running = await startOver(database);
    expect(await get(`${running.http.url}/healthz`)).toEqual({
      status: 503,
      body: { ok: false, database: "unreachable" },
    });
  });

  it("is 503 when PostgreSQL accepts the connection but never answers (the check times out)", async () => {
    const held = new Set<Socket>();
    const silent: Server = createServer((socket) => held.add(socket));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    cleanup.push(async () => {
      for (const socket of held) socket.destroy();
      await new Promise((r) => silent.close(r));
    });
    const { port } = silent.address() as { port: number };
    const database = await openDatabase(`postgres://postgres@127.0.0.1:${port}/quorum`);
    cleanup.push(() => Promise.race([database.close(), new Promise((r) => setTimeout(r, 100))]));
    const running = await startOver(database, { timeoutMs: 300 });
    expect(await get(`${running.http.url}/healthz`)).toEqual({
      status: 503,
      body: { ok: false, database: "unreachable" },
    });
  });
});

describe("/readyz", () => {
  it("is 503 until every adapter has started, while /healthz already answers", async () => {
    const database = await openTestDatabase();
    cleanup.push(() => database.close());
    let finishStart = () => {};
    const slowAdapter: AdapterFactory = () => ({
      ...unpaced({ platform: "shell", send: async () => ({ messageId: "never" }) }),
      name: "slow",
      mount: () => {},
      start: () => new Promise<void>((resolve) => (finishStart = resolve)),
    });
    const port = await closedPort();
    const starting = startOver(database, { factories: [slowAdapter], port });
    const base = `http://127.0.0.1:${port}`;
    // The server listens before adapters start (Socket Mode connects then); wait for it to answer.
    let early = await get(`${base}/readyz`).catch(() => undefined);
    while (!early) {
      await new Promise((r) => setTimeout(r, 50));
      early = await get(`${base}/readyz`).catch(() => undefined);
    }
    expect(early).toEqual({ status: 503, body: { ok: false, status: "starting" } });
    expect((await get(`${base}/healthz`)).status).toBe(200);
    finishStart();
    const running = await starting;
    expect(await get(`${running.http.url}/readyz`)).toEqual({ status: 200, body: { ok: true } });
  });
});
