// cloneData copies plain data all the way down and shares nothing with what it copied.
import { expect, it } from "vitest";
import { cloneData } from "../../src/store/clone-data.ts";

it("copies objects, arrays and Dates deeply, sharing nothing", () => {
  const at = new Date("2026-12-05T09:00:00Z");
  const original = {
    id: 1,
    name: "Essex",
    none: null,
    access: { mode: "open", domains: ["essex.gov.uk"] },
    removedAt: at,
    ref: { conversation: { id: "19:abc" }, list: [{ a: 1 }] },
  };
  const copy = cloneData(original);
  expect(copy).toEqual(original);
  expect(copy.access).not.toBe(original.access);
  expect(copy.access.domains).not.toBe(original.access.domains);
  expect(copy.removedAt).not.toBe(at);
  expect(copy.removedAt.getTime()).toBe(at.getTime());
  copy.ref.list[0]!.a = 2;
  copy.access.domains.push("nhs.net");
  expect(original.ref.list[0]!.a).toBe(1);
  expect(original.access.domains).toEqual(["essex.gov.uk"]);
});

it("hands anything but plain data to structuredClone, so even a Map is not shared", () => {
  const original = { tags: new Map([["a", 1]]), bytes: new Uint8Array([1, 2]) };
  const copy = cloneData(original);
  expect(copy.tags).not.toBe(original.tags);
  expect(copy.tags.get("a")).toBe(1);
  expect(copy.bytes).not.toBe(original.bytes);
  expect([...copy.bytes]).toEqual([1, 2]);
});
