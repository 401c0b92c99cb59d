// Slack request signing (v0 HMAC) with a clock-skew window in both directions, as a guard in front of bolt.
import { createHmac, timingSafeEqual } from "node:crypto";
import express, { type RequestHandler } from "express";
import type { Logger } from "../../log.ts";

/** Slack's documented window: a request more than five minutes away from our clock is a replay. */
export const MAX_SKEW_SECONDS = 5 * 60;

export interface SignedRequest {
  signingSecret: string;
  /** The raw body exactly as received: re-serialising a parsed body changes the bytes and the HMAC. */
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
  /** Milliseconds since the epoch; injectable so the documented example can be checked. */
  nowMs: number;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function signSlackRequest(signingSecret: string, timestamp: string | number, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export function verifySlackSignature(req: SignedRequest): SignatureCheck {
  if (!req.timestamp || !req.signature) return { ok: false, reason: "missing signature headers" };
  if (!/^\d{1,12}$/.test(req.timestamp)) return { ok: false, reason: "malformed timestamp" };
  const skew = Number(req.timestamp) - Math.floor(req.nowMs / 1000);
  // bolt rejects only old timestamps; a future one is as much a replay risk, so both directions count.
  if (skew < -MAX_SKEW_SECONDS) return { ok: false, reason: "timestamp too old" };
  if (skew > MAX_SKEW_SECONDS) return { ok: false, reason: "timestamp in the future" };
  const expected = Buffer.from(signSlackRequest(req.signingSecret, req.timestamp, req.body));
  const given = Buffer.from(req.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "signature mismatch" };
  }
  return { ok: true };
}

/**
 * Reads the raw body, checks it and hands it on as `req.rawBody`, which bolt's receiver reuses instead of
 * reading the stream again; bolt then verifies a second time with its own rules.
 */
export function slackSignatureGuard(opts: {
  signingSecret: string;
  now: () => number;
  logger: Logger;
  bodyLimit?: string;
}): RequestHandler[] {
  const readRaw = express.raw({ type: () => true, limit: opts.bodyLimit ?? "2mb" });
  const check: RequestHandler = (req, res, next) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const result = verifySlackSignature({
      signingSecret: opts.signingSecret,
      body: raw.toString("utf8"),
      timestamp: header(req.headers["x-slack-request-timestamp"]),
      signature: header(req.headers["x-slack-signature"]),
      nowMs: opts.now(),
    });
    if (!result.ok) {
      opts.logger.warn({ reason: result.reason, path: req.path }, "rejected a Slack request");
      res.status(401).send();
      return;
    }
    (req as typeof req & { rawBody?: Buffer }).rawBody = raw;
    next();
  };
  return [readRaw, check];
}

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
