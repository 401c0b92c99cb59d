// Each transaction's repos are built on first use, once, and wrapped once: the store's repos behave as before.
import { describe, expect, it } from "vitest";
import type { Repos } from "../../src/core/ports.ts";
import type { Db } from "../../src/store/open-database.ts";
import { type RepoFactories, repoSet } from "../../src/store/repo-set.ts";

/** Factories that record what they built, over a stand-in handle (no repo here touches it). */
function counting() {
  const built: string[] = [];
  const factories = new Proxy({} as RepoFactories, {
    get: (_, name: string) => (db: Db) => {
      built.push(name);
      return { name, db } as unknown as Repos[keyof Repos];
    },
    ownKeys: () => ["actions", "people", "reach"],
    getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }),
  });
  return { built, factories };
}

const dbA = { tag: "a" } as unknown as Db;
const dbB = { tag: "b" } as unknown as Db;

describe("repoSet", () => {
  it("builds a repo only when it is first used, and once per instance", () => {
    const { built, factories } = counting();
    const Repos = repoSet(factories);
    const repos = new Repos(dbA);
    expect(built).toEqual([]);
    const first = repos.actions;
    expect(repos.actions).toBe(first);
    expect(built).toEqual(["actions"]);
    expect((first as unknown as { db: Db }).db).toBe(dbA);
    const other = new Repos(dbB);
    expect(other.actions).not.toBe(first);
    expect((other.actions as unknown as { db: Db }).db).toBe(dbB);
    expect(built).toEqual(["actions", "actions"]);
  });

  it("hands each repo to the wrap once, and serves what the wrap returned", () => {
    const { factories } = counting();
    const Repos = repoSet(factories);
    const wrapped: string[] = [];
    const repos = new Repos(dbA, (name, repo) => {
      wrapped.push(name);
      return { ...repo, wrappedAs: name } as typeof repo;
    });
    expect((repos.people as unknown as { wrappedAs: string }).wrappedAs).toBe("people");
    void repos.people;
    void repos.reach;
    expect(wrapped).toEqual(["people", "reach"]);
  });
});
