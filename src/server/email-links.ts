// /email/act/<token>: email's signed one-click links. GET shows what the link will do and a button;
// only the POST acts, once, as the person the link was made for, through the core's own permission
// checks. A forged or unknown link is a 404, an expired or used one a 410. Without QUORUM_LINK_KEY the
// route answers 404 to everything: a missing setting never opens a door.
import express, { type Express, type Response } from "express";
import { escapeHtml } from "../adapters/email/render.ts";
import { type LinkClaim, linkCommand, verifyLink } from "../adapters/email/signed-link.ts";
import type { App } from "../app.ts";
import type { Config } from "../config.ts";
import { actionRef } from "../core/actions/service.ts";
import { cardToText } from "../core/render-text.ts";
import type { Logger } from "../log.ts";

export interface EmailLinkDeps {
  app: App;
  config: Config;
  logger: Logger;
}

const PAGE_HEADERS = {
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
  // The token is in the address: never hand it to another site.
  "Referrer-Policy": "no-referrer",
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "X-Frame-Options": "DENY",
};

function page(res: Response, status: number, title: string, body: string): void {
  res
    .status(status)
    .set(PAGE_HEADERS)
    .type("text/html; charset=utf-8")
    .send(
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>` +
        `<body style="font-family:Arial,Helvetica,sans-serif;max-width:640px;margin:2em auto;padding:0 1em"><h1 style="font-size:22px">${escapeHtml(title)}</h1>${body}</body></html>`,
    );
}

const NOT_FOUND = "This link does not work";
const NOT_FOUND_TEXT =
  "<p>The link is not one Quorum made, or it was changed on the way. Use the buttons in the latest email, or Quorum in chat.</p>";
const GONE = "This link has expired";
const GONE_TEXT =
  "<p>Links in Quorum's emails work for a few days. The next reminder will bring new ones.</p>";

export function mountEmailLinks(server: Express, deps: EmailLinkDeps): void {
  const key = deps.config.email?.links?.key;
  const { app, logger } = deps;
  const form = express.urlencoded({ extended: false, limit: "2kb", parameterLimit: 5 });

  /** The verified claim with its person and action, or the page that says why not (already sent). */
  async function load(token: string, res: Response) {
    const check = key ? verifyLink(key, token, app.clock.now()) : ({ ok: false, reason: "forged" } as const);
    if (!check.ok) {
      logger.info({ reason: check.reason }, "email link refused");
      if (check.reason === "expired") page(res, 410, GONE, GONE_TEXT);
      else page(res, 404, NOT_FOUND, NOT_FOUND_TEXT);
      return null;
    }
    const { claim } = check;
    const found = await app.store.transaction(async (repos) => {
      const person = await repos.people.byId(claim.personId);
      const partnership = await repos.partnerships.byId(claim.partnershipId);
      const action = await repos.actions.byNumber(claim.partnershipId, Number(claim.ref.slice(2)));
      return person && partnership && person.partnershipId === partnership.id && person.status === "active"
        ? { person, partnership, action }
        : null;
    });
    if (!found?.action || !found.person.email) {
      page(res, 404, NOT_FOUND, NOT_FOUND_TEXT);
      return null;
    }
    return { claim, ...found, action: found.action, email: found.person.email };
  }

  const question = (claim: LinkClaim) =>
    claim.verb === "done" ? `Mark ${claim.ref} as done?` : `Snooze ${claim.ref} for a week?`;

  server.get("/email/act/:token", async (req, res) => {
    const found = await load(req.params.token, res);
    if (!found) return;
    const { claim, action, person } = found;
    // Nothing changes on GET: mail scanners and link previews open links too.
    page(
      res,
      200,
      question(claim),
      `<p><strong>${escapeHtml(`${actionRef(action.number)} ${action.title}`)}</strong><br>Owner: ${escapeHtml(action.ownerName)}</p>` +
        `<p>You are acting as ${escapeHtml(person.name)}.</p>` +
        `<form method="post"><input type="hidden" name="confirm" value="yes"><button type="submit" style="font-size:16px;padding:8px 16px">${claim.verb === "done" ? "Mark done" : "Snooze a week"}</button></form>`,
    );
  });

  server.post("/email/act/:token", form, async (req, res) => {
    // A form posted from another site is refused: only this page's own button acts.
    const origin = req.get("origin");
    if (origin && origin !== "null" && hostOf(origin) !== req.get("host")) {
      page(
        res,
        403,
        "Not from Quorum's page",
        "<p>Open the link from your email and use the button there.</p>",
      );
      return;
    }
    if ((req.body as Record<string, unknown> | undefined)?.confirm !== "yes") {
      page(res, 400, "Nothing was changed", "<p>Open the link from your email and use the button there.</p>");
      return;
    }
    const found = await load(req.params.token, res);
    if (!found) return;
    const { claim, partnership, person, email } = found;
    if (!(await app.quorum.claimOnce("email", `link:${claim.nonce}`))) {
      logger.info({ personId: person.id, ref: claim.ref }, "email link used again: refused");
      page(res, 410, "This link was already used", "<p>Each link in Quorum's emails works once.</p>");
      return;
    }
    // The person acts through the same door as chat: the core checks what they may do.
    await app.store.transaction(async (repos) => {
      const linked = await repos.partnerships.forInstallation("email", partnership.slug);
      if (!linked) await repos.partnerships.linkInstallation(partnership.id, "email", partnership.slug);
    });
    const reply = await app.quorum.handle({
      platform: "email",
      tenant: partnership.slug,
      userId: `person:${person.id}`,
      text: linkCommand(claim),
      conversation: { id: `email:person:${person.id}`, kind: "direct" },
      profile: { email, name: person.name },
    });
    logger.info(
      { personId: person.id, ref: claim.ref, verb: claim.verb, ok: reply.tone !== "error" },
      "email link used",
    );
    page(
      res,
      reply.tone === "error" ? 409 : 200,
      reply.title,
      `<pre style="white-space:pre-wrap;font-family:inherit">${escapeHtml(cardToText({ ...reply, title: "" }).trim())}</pre>`,
    );
  });
}

/** The host of an Origin header, or null for one that is not a URL (refused like another site's). */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
