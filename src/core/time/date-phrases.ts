// The phrases people use for deadlines that chrono does not read: "end of next week", "mid-January",
// "in a fortnight", "before Christmas". "End of" a period means its last working day.
import { DateTime } from "luxon";
import { MONTHS } from "./recurrence-words.ts";
import { isWorkingDay } from "./working-days.ts";
import { formatDate } from "./zone.ts";

export interface PhraseDate {
  /** Local date YYYY-MM-DD. */
  date: string;
  /** How the phrase was read, for the reply: "the last working day of next week". */
  reading: string;
}

const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const YEAR = "(?:\\s+(\\d{4}))?";
const COUNT: Record<string, number> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  "1": 1,
  "2": 2,
  "3": 3,
  "4": 4,
};

const monthIndex = (word: string) => MONTHS.findIndex((m) => m.startsWith(word.slice(0, 3))) + 1;
const day = (d: DateTime) => d.toISODate() ?? "";
const monthName = (d: DateTime) => d.toFormat("LLLL yyyy");

function isWorking(d: DateTime): boolean {
  return isWorkingDay(day(d));
}

/** The last working day on or before d, not earlier than floor (a period with none keeps its last day). */
function lastWorkingFrom(d: DateTime, floor: DateTime): DateTime {
  let x = d;
  while (!isWorking(x) && x > floor) x = x.minus({ days: 1 });
  return isWorking(x) ? x : d;
}

/** The month named, this year unless its part asked for has passed (then next year), or the year given. */
function namedMonth(
  word: string,
  year: string | undefined,
  today: DateTime,
  lastDay: (m: DateTime) => DateTime,
) {
  const m = DateTime.utc(year ? Number(year) : today.year, monthIndex(word), 1);
  return !year && lastDay(m) < today ? m.plus({ years: 1 }) : m;
}

type Rule = [RegExp, (m: RegExpExecArray, today: DateTime) => PhraseDate];

const endOfMonth = (m: DateTime): PhraseDate => ({
  date: day(lastWorkingFrom(m.endOf("month").startOf("day"), m)),
  reading: `the last working day of ${monthName(m)}`,
});

const endOfWeek = (weeks: number, label: string) => (_: RegExpExecArray, today: DateTime) => {
  const monday = today.startOf("week").plus({ weeks });
  return {
    date: day(lastWorkingFrom(monday.plus({ days: 6 }), monday)),
    reading: `the last working day of ${label}`,
  };
};

const RULES: Rule[] = [
  [/^(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?week$/, endOfWeek(0, "this week")],
  [/^(?:the\s+)?end\s+of\s+next\s+week$/, endOfWeek(1, "next week")],
  [/^(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?month$/, (_, t) => endOfMonth(t.startOf("month"))],
  [/^(?:the\s+)?end\s+of\s+next\s+month$/, (_, t) => endOfMonth(t.startOf("month").plus({ months: 1 }))],
  [
    new RegExp(`^(?:the\\s+)?end\\s+of\\s+${MONTH}${YEAR}$`),
    (m, t) => endOfMonth(namedMonth(m[1] ?? "", m[2], t, (x) => x.endOf("month"))),
  ],
  [
    /^(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?year$/,
    (_, t) => ({
      date: day(lastWorkingFrom(t.endOf("year").startOf("day"), t.startOf("year"))),
      reading: `the last working day of ${t.year}`,
    }),
  ],
  [
    new RegExp(`^(?:mid(?:-|\\s+)|(?:the\\s+)?middle\\s+of\\s+)${MONTH}${YEAR}$`),
    (m, t) => {
      const month = namedMonth(m[1] ?? "", m[2], t, (x) => x.set({ day: 15 }));
      return { date: day(month.set({ day: 15 })), reading: `the middle of ${monthName(month)}` };
    },
  ],
  [
    new RegExp(`^(?:the\\s+)?(?:start|beginning)\\s+of\\s+${MONTH}${YEAR}$`),
    (m, t) => {
      const month = namedMonth(m[1] ?? "", m[2], t, (x) => x.endOf("month"));
      let first = month;
      while (!isWorking(first)) first = first.plus({ days: 1 });
      return { date: day(first), reading: `the first working day of ${monthName(month)}` };
    },
  ],
  [
    /^(?:in\s+)?(a|one|two|three|four|[1-4])\s+fortnights?(?:['’]s?\s+time)?$/,
    (m, t) => {
      const n = COUNT[m[1] ?? "a"] ?? 1;
      return { date: day(t.plus({ days: 14 * n })), reading: `${n * 2} weeks from today` };
    },
  ],
  [
    /^(?:before|by)\s+(?:christmas|xmas)(?:\s+(\d{4}))?$/,
    (m, t) => {
      const year = m[1] ? Number(m[1]) : t.year;
      let eve = lastWorkingFrom(DateTime.utc(year, 12, 24), DateTime.utc(year, 12, 1));
      if (!m[1] && eve < t)
        eve = lastWorkingFrom(DateTime.utc(year + 1, 12, 24), DateTime.utc(year + 1, 12, 1));
      return { date: day(eve), reading: `the last working day before Christmas ${eve.year}` };
    },
  ],
];

/** Reads one of the phrases above (already trimmed), relative to today's local date; null if none fits. */
export function readPhrase(input: string, todayIso: string): PhraseDate | null {
  const text = input
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[.!]+$/, "");
  const today = DateTime.fromISO(todayIso, { zone: "UTC" });
  for (const [re, read] of RULES) {
    const m = re.exec(text);
    if (m) return read(m, today);
  }
  return null;
}

/** "Fri 4 Dec (the last working day of next week)" for replies. */
export const describeReading = (p: PhraseDate, referenceYear: number) =>
  `${formatDate(p.date, referenceYear)} (${p.reading})`;
