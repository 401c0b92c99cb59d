// quorum calendar: write a group's meetings as an .ics, or import a calendar file's series into a group.
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { neutraliseControls } from "../core/clean-input.ts";
import { contextFor } from "../core/context.ts";
import { QuorumError } from "../core/errors.ts";
import { calendarFeed } from "../core/meetings/calendar.ts";
import { assertMaySubscribe, feedForGroup } from "../core/meetings/calendar-links.ts";
import { importSeries } from "../core/meetings/import.ts";
import type { Repos } from "../core/ports.ts";
import { describeRepeat } from "../core/time/recurrence.ts";
import { formatInstant } from "../core/time/zone.ts";
import { type CliCommand, type CliEnv, CliError, cliArgs, withApp } from "./command.ts";
import { openSession, type Session } from "./session.ts";

export const CALENDAR_SYNTAX = "calendar <group> --out <file.ics>";
export const CALENDAR_IMPORT_SYNTAX = "calendar import <group> <file.ics>";
/** Outlook exports of a year of meetings are well under this; anything bigger is not a calendar export. */
const MAX_ICS_BYTES = 5 * 1024 * 1024;

/** The session's person, in the partnership, as the core's commands see them. */
async function asPerson(repos: Repos, session: Session, now: Date) {
  const actor = await repos.people.byHandle(session.partnership.id, session.user);
  if (!actor)
    throw new QuorumError(
      "not_linked",
      `No one has the handle "${session.user}" in ${session.partnership.name}; pass --as <handle>.`,
    );
  return contextFor(repos, session.partnership, actor, now, {
    platform: "shell",
    tenant: session.tenant,
    conversation: { id: "cli", kind: "direct" },
  });
}

async function groupBySlug(repos: Repos, session: Session, slug: string) {
  const group = await repos.groups.bySlug(session.partnership.id, slug.toLowerCase());
  if (!group || group.archivedAt)
    throw new CliError(`${session.partnership.name} has no group "${neutraliseControls(slug)}".`);
  return group;
}

function exportCalendar(args: string[], env: CliEnv): Promise<number> {
  const { positionals, str, as } = cliArgs(args, { out: { type: "string" } });
  const [slug] = positionals;
  const out = str("out");
  if (positionals.length !== 1 || !slug || !out) throw new CliError(`Usage: quorum ${CALENDAR_SYNTAX}`, 2);
  return withApp(env, async (app) => {
    const session = await openSession(app, env, { partnership: str("partnership"), as });
    const now = app.clock.now();
    const source = await app.store.transaction(async (repos) => {
      const ctx = await asPerson(repos, session, now);
      // The same rule as meeting subscribe: anyone active in the partnership.
      assertMaySubscribe(ctx.actor);
      const group = await groupBySlug(repos, session, slug);
      return feedForGroup(repos, session.partnership.id, group.id);
    });
    if (!source) throw new CliError(`No group "${slug}".`);
    const feed = calendarFeed(source.partnership, source.group, source.meetings, now);
    // ical-generator and ical.js load for the calendar commands only, not at every start of the CLI.
    const { feedToIcs } = await import("../documents/calendar-ics.ts");
    try {
      await writeFile(out, feedToIcs(feed, now));
    } catch (err) {
      throw new CliError(`Cannot write ${out}: ${(err as Error).message}`);
    }
    env.io.stdout.write(
      `${source.group.name}: ${feed.series.length} meeting series and ${feed.papers.length} papers deadlines written to ${out}.\n`,
    );
    return 0;
  });
}

async function readIcs(path: string): Promise<string> {
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_ICS_BYTES)
      throw new CliError(`${basename(path)} is ${bytes.length} bytes; a calendar export is under 5 MB.`);
    return bytes.toString("utf8");
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`Cannot read ${path}: ${(err as Error).message}`);
  }
}

function importCalendar(args: string[], env: CliEnv): Promise<number> {
  const { positionals, str, as } = cliArgs(args, {});
  const [slug, path] = positionals;
  if (positionals.length !== 2 || !slug || !path)
    throw new CliError(`Usage: quorum ${CALENDAR_IMPORT_SYNTAX}`, 2);
  return withApp(env, async (app) => {
    const source = await readIcs(path);
    const session = await openSession(app, env, { partnership: str("partnership"), as });
    const zone = session.partnership.timeZone;
    const { parseIcs } = await import("../documents/ics-import.ts");
    const parsed = parseIcs(source, zone);
    // One transaction: a refusal (rights, a bad rule) leaves no meeting behind.
    const made = await app.store.transaction(async (repos) => {
      const ctx = await asPerson(repos, session, app.clock.now());
      return importSeries(ctx, await groupBySlug(repos, session, slug), parsed.series);
    });
    for (const m of made) {
      const repeats = m.rrule ? `, repeating ${describeRepeat(m.rrule)}` : "";
      const extra = [
        m.cancelledDates.length ? `${m.cancelledDates.length} cancelled` : "",
        Object.keys(m.moves).length ? `${Object.keys(m.moves).length} moved` : "",
      ].filter(Boolean);
      env.io.stdout.write(
        `M-${m.id} ${neutraliseControls(m.title)}: ${formatInstant(m.startsAt, zone)}${repeats}${extra.length ? ` (${extra.join(", ")})` : ""}\n`,
      );
    }
    const skipped = parsed.skippedAllDay
      ? ` ${parsed.skippedAllDay} all-day event${parsed.skippedAllDay === 1 ? "" : "s"} left out.`
      : "";
    env.io.stdout.write(
      `Imported ${made.length} meeting series from ${basename(path)} into ${slug}.${skipped}\n`,
    );
    return 0;
  });
}

export const calendarCommand: CliCommand = {
  name: "calendar",
  usage: [
    [CALENDAR_SYNTAX, "write a group's meetings as an iCalendar file (as its subscription link serves it)"],
    [CALENDAR_IMPORT_SYNTAX, "create meeting series from an .ics (an Outlook export; chair or admin)"],
  ],
  run(args, env) {
    return args[0] === "import" ? importCalendar(args.slice(1), env) : exportCalendar(args, env);
  },
};
