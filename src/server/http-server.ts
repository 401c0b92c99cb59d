// Quorum's one HTTP server: Slack and Teams mount their receivers on the same express app and port.
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Express } from "express";

export interface HttpServer {
  app: Express;
  server: Server;
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  close(): Promise<void>;
}

/**
 * Creates the express app first and listens only after every adapter has mounted its routes, so no
 * request can arrive at a half-built server.
 */
export async function startHttpServer(opts: {
  port: number;
  host?: string;
  mount: (app: Express) => Promise<void> | void;
}): Promise<HttpServer> {
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  await opts.mount(app);
  const server = app.listen(opts.port, opts.host ?? "0.0.0.0");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const host = opts.host && opts.host !== "0.0.0.0" ? opts.host : "127.0.0.1";
  return {
    app,
    server,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
