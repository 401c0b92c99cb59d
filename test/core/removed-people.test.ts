// A removed person hears nothing more: the daily action reminders skip them while still reaching others.
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { fireDueSchedules } from "../../src/core/schedule/fire.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { outbox } from "../../src/store/schema.ts";
import { useHarness } from "../helpers/harness.ts";

const h = useHarness();

it("sends action reminders to active owners only", async () => {
  await h.say("jo", 'person add @ivy "Ivy Shore" email:ivy.shore@essex.gov.uk org:ECC');
  // Ivy uses Quorum on Slack once, so Quorum could message her.
  await h.quorum.handle({
    platform: "slack",
    tenant: "T0ESSEX",
    userId: "U0IVY",
    text: "whoami",
    conversation: { id: "D0IVY", kind: "direct" },
    profile: { email: "ivy.shore@essex.gov.uk" },
  });
  // Due Thursday: two working days after Tuesday's 09:00 reminder run.
  expect(await h.text("jo", 'action add "Ivy\'s report" owner:@ivy due:2026-11-26')).toMatch(/^✓/);
  expect(await h.text("jo", 'action add "Sam\'s report" owner:@sam due:2026-11-26')).toMatch(/^✓/);
  expect(await h.text("jo", "person remove @ivy")).toMatch(/Open actions to reassign: 1/);
  const store = createStore(h.database.db);
  await fireDueSchedules(store, h.clock); // creates the daily schedule, next due Tuesday 09:00
  h.clock.set(new Date("2026-11-24T09:01:00Z"));
  await fireDueSchedules(store, h.clock);
  const due = await h.database.db.select().from(outbox).where(eq(outbox.kind, "action-due"));
  const titles = due.map((r) => (r.payload as { card: { title: string } }).card.title);
  expect(due.map((r) => r.target.id)).toContain("sam");
  expect(due.map((r) => r.target.id)).not.toContain("U0IVY");
  expect(titles.some((t) => t.includes("is due Thu 26 Nov"))).toBe(true);
});
