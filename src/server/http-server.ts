// Quorum's one HTTP server: Slack and Teams mount their receivers on the same express app and port.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Express, type RequestHandler } from "express";

/** Limits against slow and oversized clients; Slack and Teams send small requests quickly. */
export interface HttpLimits {
  /** Time allowed to receive a request's headers (slow-loris headers). */
  headersTimeoutMs: number;
  /** Time allowed to receive a whole request, body included (slow bodies). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are refused at accept. */
  maxConnections: number;
  /** A request that declares a larger body gets 413 before any route reads it. */
  maxBodyBytes: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 500,
  maxBodyBytes: 1_000_000,
};

/** Health as /healthz and /readyz report it; the server knows nothing of databases, only these callbacks. */
export interface HealthChecks {
  /** Resolves when the database answers; rejects (or times out) when it does not. */
  database?: () => Promise<void>;
  /** How long the database may take before it counts as unreachable (default 2 s). */
  timeoutMs?: number;
  /** How long an answer is reused (default 1 s). */
  cacheMs?: number;
}

export interface HttpServer {
  app: Express;
  server: Server;
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  /** /readyz answers 503 until this is true: set once every adapter has started, cleared on shutdown. */
  setReady(ready: boolean): void;
  close(): Promise<void>;
}

/**
 * Creates the express app first and listens only after every adapter has mounted its routes, so no
 * request can arrive at a half-built server.
 */
export async function startHttpServer(opts: {
  port: number;
  host?: string;
  mount: (app: Express) => Promise<void> | void;
  limits?: HttpLimits;
  health?: HealthChecks;
}): Promise<HttpServer> {
  const limits = opts.limits ?? DEFAULT_HTTP_LIMITS;
  const app = express();
  app.disable("x-powered-by");
  let ready = false;
  const databaseOk = databaseProbe(opts.health);
  // Unauthenticated, so they say only ok or unreachable: no versions, names or error text.
  // Without a database check (tests that mount one adapter) there is nothing to report but liveness.
  const okBody = opts.health?.database ? { ok: true, database: "ok" } : { ok: true };
  app.get("/healthz", async (_req, res) => {
    const ok = await databaseOk();
    res.status(ok ? 200 : 503).json(ok ? okBody : { ok: false, database: "unreachable" });
  });
  app.get("/readyz", async (_req, res) => {
    if (!ready) {
      res.status(503).json({ ok: false, status: "starting" });
      return;
    }
    const ok = await databaseOk();
    res.status(ok ? 200 : 503).json(ok ? { ok: true } : { ok: false, database: "unreachable" });
  });
  app.use(declaredBodyLimit(limits.maxBodyBytes));
  await opts.mount(app);
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node enforces the two timeouts above only when it sweeps its connections (every 30 s by
      // default), so a slow client would otherwise hold a socket well past its timeout.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 2))),
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  server.listen(opts.port, opts.host ?? "0.0.0.0");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const host = opts.host && opts.host !== "0.0.0.0" ? opts.host : "127.0.0.1";
  return {
    app,
    server,
    url: `http://${host}:${port}`,
    setReady: (value) => {
      ready = value;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        ready = false;
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * 413 for a declared Content-Length above the limit, before any route buffers it; the connection is
 * closed rather than drained. Chunked bodies are bounded by each route's own parser and the request timeout.
 */
function declaredBodyLimit(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBytes) {
      res.set("connection", "close").status(413).json({ ok: false, error: "request body too large" });
      return;
    }
    next();
  };
}

/**
 * Asks the database at most once a second however often the endpoints are polled, and never more than
 * one question at a time: the endpoints are public, and must not become a way to load the database.
 */
function databaseProbe(health: HealthChecks | undefined): () => Promise<boolean> {
  const check = health?.database;
  if (!check) return async () => true;
  const timeoutMs = health.timeoutMs ?? 2_000;
  const cacheMs = health.cacheMs ?? 1_000;
  let last: { ok: boolean; at: number } | undefined;
  let inflight: Promise<boolean> | undefined;
  return () => {
    if (last && Date.now() - last.at < cacheMs) return Promise.resolve(last.ok);
    inflight ??= withTimeout(check(), timeoutMs)
      .then(
        () => true,
        () => false,
      )
      .then((ok) => {
        last = { ok, at: Date.now() };
        inflight = undefined;
        return ok;
      });
    return inflight;
  };
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  work.catch(() => {}); // a late failure after the timeout is not an unhandled rejection
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
