// meeting subscribe / unsubscribe: a private link to a group's meetings for Outlook or Google Calendar.
import { card, text } from "../card.ts";
import { resolveGroup } from "../directory/resolve.ts";
import { QuorumError } from "../errors.ts";
import { calendarPath, revokeLinks, subscribe } from "../meetings/calendar-links.ts";
import type { CommandSpec } from "./spec.ts";

const groupOf = (slug: string | undefined) => {
  if (!slug) throw new QuorumError("missing_argument", "Which group's meetings? Add group:slug.");
  return slug;
};

const subscribeSpec: CommandSpec = {
  path: ["meeting", "subscribe"],
  // The feed shows what meeting list shows, which observers may read too.
  openTo: "observer",
  summary: "Your private link to a group's meetings, for Outlook or Google Calendar to subscribe to",
  usage: "meeting subscribe group:<slug>",
  examples: ["meeting subscribe group:hwb"],
  options: { group: { value: "slug" } },
  async run(ctx, args) {
    const group = await resolveGroup(ctx, groupOf(args.options.group));
    const { token, replaced } = await subscribe(ctx, group);
    const path = calendarPath(token);
    return {
      ...card(
        `Calendar link for ${group.name}`,
        [
          text(`Subscribe to ${path}`),
          text(
            'In Outlook: Add calendar → Subscribe from web. In Google Calendar: Other calendars → From URL. Meetings, cancellations, moves and "Papers due" days follow automatically.',
          ),
          text(
            `The link is yours: anyone who has it can see ${group.name}'s meetings. ${
              replaced ? "Your earlier link has stopped working. " : ""
            }To turn it off: meeting unsubscribe group:${group.slug}`,
          ),
        ],
        { tone: "success" },
      ),
      // The server writes its public address in front of this path (src/server/calendar-links.ts).
      ref: path,
    };
  },
};

const unsubscribeSpec: CommandSpec = {
  path: ["meeting", "unsubscribe"],
  openTo: "observer",
  summary: "Turn off your calendar link to a group, or everyone's with all (its chair or an admin)",
  usage: "meeting unsubscribe group:<slug> [all]",
  examples: ["meeting unsubscribe group:hwb", "meeting unsubscribe group:hwb all"],
  options: { group: { value: "slug" } },
  async run(ctx, args) {
    const group = await resolveGroup(ctx, groupOf(args.options.group));
    const word = args.words[0]?.toLowerCase();
    if (word && word !== "all")
      throw new QuorumError("bad_argument", `"${args.words[0]}" is not understood here; add all or nothing.`);
    const everyone = word === "all";
    const n = await revokeLinks(ctx, group, everyone);
    const what = everyone
      ? `${n} calendar link${n === 1 ? "" : "s"} to ${group.name} turned off.`
      : n
        ? `Your calendar link to ${group.name} is turned off.`
        : `You had no calendar link to ${group.name}.`;
    return card(what, [text(`A new link: meeting subscribe group:${group.slug}`)], { tone: "success" });
  },
};

export const calendarCommands: CommandSpec[] = [subscribeSpec, unsubscribeSpec];
