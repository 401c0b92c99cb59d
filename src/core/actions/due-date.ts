// An action's due date as people write it ("friday", "end of next week", "before the next HWB"), with what
// the reply should say about it: how a phrase was read, a weekend or bank holiday, a date in the past.
import { type Button, type Card, card, text } from "../card.ts";
import type { Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { closuresOf, upcoming } from "../meetings/service.ts";
import { bankHolidayOn } from "../time/bank-holidays.ts";
import { parseDate } from "../time/parse-date.ts";
import { formatDate, formatInstant, localDate } from "../time/zone.ts";
import type { Group } from "../types.ts";

export interface DueDate {
  /** Local date YYYY-MM-DD, or null to clear it. */
  date: string | null;
  /** Lines for the reply: how the date was read, and whether it is a working day. */
  notes: string[];
}

/** "before the next board", "by the next HWB", "ahead of the next Safer Essex meeting". */
const NEXT_MEETING = /^(?:before|by|ahead\s+of|for)\s+(?:the\s+)?next\s+(.+?)(?:\s+meeting)?$/i;
/** Words that mean "the action's own group". */
const OWN_GROUP = /^(board|meeting|one|group)$/i;
const MINOR_WORDS = new Set(["and", "of", "the", "for", "&"]);

export async function readDueDate(ctx: Context, input: string, group: Group | null): Promise<DueDate> {
  const textIn = input.trim();
  if (/^(none|clear|-)$/i.test(textIn)) return { date: null, notes: [] };
  const meeting = NEXT_MEETING.exec(textIn);
  if (meeting?.[1]) return papersDeadline(ctx, meeting[1].trim(), group);
  const zone = ctx.partnership.timeZone;
  const parsed = parseDate(textIn, zone, ctx.now);
  const year = Number(localDate(ctx.now, zone).slice(0, 4));
  const read = parsed.reading ? [`Due ${formatDate(parsed.date, year)}: ${parsed.reading}.`] : [];
  return { date: parsed.date, notes: [...read, ...workingDayNotes(parsed.date, year)] };
}

/** The papers deadline of the group's next meeting whose deadline is still ahead. */
async function papersDeadline(ctx: Context, target: string, own: Group | null): Promise<DueDate> {
  const group = OWN_GROUP.test(target) ? own : await groupNamed(ctx, target);
  if (!group) {
    const slugs = (await ctx.repos.groups.list(ctx.partnership.id)).map((g) => g.slug).join(", ");
    throw new QuorumError(
      "bad_date",
      `Which ${target}? Add group:slug to the action, or name it, e.g. "before the next hwb". Groups: ${slugs || "none yet"}.`,
    );
  }
  const zone = ctx.partnership.timeZone;
  const today = localDate(ctx.now, zone);
  const meetings = await ctx.repos.meetings.list(ctx.partnership.id, group.id);
  const next = upcoming(meetings, zone, ctx.now, 3 * 366, 500, closuresOf(ctx)).find(
    (o) => o.papersDue >= today,
  );
  if (!next) {
    throw new QuorumError(
      "bad_date",
      `${group.name} has no meeting ahead with its papers deadline still to come, so there is no date to use. Give a date instead, e.g. due:friday.`,
    );
  }
  const year = Number(today.slice(0, 4));
  const read = `Due ${formatDate(next.papersDue, year)}: the papers deadline for ${next.meeting.title} on ${formatInstant(next.startsAt, zone)}.`;
  return { date: next.papersDue, notes: [read, ...workingDayNotes(next.papersDue, year)] };
}

/** A group by slug, by a unique part of its name ("safer essex"), or by its initials ("HWB"). */
async function groupNamed(ctx: Context, name: string): Promise<Group | null> {
  const wanted = name.toLowerCase().replace(/\s+/g, " ");
  const groups = await ctx.repos.groups.list(ctx.partnership.id);
  const initials = (g: Group) =>
    g.name
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w && !MINOR_WORDS.has(w))
      .map((w) => w[0])
      .join("");
  const tries: ((g: Group) => boolean)[] = [
    (g) => g.slug === wanted.replace(/ /g, "-"),
    (g) => g.name.toLowerCase() === wanted,
    (g) => g.name.toLowerCase().includes(wanted),
    (g) => initials(g) === wanted.replace(/[\s.]/g, ""),
  ];
  for (const fits of tries) {
    const found = groups.filter(fits);
    if (found.length === 1) return found[0] ?? null;
  }
  const slugs = groups.map((g) => g.slug).join(", ");
  throw new QuorumError(
    "not_found",
    `There is no single group called "${name}". Groups: ${slugs || "none yet"}.`,
  );
}

/** Accepted, but said: a weekend or bank holiday is rarely the day anyone means. */
export function workingDayNotes(date: string, referenceYear: number): string[] {
  const shown = formatDate(date, referenceYear);
  const holiday = bankHolidayOn(date);
  if (holiday) return [`${shown} is a bank holiday: ${holiday.name}.`];
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return [`${shown} is a ${weekday === 0 ? "Sunday" : "Saturday"}.`];
  return [];
}

/** Appends the due-date notes to a reply card. */
export const withDueNotes = (reply: Card, due: DueDate | null): Card =>
  due?.notes.length ? { ...reply, blocks: [...reply.blocks, ...due.notes.map(text)] } : reply;

/**
 * Text for a command line, read back as exactly this one word: quoted (with its quote marks escaped) when
 * it has spaces or quotes, or could be read as an option (owner:x) or a flag (--past).
 */
export function commandArg(value: string): string {
  if (value && !/[\s"“”‘’\\:]/.test(value) && !value.startsWith("--")) return value;
  return `"${value.replace(/["“”‘’\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * A due date in the past is usually a slip: nothing is saved, and the reply asks. The button runs the
 * same command with the date written out and --past, which is also what a shell user types.
 */
export function confirmPastDue(ctx: Context, date: string, command: string): Card {
  const year = Number(localDate(ctx.now, ctx.partnership.timeZone).slice(0, 4));
  const shown = formatDate(date, year);
  const yes: Button = { label: `Yes, due ${shown}`, command: `${command} --past`, style: "primary" };
  return card(
    `${shown} is in the past: nothing saved yet`,
    [
      text(
        `Is that the date you meant? Press "${yes.label}" to keep it, or send the command again with a later date. In the shell, add --past to the command.`,
      ),
      { kind: "buttons", buttons: [yes] },
    ],
    { tone: "warning" },
  );
}
