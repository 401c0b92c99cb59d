// home: one person's overview (open and overdue actions, their groups' next meetings) for App Home and DMs.

import { actionItem } from "../actions/cards.ts";
import { type Block, card, items, text } from "../card.ts";
import type { Context } from "../context.ts";
import { occurrenceItem } from "../meetings/cards.ts";
import { closuresOf, upcoming } from "../meetings/service.ts";
import { localDate } from "../time/zone.ts";
import { enquiryHomeBlock } from "./question-commands.ts";
import type { CommandSpec } from "./spec.ts";

const HOME_ACTIONS = 20;
const HOME_MEETINGS = 5;

export async function homeBlocks(ctx: Context): Promise<Block[]> {
  const zone = ctx.partnership.timeZone;
  const today = localDate(ctx.now, zone);
  const filter = { statuses: ["open" as const], ownerId: ctx.actor.id };
  // Asked together, as none needs another's answer: on PostgreSQL they go out in one round trip.
  const [mine, groups, allMeetings, questions] = await Promise.all([
    ctx.repos.actions.list(ctx.partnership.id, { ...filter, limit: HOME_ACTIONS }),
    ctx.repos.groups.memberships(ctx.actor.id),
    ctx.repos.meetings.list(ctx.partnership.id),
    enquiryHomeBlock(ctx),
  ]);
  // Home shows the first HOME_ACTIONS; a cut list says how many more and where to see them.
  const total =
    mine.length < HOME_ACTIONS ? mine.length : await ctx.repos.actions.count(ctx.partnership.id, filter);
  const overdue = mine.filter((a) => a.dueOn && a.dueOn < today);
  const rest = mine.filter((a) => !(a.dueOn && a.dueOn < today));
  const byId = new Map(groups.map((g) => [g.id, g]));
  const meetings = allMeetings.filter((m) => byId.has(m.groupId));
  const next = upcoming(meetings, zone, ctx.now, 400, HOME_MEETINGS, closuresOf(ctx));
  return [
    items(
      overdue.map((a) => actionItem(a, today)),
      `Overdue (${overdue.length})`,
      "Nothing overdue.",
    ),
    items(
      rest.map((a) => actionItem(a, today)),
      `Your open actions (${rest.length})`,
      "No other open actions.",
    ),
    ...(total > mine.length ? [text(`${total - mine.length} more open actions: actions mine`)] : []),
    items(
      next.map((o) => occurrenceItem(o, zone, today, byId)),
      "Your groups' next meetings",
      groups.length ? "No meetings scheduled." : "You are not in any group yet.",
    ),
    ...questions,
  ];
}

const home: CommandSpec = {
  path: ["home"],
  openTo: "observer",
  summary: "Your overview: overdue and open actions, your groups' next meetings",
  usage: "home",
  examples: ["home"],
  async run(ctx) {
    return card(`${ctx.actor.name}: your Quorum`, await homeBlocks(ctx));
  },
};

export const homeCommands: CommandSpec[] = [home];
