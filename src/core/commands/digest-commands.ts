// digest: a channel's scheduled summary. Preview it, post it now, change its time, or turn it off.
import { type Card, card, text } from "../card.ts";
import { audit, type Context } from "../context.ts";
import { assertMayManageChannel } from "../directory/channel-rights.ts";
import { QuorumError } from "../errors.ts";
import { linkTarget, outboxMessage } from "../outbound.ts";
import { CHANNEL_AUDIENCE, type Viewer, viewerOf } from "../questions/visibility.ts";
import { composeDigest, payloadOf } from "../schedule/digest.ts";
import { DEFAULT_DIGEST_SPEC, setDigest } from "../schedule/digest-settings.ts";
import { SCHEDULED_POST_TTL_MS } from "../schedule/jobs.ts";
import { loadSnapshot } from "../schedule/snapshot.ts";
import { formatInstant } from "../time/zone.ts";
import type { ChannelLink } from "../types.ts";
import { currentLink } from "./channel-commands.ts";
import type { CommandSpec } from "./spec.ts";

/** `digest now` may post to one channel this often; a scheduled digest is not counted. */
export const DIGEST_NOW_EVERY_MS = 10 * 60_000;
const CHANGE = "change this channel's digest";

/** The digest as it would post now, for its viewer; quiet weeks show "all clear" whatever the channel chose. */
const digestFor = async (ctx: Context, link: ChannelLink | null, viewer: Viewer): Promise<Card> => {
  const snapshot = await loadSnapshot(ctx.repos, ctx.partnership, ctx.now);
  const shown = { ...(link ?? placeholderLink(ctx)), digestAllClear: true };
  return composeDigest(snapshot, shown, viewer) as Card;
};

/** A direct-message preview shows the partnership-wide digest. */
const placeholderLink = (ctx: Context): ChannelLink => ({
  id: 0,
  partnershipId: ctx.partnership.id,
  groupId: null,
  platform: ctx.platform,
  tenant: ctx.tenant,
  channelId: ctx.conversation.id,
  name: null,
  conversationRef: null,
  digestSchedule: DEFAULT_DIGEST_SPEC,
  digestEnabled: false,
  digestAllClear: true,
  status: "active",
});

const preview: CommandSpec = {
  path: ["digest", "preview"],
  openTo: "observer",
  aliases: [["digest"]],
  summary: "Show this channel's digest now, without posting it",
  usage: "digest preview",
  examples: ["digest preview"],
  async run(ctx) {
    const link = ctx.conversation.kind === "channel" ? await currentLink(ctx) : null;
    // In a channel the preview is what the channel would get; in a direct message, what this person may see.
    const c = await digestFor(ctx, link, viewerOf(ctx));
    const when = link
      ? link.digestEnabled
        ? `Posts here at "${link.digestSchedule}".`
        : "Digests are off in this channel: digest on starts them."
      : "This is the partnership-wide digest; in a channel you see that channel's.";
    return { ...c, audience: "personal", blocks: [...c.blocks, text(when)] };
  },
};

const now: CommandSpec = {
  path: ["digest", "now"],
  summary: "Post this channel's digest now",
  usage: "digest now",
  examples: ["digest now"],
  async run(ctx) {
    const link = await currentLink(ctx);
    await assertMayManageChannel(ctx, link, "post this channel's digest");
    const prefix = `digest:link:${link.id}:now:`;
    const last = await ctx.repos.outbox.lastQueuedAt(
      ctx.partnership.id,
      prefix,
      new Date(ctx.now.getTime() - DIGEST_NOW_EVERY_MS),
    );
    if (last) throw tooSoon(ctx, last);
    const c = await digestFor(ctx, link, CHANNEL_AUDIENCE);
    // One key per window: two requests racing past the check above still queue one post.
    const slot = Math.floor(ctx.now.getTime() / DIGEST_NOW_EVERY_MS);
    const queued = await ctx.repos.outbox.enqueue({
      ...outboxMessage(
        ctx.partnership.id,
        `${prefix}${slot}`,
        "digest",
        linkTarget(link),
        payloadOf(c),
        ctx.now,
      ),
      // Stale like a scheduled digest: a post asked for on Monday is no use on Thursday.
      expiresAt: new Date(ctx.now.getTime() + SCHEDULED_POST_TTL_MS),
    });
    if (!queued) throw tooSoon(ctx, ctx.now);
    await audit(ctx, "digest.now", `channel:${link.id}`);
    return card("Posting the digest here now.", [], { tone: "success" });
  },
};

function tooSoon(ctx: Context, last: Date): QuorumError {
  const zone = ctx.partnership.timeZone;
  const again = new Date(last.getTime() + DIGEST_NOW_EVERY_MS);
  return new QuorumError(
    "conflict",
    `The digest was posted here at ${formatInstant(last, zone)}; digest now can post it again from ${formatInstant(again, zone)}.`,
  );
}

const schedule: CommandSpec = {
  path: ["digest", "schedule"],
  summary: "When this channel's digest posts, in the partnership's time zone",
  usage: 'digest schedule "<days> <HH:MM>"',
  examples: ['digest schedule "weekdays 08:30"', 'digest schedule "mon 09:00"'],
  minArgs: 1,
  async run(ctx, args) {
    const link = await currentLink(ctx);
    await assertMayManageChannel(ctx, link, CHANGE);
    const spec = await setDigest(
      ctx.repos,
      ctx.partnership,
      link,
      { enabled: true, spec: args.rest },
      ctx.now,
    );
    await audit(ctx, "digest.schedule", `channel:${link.id}`, { spec });
    return card(`The digest now posts here at "${spec}" (${ctx.partnership.timeZone} time).`, [], {
      tone: "success",
      audience: "channel",
    });
  },
};

const toggle = (on: boolean): CommandSpec => ({
  path: ["digest", on ? "on" : "off"],
  summary: on ? "Start this channel's digest" : "Stop this channel's digest",
  usage: `digest ${on ? "on" : "off"}`,
  examples: [`digest ${on ? "on" : "off"}`],
  async run(ctx) {
    const link = await currentLink(ctx);
    await assertMayManageChannel(ctx, link, CHANGE);
    if (link.digestEnabled === on)
      throw new QuorumError("conflict", `The digest is already ${on ? "on" : "off"} here.`);
    const spec = await setDigest(ctx.repos, ctx.partnership, link, { enabled: on }, ctx.now);
    await audit(ctx, `digest.${on ? "on" : "off"}`, `channel:${link.id}`);
    return card(on ? `Digests will post here at "${spec}".` : "No more digests in this channel.", [], {
      tone: "success",
      audience: "channel",
    });
  },
});

const emptyMode: CommandSpec = {
  path: ["digest", "when-empty"],
  summary: 'With nothing to report: post "all clear", or stay silent',
  usage: "digest when-empty all-clear|silent",
  examples: ["digest when-empty silent"],
  minArgs: 1,
  async run(ctx, args) {
    const mode = args.words[0]?.toLowerCase();
    if (mode !== "all-clear" && mode !== "silent")
      throw new QuorumError("bad_argument", `Say all-clear or silent, not "${args.words[0]}".`);
    const link = await currentLink(ctx);
    await assertMayManageChannel(ctx, link, CHANGE);
    await ctx.repos.channels.update(link.id, { digestAllClear: mode === "all-clear" });
    await audit(ctx, "digest.when-empty", `channel:${link.id}`, { mode });
    return card(
      mode === "silent"
        ? "Quiet weeks will post nothing here."
        : 'Quiet weeks will post a short "all clear".',
      [],
      { tone: "success" },
    );
  },
};

export const digestCommands: CommandSpec[] = [preview, now, schedule, toggle(true), toggle(false), emptyMode];
