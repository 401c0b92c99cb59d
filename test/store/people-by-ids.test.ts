// people.byIds: the named people only (any status, each once), so digests and enquiry lists need not read everyone.
import { describe, expect, it } from "vitest";
import { createStore } from "../../src/store/drizzle-store.ts";
import { useFresh } from "../helpers/fresh.ts";
import { openTestDatabase } from "../helpers/test-db.ts";

const database = useFresh(() => openTestDatabase({ demo: true }), "describe");

describe("people.byIds", () => {
  it("returns exactly the people asked for, once each, removed ones included", async () => {
    const store = createStore(database.db);
    await store.transaction(async (repos) => {
      const everyone = await repos.people.list(1);
      const [a, b] = everyone;
      if (!a || !b) throw new Error("the demo has people");
      await repos.people.update(b.id, { status: "inactive" });
      const got = await repos.people.byIds([a.id, b.id, a.id, 999_999]);
      expect(got.map((p) => p.id).sort((x, y) => x - y)).toEqual([a.id, b.id].sort((x, y) => x - y));
      expect(got.find((p) => p.id === b.id)?.status).toBe("inactive");
      expect(await repos.people.byIds([])).toEqual([]);
    });
  });
});
