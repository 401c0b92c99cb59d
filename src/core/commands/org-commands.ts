// org add | rename | domains | remove: the partner organisations (admin-only; org list is in directory-commands).
import { card, fields, text } from "../card.ts";
import { audit, type Context } from "../context.ts";
import { resolveOrganisation } from "../directory/resolve.ts";
import { checkDomains, checkName, checkOrgCode } from "../directory/validate.ts";
import { QuorumError } from "../errors.ts";
import type { Organisation } from "../types.ts";
import type { CommandSpec } from "./spec.ts";

const subject = (code: string) => `org:${code}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Another organisation already lists one of these domains: a new user could not be placed. */
async function assertDomainsFree(ctx: Context, domains: string[], self: number | null): Promise<void> {
  for (const d of domains) {
    const owner = await ctx.repos.organisations.byDomain(ctx.partnership.id, d);
    if (owner && owner.id !== self)
      throw new QuorumError("conflict", `${d} already belongs to ${owner.code} (${owner.name}).`);
  }
}

const add: CommandSpec = {
  path: ["org", "add"],
  adminOnly: true,
  summary: "Add a partner organisation, with the email domains of its staff (admins)",
  usage: 'org add <CODE> "<Name>" [domains:a.gov.uk,b.nhs.uk]',
  examples: [
    'org add ECC "Essex County Council" domains:essex.gov.uk',
    'org add VCS "Voluntary sector alliance"',
  ],
  options: { domains: { value: "a.gov.uk,b.nhs.uk", multiword: true } },
  minArgs: 2,
  async run(ctx, args) {
    const code = checkOrgCode(args.words[0] ?? "");
    const name = checkName(args.words.slice(1).join(" "), "organisation's name");
    const domains = args.options.domains ? checkDomains(args.options.domains) : [];
    const existing = await ctx.repos.organisations.byCode(ctx.partnership.id, code);
    if (existing && !existing.removedAt)
      throw new QuorumError(
        "conflict",
        `${code} already exists: ${existing.name}. Use org rename to change its name.`,
      );
    await assertDomainsFree(ctx, domains, existing?.id ?? null);
    // A removed organisation's code stays with its history; adding it again brings it back.
    if (existing) await ctx.repos.organisations.update(existing.id, { name, domains, removedAt: null });
    else await ctx.repos.organisations.create({ partnershipId: ctx.partnership.id, code, name, domains });
    await audit(ctx, existing ? "org.restore" : "org.add", subject(code), { name, domains });
    return card(
      `${code} ${existing ? "is back" : "added"}: ${name}`,
      [fields({ label: "Email domains", value: domains.join(", ") || "none yet (org domains sets them)" })],
      { tone: "success" },
    );
  },
};

const rename: CommandSpec = {
  path: ["org", "rename"],
  adminOnly: true,
  summary: "Rename an organisation (admins)",
  usage: 'org rename <CODE> "<Name>"',
  examples: ['org rename NHS-MSE "NHS Mid and South Essex ICB"'],
  minArgs: 2,
  async run(ctx, args) {
    const org = await resolveOrganisation(ctx, args.words[0] ?? "");
    const name = checkName(args.words.slice(1).join(" "), "organisation's name");
    await ctx.repos.organisations.update(org.id, { name });
    await audit(ctx, "org.rename", subject(org.code), { from: org.name, to: name });
    return card(`${org.code} is now ${name}`, [text(`It was ${org.name}.`)], { tone: "success" });
  },
};

const domains: CommandSpec = {
  path: ["org", "domains"],
  adminOnly: true,
  summary: "Set the email domains of an organisation's staff (admins); none clears them",
  usage: "org domains <CODE> a.gov.uk,b.nhs.uk|none",
  examples: ["org domains ECC essex.gov.uk,essexcc.gov.uk", "org domains VCS none"],
  minArgs: 2,
  async run(ctx, args) {
    const org = await resolveOrganisation(ctx, args.words[0] ?? "");
    const raw = args.words.slice(1).join(" ");
    const list = raw.trim().toLowerCase() === "none" ? [] : checkDomains(raw);
    await assertDomainsFree(ctx, list, org.id);
    await ctx.repos.organisations.update(org.id, { domains: list });
    await audit(ctx, "org.domains", subject(org.code), { from: org.domains, to: list });
    return card(`${org.code}'s email domains: ${list.join(", ") || "none"}`, [], { tone: "success" });
  },
};

const remove: CommandSpec = {
  path: ["org", "remove"],
  adminOnly: true,
  summary: "Remove an organisation; --reassign-to moves its people and open actions first (admins)",
  usage: "org remove <CODE> [--reassign-to <CODE>]",
  examples: ["org remove CDC", "org remove CDC --reassign-to ECC"],
  minArgs: 1,
  async run(ctx, args) {
    const [code, rawFlag, targetCode, ...extra] = args.words;
    // Chat apps turn "--" into a dash as people type: accept what they meant.
    const flag = rawFlag?.toLowerCase().replace(/^[\u2013\u2014]/, "--");
    if ((flag && flag !== "--reassign-to") || (flag && !targetCode) || extra.length)
      throw new QuorumError("bad_argument", "After the code, only --reassign-to <CODE> may follow.");
    const org = await resolveOrganisation(ctx, code ?? "");
    const target = targetCode ? await resolveOrganisation(ctx, targetCode) : null;
    if (target?.id === org.id)
      throw new QuorumError("bad_argument", `Reassign ${org.code} to a different organisation.`);
    const { people, actions } = await holdings(ctx, org);
    if (!target && (people || actions)) {
      throw new QuorumError(
        "conflict",
        `${org.code} still has ${[
          people && plural(people, "person", "people"),
          actions && plural(actions, "open action"),
        ]
          .filter(Boolean)
          .join(" and ")}. Move them with org remove ${org.code} --reassign-to <CODE>.`,
      );
    }
    const moved = target
      ? {
          people: await ctx.repos.people.moveOrganisation(org.id, target.id),
          actions: await ctx.repos.actions.moveOrganisation(ctx.partnership.id, org.id, target.id),
        }
      : { people: 0, actions: 0 };
    await ctx.repos.organisations.update(org.id, { removedAt: ctx.now, domains: [] });
    await audit(ctx, "org.remove", subject(org.code), { reassignedTo: target?.code ?? null, ...moved });
    const note = target
      ? `${plural(moved.people, "person", "people")} and ${plural(moved.actions, "open action")} moved to ${target.code}. `
      : "";
    return card(
      `${org.code} (${org.name}) is removed`,
      [text(`${note}Closed actions and former staff keep ${org.code} in their history.`)],
      { tone: "success" },
    );
  },
};

/** Active or pending people, and open actions, that still belong to the organisation. */
async function holdings(ctx: Context, org: Organisation) {
  const everyone = await ctx.repos.people.list(ctx.partnership.id);
  const people = everyone.filter((p) => p.organisationId === org.id && p.status !== "inactive").length;
  const open = await ctx.repos.actions.list(ctx.partnership.id, {
    statuses: ["open"],
    organisationId: org.id,
  });
  return { people, actions: open.length };
}

export const orgCommands: CommandSpec[] = [add, rename, domains, remove];
