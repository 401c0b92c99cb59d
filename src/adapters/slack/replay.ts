// Replays run once: a slash command or interaction whose signed body arrives again inside Slack's
// five-minute window (anyone who saw the request can resend it) is claimed in the processed-events
// ledger, like Events API retries, and the copy is acknowledged without running anything.
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { AckFn, AnyMiddlewareArgs, Middleware, RespondArguments } from "@slack/bolt";
import type { SlackShared } from "./inbound.ts";

/** The context key the receiver fills with a digest of exactly what Slack signed. */
export const REQUEST_DIGEST = "quorumRequestDigest";

/** The context key that hands a deferred command's ledger key to its listener, which must claim it. */
export const REPLAY_KEY = "quorumReplayKey";

export const ALREADY_RECEIVED =
  "Quorum already received this command and ran it once; this copy was ignored.";

/** Interactions that act: clicks, modal submissions and shortcuts. Option loads and closes change nothing. */
const INTERACTIONS = new Set(["block_actions", "view_submission", "shortcut", "message_action"]);

/**
 * For the HTTP receiver's customPropertiesExtractor: sha256 of "timestamp:raw body", the bytes Slack
 * signed, so a byte-identical replay (the only kind the signature lets through) has the same digest.
 */
export function requestDigest(req: {
  headers: IncomingHttpHeaders;
  rawBody?: Buffer;
}): Record<string, string> {
  if (!req.rawBody) return {};
  const ts = req.headers["x-slack-request-timestamp"];
  const hash = createHash("sha256")
    .update(`${String(ts ?? "")}:`)
    .update(req.rawBody);
  return { [REQUEST_DIGEST]: hash.digest("hex") };
}

/**
 * The ledger key: Slack's trigger_id, unique to each command or interaction and covered by the
 * signature, else the request digest (Socket Mode has none, and its socket admits no outside replays,
 * so a hash of the payload serves). Undefined for requests this guard leaves alone: Events API
 * callbacks have their own event_id ledger.
 */
export function replayKey(body: Record<string, unknown>, digest: unknown): string | undefined {
  const kind =
    typeof body.command === "string"
      ? "command"
      : typeof body.type === "string" && INTERACTIONS.has(body.type)
        ? "interaction"
        : undefined;
  if (!kind) return undefined;
  if (typeof body.trigger_id === "string" && body.trigger_id) return `${kind}:trigger:${body.trigger_id}`;
  const hash =
    typeof digest === "string" && digest
      ? digest
      : createHash("sha256").update(JSON.stringify(body)).digest("hex");
  return `${kind}:sha256:${hash}`;
}

/**
 * Global bolt middleware: claims each command and interaction before any listener runs. A command named
 * in `deferred` is left to its listener, which finds the key under REPLAY_KEY and must claim it before
 * running anything: the core claims a command in the statement that counts it (Quorum.handleOnce), one
 * round trip where the guard and the count took two.
 */
export function replayGuard(
  deps: SlackShared,
  deferred: readonly string[] = [],
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as unknown as Record<string, unknown>;
    const key = replayKey(body, args.context[REQUEST_DIGEST]);
    if (!key) return args.next();
    if (typeof body.command === "string" && deferred.includes(body.command)) {
      args.context[REPLAY_KEY] = key;
      return args.next();
    }
    const first = await deps.quorum.claimOnce("slack", key);
    if (first) return args.next();
    const ack = "ack" in args ? args.ack : undefined;
    await ignoreReplay(deps, key, args.context.userId, ack);
  };
}

/** A copy claimed before: logged, and acknowledged (a command's ack says so) without running anything. */
export async function ignoreReplay(
  deps: SlackShared,
  key: string,
  user: string | undefined,
  /** The request's ack, of whatever kind: a command's takes a message, every other kind none. */
  ack: AckFn<never> | undefined,
): Promise<void> {
  // Slack itself never re-sends these, so a copy is someone replaying a captured request.
  deps.logger.warn({ kind: key.split(":")[0], user }, "ignored a replayed Slack request");
  if (!ack) return;
  if (key.startsWith("command:")) {
    await (ack as AckFn<RespondArguments>)({ response_type: "ephemeral", text: ALREADY_RECEIVED });
  } else {
    await (ack as AckFn<void>)();
  }
}
