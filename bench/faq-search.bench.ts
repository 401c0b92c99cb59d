// FAQ search latency over 5,000 generated entries, on PGlite and PostgreSQL, beside a plain ILIKE scan.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { searchFaq } from "../src/core/questions/faq-service.ts";
import { searchWords } from "../src/core/questions/search-text.ts";
import { createStore } from "../src/store/drizzle-store.ts";
import { runMigrations } from "../src/store/migrate.ts";
import { type Database, openDatabase } from "../src/store/open-database.ts";
import { faqEntries } from "../src/store/schema.ts";
import { measure, printComparison, sized } from "./stats.ts";

const ENTRIES = sized(5000, 50);
const RUNS = 200;
const SERVER = "postgres://postgres@127.0.0.1:5432/test";

const SUBJECTS = [
  "community budget",
  "health and wellbeing strategy",
  "road safety plan",
  "youth violence programme",
  "waste partnership",
  "carers' support",
  "flood resilience",
  "adult social care",
  "school readiness",
  "domestic abuse service",
  "rough sleeping",
  "digital inclusion",
  "bus network review",
  "skills bootcamp",
  "air quality plan",
  "fire prevention visits",
  "housing retrofit",
  "mental health crisis care",
  "library redesign",
  "volunteer passport",
];
const ASKS = [
  "Who leads the",
  "When will the",
  "How is the",
  "What does the",
  "Who funds the",
  "Where can I read about the",
  "How do partners join the",
  "What has been learned from the",
  "When does the board review the",
  "How is success measured for the",
];
const TAILS = [
  "",
  "in Basildon",
  "in Colchester",
  "in Harlow",
  "in Tendring",
  "across the county",
  "this year",
  "for older residents",
  "for young people",
  "after the pilot",
];
const WORDS =
  "partners agree shared outcomes pool resources redesign services around residents prevention evidence commissioning governance board assembly officers council police fire university voluntary sector funding review report quarterly".split(
    " ",
  );

/** Deterministic so runs compare: entry i always has the same text. */
function entry(i: number) {
  const subject = SUBJECTS[i % SUBJECTS.length];
  const ask = ASKS[Math.floor(i / SUBJECTS.length) % ASKS.length];
  const tail = TAILS[Math.floor(i / (SUBJECTS.length * ASKS.length)) % TAILS.length];
  const question = `${ask} ${subject} ${tail} (${i})?`.replace(/\s+/g, " ");
  const answer = Array.from({ length: 60 }, (_, k) => WORDS[(i * 7 + k * 13) % WORDS.length]).join(" ");
  return { question, answer };
}

const QUERIES = [
  "who leads the road safety plan in harlow",
  "how do partners join the volunteer passport",
  "when will the housing retrofit",
  "comunity budjet funding",
  "air quality",
  "who funds the domestic abuse service for young people",
  "what time does the library open on sunday",
  "mental health crisis care across the county",
  "skils bootcamp colchester",
  "how is success measured for the bus network review",
];

async function seed(database: Database): Promise<number> {
  const store = createStore(database.db);
  const pid = await store.transaction(
    async (r) => (await r.partnerships.create({ slug: "bench", name: "Bench" })).id,
  );
  for (let from = 0; from < ENTRIES; from += 500) {
    const rows = Array.from({ length: Math.min(500, ENTRIES - from) }, (_, k) => {
      const e = entry(from + k);
      return { partnershipId: pid, topicId: null, source: "bench", sourceKey: `bench-${from + k}`, ...e };
    });
    await database.db.insert(faqEntries).values(rows);
  }
  await database.db.execute(sql`analyze faq_entries`);
  return pid;
}

async function compare(label: string, database: Database) {
  const pid = await seed(database);
  const store = createStore(database.db);
  const search = measure(RUNS, (i) =>
    store.transaction((repos) => searchFaq(repos, pid, QUERIES[i % QUERIES.length] ?? "", 5)),
  );
  const subject = await search;
  // The baseline a first version would write: every word as a substring of question or answer.
  const baseline = await measure(RUNS, (i) => {
    const words = searchWords(QUERIES[i % QUERIES.length] ?? "").filter((w) => w.length > 3);
    const any = sql.join(
      words.map((w) => sql`(question ilike ${`%${w}%`} or answer ilike ${`%${w}%`})`),
      sql` or `,
    );
    return database.db.execute(
      sql`select id, question from faq_entries where partnership_id = ${pid} and (${any}) limit 5`,
    );
  });
  printComparison(`${label}: FTS + trigram (${ENTRIES})`, subject, baseline, "ILIKE scan");
}

export async function run(): Promise<void> {
  const lite = await openDatabase("memory://");
  try {
    await runMigrations(lite);
    await compare("PGlite", lite);
  } finally {
    await lite.close();
  }
  const admin = postgres(SERVER, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  const name = `quorum_bench_${randomBytes(4).toString("hex")}`;
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (err) {
    console.log(`PostgreSQL skipped: ${SERVER} is not reachable (${(err as Error).message}).`);
    await admin.end();
    return;
  }
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const pg = await openDatabase(url.toString());
  try {
    await runMigrations(pg);
    await compare("PostgreSQL", pg);
  } finally {
    await pg.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
