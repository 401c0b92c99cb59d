// A local stand-in for the Bot Connector service: records posts and updates, answers member lookups, fails on demand.
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";

export interface Posted {
  conversationId: string;
  activity: Record<string, unknown>;
  authorization: string | undefined;
}
export interface Updated extends Posted {
  activityId: string;
}

export interface Failure {
  status: number;
  code?: string;
  retryAfter?: string;
}

export interface Member {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
}

export interface FakeConnector {
  url: string;
  /** Every request that reached this server ("GET /path"), token discovery included. */
  requests: string[];
  posts: Posted[];
  updates: Updated[];
  created: Array<Record<string, unknown>>;
  lookups: string[];
  members: Map<string, Member>;
  /** Served at /v1/.well-known/keys, where a test cloud points the SDK's token validation. */
  jwks: { keys: Array<Record<string, unknown>> };
  /** The next post to this conversation fails with this answer (once). */
  failNext(conversationId: string, failure: Failure): void;
  /** The next post to this conversation is recorded (the connector took it) but never answered. */
  hangNext(conversationId: string): void;
  /** Posts whose attachments hold an Adaptive Card, with that card. */
  cards(): Array<{ conversationId: string; card: { body: Array<Record<string, unknown>> } }>;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const posts: Posted[] = [];
  const updates: Updated[] = [];
  const created: Array<Record<string, unknown>> = [];
  const lookups: string[] = [];
  const members = new Map<string, Member>();
  const failures = new Map<string, Failure>();
  const hangs = new Set<string>();
  const jwks: FakeConnector["jwks"] = { keys: [] };
  const requests: string[] = [];
  let seq = 0;

  const app = express();
  app.use((req, _res, next) => {
    requests.push(`${req.method} ${req.originalUrl}`);
    next();
  });
  app.use(express.json({ limit: "1mb" }));
  const fail = (conversationId: string, res: express.Response): boolean => {
    const failure = failures.get(conversationId);
    if (!failure) return false;
    failures.delete(conversationId);
    if (failure.retryAfter) res.setHeader("Retry-After", failure.retryAfter);
    res.status(failure.status).json({ error: { code: failure.code ?? "Error", message: "fake failure" } });
    return true;
  };
  app.post("/v3/conversations/:id/activities", (req, res) => {
    const conversationId = req.params.id;
    if (hangs.delete(conversationId)) {
      posts.push({ conversationId, activity: req.body, authorization: req.headers.authorization });
      return;
    }
    if (fail(conversationId, res)) return;
    posts.push({ conversationId, activity: req.body, authorization: req.headers.authorization });
    res.status(201).json({ id: `m-${++seq}` });
  });
  app.put("/v3/conversations/:id/activities/:activityId", (req, res) => {
    const conversationId = req.params.id;
    if (fail(conversationId, res)) return;
    updates.push({
      conversationId,
      activityId: req.params.activityId,
      activity: req.body,
      authorization: req.headers.authorization,
    });
    res.status(200).json({ id: req.params.activityId });
  });
  app.get("/v3/conversations/:id/members/:memberId", (req, res) => {
    lookups.push(req.params.memberId);
    const member = members.get(req.params.memberId);
    if (!member) {
      res.status(404).json({ error: { code: "MemberNotFoundInConversation", message: "no such member" } });
      return;
    }
    res.json(member);
  });
  app.get("/v1/.well-known/keys", (_req, res) => {
    res.json(jwks);
  });
  // An OpenID configuration like the Bot Framework's, for TEAMS_OPENID_METADATA_URL.
  app.get("/v1/.well-known/openidconfiguration", (req, res) => {
    res.json({
      issuer: "https://api.botframework.com",
      jwks_uri: `http://${req.headers.host}/v1/.well-known/keys`,
      id_token_signing_alg_values_supported: ["RS256"],
    });
  });
  app.post("/v3/conversations", (req, res) => {
    created.push(req.body);
    const user = (req.body?.members?.[0]?.id as string | undefined) ?? "unknown";
    res.status(201).json({ id: `a:1on1-${user}` });
  });

  const server: Server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    posts,
    updates,
    created,
    lookups,
    members,
    jwks,
    failNext: (id, failure) => failures.set(id, failure),
    hangNext: (id) => hangs.add(id),
    cards: () =>
      posts.flatMap((p) => {
        const attachments = (p.activity.attachments ?? []) as Array<{ contentType: string; content: never }>;
        return attachments
          .filter((x) => x.contentType === "application/vnd.microsoft.card.adaptive")
          .map((x) => ({ conversationId: p.conversationId, card: x.content }));
      }),
    reset() {
      requests.length = 0;
      posts.length = 0;
      updates.length = 0;
      created.length = 0;
      lookups.length = 0;
      failures.clear();
      hangs.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** All the plain text in an Adaptive Card (TextRuns, facts, button titles), for readable assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const n = node as Record<string, unknown>;
      if (n.type === "TextRun" || n.type === "TextBlock") out.push(String(n.text));
      if (typeof n.title === "string" && n.type?.toString().startsWith("Action.")) out.push(`[${n.title}]`);
      if (n.type === "FactSet")
        for (const f of n.facts as Array<{ title: string; value: string }>)
          out.push(`${f.title}: ${f.value}`);
      for (const [k, v] of Object.entries(n)) if (k !== "fallback") walk(v);
    }
  };
  walk(card);
  return out.join("\n");
}
