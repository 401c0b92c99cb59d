// On PostgreSQL, a lone statement and the transaction after it share one connection, BEGIN sent unanswered behind it.
import type { ReadPoint, Repos, Then } from "../core/ports.ts";
import type { Db } from "./open-database.ts";
import { onPostgresJs } from "./repos/prepared.ts";

/** A postgres.js query: lazy until awaited, or sent at once by execute(). */
interface PendingQuery extends Promise<unknown> {
  execute(): PendingQuery;
}

/** A pooled connection held with postgres.js's `sql.reserve()`: its statements go out in order, pipelined. */
interface Reserved {
  unsafe(text: string, params?: unknown[], opts?: { prepare?: boolean }): PendingQuery;
  release(): void;
}

type Built<T> = new (...args: unknown[]) => T;

/** What is read off drizzle's postgres-js session (drizzle-orm/postgres-js/session.js) to build more of them. */
interface SessionParts {
  client: { reserve(): Promise<Reserved> };
  dialect: unknown;
  options: unknown;
  constructor: Built<unknown>;
}

/** A transaction's repos over `tx` and, with a directory cache, what to keep once it has committed. */
export type OpenScope = (tx: Db, seen?: ReadPoint) => { repos: Repos; commit(): void };

/**
 * Store.autocommitThen, and with `first` null a plain Store.transaction (`next` then gets undefined): both
 * on one reserved connection with BEGIN sent unanswered behind whatever went first.
 */
export type Pipelined = <A, T>(
  first: ((repos: Repos) => Promise<A>) | null,
  next: (result: A) => Then<T>,
) => Promise<T>;

/** Reads, as a transaction's first statement, what its directory cache needs (directory-cache.ts). */
export type ReadPointer = (tx: Db) => Promise<ReadPoint>;

/** A bug in a caller, not a user's mistake: autocommitThen's first step may send one statement at most. */
export class SecondStatementError extends Error {
  readonly code = "second_statement";
  constructor() {
    super(
      "Store.autocommitThen: `first` sent a second statement, which would have run inside the transaction",
    );
  }
}

/** drizzle reports a failed statement as its own error, the cause within: a second statement is a bug to name. */
function unwrapSecond(err: unknown): never {
  const cause = (err as { cause?: unknown } | null)?.cause;
  throw cause instanceof SecondStatementError ? cause : err;
}

/**
 * Store.autocommitThen on postgres.js; undefined on PGlite, which runs in process with no round trip to
 * save. Without it, an inbound command waited for its counting statement, then for BEGIN, then ran.
 * With `readPoint`, a transaction that was not handed what its event's statement read (a shell command,
 * or a plain Store.transaction) sends that read straight behind BEGIN: both answers come back together.
 * Both drizzle objects are built from the classes of the ones `db` already has, as drizzle builds a
 * transaction's: importing drizzle-orm/postgres-js here would load the driver on a PGlite start too.
 */
export function pipelinedThen(
  db: Db,
  loneRepos: (db: Db) => Repos,
  open: OpenScope,
  readPoint?: ReadPointer,
): Pipelined | undefined {
  const session: unknown = db._.session;
  if (!onPostgresJs(session)) return undefined;
  const parts = session as unknown as SessionParts;
  const Database = db.constructor as Built<Db>;
  const over = (client: unknown): Db =>
    new Database(
      parts.dialect,
      new parts.constructor(client, parts.dialect, undefined, parts.options),
      undefined,
    );
  return async <A, T>(first: ((repos: Repos) => Promise<A>) | null, next: (result: A) => Then<T>) => {
    const conn = await parts.client.reserve();
    let begin: PendingQuery | undefined;
    const sendBegin = () => {
      begin ??= conn.unsafe("begin").execute();
      return begin;
    };
    // first's one statement is sent, and BEGIN straight behind it: the statement commits on its own before
    // BEGIN runs, and its answer and BEGIN's come back together.
    const firstClient = {
      unsafe(text: string, params?: unknown[], opts?: { prepare?: boolean }) {
        if (begin) throw new SecondStatementError();
        const query = conn.unsafe(text, params, opts).execute();
        // Awaited below when a transaction follows; a failed BEGIN is not left unhandled if none does.
        sendBegin().catch(() => {});
        return query;
      },
    };
    let committed = false;
    try {
      // No first step (a plain transaction): no lone repos to build, and BEGIN leads.
      const step = next(
        first ? await first(loneRepos(over(firstClient))).catch(unwrapSecond) : (undefined as A),
      );
      if ("done" in step) return step.done;
      const tx = over(conn);
      const seen = await began(sendBegin(), step.seen, readPoint && (() => readPoint(tx)));
      const scope = open(tx, seen);
      const result = await step.transaction(scope.repos);
      await conn.unsafe("commit");
      committed = true;
      scope.commit();
      return result;
    } finally {
      // Also when `first` refused or found nothing to do after its statement: BEGIN had gone out behind it.
      if (begin && !committed) await conn.unsafe("rollback").catch(() => {});
      conn.release();
    }
  };
}

/**
 * Waits for BEGIN, and for the read point if none was handed over, sent behind BEGIN without waiting for it.
 * Only a read goes out before BEGIN has answered, so a failed BEGIN can never leave a write committed alone.
 */
async function began(
  begin: Promise<unknown>,
  seen: ReadPoint | undefined,
  read: (() => Promise<ReadPoint>) | undefined,
): Promise<ReadPoint | undefined> {
  if (seen || !read) {
    await begin;
    return seen;
  }
  const [, point] = await Promise.all([begin, read()]);
  return point;
}
