import { afterAll, beforeAll, expect, it } from "vitest";
import { type Harness, openHarness } from "../helpers/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

it("lists overdue", async () => {
  const t = await h.text("jo", "actions overdue");
  console.log(t);
  expect(t).toContain("A-");
});
