// postgres.js as drizzle's client, every statement of a bounded size prepared once per connection.

/**
 * More parameters than this marks a bulk statement (many rows, a long list of ids) whose text changes with
 * its size: it is sent unprepared, so no connection keeps a plan for every size it has seen.
 */
export const MAX_PREPARED_PARAMS = 100;

interface UnsafeOptions {
  prepare?: boolean;
}

/** The parts of a postgres.js `Sql` drizzle calls, and the scoped ones they hand back. */
interface Client {
  unsafe(text: string, params?: unknown[], opts?: UnsafeOptions): unknown;
  begin(...args: unknown[]): Promise<unknown>;
  savepoint(...args: unknown[]): Promise<unknown>;
  reserve(): Promise<Client>;
}

/**
 * drizzle sends every statement with `prepare: false` unless it was built with .prepare(name), and for such
 * a statement postgres.js asks the server to describe its parameters before it can send them: two round
 * trips for each statement with parameters (a command such as "action add" waited 17 times for 8
 * statements). Prepared, a text is described once per connection and then runs in one round trip. The
 * texts are drizzle's, with every value a parameter, so they are few; each connection's go when
 * postgres.js retires it (max_lifetime, 30 to 60 minutes). Transactions, savepoints and reserved
 * connections hand back scoped clients, which prepare alike.
 */
export function preparingClient<T extends object>(sql: T): T {
  return new Proxy(sql, {
    get(target, key, receiver) {
      const client = target as unknown as Client;
      switch (key) {
        case "unsafe":
          return (text: string, params: unknown[] = [], opts: UnsafeOptions = {}) =>
            client.unsafe(text, params, withPrepare(params, opts));
        case "begin":
        case "savepoint":
          return (...args: unknown[]) => {
            const fn = args.pop() as (scoped: object) => unknown;
            return client[key](...args, (scoped: object) => fn(preparingClient(scoped)));
          };
        case "reserve":
          return async () => preparingClient(await client.reserve());
        default:
          return Reflect.get(target, key, receiver);
      }
    },
  });
}

/** Prepared when it has parameters (none: nothing to describe) and not too many; drizzle's own choice kept. */
const withPrepare = (params: unknown[], opts: UnsafeOptions): UnsafeOptions =>
  opts.prepare || params.length === 0 || params.length > MAX_PREPARED_PARAMS
    ? opts
    : { ...opts, prepare: true };
