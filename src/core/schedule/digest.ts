// A channel's digest: overdue actions by organisation, what is due in the next week, the next meeting and
// its papers deadline, and questions past their reply target, with action buttons on each item.

import { actionItem } from "../actions/cards.ts";
import { type Block, type Card, card, items, text } from "../card.ts";
import { occurrenceItem } from "../meetings/cards.ts";
import type { OutboundPayload } from "../outbound.ts";
import type { Enquiry } from "../questions/ports.ts";
import { CHANNEL_AUDIENCE, hiddenLine, splitVisible, type Viewer } from "../questions/visibility.ts";
import { cardToText } from "../render-text.ts";
import { addDays, formatDate, localDate } from "../time/zone.ts";
import type { ActionView, ChannelLink } from "../types.ts";
import { DIGEST_AHEAD_DAYS, type Snapshot, scopeOf } from "./snapshot.ts";

/** Keeps a digest readable (and inside Block Kit's limits): the rest is one command away. */
const MAX_ITEMS = 15;

export interface DigestOptions {
  /** Sent after its time because Quorum was down: say so in the title. */
  delayed?: boolean;
}

/**
 * The digest card, or null when there is nothing to report and the channel asked for silence. It is
 * composed for its viewer: a channel (a post, or a preview there) or the one person previewing it.
 */
export function composeDigest(
  s: Snapshot,
  link: ChannelLink,
  viewer: Viewer,
  opts: DigestOptions = {},
): Card | null {
  const zone = s.partnership.timeZone;
  const scope = scopeOf(s, link.groupId);
  const group = link.groupId ? s.groups.get(link.groupId) : undefined;
  const overdue = scope.actions.filter((a) => a.dueOn !== null && a.dueOn < s.today);
  const soon = scope.actions.filter(
    (a) => a.dueOn !== null && a.dueOn >= s.today && a.dueOn <= addDays(s.today, DIGEST_AHEAD_DAYS),
  );
  const next = scope.occurrences[0];
  const inGroup = group ? ` group:${group.slug}` : "";
  const blocks: Block[] = [...overdueByOrganisation(overdue, s.today, inGroup)];
  if (soon.length)
    blocks.push(
      items(
        soon.slice(0, MAX_ITEMS).map((a) => actionItem(a, s.today)),
        `Due in the next 7 days (${soon.length})`,
      ),
      ...moreBlock(soon.length - MAX_ITEMS, `actions open${inGroup} (soonest first)`),
    );
  blocks.push(...enquiryBlocks(s, scope.enquiries, viewer));
  const quiet = blocks.length === 0;
  if (quiet && !link.digestAllClear) return null;
  if (quiet) blocks.push(text("All clear: nothing overdue and nothing due in the next 7 days."));
  if (next) blocks.push(items([occurrenceItem(next, zone, s.today, s.groups)], "Next meeting"));
  const scopeName = group?.name ?? s.partnership.name;
  const title = `${scopeName}: digest for ${formatDate(s.today)}${opts.delayed ? " (delayed)" : ""}`;
  return card(title, blocks, { audience: "channel", tone: overdue.length ? "warning" : "info" });
}

// A snapshot's channel digests by what composeDigest reads of a link (its group and all-clear choice)
// and the lateness: one card per group, not one per channel. Keyed by the snapshot, so one partnership's
// card is never another's; only for the channel audience, the same in every channel.
const channelCards = new WeakMap<Snapshot, Map<string, Card | null>>();

/** composeDigest for a channel post, composed once per snapshot for all the group's channels alike. */
export function channelDigest(s: Snapshot, link: ChannelLink, opts: DigestOptions = {}): Card | null {
  let cards = channelCards.get(s);
  if (!cards) {
    cards = new Map();
    channelCards.set(s, cards);
  }
  const key = `${link.groupId} ${link.digestAllClear} ${opts.delayed === true}`;
  let c = cards.get(key);
  if (c === undefined) {
    c = composeDigest(s, link, CHANNEL_AUDIENCE, opts);
    cards.set(key, c);
  }
  return c;
}

/** Overdue questions the viewer may read, and a count standing in for the rest. */
function enquiryBlocks(s: Snapshot, list: Enquiry[], viewer: Viewer): Block[] {
  const zone = s.partnership.timeZone;
  const { shown, hidden } = splitVisible(viewer, list);
  const blocks: Block[] = [];
  if (shown.length)
    blocks.push(
      items(
        shown.slice(0, MAX_ITEMS).map((e) => ({
          title: `Q-${e.number} ${e.text.length > 120 ? `${e.text.slice(0, 117)}...` : e.text}`,
          detail: `with ${(e.assigneeId && s.people.get(e.assigneeId)?.name) || "no one yet"} · asked ${formatDate(localDate(e.createdAt, zone))}`,
          flag: "past reply target",
        })),
        `Questions waiting past the reply target (${shown.length})`,
      ),
      ...moreBlock(shown.length - MAX_ITEMS, "questions"),
    );
  const line = hiddenLine(hidden, { what: "past the reply target", more: shown.length > 0, viewer });
  if (line) blocks.push(text(line));
  return blocks;
}

/** A digest is cut at MAX_ITEMS: it says how many more and the command that lists them all. */
const moreBlock = (more: number, command: string): Block[] =>
  more > 0 ? [text(`${more} more: ${command}`)] : [];

function overdueByOrganisation(overdue: ActionView[], today: string, inGroup: string): Block[] {
  const byOrg = new Map<string, ActionView[]>();
  for (const a of overdue) {
    const key = a.orgCode ?? "No organisation";
    const list = byOrg.get(key);
    if (list) list.push(a);
    else byOrg.set(key, [a]);
  }
  let budget = MAX_ITEMS;
  return [...byOrg.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([org, list]) => {
      const shown = list.slice(0, Math.max(1, budget));
      budget -= shown.length;
      const orgFilter = list[0]?.orgCode ? ` org:${list[0].orgCode}` : "";
      return [
        items(
          shown.map((a) => actionItem(a, today)),
          `Overdue: ${org} (${list.length})`,
        ),
        ...moreBlock(list.length - shown.length, `actions overdue${inGroup}${orgFilter}`),
      ];
    });
}

export const payloadOf = (c: Card): OutboundPayload => ({ card: c, text: cardToText(c) });
