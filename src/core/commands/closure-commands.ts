// The partnership's own closure days (a Christmas shutdown): papers deadlines and working-day counts skip
// them like bank holidays, and meetings on them are flagged.
import { card, text } from "../card.ts";
import { audit } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { parseDate } from "../time/parse-date.ts";
import { addDays, formatDate, localDate } from "../time/zone.ts";
import type { CommandSpec } from "./spec.ts";

const MAX_RANGE_DAYS = 62;

/** "24/12/2026..1/1/2027" or one date → every date in the range. */
function datesOf(input: string, zone: string, now: Date): string[] {
  const [first, last = first] = input.split("..").map((s) => s.trim());
  if (!first)
    throw new QuorumError(
      "missing_argument",
      "Which date? e.g. partnership closure add 24/12/2026..1/1/2027",
    );
  const from = parseDate(first, zone, now).date;
  const to = parseDate(last ?? first, zone, now).date;
  if (to < from)
    throw new QuorumError(
      "bad_argument",
      `The range ends (${formatDate(to)}) before it starts (${formatDate(from)}).`,
    );
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    out.push(d);
    if (out.length > MAX_RANGE_DAYS)
      throw new QuorumError("bad_argument", `A closure is at most ${MAX_RANGE_DAYS} days.`);
  }
  return out;
}

const add: CommandSpec = {
  path: ["partnership", "closure", "add"],
  adminOnly: true,
  summary: "Add closure days (e.g. the Christmas shutdown) that papers deadlines skip (admins)",
  usage: "partnership closure add <date>[..<date>]",
  examples: ["partnership closure add 24/12/2026..1/1/2027", "partnership closure add 2027-08-27"],
  minArgs: 1,
  async run(ctx, args) {
    const zone = ctx.partnership.timeZone;
    const days = datesOf(args.rest, zone, ctx.now);
    const all = [...new Set([...(ctx.partnership.closureDays ?? []), ...days])].sort();
    await ctx.repos.partnerships.setClosureDays(ctx.partnership.id, all);
    await audit(ctx, "partnership.closure.add", ctx.partnership.slug, { days });
    const span =
      days.length === 1
        ? formatDate(days[0] ?? "")
        : `${formatDate(days[0] ?? "")} to ${formatDate(days.at(-1) ?? "")}`;
    return card(
      `Closed ${span}`,
      [text(`${days.length} day${days.length === 1 ? "" : "s"} added. Papers deadlines now skip them.`)],
      {
        tone: "success",
      },
    );
  },
};

const remove: CommandSpec = {
  path: ["partnership", "closure", "remove"],
  adminOnly: true,
  summary: "Remove closure days (admins)",
  usage: "partnership closure remove <date>[..<date>]",
  examples: ["partnership closure remove 2027-08-27"],
  minArgs: 1,
  async run(ctx, args) {
    const days = new Set(datesOf(args.rest, ctx.partnership.timeZone, ctx.now));
    const before = ctx.partnership.closureDays ?? [];
    const left = before.filter((d) => !days.has(d));
    if (left.length === before.length)
      throw new QuorumError("not_found", "None of those days is a closure day.");
    await ctx.repos.partnerships.setClosureDays(ctx.partnership.id, left);
    await audit(ctx, "partnership.closure.remove", ctx.partnership.slug, { days: [...days] });
    return card(
      `${before.length - left.length} closure day${before.length - left.length === 1 ? "" : "s"} removed`,
      [],
      { tone: "success" },
    );
  },
};

const list: CommandSpec = {
  path: ["partnership", "closure", "list"],
  openTo: "observer",
  aliases: [["partnership", "closures"]],
  summary: "The partnership's closure days ahead",
  usage: "partnership closure list",
  examples: ["partnership closure list"],
  async run(ctx) {
    const today = localDate(ctx.now, ctx.partnership.timeZone);
    const ahead = (ctx.partnership.closureDays ?? []).filter((d) => d >= today);
    return card(`Closure days ahead: ${ahead.length}`, [
      text(ahead.length ? ahead.map((d) => formatDate(d)).join(", ") : "None; bank holidays apply as usual."),
    ]);
  },
};

export const closureCommands: CommandSpec[] = [add, remove, list];
