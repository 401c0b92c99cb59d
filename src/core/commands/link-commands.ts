// link me | link confirm: a chat account Quorum can't match by email (a Slack Connect guest) is linked once by code.
import { type Card, card, fields, text } from "../card.ts";
import type { Context } from "../context.ts";
import { unmatchedError } from "../directory/guests.ts";
import { issueLinkCode, LINK_CODE_TTL_MS } from "../directory/identity-links.ts";
import { cancelLink, confirmLink, type LinkOffer, offerLink } from "../directory/link-offers.ts";
import { resolvePerson } from "../directory/resolve.ts";
import { QuorumError } from "../errors.ts";
import { PLATFORM_NAMES } from "../reach/targets.ts";
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
  summary:
    'Finish a "link me": shows whose account would act as you, to Confirm or Cancel (admins: as:@person)',
  usage: "link confirm <code> [as:@person]",
  examples: ["link confirm ABCD-2345", "link confirm ABCD-2345 as:@sam"],
  options: { as: { value: "@person" } },
  minArgs: 1,
  async run(ctx, args) {
    const target = args.options.as ? await resolvePerson(ctx, args.options.as) : ctx.actor;
    return offerCard(ctx, await offerLink(ctx, args.words.join(""), target));
  },
};

function offerCard(ctx: Context, o: LinkOffer): Card {
  const { link, target, key } = o;
  const account = link.name ? `${link.name} (${link.externalId})` : link.externalId;
  const asWhom = target.id === ctx.actor.id ? `you, ${target.name}` : `${target.name} (@${target.handle})`;
  return card(
    "Check before you link this account",
    [
      text(
        `This will let ${PLATFORM_NAMES[link.platform]} account ${account} in ${o.workspace} act as ${asWhom}. Only confirm if ${target.id === ctx.actor.id ? "you" : "they"} asked for this code ${target.id === ctx.actor.id ? "yourself" : "themselves"}.`,
      ),
      fields(
        { label: "Platform", value: PLATFORM_NAMES[link.platform] },
        { label: "Workspace", value: o.workspace },
        { label: "Account", value: account },
        { label: "Acts as", value: `${target.name} (@${target.handle})` },
      ),
      {
        kind: "buttons",
        buttons: [
          { label: "Confirm", command: `link yes ${key}`, style: "danger" },
          { label: "Cancel", command: `link cancel ${key}` },
        ],
      },
      text(
        `Nothing is linked until you confirm. In the shell, type "link yes ${key}" or "link cancel ${key}".`,
      ),
    ],
    { tone: "warning", audience: "personal" },
  );
}

const yes: CommandSpec = {
  path: ["link", "yes"],
  summary: "The Confirm under link confirm's card: the account it showed now acts as the person it named",
  usage: "link yes <key>",
  examples: ["link yes K7M2P9QXAB"],
  minArgs: 1,
  async run(ctx, args) {
    const { link, target } = await confirmLink(ctx, args.words.join(""));
    const whose = target.id === ctx.actor.id ? "you" : `${target.name} (@${target.handle})`;
    return card(
      `Linked: ${link.name ?? link.externalId} now acts as ${whose}`,
      [
        fields(
          { label: "Platform", value: PLATFORM_NAMES[link.platform] },
          { label: "Workspace", value: link.tenant },
          { label: "Account", value: link.externalId },
        ),
      ],
      { tone: "success", audience: "personal" },
    );
  },
};

const cancel: CommandSpec = {
  path: ["link", "cancel"],
  summary: "The Cancel under link confirm's card: nothing is linked",
  usage: "link cancel <key>",
  examples: ["link cancel K7M2P9QXAB"],
  minArgs: 1,
  async run(ctx, args) {
    const link = await cancelLink(ctx, args.words.join(""));
    return card(`Cancelled: ${link.name ?? link.externalId} was not linked`, [], { audience: "personal" });
  },
};

export const linkCommands: CommandSpec[] = [linkMe, confirm, yes, cancel];
