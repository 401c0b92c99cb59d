// Loopback stand-ins for Slack's chat.postMessage and Teams' send-activity, for the national bench: each
// answers after a platform-like latency and refuses (429 with Retry-After) any send over the documented
// limits, counted as the platforms count them; every delivery is timed.
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";

/** Slack: about one message a second per channel (chat.postMessage's "special" tier). */
export const SLACK_PER_CHANNEL = { max: 1, windowMs: 1000 };
/** Teams: 7 a second per conversation, and the 30 a second per tenant Quorum paces to. */
export const TEAMS_PER_CONVERSATION = { max: 7, windowMs: 1000 };
export const TEAMS_PER_TENANT = { max: 30, windowMs: 1000 };

export interface FakeStats {
  delivered: { slack: number; teams: number };
  rejected: { slack: number; teams: number };
  duplicates: number;
  /** performance.now() of the last accepted send. */
  lastAt: number;
  /** Accepted sends per Teams tenant, for the busiest tenant's rate. */
  perTenant: Map<string, number>;
}

export interface NationalFakes {
  url: string;
  stats: FakeStats;
  reset(): void;
  close(): Promise<void>;
}

/** A sliding window of send times per key: full means the platform would answer 429. */
class Windows {
  private readonly times = new Map<string, number[]>();
  constructor(private readonly limit: { max: number; windowMs: number }) {}
  full(key: string, now: number): boolean {
    const recent = (this.times.get(key) ?? []).filter((t) => now - t < this.limit.windowMs);
    this.times.set(key, recent);
    return recent.length >= this.limit.max;
  }
  add(key: string, now: number): void {
    this.times.get(key)?.push(now) ?? this.times.set(key, [now]);
  }
  clear(): void {
    this.times.clear();
  }
}

async function bodyOf(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, string>;
}

export async function startNationalFakes(latencyMs: [number, number]): Promise<NationalFakes> {
  const slack = new Windows(SLACK_PER_CHANNEL);
  const conversations = new Windows(TEAMS_PER_CONVERSATION);
  const tenants = new Windows(TEAMS_PER_TENANT);
  const fresh = (): FakeStats => ({
    delivered: { slack: 0, teams: 0 },
    rejected: { slack: 0, teams: 0 },
    duplicates: 0,
    lastAt: 0,
    perTenant: new Map(),
  });
  const seen = new Set<string>();
  const stats = fresh();
  const wait = () =>
    new Promise((r) => setTimeout(r, latencyMs[0] + Math.random() * (latencyMs[1] - latencyMs[0])));
  const server = createServer(async (req, res) => {
    const body = await bodyOf(req);
    // The platform decides when the request arrives; the caller hears after the round trip.
    const now = performance.now();
    const platform = req.url?.startsWith("/slack/") ? "slack" : "teams";
    const target = `${body.tenant}:${body.channel}`;
    const over =
      platform === "slack"
        ? slack.full(target, now)
        : conversations.full(target, now) || tenants.full(String(body.tenant), now);
    if (!over && platform === "slack") slack.add(target, now);
    else if (!over) {
      conversations.add(target, now);
      tenants.add(String(body.tenant), now);
    }
    await wait();
    if (over) {
      stats.rejected[platform]++;
      res.writeHead(429, { "retry-after": "1", "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
      return;
    }
    if (platform === "teams")
      stats.perTenant.set(String(body.tenant), (stats.perTenant.get(String(body.tenant)) ?? 0) + 1);
    const key = `${target}:${body.key}`;
    if (seen.has(key)) stats.duplicates++;
    seen.add(key);
    stats.delivered[platform]++;
    stats.lastAt = performance.now();
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, ts: `${stats.delivered[platform]}` }));
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    reset() {
      Object.assign(stats, fresh());
      seen.clear();
      slack.clear();
      conversations.clear();
      tenants.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
