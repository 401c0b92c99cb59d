// group add | rename | chair | archive | member add | member remove (list and show are in directory-commands).
import { card, text } from "../card.ts";
import { audit, type Context, isAdmin } from "../context.ts";
import { resolveGroup, resolvePerson } from "../directory/resolve.ts";
import { checkGroupSlug, checkName } from "../directory/validate.ts";
import { forbidden, QuorumError } from "../errors.ts";
import { setDigest } from "../schedule/digest-settings.ts";
import type { Group, Person } from "../types.ts";
import type { CommandSpec } from "./spec.ts";

const subject = (g: Pick<Group, "slug">) => `group:${g.slug}`;
const who = (p: Person) => `${p.name} (@${p.handle})`;

const add: CommandSpec = {
  path: ["group", "add"],
  adminOnly: true,
  summary: "Add a board or group, optionally with its chair (admins)",
  usage: 'group add <slug> "<Name>" [chair:@handle]',
  examples: [
    'group add hwb "Health and Wellbeing Board" chair:@helen',
    'group add csp "Community Safety Partnership"',
  ],
  options: { chair: { value: "@handle" } },
  minArgs: 2,
  async run(ctx, args) {
    const slug = checkGroupSlug(args.words[0] ?? "");
    const name = checkName(args.words.slice(1).join(" "), "group's name");
    const existing = await ctx.repos.groups.bySlug(ctx.partnership.id, slug);
    if (existing)
      throw new QuorumError(
        "conflict",
        `There is already a group "${slug}": ${existing.name}${existing.archivedAt ? " (archived)" : ""}. Choose another slug.`,
      );
    const chair = args.options.chair ? await resolvePerson(ctx, args.options.chair) : null;
    const group = await ctx.repos.groups.create({
      partnershipId: ctx.partnership.id,
      slug,
      name,
      chairId: chair?.id ?? null,
    });
    if (chair) await ctx.repos.groups.addMember(group.id, chair.id);
    await audit(ctx, "group.add", subject(group), { name, chair: chair?.handle ?? null });
    return card(
      `${name} (${slug}) added`,
      [text(`${chair ? `Chair: ${who(chair)}. ` : ""}Add members with group member add ${slug} @handle.`)],
      { tone: "success" },
    );
  },
};

const rename: CommandSpec = {
  path: ["group", "rename"],
  adminOnly: true,
  summary: "Rename a group (admins)",
  usage: 'group rename <slug> "<Name>"',
  examples: ['group rename hwb "Health and Wellbeing Board (Essex)"'],
  minArgs: 2,
  async run(ctx, args) {
    const group = await resolveGroup(ctx, args.words[0] ?? "");
    const name = checkName(args.words.slice(1).join(" "), "group's name");
    await ctx.repos.groups.update(group.id, { name });
    await audit(ctx, "group.rename", subject(group), { from: group.name, to: name });
    return card(`${group.slug} is now ${name}`, [text(`It was ${group.name}.`)], { tone: "success" });
  },
};

const chair: CommandSpec = {
  path: ["group", "chair"],
  adminOnly: true,
  summary: "Make someone a group's chair; they become a member too (admins)",
  usage: "group chair <slug> @handle",
  examples: ["group chair hwb @priya"],
  minArgs: 2,
  async run(ctx, args) {
    const group = await resolveGroup(ctx, args.words[0] ?? "");
    const person = await resolvePerson(ctx, args.words.slice(1).join(" "));
    if (group.chairId === person.id)
      throw new QuorumError("conflict", `${person.name} already chairs ${group.name}.`);
    await ctx.repos.groups.update(group.id, { chairId: person.id });
    await ctx.repos.groups.addMember(group.id, person.id);
    await audit(ctx, "group.chair", subject(group), { from: group.chairId, to: person.handle });
    return card(`${who(person)} now chairs ${group.name}`, [], { tone: "success" });
  },
};

/**
 * Archiving hides a group from lists, calendars and digests but keeps its history. It is refused while
 * the group has open actions: they would drop out of sight with no one chasing them.
 */
const archive: CommandSpec = {
  path: ["group", "archive"],
  adminOnly: true,
  summary: "Archive a group: it leaves lists, calendars and digests, its history stays (admins)",
  usage: "group archive <slug>",
  examples: ["group archive escg"],
  minArgs: 1,
  async run(ctx, args) {
    const group = await resolveGroup(ctx, args.rest);
    const open = await ctx.repos.actions.list(ctx.partnership.id, {
      statuses: ["open"],
      groupId: group.id,
      limit: 100_000,
    });
    if (open.length) {
      throw new QuorumError(
        "conflict",
        `${group.name} still has ${open.length} open action${open.length === 1 ? "" : "s"}. Close or drop them first (actions open group:${group.slug}).`,
      );
    }
    await ctx.repos.groups.update(group.id, { archivedAt: ctx.now });
    const links = (await ctx.repos.channels.list(ctx.partnership.id)).filter(
      (l) => l.groupId === group.id && l.digestEnabled,
    );
    for (const l of links) await setDigest(ctx.repos, ctx.partnership, l, { enabled: false }, ctx.now);
    await audit(ctx, "group.archive", subject(group), { digestsStopped: links.map((l) => l.id) });
    const stopped = links.length
      ? ` Digests stopped in ${links.length} linked channel${links.length === 1 ? "" : "s"}.`
      : "";
    return card(`${group.name} is archived`, [text(`Its meetings no longer show or remind.${stopped}`)], {
      tone: "success",
    });
  },
};

/** A group's chair manages its own members; admins manage any group's. */
function assertMayManageMembers(ctx: Context, group: Group): void {
  if (isAdmin(ctx) || group.chairId === ctx.actor.id) return;
  throw forbidden(`Only ${group.name}'s chair or an admin can change its members.`);
}

const memberChange = (adding: boolean): CommandSpec => ({
  path: ["group", "member", adding ? "add" : "remove"],
  summary: adding
    ? "Add people to a group (its chair or an admin)"
    : "Take people off a group (its chair or an admin)",
  usage: `group member ${adding ? "add" : "remove"} <slug> @handle [@handle...]`,
  examples: [`group member ${adding ? "add" : "remove"} hwb @priya @lucy`],
  minArgs: 2,
  async run(ctx, args) {
    const group = await resolveGroup(ctx, args.words[0] ?? "");
    assertMayManageMembers(ctx, group);
    const people: Person[] = [];
    for (const ref of args.words.slice(1)) {
      const p = await resolvePerson(ctx, ref, { anyStatus: !adding });
      if (!people.some((x) => x.id === p.id)) people.push(p);
    }
    const current = new Set((await ctx.repos.groups.members(group.id)).map((m) => m.id));
    const changed = people.filter((p) => current.has(p.id) !== adding);
    const unchanged = people.filter((p) => current.has(p.id) === adding);
    if (!adding && changed.some((p) => p.id === group.chairId))
      throw new QuorumError(
        "conflict",
        `The chair stays a member; give ${group.name} a new chair first (group chair).`,
      );
    for (const p of changed) {
      if (adding) await ctx.repos.groups.addMember(group.id, p.id);
      else await ctx.repos.groups.removeMember(group.id, p.id);
    }
    if (changed.length)
      await audit(ctx, `group.member.${adding ? "add" : "remove"}`, subject(group), {
        people: changed.map((p) => p.handle),
      });
    const names = (list: Person[]) => list.map((p) => p.name).join(", ");
    const done = adding ? "Added to" : "Taken off";
    const title = changed.length ? `${done} ${group.name}: ${names(changed)}` : `No change to ${group.name}`;
    const note = unchanged.length
      ? [text(`${adding ? "Already members" : "Not members"}: ${names(unchanged)}.`)]
      : [];
    return card(title, note, { tone: changed.length ? "success" : "info" });
  },
});

export const groupCommands: CommandSpec[] = [
  add,
  rename,
  chair,
  archive,
  memberChange(true),
  memberChange(false),
];
