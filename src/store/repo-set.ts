// A transaction's repos, each built on its first use: a command touches a few of them, not all 25.
import type { Repos } from "../core/ports.ts";
import type { Db } from "./open-database.ts";

/** How to build each repo over a database or transaction handle. */
export type RepoFactories = { [K in keyof Repos]: (db: Db) => Repos[K] };

/** What a transaction's scope puts in place of a repo when it is first built (directory-cache.ts). */
export type RepoWrap = <K extends keyof Repos>(name: K, repo: Repos[K]) => Repos[K];

/**
 * A class whose instances are Repos over one handle. Each repo is a getter on the shared prototype that
 * builds it (and wraps it, if asked) once per instance. Building every repo for every transaction
 * allocated about 40 KB per inbound command (each repo is an object of closures), and a burst spent much
 * of its time collecting it. The getters are inherited: `{ ...repos }` copies nothing.
 */
export function repoSet(factories: RepoFactories): new (db: Db, wrap?: RepoWrap) => Repos {
  class Lazy {
    readonly #db: Db;
    readonly #wrap: RepoWrap | undefined;
    readonly #built: Partial<Record<keyof Repos, unknown>> = {};
    constructor(db: Db, wrap?: RepoWrap) {
      this.#db = db;
      this.#wrap = wrap;
    }
    built<K extends keyof Repos>(name: K): Repos[K] {
      let repo = this.#built[name] as Repos[K] | undefined;
      if (repo === undefined) {
        repo = factories[name](this.#db);
        if (this.#wrap) repo = this.#wrap(name, repo);
        this.#built[name] = repo;
      }
      return repo;
    }
  }
  for (const name of Object.keys(factories) as (keyof Repos)[]) {
    Object.defineProperty(Lazy.prototype, name, {
      get(this: Lazy) {
        return this.built(name);
      },
    });
  }
  return Lazy as unknown as new (
    db: Db,
    wrap?: RepoWrap,
  ) => Repos;
}
