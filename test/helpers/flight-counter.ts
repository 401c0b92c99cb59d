// A loopback TCP proxy to PostgreSQL that counts how often a client waits for the server: round trips,
// whatever the driver pipelines or however the bytes are split into packets.
import { connect, createServer, type Server, type Socket } from "node:net";
import { type Database, type OpenOptions, openDatabase } from "../../src/store/open-database.ts";

export interface FlightCounter {
  /** The proxy's port on 127.0.0.1: put it in place of PostgreSQL's in a DATABASE_URL. */
  port: number;
  /** Times a client sent after the server had answered (or first), since the last reset. */
  flights(): number;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy to PostgreSQL that counts flights: each time the client sends after the server
 * has answered is one more wait for the server, however the bytes are split into packets.
 */
export async function flightCounter(port: string): Promise<FlightCounter> {
  let flights = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(port || 5432), "127.0.0.1");
    let serverSpokeLast = true;
    client.on("data", (chunk) => {
      if (serverSpokeLast) flights++;
      serverSpokeLast = false;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      serverSpokeLast = true;
      client.write(chunk);
    });
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(a);
      a.on("close", () => b.destroy());
      a.on("error", () => b.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    flights: () => flights,
    reset: () => {
      flights = 0;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The database at `url` (a PostgreSQL server's) opened again through a new flight counter; close() closes both. */
export async function openCounted(
  url: string | undefined,
  opts: OpenOptions = {},
): Promise<{ db: Database; proxy: FlightCounter; close(): Promise<void> }> {
  const through = new URL(url ?? "");
  const proxy = await flightCounter(through.port);
  through.port = String(proxy.port);
  const db = await openDatabase(through.toString(), opts);
  const close = async () => {
    await db.close();
    await proxy.close();
  };
  return { db, proxy, close };
}
