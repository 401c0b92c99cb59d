// link me | link confirm: a chat account Quorum can't match by email (a Slack Connect guest) is linked once by code.
import { card, fields, text } from "../card.ts";
import { unmatchedError } from "../directory/guests.ts";
import { issueLinkCode, LINK_CODE_TTL_MS, redeemLinkCode } from "../directory/identity-links.ts";
import { resolvePerson } from "../directory/resolve.ts";
import { QuorumError } from "../errors.ts";
import type { CommandSpec } from "./spec.ts";

const minutes = Math.round(LINK_CODE_TTL_MS / 60_000);

const linkMe: CommandSpec = {
  path: ["link", "me"],
  summary: "Link this chat account to you when Quorum can't see its email (a shared channel's guests)",
  usage: "link me",
  examples: ["link me"],
  openTo: "pending",
  async run(ctx) {
    return card(`You're already linked: Quorum knows you here as @${ctx.actor.handle}`, [], {
      audience: "personal",
    });
  },
  async stranger(who) {
    // The shell names people by handle; there is no account to link.
    if (who.event.platform === "shell") throw unmatchedError(who.event);
    // The code decides who the account acts as, so it goes to its asker alone. Slack shows a personal reply
    // only to them (ephemeral); Teams has no private reply in a channel, so there it is asked for in a 1:1 chat.
    if (who.event.platform === "teams" && who.event.conversation.kind !== "direct")
      throw new QuorumError(
        "bad_argument",
        "Send link me to Quorum in a 1:1 chat: the code is for you alone, and everyone in this channel would see it.",
      );
    const { code } = await issueLinkCode(who);
    return card(
      "Link your account to Quorum",
      [
        fields(
          { label: "Your code", value: code },
          { label: "Valid for", value: `${minutes} minutes, once` },
        ),
        text(
          `Finish it one of two ways. In your own organisation's Slack or Teams (or anywhere Quorum already knows you), send Quorum: link confirm ${code}. Or give the code to a ${who.partnership.name} admin, who runs: link confirm ${code} as:@your-handle. Then write here again and Quorum will act as you.`,
        ),
        text("Keep the code to yourself: whoever confirms it decides who this account acts as."),
      ],
      { audience: "personal" },
    );
  },
};

const confirm: CommandSpec = {
  path: ["link", "confirm"],
  summary: 'Finish a "link me": the chat account that asked for the code acts as you (admins: as:@person)',
  usage: "link confirm <code> [as:@person]",
  examples: ["link confirm ABCD-2345", "link confirm ABCD-2345 as:@sam"],
  options: { as: { value: "@person" } },
  minArgs: 1,
  async run(ctx, args) {
    const target = args.options.as ? await resolvePerson(ctx, args.options.as) : ctx.actor;
    if (target.id !== ctx.actor.id && ctx.actor.role !== "admin")
      throw new QuorumError(
        "forbidden",
        "Only a partnership admin can link an account to someone else. Confirm your own code without as:.",
      );
    const link = await redeemLinkCode(ctx, args.words.join(""), target);
    const whose = target.id === ctx.actor.id ? "you" : `${target.name} (@${target.handle})`;
    return card(
      `Linked: ${link.name ?? link.externalId} now acts as ${whose}`,
      [
        fields(
          { label: "Platform", value: link.platform },
          { label: "Workspace", value: link.tenant },
          { label: "Account", value: link.externalId },
        ),
      ],
      { tone: "success", audience: "personal" },
    );
  },
};

export const linkCommands: CommandSpec[] = [linkMe, confirm];
