// When a schedule fires: "mon 09:00", "weekdays 08:30", "daily 07:00", "mon,thu 09:00", in a partnership's
// zone, with an explicit policy for the hours DST removes or repeats.
import { DateTime } from "luxon";
import { QuorumError } from "../errors.ts";

export interface FireSpec {
  /** ISO weekdays 1 (Monday) to 7 (Sunday) on which it fires. */
  days: number[];
  hour: number;
  minute: number;
}

const DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_SETS: Record<string, number[]> = {
  daily: [1, 2, 3, 4, 5, 6, 7],
  "every day": [1, 2, 3, 4, 5, 6, 7],
  weekdays: [1, 2, 3, 4, 5],
  weekends: [6, 7],
};

export const FIRE_SPEC_HINT = 'Try "mon 09:00", "weekdays 08:30", "daily 07:45" or "mon,thu 09:00".';

export function parseFireSpec(input: string): FireSpec {
  const text = input.trim().toLowerCase().replace(/\s+/g, " ");
  const m = /^(.*?)\s*(?:at )?(\d{1,2})[:.](\d{2})$/.exec(text);
  const bad = () =>
    new QuorumError("bad_argument", `I couldn't read "${input.trim()}" as a schedule. ${FIRE_SPEC_HINT}`);
  if (!m) throw bad();
  const [, dayText = "", h = "", mm = ""] = m;
  const hour = Number(h);
  const minute = Number(mm);
  if (hour > 23 || minute > 59) throw bad();
  const days = DAY_SETS[dayText.trim()] ?? dayList(dayText);
  if (!days) throw bad();
  return { days, hour, minute };
}

function dayList(text: string): number[] | undefined {
  const words = text.split(/\s*(?:,|\band\b|\s)\s*/).filter(Boolean);
  if (words.length === 0) return undefined;
  const days = words.map((w) => DAY_NAMES.indexOf(w.replace(/^every /, "").slice(0, 3)) + 1);
  if (days.some((d) => d === 0) || words.some((w) => !/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*$/.test(w)))
    return undefined;
  return [...new Set(days)].sort((a, b) => a - b);
}

/** The canonical text of a spec, stored and shown back to people. */
export function formatFireSpec(spec: FireSpec): string {
  const time = `${String(spec.hour).padStart(2, "0")}:${String(spec.minute).padStart(2, "0")}`;
  const key = spec.days.join(",");
  const named = Object.entries(DAY_SETS).find(([name, d]) => d.join(",") === key && name !== "every day");
  return `${named ? named[0] : spec.days.map((d) => DAY_NAMES[d - 1]).join(",")} ${time}`;
}

/**
 * The first fire instant strictly after `after`. DST policy: on the spring-forward day a time in the
 * missing hour fires once, at the first valid instant after the gap (01:30 → 02:00 BST); on the
 * fall-back day a repeated time fires once, at its first (summer-time) occurrence.
 */
export function nextFire(spec: FireSpec, zone: string, after: Date): Date {
  // Pure in its arguments, and a tick asks it the same question for every schedule of the same spec
  // (a thousand channels on "mon 09:00" share their next fire time and the tick's now): remembered.
  const key = `${spec.days.join(",")} ${spec.hour}:${spec.minute} ${zone} ${after.getTime()}`;
  let at = nextFires.get(key);
  if (at === undefined) {
    at = computeNextFire(spec, zone, after);
    if (nextFires.size >= NEXT_FIRES_HELD) nextFires.clear();
    nextFires.set(key, at);
  }
  return new Date(at);
}

/** Enough for every distinct spec, zone and due time of a tick; emptied whole when full (cheap to refill). */
const NEXT_FIRES_HELD = 4096;
const nextFires = new Map<string, number>();

function computeNextFire(spec: FireSpec, zone: string, after: Date): number {
  let day = DateTime.fromJSDate(after, { zone }).startOf("day");
  for (let i = 0; i < 15; i++, day = day.plus({ days: 1 })) {
    if (!spec.days.includes(day.weekday)) continue;
    const at = wallInstant(day, spec.hour, spec.minute, zone);
    if (at.getTime() > after.getTime()) return at.getTime();
  }
  throw new Error(`no fire time within two weeks for ${formatFireSpec(spec)}`);
}

function wallInstant(day: DateTime, hour: number, minute: number, zone: string): Date {
  const wanted = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute },
    { zone },
  );
  if (wanted.hour === hour && wanted.minute === minute) {
    // A repeated wall time (fall-back): luxon picks the later instant; the policy is the first one.
    const earlier = wanted.minus({ hours: 1 });
    const repeated = earlier.hour === hour && earlier.minute === minute && earlier.day === day.day;
    return (repeated ? earlier : wanted).toJSDate();
  }
  // The wall time fell in a gap: luxon shifted it by the gap's length; step back to where the gap ends.
  let t = wanted.minus({ hours: 1 });
  while (t.hour * 60 + t.minute < hour * 60 + minute || t.day !== day.day) t = t.plus({ minutes: 1 });
  return t.startOf("minute").toJSDate();
}
