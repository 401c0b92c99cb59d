// Loopback stand-ins for the fan-out bench: a Slack Web API that enforces chat.postMessage's documented
// limits per channel and per workspace (429 past them) and checks each post carries its workspace's own
// token, and a real SMTP server (smtp-server) that counts each recipient's mail and when its domain got it.
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { SMTPServer } from "smtp-server";

/** Slack: about one post a second per channel (short bursts allowed), several hundred a minute per workspace. */
export const SLACK_CHANNEL_WINDOW_MS = 1000;
export const SLACK_WORKSPACE_PER_MINUTE = 300;

export interface Tally {
  /** Distinct keys delivered (channels, or email recipients). */
  delivered: Set<string>;
  /** Deliveries of a key already delivered. */
  duplicates: number;
  /** Refused for going over a limit. */
  rejected: number;
  /** Slack: posts whose token was not the channel's own workspace's. */
  wrongToken: number;
  /** Arrival times (performance.now) by pacing key: workspace or recipient domain. */
  arrivals: Map<string, number[]>;
}

const tally = (): Tally => ({
  delivered: new Set(),
  duplicates: 0,
  rejected: 0,
  wrongToken: 0,
  arrivals: new Map(),
});

function arrive(t: Tally, key: string, paceKey: string, now: number): void {
  if (t.delivered.has(key)) t.duplicates++;
  t.delivered.add(key);
  t.arrivals.set(paceKey, [...(t.arrivals.get(paceKey) ?? []), now]);
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
};

export interface LimitedSlack {
  apiUrl: string;
  tally: Tally;
  close(): Promise<void>;
}

/** `tokens`: bot token → team id. A channel id names its team before the dash (T3-C17). */
export async function startLimitedSlack(tokens: Map<string, string>): Promise<LimitedSlack> {
  const t = tally();
  const byChannel = new Map<string, number>();
  const byTeam = new Map<string, number[]>();
  let ts = 1_700_000_000;
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const args = (req.headers["content-type"] ?? "").includes("json")
      ? (JSON.parse(body || "{}") as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(body));
    const auth = req.headers.authorization ?? "";
    const token = auth.startsWith("Bearer ") ? auth.slice(7) : String(args.token ?? "");
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(value));
    if (!req.url?.startsWith("/api/chat.postMessage"))
      return json(200, { ok: false, error: "unknown_method" });
    const team = tokens.get(token);
    if (!team) return json(200, { ok: false, error: "invalid_auth" });
    const channel = String(args.channel ?? "");
    if (!channel.startsWith(`${team}-`)) {
      t.wrongToken++;
      return json(200, { ok: false, error: "channel_not_found" });
    }
    const now = performance.now();
    const last = byChannel.get(channel);
    const minute = (byTeam.get(team) ?? []).filter((at) => now - at < 60_000);
    // 10% grace on the channel window: the worker's clock and this server's differ by a request's travel.
    if (
      (last !== undefined && now - last < SLACK_CHANNEL_WINDOW_MS * 0.9) ||
      minute.length >= SLACK_WORKSPACE_PER_MINUTE
    ) {
      t.rejected++;
      return json(429, { ok: false, error: "ratelimited" }, { "retry-after": "1" });
    }
    byChannel.set(channel, now);
    byTeam.set(team, [...minute, now]);
    arrive(t, channel, team, now);
    json(200, { ok: true, channel, ts: `${ts++}.000100` });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    tally: t,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface CountingSmtp {
  url: string;
  tally: Tally;
  close(): Promise<void>;
}

/** A real SMTP server that accepts everything and records each recipient's arrival by domain. */
export async function startCountingSmtp(): Promise<CountingSmtp> {
  const t = tally();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // No reverse DNS of 127.0.0.1 per connection: a sandbox without DNS would stall every mail on it.
    disableReverseLookup: true,
    onData(stream, session, cb) {
      stream.on("data", () => {});
      stream.on("end", () => {
        const now = performance.now();
        for (const r of session.envelope.rcptTo) {
          const address = r.address.toLowerCase();
          arrive(t, address, address.slice(address.lastIndexOf("@") + 1), now);
        }
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    tally: t,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The tightest spacing seen between two arrivals on one pacing key, in ms (Infinity with one or none). */
export function tightestGap(t: Tally): number {
  let min = Number.POSITIVE_INFINITY;
  for (const times of t.arrivals.values()) {
    const sorted = [...times].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) min = Math.min(min, (sorted[i] ?? 0) - (sorted[i - 1] ?? 0));
  }
  return min;
}
