// VTIMEZONE for any IANA zone from luxon's own rules: yearly RRULE observances (as Outlook expects) when
// the zone's clock changes follow a weekday rule, dated observances for a few years otherwise.
import { DateTime } from "luxon";

const HOUR_MS = 3_600_000;

interface Transition {
  /** The instant the offset changes. */
  at: number;
  from: number;
  to: number;
}

const offsetAt = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).offset;

/** The zone's offset changes in one year, found by day and then narrowed to the hour. */
function transitions(zone: string, year: number): Transition[] {
  const found: Transition[] = [];
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  for (let day = start; day < end; day += 24 * HOUR_MS) {
    const before = offsetAt(day, zone);
    if (offsetAt(day + 24 * HOUR_MS, zone) === before) continue;
    let lo = day;
    let hi = day + 24 * HOUR_MS;
    // Zones change on the minute; halve down to it.
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(mid, zone) === before) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, from: before, to: offsetAt(hi, zone) });
  }
  return found;
}

const offsetText = (minutes: number) => {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
};
const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/** The transition's local time on the clock before it (RFC 5545 DTSTART of an observance). */
const localBefore = (t: Transition) => DateTime.fromMillis(t.at + t.from * 60_000, { zone: "UTC" });

/** "Last Sunday of March" style rule: -1 when the day is in the month's last week, else the week number. */
function yearlyRule(t: Transition): string {
  const d = localBefore(t);
  const nth = d.day + 7 > (d.daysInMonth ?? 31) ? -1 : Math.ceil(d.day / 7);
  return `FREQ=YEARLY;BYMONTH=${d.month};BYDAY=${nth}${DAYS[d.weekday - 1]}`;
}

/** The date in `year` a yearly rule from `yearlyRule` gives (so DTSTART is itself an onset, as RFC 5545 wants). */
function ruleDate(t: Transition, year: number): DateTime {
  const d = localBefore(t);
  const nth = d.day + 7 > (d.daysInMonth ?? 31) ? -1 : Math.ceil(d.day / 7);
  const first = d.set({ year, day: 1 });
  const offset = (d.weekday - first.weekday + 7) % 7;
  if (nth > 0) return first.plus({ days: offset + (nth - 1) * 7 });
  const last = first.endOf("month").startOf("day").set({ hour: d.hour, minute: d.minute });
  return last.minus({ days: (last.weekday - d.weekday + 7) % 7 });
}

/** Same rule, same clock time, same offsets: the pattern holds for that year too. */
const sameShape = (a: Transition, b: Transition) =>
  yearlyRule(a) === yearlyRule(b) &&
  localBefore(a).toFormat("HHmm") === localBefore(b).toFormat("HHmm") &&
  a.from === b.from &&
  a.to === b.to;

function observance(t: Transition, zone: string, dtstart: string, extra: string[]): string[] {
  const kind = t.to > t.from ? "DAYLIGHT" : "STANDARD";
  const name = DateTime.fromMillis(t.at, { zone }).setLocale("en-GB").offsetNameShort;
  return [
    `BEGIN:${kind}`,
    `DTSTART:${dtstart}`,
    ...extra,
    `TZOFFSETFROM:${offsetText(t.from)}`,
    `TZOFFSETTO:${offsetText(t.to)}`,
    ...(name ? [`TZNAME:${name}`] : []),
    `END:${kind}`,
  ];
}

// Working out a zone's rules scans a year day by day; a zone's rules for a year do not change while running.
const made = new Map<string, string>();

/** The VTIMEZONE component (CRLF lines) for ical-generator's timezone generator. */
export function vtimezone(zone: string, year = new Date().getUTCFullYear()): string {
  const key = `${zone} ${year}`;
  const known = made.get(key);
  if (known) return known;
  const text = buildVtimezone(zone, year);
  made.set(key, text);
  return text;
}

function buildVtimezone(zone: string, year: number): string {
  const thisYear = transitions(zone, year);
  const nextYear = transitions(zone, year + 1);
  const lines: string[] = ["BEGIN:VTIMEZONE", `TZID:${zone}`];
  if (!thisYear.length && !nextYear.length) {
    const offset = offsetText(offsetAt(Date.UTC(year, 0, 1), zone));
    lines.push(
      "BEGIN:STANDARD",
      "DTSTART:19700101T000000",
      `TZOFFSETFROM:${offset}`,
      `TZOFFSETTO:${offset}`,
      "END:STANDARD",
    );
  } else if (
    thisYear.length === nextYear.length &&
    thisYear.every((t, i) => nextYear[i] && sameShape(t, nextYear[i]))
  ) {
    // One observance per change, repeating yearly from 1970 (UK rules have been these since 1996).
    for (const t of thisYear) {
      const first = ruleDate(t, 1970).toFormat("yyyyMMdd'T'HHmmss");
      lines.push(...observance(t, zone, first, [`RRULE:${yearlyRule(t)}`]));
    }
  } else {
    // Irregular changes: each one dated, for the years around now.
    for (let y = year - 2; y <= year + 5; y++) {
      for (const t of transitions(zone, y)) {
        lines.push(...observance(t, zone, localBefore(t).toFormat("yyyyMMdd'T'HHmmss"), []));
      }
    }
  }
  lines.push("END:VTIMEZONE");
  return lines.join("\r\n");
}
