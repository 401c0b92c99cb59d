// Answers a question about Quorum's own records by running the read-only command it stands for.
import { type Card, text } from "../card.ts";
import { parseLine } from "../commands/parse.ts";
import type { CommandSpec } from "../commands/spec.ts";
import type { Context } from "../context.ts";
import { refusal } from "../directory/permissions.ts";
import { QuorumError } from "../errors.ts";
import { type Directory, recordsLine } from "./intent.ts";
import { initials } from "./names.ts";

async function directoryOf(ctx: Context): Promise<Directory> {
  const pid = ctx.partnership.id;
  const [groups, orgs, people] = await Promise.all([
    ctx.repos.groups.list(pid),
    ctx.repos.organisations.list(pid),
    ctx.repos.people.list(pid),
  ]);
  return {
    groups: groups
      .filter((g) => !g.archivedAt)
      .map((g) => ({ key: g.slug, name: g.name, exact: [g.slug, initials(g.name)] })),
    orgs: orgs
      .filter((o) => !o.removedAt)
      .map((o) => ({ key: o.code, name: o.name, exact: [o.code, initials(o.name)] })),
    people: people
      .filter((p) => p.status === "active")
      .map((p) => ({ key: p.handle, name: p.name, exact: [`@${p.handle}`, p.handle] })),
    me: ctx.actor.handle,
  };
}

/**
 * Runs the read-only command a records question stands for, as the asker (their permissions apply),
 * with a line saying which command it was so they can type it next time. Null if it cannot answer.
 */
async function runRecords(ctx: Context, specs: CommandSpec[], line: string): Promise<Card | null> {
  const { spec, args } = parseLine(specs, line);
  if (!spec.openTo || refusal(spec, ctx.actor)) return null;
  try {
    const found = await spec.run(ctx, args);
    return { ...found, blocks: [...found.blocks, text(`From Quorum's records: ${line}`)] };
  } catch (err) {
    if (err instanceof QuorumError) return null;
    throw err;
  }
}

/** The records' answer to this text, or null when it is not a records question (or they cannot answer). */
export async function answerFromRecords(
  ctx: Context,
  specs: CommandSpec[],
  asked: string,
): Promise<Card | null> {
  const line = recordsLine(asked, await directoryOf(ctx));
  return line ? runRecords(ctx, specs, line) : null;
}
