// Who's who: whoami, people, org list, group list, group show.
import { card, fields, items } from "../card.ts";
import type { Context } from "../context.ts";
import { resolveGroup, resolveOrganisation } from "../directory/resolve.ts";
import { closuresOf, upcoming } from "../meetings/service.ts";
import { formatDate, formatInstant } from "../time/zone.ts";
import type { Organisation, Person } from "../types.ts";
import { reachSummary } from "./reach-commands.ts";
import type { CommandSpec } from "./spec.ts";

async function orgCodes(ctx: Context): Promise<Map<number, Organisation>> {
  return new Map((await ctx.repos.organisations.list(ctx.partnership.id)).map((o) => [o.id, o]));
}

function personLine(p: Person, orgs: Map<number, Organisation>): string {
  const org = p.organisationId ? orgs.get(p.organisationId)?.code : undefined;
  return [p.title, org, p.email, p.phone].filter(Boolean).join(" · ");
}

const whoami: CommandSpec = {
  path: ["whoami"],
  openTo: "pending",
  summary: "Who Quorum thinks you are",
  usage: "whoami",
  examples: ["whoami"],
  async run(ctx) {
    const me = ctx.actor;
    // Asked together, as none needs another's answer: on PostgreSQL they go out in one round trip.
    const [orgs, groups, reachedBy] = await Promise.all([
      orgCodes(ctx),
      ctx.repos.groups.memberships(me.id),
      reachSummary(ctx),
    ]);
    return card(`You are ${me.name} (@${me.handle})`, [
      fields(
        { label: "Partnership", value: ctx.partnership.name },
        { label: "Organisation", value: (me.organisationId && orgs.get(me.organisationId)?.name) || "none" },
        {
          label: "Role",
          value: me.status === "pending" ? `${me.role}, waiting for an admin's approval` : me.role,
        },
        { label: "Groups", value: groups.map((g) => g.slug).join(", ") || "none" },
        { label: "Chat", value: ctx.platform },
        { label: "Reached by", value: reachedBy },
      ),
    ]);
  },
};

const people: CommandSpec = {
  path: ["people"],
  openTo: "observer",
  summary: "Everyone in the partnership (or one organisation)",
  usage: "people [org:CODE]",
  examples: ["people", "people org:NHS-MSE"],
  options: { org: { value: "CODE" } },
  async run(ctx, args) {
    const org = args.options.org ? await resolveOrganisation(ctx, args.options.org) : null;
    const orgs = await orgCodes(ctx);
    // Removed people stay for history and pending ones are not in yet: neither is listed.
    const all = (await ctx.repos.people.list(ctx.partnership.id)).filter(
      (p) => p.status === "active" && (!org || p.organisationId === org.id),
    );
    const list = all.map((p) => ({ title: `${p.name} (@${p.handle})`, detail: personLine(p, orgs) }));
    return card(`People${org ? ` at ${org.code}` : ""}: ${all.length}`, [
      items(list, undefined, "No one yet."),
    ]);
  },
};

const orgList: CommandSpec = {
  path: ["org", "list"],
  openTo: "observer",
  aliases: [["orgs"]],
  summary: "The partner organisations",
  usage: "org list",
  examples: ["org list"],
  async run(ctx) {
    const orgs = await ctx.repos.organisations.list(ctx.partnership.id);
    return card(`Partner organisations: ${orgs.length}`, [
      items(orgs.map((o) => ({ title: o.code, detail: o.name }))),
    ]);
  },
};

const groupList: CommandSpec = {
  path: ["group", "list"],
  openTo: "observer",
  aliases: [["groups"]],
  summary: "The boards and groups",
  usage: "group list",
  examples: ["group list"],
  async run(ctx) {
    const groups = await ctx.repos.groups.list(ctx.partnership.id);
    return card(`Groups: ${groups.length}`, [
      items(groups.map((g) => ({ title: `${g.name} (${g.slug})`, ...(g.theme ? { detail: g.theme } : {}) }))),
    ]);
  },
};

const groupShow: CommandSpec = {
  path: ["group", "show"],
  openTo: "observer",
  summary: "A group's chair, members, next meeting and open actions",
  usage: "group show <slug>",
  examples: ["group show hwb"],
  minArgs: 1,
  async run(ctx, args) {
    const group = await resolveGroup(ctx, args.words[0] ?? "");
    const [members, meetings, open] = [
      await ctx.repos.groups.members(group.id),
      await ctx.repos.meetings.list(ctx.partnership.id, group.id),
      await ctx.repos.actions.list(ctx.partnership.id, { statuses: ["open"], groupId: group.id }),
    ];
    const chair =
      members.find((m) => m.id === group.chairId) ??
      (group.chairId ? await ctx.repos.people.byId(group.chairId) : null);
    const [next] = upcoming(meetings, ctx.partnership.timeZone, ctx.now, 3 * 366, 1, closuresOf(ctx));
    const orgs = await orgCodes(ctx);
    return card(`${group.name} (${group.slug})`, [
      fields(
        { label: "Theme", value: group.theme ?? "—" },
        { label: "Chair", value: chair ? `${chair.name} (@${chair.handle})` : "none" },
        {
          label: "Next meeting",
          value: next ? formatInstant(next.startsAt, ctx.partnership.timeZone) : "none scheduled",
        },
        // The same working-day deadline as home, the digest and meeting show (closure days skipped).
        ...(next ? [{ label: "Papers deadline", value: formatDate(next.papersDue) }] : []),
        { label: "Open actions", value: String(open.length) },
      ),
      items(
        members.map((p) => ({ title: p.name, detail: personLine(p, orgs) })),
        `Members: ${members.length}`,
      ),
    ]);
  },
};

export const directoryCommands: CommandSpec[] = [whoami, people, orgList, groupList, groupShow];
