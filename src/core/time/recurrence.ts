// Meeting recurrence: plain phrases to RFC 5545 RRULEs, and occurrences computed in the partnership's zone.
import { createRequire } from "node:module";
import type rruleModule from "rrule";
import { QuorumError } from "../errors.ts";
import { ambiguity, MONTHS, phraseToRule, ruleToPhrase } from "./recurrence-words.ts";
import { instantToWall, type WallTime, wallToInstant } from "./zone.ts";

// rrule ships CommonJS only (~70 ms and ~10 MB to load), required on the first rule read or expanded, so a
// command that meets no series (whoami, actions) never loads it.
type RRuleClass = (typeof rruleModule)["RRule"];
let rruleLoaded: RRuleClass | undefined;
const rrule = () => (rruleLoaded ??= (createRequire(import.meta.url)("rrule") as typeof rruleModule).RRule);

const WEEKDAYS = ["mo", "tu", "we", "th", "fr", "sa", "su"];
const UNIT_FREQ: Record<string, string> = { day: "DAILY", week: "WEEKLY", month: "MONTHLY", year: "YEARLY" };
const NAMED: Record<string, string> = {
  daily: "FREQ=DAILY",
  weekly: "FREQ=WEEKLY",
  fortnightly: "FREQ=WEEKLY;INTERVAL=2",
  monthly: "FREQ=MONTHLY",
  quarterly: "FREQ=MONTHLY;INTERVAL=3",
  "every quarter": "FREQ=MONTHLY;INTERVAL=3",
  "twice a year": "FREQ=MONTHLY;INTERVAL=6",
  "every six months": "FREQ=MONTHLY;INTERVAL=6",
  yearly: "FREQ=YEARLY",
  annually: "FREQ=YEARLY",
};
/** How the plain rules read back; the first name in NAMED for each rule wins except where a board says otherwise. */
const PLAIN_WORDS: Record<string, string> = {
  "FREQ=DAILY": "daily",
  "FREQ=WEEKLY": "weekly",
  "FREQ=WEEKLY;INTERVAL=2": "fortnightly",
  "FREQ=MONTHLY": "monthly",
  "FREQ=MONTHLY;INTERVAL=3": "every quarter",
  "FREQ=MONTHLY;INTERVAL=6": "every six months",
  "FREQ=YEARLY": "annually",
};

export const REPEAT_EXAMPLES = [
  "second Thursday of every month",
  "first Tuesday of March and September",
  "last Wednesday of every quarter",
  "every other Tuesday",
  "every 6 weeks on Monday",
  "annually on 1 April",
  "every quarter",
];
export const REPEAT_HINT = `Try ${REPEAT_EXAMPLES.map((e) => `"${e}"`).join(", ")}, or an RRULE such as FREQ=MONTHLY;BYDAY=2TH.`;

/** Turns a board phrase ("second Thursday of every month", "every quarter") or a raw RRULE into an RRULE. */
export function parseRepeat(input: string): string {
  const phrase = input
    .trim()
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[.!]+$/, "")
    .replace(/\s+/g, " ");
  const unsure = ambiguity(phrase);
  if (unsure) throw new QuorumError("bad_argument", `${unsure} ${REPEAT_HINT}`);
  const rule =
    NAMED[phrase] ??
    NAMED[phrase.replace(/^every /, "")] ??
    phraseToRule(phrase) ??
    structured(phrase) ??
    raw(input);
  if (!rule)
    throw new QuorumError("bad_argument", `I couldn't read "${input.trim()}" as a repeat. ${REPEAT_HINT}`);
  return rule;
}

function structured(phrase: string): string | undefined {
  const interval = phrase.match(/^every (\d+|other) (day|week|month|year)s?$/);
  if (interval?.[1] && interval[2]) {
    const n = interval[1] === "other" ? 2 : Number(interval[1]);
    if (n >= 1 && n <= 60) return `FREQ=${UNIT_FREQ[interval[2]]}${n === 1 ? "" : `;INTERVAL=${n}`}`;
  }
  const unit = phrase.match(/^every (day|week|month|year)$/);
  if (unit?.[1]) return `FREQ=${UNIT_FREQ[unit[1]]}`;
  const words = phrase.replace(/^every /, "").split(/,? and |, | /);
  const months = words.map((w) => MONTHS.findIndex((m) => m === w || m.slice(0, 3) === w));
  if (phrase.startsWith("every ") && words.length && months.every((m) => m >= 0)) {
    return `FREQ=YEARLY;BYMONTH=${[...new Set(months)]
      .sort((a, b) => a - b)
      .map((m) => m + 1)
      .join(",")}`;
  }
  const days = words.map((w) => WEEKDAYS.indexOf(w.slice(0, 2)));
  if (phrase.startsWith("every ") && words.every((w) => /^(mon|tue|wed|thu|fri|sat|sun)/.test(w))) {
    return `FREQ=WEEKLY;BYDAY=${days.map((d) => WEEKDAYS[d]?.toUpperCase()).join(",")}`;
  }
  return undefined;
}

function raw(input: string): string | undefined {
  const body = input.trim().replace(/^RRULE:/i, "");
  if (!/^FREQ=/i.test(body)) return undefined;
  try {
    // parseString leaves freq undefined for an unknown FREQ value instead of throwing.
    if (rrule().parseString(body.toUpperCase()).freq === undefined) return undefined;
    return body.toUpperCase();
  } catch {
    return undefined;
  }
}

/** The rule in board words ("second Thursday of every month"); rrule's own reading for other shapes. */
export function describeRepeat(rule: string): string {
  const until = /;UNTIL=(\d{4})(\d{2})(\d{2})[^;]*/.exec(rule);
  if (until) {
    const last = new Date(Date.UTC(Number(until[1]), Number(until[2]) - 1, Number(until[3]) - 1));
    const day = last.toLocaleDateString("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
    return `${describeRepeat(rule.replace(until[0], ""))}, until ${day}`;
  }
  const words = PLAIN_WORDS[rule] ?? ruleToPhrase(rule) ?? monthsOnly(rule);
  if (words) return words;
  try {
    return rrule().fromString(rule).toText();
  } catch {
    return rule;
  }
}

function monthsOnly(rule: string): string | undefined {
  const m = /^FREQ=YEARLY;BYMONTH=([\d,]+)$/.exec(rule);
  if (!m?.[1]) return undefined;
  const names = m[1].split(",").map((n) => {
    const name = MONTHS[Number(n) - 1] ?? "";
    return name.charAt(0).toUpperCase() + name.slice(1);
  });
  return `every ${names.length < 2 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`}`;
}

// rrule.js has no sound zone support, so occurrences are generated in "floating" wall-clock time (encoded as UTC)
// and each is then placed in the zone: a 10:00 meeting stays at 10:00 local on both sides of a DST change.
const floating = (w: WallTime) => new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute));
const unfloat = (d: Date): WallTime => ({
  year: d.getUTCFullYear(),
  month: d.getUTCMonth() + 1,
  day: d.getUTCDate(),
  hour: d.getUTCHours(),
  minute: d.getUTCMinutes(),
});

export interface SeriesInput {
  startsAt: Date;
  rrule: string | null;
  cancelledDates: string[];
}

/** Start instants of the series within [from, to], cancelled dates removed, in order. */
export function occurrencesBetween(series: SeriesInput, zone: string, from: Date, to: Date): Date[] {
  const startWall = instantToWall(series.startsAt, zone);
  const cancelled = new Set(series.cancelledDates);
  const starts = series.rrule ? expand(series.rrule, startWall, zone, from, to) : [series.startsAt];
  return starts.filter((s) => s >= from && s <= to && !cancelled.has(isoOfWall(instantToWall(s, zone))));
}

function expand(rule: string, startWall: WallTime, zone: string, from: Date, to: Date): Date[] {
  const RRule = rrule();
  const r = new RRule({ ...RRule.parseString(rule), dtstart: floating(startWall) });
  // Widen the floating window by a day each side: zone offsets are under 24 hours.
  const day = 86_400_000;
  const walls = r.between(new Date(from.getTime() - day), new Date(to.getTime() + day), true);
  return walls.map((w) => wallToInstant(unfloat(w), zone));
}

export const isoOfWall = (w: WallTime) =>
  `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;

/** The first occurrence of a rule on or after the given start (the start itself when it fits the rule). */
export function firstOccurrence(rule: string, start: Date, zone: string): Date | undefined {
  const RRule = rrule();
  const r = new RRule({ ...RRule.parseString(rule), dtstart: floating(instantToWall(start, zone)) });
  const first = r.after(floating(instantToWall(start, zone)), true);
  return first ? wallToInstant(unfloat(first), zone) : undefined;
}
