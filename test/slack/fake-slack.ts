// A local stand-in for Slack's Web API and response_url endpoints: records every call, fails on demand.
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedCall {
  /** Web API method (chat.postMessage) or "response_url". */
  method: string;
  args: Record<string, unknown>;
  path: string;
  /** The bot token the call was made with (Authorization header, or a token field), if any. */
  token?: string;
  /** The failure this call was answered with, if any: a "hang" may still have been posted. */
  failure?: Failure["kind"];
}

export type Failure =
  | { kind: "rate_limited"; retryAfter: number }
  | { kind: "error"; error: string }
  | { kind: "http"; status: number }
  /** Never answers: the caller's timeout must fire. */
  | { kind: "hang" }
  /** Answers normally: queue it before a failure to fail the second call. */
  | { kind: "ok" };

export interface FakeUser {
  email?: string;
  name: string;
  isBot?: boolean;
}

export interface FakeSlack {
  /** Base for SLACK_API_URL, ending in /api/. */
  apiUrl: string;
  /** A response_url the fake records, one per call site. */
  responseUrl(id?: string): string;
  calls: RecordedCall[];
  users: Map<string, FakeUser>;
  callsTo(method: string): RecordedCall[];
  /**
   * The next call to `method` fails this way (once per call queued). With `channel`, only a call to
   * that channel takes it, so callers posting to several channels at once can't take each other's.
   */
  failNext(method: string, failure: Failure, channel?: string): void;
  /** Resolves with the first recorded (or future) call matching; rejects after a few seconds. */
  waitFor(method: string, match?: (c: RecordedCall) => boolean): Promise<RecordedCall>;
  clear(): void;
  close(): Promise<void>;
  /**
   * OAuth: `code` is exchanged (once) by oauth.v2.access for a new bot token in `team`, which is returned.
   * With `expiresIn`, the token rotates: a refresh_token grant issues the next one.
   */
  issueCode(
    code: string,
    team: { id: string; name: string },
    opts?: { expiresIn?: number; user?: string },
  ): string;
  /** The token, once issued, answers every call with token_revoked. */
  revoke(token: string): void;
  /** The client id and secret oauth.v2.access accepts. */
  readonly client: { id: string; secret: string };
  /** Tokens issued so far, by team, newest last. */
  issued: Map<string, string[]>;
}

export const BOT_USER = "UQUORUMBOT";

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, Failure[]>();
  const users = new Map<string, FakeUser>();
  const waiters: {
    method: string;
    match: (c: RecordedCall) => boolean;
    resolve: (c: RecordedCall) => void;
  }[] = [];
  let ts = 1_700_000_000;
  const client = { id: "111.222", secret: "fake-client-secret-0123456789" };
  const codes = new Map<string, { team: { id: string; name: string }; expiresIn?: number; user: string }>();
  const refreshes = new Map<string, { team: { id: string; name: string }; expiresIn: number }>();
  const tokens = new Map<string, { team: string }>();
  const revoked = new Set<string>();
  const issued = new Map<string, string[]>();
  let serial = 0;
  const issue = (team: { id: string; name: string }, expiresIn?: number) => {
    const token = `xoxb-${team.id}-${++serial}-secret${Math.random().toString(36).slice(2, 10)}`;
    tokens.set(token, { team: team.id });
    issued.set(team.id, [...(issued.get(team.id) ?? []), token]);
    const refresh = expiresIn
      ? `xoxe-1-${team.id}-${serial}-refresh${Math.random().toString(36).slice(2, 10)}`
      : undefined;
    if (refresh && expiresIn) refreshes.set(refresh, { team, expiresIn });
    return { token, refresh };
  };
  /** oauth.v2.access: a code's first exchange, or a refresh. Slack's own error strings otherwise. */
  const oauthAccess = (args: Record<string, unknown>, basic: string | undefined) => {
    const [id, secret] = basic
      ? Buffer.from(basic, "base64").toString().split(":")
      : [args.client_id, args.client_secret];
    if (id !== client.id || secret !== client.secret) return { ok: false, error: "invalid_client_id" };
    if (args.grant_type === "refresh_token") {
      const known = refreshes.get(String(args.refresh_token));
      if (!known) return { ok: false, error: "invalid_refresh_token" };
      refreshes.delete(String(args.refresh_token));
      const next = issue(known.team, known.expiresIn);
      return {
        ok: true,
        token_type: "bot",
        access_token: next.token,
        refresh_token: next.refresh,
        expires_in: known.expiresIn,
        team: known.team,
      };
    }
    const grant = codes.get(String(args.code));
    if (!grant) return { ok: false, error: "invalid_code" };
    codes.delete(String(args.code));
    const t = issue(grant.team, grant.expiresIn);
    return {
      ok: true,
      app_id: "AQUORUM",
      token_type: "bot",
      access_token: t.token,
      scope: "chat:write,commands,users:read,users:read.email",
      bot_user_id: `UBOT${grant.team.id}`,
      team: grant.team,
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: grant.user },
      ...(t.refresh ? { refresh_token: t.refresh, expires_in: grant.expiresIn } : {}),
    };
  };

  const record = (call: RecordedCall) => {
    calls.push(call);
    for (const w of [...waiters]) {
      if (w.method === call.method && w.match(call)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(call);
      }
    }
  };

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = req.url ?? "/";
    if (path.startsWith("/respond/")) {
      record({ method: "response_url", args: JSON.parse(body || "{}"), path });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    const method = path.replace(/^\/api\//, "").split("?")[0] ?? "";
    const args = parseArgs(body, req.headers["content-type"]);
    const auth = req.headers.authorization ?? "";
    const token = auth.startsWith("Bearer ")
      ? auth.slice(7)
      : typeof args.token === "string"
        ? args.token
        : undefined;
    if (method === "oauth.v2.access") {
      const basic = auth.startsWith("Basic ") ? auth.slice(6) : undefined;
      const result = oauthAccess(args, basic);
      record({
        method,
        args: { ...args, client_secret: undefined },
        path,
        ...(result.ok ? {} : { failure: "error" as const }),
      });
      json(res, result);
      return;
    }
    if (token && revoked.has(token)) {
      record({ method, args, path, token, failure: "error" });
      json(res, { ok: false, error: "token_revoked" });
      return;
    }
    if (method === "auth.test" && token && tokens.has(token)) {
      const team = tokens.get(token)?.team ?? "";
      record({ method, args, path, token });
      json(res, { ok: true, user_id: `UBOT${team}`, bot_id: `B${team}`, team_id: team, user: "quorum" });
      return;
    }
    const failure =
      failures.get(`${method}#${String(args.channel ?? "")}`)?.shift() ?? failures.get(method)?.shift();
    const failed = failure && failure.kind !== "ok" ? failure : undefined;
    record({ method, args, path, ...(token ? { token } : {}), ...(failed ? { failure: failed.kind } : {}) });
    if (failed) return fail(res, failed);
    json(
      res,
      answer(method, args, users, () => `${ts++}.000100`),
    );
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id = "r1") => `${base}/respond/${id}`,
    calls,
    users,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failNext(method, failure, channel) {
      const key = channel === undefined ? method : `${method}#${channel}`;
      failures.set(key, [...(failures.get(key) ?? []), failure]);
    },
    waitFor(method, match = () => true) {
      const found = calls.find((c) => c.method === method && match(c));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { method, match, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          if (!waiters.includes(waiter)) return;
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no ${method} call arrived; calls: ${calls.map((c) => c.method).join(", ")}`));
        }, 5_000).unref();
      });
    },
    clear() {
      calls.length = 0;
      failures.clear();
    },
    client,
    issued,
    issueCode(code, team, opts = {}) {
      codes.set(code, {
        team,
        user: opts.user ?? `UINSTALL${team.id}`,
        ...(opts.expiresIn ? { expiresIn: opts.expiresIn } : {}),
      });
      return code;
    },
    revoke(token) {
      revoked.add(token);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(
  method: string,
  args: Record<string, unknown>,
  users: Map<string, FakeUser>,
  nextTs: () => string,
): Record<string, unknown> {
  switch (method) {
    case "auth.test":
      return { ok: true, user_id: BOT_USER, bot_id: "BQUORUM", team_id: "TQUORUM", user: "quorum" };
    case "users.info": {
      const id = String(args.user);
      const u = users.get(id);
      if (!u) return { ok: false, error: "user_not_found" };
      return {
        ok: true,
        user: {
          id,
          name: u.name.toLowerCase(),
          real_name: u.name,
          is_bot: u.isBot ?? false,
          profile: { real_name: u.name, ...(u.email ? { email: u.email } : {}) },
        },
      };
    }
    case "chat.postMessage":
      return { ok: true, channel: args.channel, ts: nextTs() };
    case "chat.postEphemeral":
      return { ok: true, message_ts: nextTs() };
    case "chat.update":
      return { ok: true, channel: args.channel, ts: args.ts };
    case "views.open":
    case "views.publish":
    case "views.update":
      return { ok: true, view: { id: "VFAKE", ...(args.view as object) } };
    default:
      return { ok: true };
  }
}

function fail(res: ServerResponse, failure: Failure) {
  if (failure.kind === "hang") return;
  if (failure.kind === "rate_limited") {
    res.writeHead(429, { "retry-after": String(failure.retryAfter), "content-type": "application/json" });
    res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
  } else if (failure.kind === "http") {
    res.writeHead(failure.status, { "content-type": "text/plain" }).end("upstream trouble");
  } else if (failure.kind === "error") {
    json(res, { ok: false, error: failure.error });
  }
}

function json(res: ServerResponse, body: unknown) {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** The Web API client sends form fields, with nested values (blocks, views) as JSON strings. */
function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes("application/json")) return JSON.parse(body || "{}");
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    out[k] = /^[[{]/.test(v) ? safeParse(v) : v;
  }
  return out;
}

function safeParse(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
