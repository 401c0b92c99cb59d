// Reading "M-<n> [date] ..." for the commands about one meeting occurrence (agenda, apologies, decisions,
// papers link, meeting show): which occurrence, and the free text after its date.
import type { Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { chooseOccurrence, occurrenceOn } from "../meetings/arising.ts";
import { closuresOf, LOOKAHEAD_DAYS, type Occurrence, upcoming } from "../meetings/service.ts";
import { parseDate } from "../time/parse-date.ts";
import type { Group, Meeting } from "../types.ts";
import { meetingAndGroup } from "./meeting-commands.ts";
import type { Args } from "./spec.ts";
import { tokenize } from "./tokenize.ts";

/** A date typed in figures (14/1/2027, 2027-01-14, 14.1.27): unquoted, it is read as the date. */
const FIGURE_DATE = /^\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{1,4})?$/;

/**
 * Splits the words after M-<n> into the date and the text. Quoted text is the text and the plain words
 * before it the date (`"next wed" "Winter plan"` or `next wed "Winter plan"`); without quotes, a leading
 * date in figures is the date and the rest the text.
 */
export function dateAndText(args: Args): { dateText: string | null; text: string } {
  const rest = args.words.slice(1);
  const quoted = tokenize(args.text).filter((t) => t.quoted);
  const first = quoted[0] ? rest.indexOf(quoted[0].text) : -1;
  if (first >= 0) {
    return { dateText: rest.slice(0, first).join(" ") || null, text: rest.slice(first).join(" ") };
  }
  if (rest[0] && FIGURE_DATE.test(rest[0])) return { dateText: rest[0], text: rest.slice(1).join(" ") };
  return { dateText: null, text: rest.join(" ") };
}

/**
 * "M-<n> [date] <number>": the 1-based number of an item as its list shows it (agenda remove, decision
 * remove), and the date words before it. `example` is the usage shown when the number is not one.
 */
export function dateAndNumber(
  args: Args,
  what: string,
  example: string,
): { dateText: string | null; number: number } {
  const last = args.words.at(-1) ?? "";
  const number = Number(last.replace(/^#/, ""));
  if (!Number.isInteger(number) || number < 1)
    throw new QuorumError("bad_argument", `End with the ${what}'s number as ${example}, not "${last}".`);
  return { dateText: args.words.slice(1, -1).join(" ") || null, number };
}

/**
 * The occurrence a person means: on the date given (its current date, or the date the repeat gave a
 * moved one), else the next one ("next", for agendas and apologies) or the latest held ("held", for
 * decisions). A date it does not meet on gets the nearest dates it does.
 */
export function occurrenceFor(
  ctx: Context,
  meeting: Meeting,
  dateText: string | null,
  prefer: "next" | "held",
): Occurrence {
  if (dateText?.trim()) {
    const zone = ctx.partnership.timeZone;
    const date = parseDate(dateText, zone, ctx.now).date;
    const found =
      occurrenceOn(meeting, zone, date, closuresOf(ctx)) ??
      upcoming([meeting], zone, ctx.now, LOOKAHEAD_DAYS, 2000, closuresOf(ctx)).find(
        (o) => o.ruleDate === date,
      );
    if (found) return found;
  }
  return chooseOccurrence(ctx, meeting, dateText, prefer);
}

export async function meetingOccurrence(
  ctx: Context,
  args: Args,
  dateText: string | null,
  prefer: "next" | "held",
  access: "read" | "write" = "write",
): Promise<{ meeting: Meeting; group: Group; occurrence: Occurrence }> {
  const { meeting, group } = await meetingAndGroup(ctx, args.words[0] ?? "");
  // An archived group's record is closed: it can be read, never added to.
  if (access === "write" && group.archivedAt)
    throw new QuorumError(
      "conflict",
      `${group.name} is archived: its meetings' records can no longer change.`,
    );
  return { meeting, group, occurrence: occurrenceFor(ctx, meeting, dateText, prefer) };
}
