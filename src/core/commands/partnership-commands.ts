// partnership show | rename | zone | access: the partnership's own settings (changes are admin-only).
import { card, fields, text } from "../card.ts";
import { audit, type Context } from "../context.ts";
import { checkName, checkZone } from "../directory/validate.ts";
import { QuorumError } from "../errors.ts";
import { nextFire, parseFireSpec } from "../schedule/fire-spec.ts";
import { ACCESS_MODES, type Access } from "../types.ts";
import type { CommandSpec } from "./spec.ts";

const subject = (ctx: Context) => `partnership:${ctx.partnership.slug}`;

export const ACCESS_TEXT: Record<Access, string> = {
  domains: "people whose email domain belongs to an organisation join; anyone else waits for an admin",
  approval: "every new chat user waits for an admin's approval",
  open: "anyone in a linked workspace or tenant joins as a member",
};

const show: CommandSpec = {
  path: ["partnership", "show"],
  aliases: [["partnership"]],
  openTo: "observer",
  summary: "The partnership's name, time zone, access rule, admins and size",
  usage: "partnership show",
  examples: ["partnership show"],
  async run(ctx, args) {
    if (args.words.length)
      throw new QuorumError("unknown_command", `"partnership" needs one of: show, rename, zone, access.`);
    const p = ctx.partnership;
    const orgs = await ctx.repos.organisations.list(p.id);
    const everyone = await ctx.repos.people.list(p.id);
    const groups = await ctx.repos.groups.list(p.id);
    const admins = everyone.filter((x) => x.role === "admin" && x.status === "active");
    const active = everyone.filter((x) => x.status === "active").length;
    const pending = everyone.filter((x) => x.status === "pending").length;
    return card(`${p.name} (${p.slug})`, [
      fields(
        { label: "Time zone", value: p.timeZone },
        { label: "Access", value: `${p.access}: ${ACCESS_TEXT[p.access]}` },
        { label: "Admins", value: admins.map((a) => `${a.name} (@${a.handle})`).join(", ") || "none" },
        { label: "Organisations", value: String(orgs.length) },
        { label: "People", value: `${active}${pending ? ` (and ${pending} waiting for approval)` : ""}` },
        { label: "Groups", value: String(groups.length) },
      ),
    ]);
  },
};

const rename: CommandSpec = {
  path: ["partnership", "rename"],
  adminOnly: true,
  summary: "Rename the partnership (admins)",
  usage: 'partnership rename "<name>"',
  examples: ['partnership rename "Essex Partners"'],
  minArgs: 1,
  async run(ctx, args) {
    const name = checkName(args.rest, "partnership's name");
    const from = ctx.partnership.name;
    await ctx.repos.partnerships.update(ctx.partnership.id, { name });
    await audit(ctx, "partnership.rename", subject(ctx), { from, to: name });
    return card(`The partnership is now called ${name}`, [text(`It was ${from}.`)], { tone: "success" });
  },
};

const zone: CommandSpec = {
  path: ["partnership", "zone"],
  adminOnly: true,
  summary: "Set the time zone dates, meetings and digests use (admins)",
  usage: "partnership zone <IANA time zone>",
  examples: ["partnership zone Europe/London", "partnership zone Europe/Dublin"],
  minArgs: 1,
  async run(ctx, args) {
    const timeZone = checkZone(args.rest);
    const from = ctx.partnership.timeZone;
    if (timeZone === from) throw new QuorumError("conflict", `The time zone is already ${from}.`);
    await ctx.repos.partnerships.update(ctx.partnership.id, { timeZone });
    const moved = await reschedule(ctx, timeZone);
    await audit(ctx, "partnership.zone", subject(ctx), { from, to: timeZone });
    return card(
      `The partnership's time zone is now ${timeZone}`,
      [text(`It was ${from}. ${moved} schedule${moved === 1 ? "" : "s"} now fire by ${timeZone} clocks.`)],
      { tone: "success" },
    );
  },
};

/** Digest and reminder schedules keep their wall-clock times ("mon 09:00") in the new zone. */
async function reschedule(ctx: Context, timeZone: string): Promise<number> {
  const subjects = [
    { kind: "reminders" as const, subject: `partnership:${ctx.partnership.id}` },
    ...(await ctx.repos.channels.list(ctx.partnership.id)).map((l) => ({
      kind: "digest" as const,
      subject: `link:${l.id}`,
    })),
  ];
  let moved = 0;
  for (const { kind, subject } of subjects) {
    const s = await ctx.repos.schedules.get(kind, subject);
    if (!s) continue;
    const nextFireAt = nextFire(parseFireSpec(s.spec), timeZone, ctx.now);
    await ctx.repos.schedules.put({ ...s, nextFireAt });
    moved++;
  }
  return moved;
}

const access: CommandSpec = {
  path: ["partnership", "access"],
  summary: "Who may use Quorum from chat: domains, approval or open (admins change it)",
  usage: "partnership access [domains|approval|open]",
  examples: ["partnership access", "partnership access approval"],
  openTo: "observer",
  async run(ctx, args) {
    const p = ctx.partnership;
    if (!args.words.length) return card(`Access: ${p.access}`, [text(`${ACCESS_TEXT[p.access]}.`)]);
    if (ctx.actor.role !== "admin")
      throw new QuorumError("forbidden", "Only a partnership admin can change who may use Quorum.");
    const mode = args.rest.trim().toLowerCase() as Access;
    if (!ACCESS_MODES.includes(mode))
      throw new QuorumError(
        "bad_argument",
        `"${args.rest}" is not an access rule; say ${ACCESS_MODES.join(", ")}.`,
      );
    if (mode === p.access) throw new QuorumError("conflict", `Access is already ${mode}.`);
    await ctx.repos.partnerships.update(p.id, { access: mode });
    await audit(ctx, "partnership.access", subject(ctx), { from: p.access, to: mode });
    return card(`Access is now ${mode}`, [text(`${ACCESS_TEXT[mode]}.`)], { tone: "success" });
  },
};

export const partnershipCommands: CommandSpec[] = [show, rename, zone, access];
