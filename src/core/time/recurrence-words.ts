// Board words for repeats, both ways: "second Thursday of every month" ⇄ FREQ=MONTHLY;BYDAY=2TH.
// Each phrase shape maps to exactly one RRULE shape, and describeRule writes the phrase back, so a rule a
// person typed reads back the way a board secretary would write it.

export const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const DAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const ORDINALS: Record<string, number> = {
  first: 1,
  "1st": 1,
  second: 2,
  "2nd": 2,
  third: 3,
  "3rd": 3,
  fourth: 4,
  "4th": 4,
  last: -1,
};
const ORDINAL_WORDS: Record<number, string> = {
  1: "first",
  2: "second",
  3: "third",
  4: "fourth",
  [-1]: "last",
};

const DAY = "(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day)?s?|wednesdays?|saturdays?";
const dayIndex = (w: string) => DAY_NAMES.findIndex((d) => d.startsWith(w.replace(/s$/, "").slice(0, 3)));
const monthIndex = (w: string) =>
  MONTHS.findIndex((m) => w.length >= 3 && m.startsWith(w.replace(/\.$/, "")));
/** "march and september", "jan, apr, jul and oct" → [3, 9]; undefined when any word is not a month. */
function monthList(text: string): number[] | undefined {
  const words = text.split(/\s*(?:,\s*and|,|\band\b|&)\s*/).filter(Boolean);
  const months = words.map(monthIndex);
  if (!words.length || months.some((m) => m < 0)) return undefined;
  return [...new Set(months.map((m) => m + 1))].sort((a, b) => a - b);
}
function dayList(text: string): string[] | undefined {
  const words = text.split(/\s*(?:,\s*and|,|\band\b|&)\s*/).filter(Boolean);
  const days = words.map((w) => (new RegExp(`^(?:${DAY})$`).test(w) ? dayIndex(w) : -1));
  if (!words.length || days.some((d) => d < 0)) return undefined;
  return [...new Set(days)].sort((a, b) => a - b).map((d) => DAY_CODES[d] ?? "MO");
}
/** "month" 1, "quarter" 3, "other month" 2, "6 months" 6. */
function monthSpan(text: string): number | undefined {
  if (text === "month") return 1;
  if (text === "quarter") return 3;
  if (text === "other month") return 2;
  const n = /^(\d{1,2}) months$/.exec(text);
  return n && Number(n[1]) >= 1 && Number(n[1]) <= 24 ? Number(n[1]) : undefined;
}
const interval = (n: number) => (n === 1 ? "" : `;INTERVAL=${n}`);

/** The RRULE for a board phrase, or undefined when the phrase has none of the shapes below. */
export function phraseToRule(phrase: string): string | undefined {
  const p = phrase.replace(/^(on )?(the )?/, "");
  // "second Thursday of every month", "last Wednesday of each quarter", "first Tuesday of March and September"
  const nth = new RegExp(`^(first|second|third|fourth|last|1st|2nd|3rd|4th) (${DAY}) (?:of|in) (.+)$`).exec(
    p,
  );
  if (nth?.[1] && nth[2] && nth[3]) {
    const by = `BYDAY=${ORDINALS[nth[1]]}${DAY_CODES[dayIndex(nth[2])]}`;
    const span = /^(?:every|each|the) (.+)$/.exec(nth[3]);
    const months = span?.[1] ? monthSpan(span[1]) : undefined;
    if (months) return `FREQ=MONTHLY${interval(months)};${by}`;
    const named = monthList(nth[3].replace(/^(every|each) /, ""));
    if (named) return `FREQ=YEARLY;BYMONTH=${named.join(",")};${by}`;
    return undefined;
  }
  // "every other Tuesday", "every Monday and Thursday"
  const weekly = new RegExp(`^every (other )?((?:${DAY})(?:(?:,| and|, and) (?:${DAY}))*)$`).exec(p);
  if (weekly?.[2]) {
    const days = dayList(weekly[2]);
    if (days) return `FREQ=WEEKLY${interval(weekly[1] ? 2 : 1)};BYDAY=${days.join(",")}`;
  }
  // "every 6 weeks on Monday", "every other week on Tuesday", "fortnightly on Thursday"
  const weeks = /^(?:every (\d{1,2}|other) weeks?|(weekly|fortnightly)) on (.+)$/.exec(p);
  if (weeks?.[3]) {
    const n = weeks[2] ? (weeks[2] === "weekly" ? 1 : 2) : weeks[1] === "other" ? 2 : Number(weeks[1]);
    const days = dayList(weeks[3]);
    if (days && n >= 1 && n <= 52) return `FREQ=WEEKLY${interval(n)};BYDAY=${days.join(",")}`;
  }
  // "annually on 1 April", "every year on April 1st"
  const yearly =
    /^(?:annually|yearly|every year) on (?:the )?(?:(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z.]+)|([a-z.]+) (\d{1,2})(?:st|nd|rd|th)?)$/.exec(
      p,
    );
  if (yearly) {
    const day = Number(yearly[1] ?? yearly[4]);
    const month = monthIndex(yearly[2] ?? yearly[3] ?? "") + 1;
    const longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
    if (month >= 1 && day >= 1 && day <= longest) return `FREQ=YEARLY;BYMONTH=${month};BYMONTHDAY=${day}`;
  }
  // "monthly on the 15th", "every month on the 1st"
  const monthDay = /^(?:monthly|every month) on the (\d{1,2})(?:st|nd|rd|th)?$/.exec(p);
  if (monthDay && Number(monthDay[1]) >= 1 && Number(monthDay[1]) <= 28)
    return `FREQ=MONTHLY;BYMONTHDAY=${Number(monthDay[1])}`;
  return undefined;
}

/** "every second Thursday" is read both ways in Britain, so it is asked about, never guessed. */
export function ambiguity(phrase: string): string | undefined {
  const m = new RegExp(`^every (second|2nd|third|3rd|fourth|4th) (${DAY})$`).exec(phrase);
  if (!m?.[2]) return undefined;
  const day = DAY_NAMES[dayIndex(m[2])] ?? "";
  const title = day.charAt(0).toUpperCase() + day.slice(1);
  const nth = m[1]?.replace(/^2nd$/, "second").replace(/^3rd$/, "third").replace(/^4th$/, "fourth") ?? "";
  const n = ORDINALS[nth] ?? 2;
  const every = n === 2 ? `"every other ${title}"` : `"every ${n} weeks on ${title}"`;
  return `"${phrase}" could mean ${every} or "${nth} ${title} of every month". Say which.`;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const monthName = (m: number) => cap(MONTHS[m - 1] ?? "");
const dayName = (code: string) => cap(DAY_NAMES[DAY_CODES.indexOf(code)] ?? code);
const joinAnd = (list: string[]) =>
  list.length < 2 ? (list[0] ?? "") : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
const SPANS: Record<number, string> = { 1: "every month", 2: "every other month", 3: "every quarter" };
const ordinalSuffix = (n: number) =>
  n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th";

/** The board phrase for an RRULE of one of the shapes phraseToRule makes, or undefined. */
export function ruleToPhrase(rule: string): string | undefined {
  const parts = new Map(rule.split(";").map((kv) => kv.split("=") as [string, string]));
  const freq = parts.get("FREQ");
  const n = Number(parts.get("INTERVAL") ?? 1);
  const keys = [...parts.keys()]
    .filter((k) => k !== "FREQ" && k !== "INTERVAL")
    .sort()
    .join(",");
  const byDay = parts.get("BYDAY") ?? "";
  const nth = /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(byDay);
  if (freq === "MONTHLY" && keys === "BYDAY" && nth?.[1] && nth[2])
    return `${ORDINAL_WORDS[Number(nth[1])]} ${dayName(nth[2])} of ${SPANS[n] ?? `every ${n} months`}`;
  if (freq === "YEARLY" && n === 1 && keys === "BYDAY,BYMONTH" && nth?.[1] && nth[2])
    return `${ORDINAL_WORDS[Number(nth[1])]} ${dayName(nth[2])} of ${joinAnd((parts.get("BYMONTH") ?? "").split(",").map(Number).map(monthName))}`;
  const days = byDay.split(",");
  if (freq === "WEEKLY" && keys === "BYDAY" && days.every((d) => DAY_CODES.includes(d))) {
    const names = joinAnd(days.map(dayName));
    return n === 1 ? `every ${names}` : n === 2 ? `every other ${names}` : `every ${n} weeks on ${names}`;
  }
  const monthDay = Number(parts.get("BYMONTHDAY"));
  if (
    freq === "YEARLY" &&
    n === 1 &&
    keys === "BYMONTH,BYMONTHDAY" &&
    /^\d+$/.test(parts.get("BYMONTH") ?? "")
  )
    return `annually on ${monthDay} ${monthName(Number(parts.get("BYMONTH")))}`;
  if (freq === "MONTHLY" && n === 1 && keys === "BYMONTHDAY" && monthDay >= 1 && monthDay <= 28)
    return `monthly on the ${monthDay}${ordinalSuffix(monthDay)}`;
  return undefined;
}
