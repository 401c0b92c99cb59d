// person add | show | role | move | rename | remove: the partnership's people (changes are admin-only).
import { actionItem } from "../actions/cards.ts";
import { type Block, card, fields, items, text } from "../card.ts";
import { audit, type Context } from "../context.ts";
import {
  addPerson,
  articled,
  changeRole,
  movePerson,
  ownedOpen,
  personSubject,
  removePerson,
} from "../directory/people.ts";
import { resolveOrganisation, resolvePerson } from "../directory/resolve.ts";
import { checkName, checkRole } from "../directory/validate.ts";
import { QuorumError } from "../errors.ts";
import { fRef } from "../questions/cards.ts";
import { localDate } from "../time/zone.ts";
import type { CommandSpec } from "./spec.ts";

const today = (ctx: Context) => localDate(ctx.now, ctx.partnership.timeZone);
const who = (p: { name: string; handle: string }) => `${p.name} (@${p.handle})`;

const add: CommandSpec = {
  path: ["person", "add"],
  adminOnly: true,
  summary: "Add a person to the partnership (admins)",
  usage: 'person add @handle "<Name>" email:<email> org:<CODE> [role:admin|member|observer]',
  examples: [
    'person add @dan "Dan Price" email:dan.price@essex.gov.uk org:ECC',
    'person add @lee "Lee Shah" email:lee.shah@nhs.net org:NHS-MSE role:observer',
  ],
  options: { email: { value: "email" }, org: { value: "CODE" }, role: { value: "admin|member|observer" } },
  minArgs: 2,
  async run(ctx, args) {
    const o = args.options;
    if (!o.email)
      throw new QuorumError("missing_argument", "Add email:<address>: Quorum knows people on chat by email.");
    if (!o.org)
      throw new QuorumError(
        "missing_argument",
        "Add org:<CODE> for their organisation (org list shows the codes).",
      );
    const org = await resolveOrganisation(ctx, o.org);
    const person = await addPerson(ctx, {
      handle: args.words[0] ?? "",
      name: args.words.slice(1).join(" "),
      email: o.email,
      org,
      role: o.role ? checkRole(o.role) : "member",
    });
    return card(
      `${who(person)} added`,
      [
        fields(
          { label: "Organisation", value: `${org.code} (${org.name})` },
          { label: "Email", value: person.email ?? "—" },
          { label: "Role", value: person.role },
        ),
        text("They are matched by email the first time they use Quorum on Slack or Teams."),
      ],
      { tone: "success" },
    );
  },
};

/** Open actions listed on person show; the rest are one command away. */
const SHOWN_ACTIONS = 20;

const show: CommandSpec = {
  path: ["person", "show"],
  openTo: "observer",
  summary: "A person: organisation, role, groups, open actions and chats",
  usage: "person show @handle",
  examples: ["person show @priya"],
  minArgs: 1,
  async run(ctx, args) {
    const p = await resolvePerson(ctx, args.rest, { anyStatus: true });
    const org = p.organisationId ? await ctx.repos.organisations.byId(p.organisationId) : null;
    const groups = await ctx.repos.groups.memberships(p.id);
    const chairs = (await ctx.repos.groups.list(ctx.partnership.id)).filter((g) => g.chairId === p.id);
    const chats = [...new Set((await ctx.repos.people.identities(p.id)).map((i) => i.platform))];
    const open = await ownedOpen(ctx, p);
    const blocks: Block[] = [
      fields(
        { label: "Organisation", value: org ? `${org.code} (${org.name})` : "none" },
        { label: "Email", value: p.email ?? "—" },
        { label: "Role", value: p.role },
        {
          label: "Status",
          value:
            p.status === "active" ? "active" : p.status === "pending" ? "waiting for approval" : "removed",
        },
        { label: "Groups", value: groups.map((g) => g.slug).join(", ") || "none" },
        { label: "Chairs", value: chairs.map((g) => g.slug).join(", ") || "none" },
        { label: "Chat", value: chats.join(", ") || "not on Quorum chat yet" },
      ),
      items(
        open.slice(0, SHOWN_ACTIONS).map((a) => actionItem(a, today(ctx))),
        `Open actions: ${open.length}`,
        "None.",
      ),
      // A cut list says how to see the rest.
      ...(open.length > SHOWN_ACTIONS
        ? [text(`${open.length - SHOWN_ACTIONS} more: actions open owner:@${p.handle}`)]
        : []),
    ];
    return card(who(p), blocks);
  },
};

const role: CommandSpec = {
  path: ["person", "role"],
  adminOnly: true,
  summary: "Make someone an admin, a member or an observer (reads and asks only) (admins)",
  usage: "person role @handle admin|member|observer",
  examples: ["person role @sam admin", "person role @lee observer"],
  minArgs: 2,
  async run(ctx, args) {
    const p = await resolvePerson(ctx, args.words[0] ?? "");
    const next = checkRole(args.words.slice(1).join(" "));
    await changeRole(ctx, p, next);
    return card(`${who(p)} is now ${articled(next)}`, [], { tone: "success" });
  },
};

const move: CommandSpec = {
  path: ["person", "move"],
  adminOnly: true,
  summary: "Move someone to another organisation, with the open actions they hold for it (admins)",
  usage: "person move @handle <CODE>",
  examples: ["person move @sam NHS-MSE"],
  minArgs: 2,
  async run(ctx, args) {
    const p = await resolvePerson(ctx, args.words[0] ?? "");
    const org = await resolveOrganisation(ctx, args.words.slice(1).join(" "));
    const moved = await movePerson(ctx, p, org);
    return card(
      `${who(p)} is now at ${org.code} (${org.name})`,
      moved ? [text(`${moved} open action${moved === 1 ? "" : "s"} moved with them.`)] : [],
      { tone: "success" },
    );
  },
};

const rename: CommandSpec = {
  path: ["person", "rename"],
  adminOnly: true,
  summary: "Change someone's name as Quorum shows it (admins)",
  usage: 'person rename @handle "<Name>"',
  examples: ['person rename @priya "Prof Priya Nair"'],
  minArgs: 2,
  async run(ctx, args) {
    const p = await resolvePerson(ctx, args.words[0] ?? "");
    const name = checkName(args.words.slice(1).join(" "), "person's name");
    await ctx.repos.people.update(p.id, { name });
    await audit(ctx, "person.rename", personSubject(p), { from: p.name, to: name });
    return card(`@${p.handle} is now ${name}`, [text(`Was ${p.name}.`)], { tone: "success" });
  },
};

const remove: CommandSpec = {
  path: ["person", "remove"],
  adminOnly: true,
  summary: "Remove someone: they can no longer use Quorum, their history stays (admins)",
  usage: "person remove @handle",
  examples: ["person remove @rob"],
  minArgs: 1,
  async run(ctx, args) {
    const p = await resolvePerson(ctx, args.rest, { anyStatus: true });
    const r = await removePerson(ctx, p);
    const lines = [
      r.leftGroups.length ? `Left ${r.leftGroups.map((g) => g.slug).join(", ")}.` : "",
      r.chairOf.length
        ? `${r.chairOf.map((g) => g.slug).join(", ")} now ha${r.chairOf.length === 1 ? "s" : "ve"} no chair: group chair <slug> @handle.`
        : "",
      r.topics.length
        ? `The default contact now answers for ${r.topics.join(", ")}: topic add <slug> "<name>" contact:@handle.`
        : "",
      r.wasDefault ? "They were the default contact: topic default @handle names someone else." : "",
      r.faqEntries.length
        ? `Their FAQ entries (${r.faqEntries.map(fRef).join(", ")}) are now kept by each topic's contact: faq owner F-<n> @handle hands one on.`
        : "",
    ].filter(Boolean);
    return card(
      `${who(p)} is removed`,
      [
        ...lines.map(text),
        items(
          r.openActions.map((a) => ({
            ...actionItem(a, today(ctx)),
            buttons: [],
          })),
          `Open actions to reassign: ${r.openActions.length} (action assign A-<n> @handle)`,
          "They own no open actions.",
        ),
      ],
      { tone: "success" },
    );
  },
};

export const personCommands: CommandSpec[] = [add, show, role, move, rename, remove];
