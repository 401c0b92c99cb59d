// remind: per-group meeting reminders (papers deadline, day before) and the owners' action reminders.
import { card, fields } from "../card.ts";
import { audit, type Context } from "../context.ts";
import { assertMayManageGroup } from "../directory/channel-rights.ts";
import { resolveGroup } from "../directory/resolve.ts";
import { QuorumError } from "../errors.ts";
import { ACTION_NOTICE_WORKING_DAYS, settingsOf } from "../schedule/reminders.ts";
import type { Group } from "../types.ts";
import type { Args, CommandSpec } from "./spec.ts";

async function groupFor(ctx: Context, args: Args): Promise<Group> {
  const slug = args.options.group;
  if (!slug) throw new QuorumError("missing_argument", "Say which group, e.g. group:hwb.");
  const group = await resolveGroup(ctx, slug);
  await assertMayManageGroup(ctx, group, "change its reminders");
  return group;
}

const onOff = (word: string | undefined): boolean => {
  const w = word?.toLowerCase();
  if (w === "on") return true;
  if (w === "off") return false;
  throw new QuorumError("bad_argument", `Say on or off, not "${word ?? ""}".`);
};

const show: CommandSpec = {
  path: ["remind", "show"],
  openTo: "observer",
  aliases: [["remind"], ["reminders"]],
  summary: "Which reminders Quorum sends",
  usage: "remind show [group:slug]",
  examples: ["remind show group:hwb", "reminders"],
  options: { group: { value: "slug" } },
  async run(ctx, args) {
    const groups = args.options.group
      ? [await resolveGroup(ctx, args.options.group)]
      : await ctx.repos.groups.list(ctx.partnership.id);
    const line = (g: Group) => {
      const s = settingsOf(g);
      const papers =
        s.papersDaysBefore === null
          ? "papers: off"
          : `papers: ${s.papersDaysBefore} working days before the deadline`;
      return { label: g.slug, value: `${papers}; day before: ${s.dayBefore ? "on" : "off"}` };
    };
    return card("Reminders", [
      fields(...groups.map(line)),
      fields({
        label: "Action owners",
        value: ctx.partnership.actionReminders
          ? `a direct message ${ACTION_NOTICE_WORKING_DAYS} working days before due, and when overdue`
          : "off",
      }),
    ]);
  },
};

const papers: CommandSpec = {
  path: ["remind", "papers"],
  summary: "Remind a group's channels before each papers deadline (working days), or off",
  usage: "remind papers <days|off> group:slug",
  examples: ["remind papers 3 group:hwb", "remind papers off group:safer"],
  options: { group: { value: "slug" } },
  minArgs: 1,
  async run(ctx, args) {
    const group = await groupFor(ctx, args);
    const word = args.words[0]?.toLowerCase();
    const days = word === "off" ? null : Number(word);
    if (days !== null && !(Number.isInteger(days) && days >= 0 && days <= 20))
      throw new QuorumError(
        "bad_argument",
        `"${args.words[0]}" is not a number of working days from 0 to 20, or off.`,
      );
    await ctx.repos.groups.setReminders(group.id, { ...group.reminders, papersDaysBefore: days });
    await audit(ctx, "remind.papers", `group:${group.slug}`, { days });
    return card(
      days === null
        ? `No papers reminders for ${group.name}.`
        : `${group.name}: papers reminders ${days} working days before each deadline.`,
      [],
      { tone: "success" },
    );
  },
};

const dayBefore: CommandSpec = {
  path: ["remind", "day-before"],
  summary: "Remind a group's channels the day before each meeting, with its open actions",
  usage: "remind day-before on|off group:slug",
  examples: ["remind day-before off group:assembly"],
  options: { group: { value: "slug" } },
  minArgs: 1,
  async run(ctx, args) {
    const on = onOff(args.words[0]);
    const group = await groupFor(ctx, args);
    await ctx.repos.groups.setReminders(group.id, { ...group.reminders, dayBefore: on });
    await audit(ctx, "remind.day-before", `group:${group.slug}`, { on });
    return card(`${group.name}: day-before reminders ${on ? "on" : "off"}.`, [], { tone: "success" });
  },
};

const actionsToggle: CommandSpec = {
  path: ["remind", "actions"],
  summary: "Direct-message action owners before due dates and when overdue (admins)",
  usage: "remind actions on|off",
  examples: ["remind actions off"],
  minArgs: 1,
  adminOnly: true,
  async run(ctx, args) {
    const on = onOff(args.words[0]);
    await ctx.repos.partnerships.setActionReminders(ctx.partnership.id, on);
    await audit(ctx, "remind.actions", `partnership:${ctx.partnership.id}`, { on });
    return card(`Action reminders ${on ? "on" : "off"} for ${ctx.partnership.name}.`, [], {
      tone: "success",
    });
  },
};

export const remindCommands: CommandSpec[] = [show, papers, dayBefore, actionsToggle];
