// Where the shell is talking: the person's direct conversation with Quorum or a named channel, the
// shell's own words that move it (as, channel, dm), the prompt that shows it, and the event it sends.
import { neutraliseControls } from "../../core/clean-input.ts";
import type { InboundEvent } from "../../core/inbound.ts";

export interface ShellPlace {
  /** The handle commands run as. */
  user: string;
  /** The channel's name without "#", or null in the direct conversation. */
  channel: string | null;
}

/** A shell-only word, handled before anything reaches the core. */
export type ShellWord =
  | { kind: "as"; user: string }
  | { kind: "channel"; channel: string | null }
  | { kind: "refused"; message: string };

/** Slack's rule for channel names, so a name tried here would work there too. */
const CHANNEL_NAME = /^[a-z0-9][a-z0-9_-]{0,79}$/;

export const CHANNEL_USAGE =
  "Usage: channel <name> (e.g. channel partners-board) to talk in a channel; channel or dm to go back to your direct conversation.";

/** Reads `as <handle>`, `channel [<name>]` and `dm`; null for anything else, which goes to the core. */
export function readShellWord(line: string): ShellWord | null {
  const as = /^as\s+@?(\S+)$/i.exec(line);
  if (as?.[1]) return { kind: "as", user: neutraliseControls(as[1].toLowerCase()) };
  if (/^(dm|channel)$/i.test(line)) return { kind: "channel", channel: null };
  const channel = /^channel\s+(.*)$/i.exec(line);
  if (!channel) return null;
  const typed = (channel[1] ?? "").trim().replace(/^#/, "");
  const name = typed.toLowerCase();
  if (CHANNEL_NAME.test(name)) return { kind: "channel", channel: name };
  return {
    kind: "refused",
    message: `"${neutraliseControls(typed)}" is not a channel name: use lower-case letters, digits, - and _ (up to 80), no spaces. ${CHANNEL_USAGE}`,
  };
}

/** What the person sees on moving: where they are now and what works there. */
export function placeLine(place: ShellPlace): string {
  return place.channel
    ? `You are in #${place.channel} as @${place.user}: what you type is said to Quorum in this channel, as @Quorum would be in Slack (link group:<slug>, digest now, ...). "dm" goes back.`
    : `You are in your direct conversation with Quorum as @${place.user}.`;
}

export const promptFor = (place: ShellPlace): string =>
  `quorum @${place.user}${place.channel ? ` #${place.channel}` : ""}> `;

/** Slack and Teams channels address Quorum by mentioning it; the shell takes the words with or without. */
const stripMention = (text: string) => text.replace(/^@quorum\b[:,]?\s*/i, "");

/** tenant: the partnership's slug when several exist; "local" means the only one there is. */
export const shellEvent = (
  user: string,
  text: string,
  tenant = "local",
  channel: string | null = null,
): InboundEvent => ({
  platform: "shell",
  tenant,
  userId: user,
  text: stripMention(text),
  conversation: channel
    ? { id: channel, kind: "channel", name: `#${channel}` }
    : { id: `shell:${user}`, kind: "direct" },
  // Every line typed in a shell channel is said to Quorum, as an @Quorum mention is elsewhere.
  ...(channel ? { mention: true } : {}),
});
