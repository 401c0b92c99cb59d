// A real SMTP server for tests (smtp-server), whose answers a test can change, and the mail it received
// parsed by a real parser (mailparser). Also a server that accepts connections and never greets.
import { createServer, type Server, type Socket } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** ok: accept; refuse: 550 for every recipient; busy: 451 (try later). */
export type SinkMode = "ok" | "refuse" | "busy";

export interface SmtpSink {
  url: string;
  received: ParsedMail[];
  mode: SinkMode;
  close(): Promise<void>;
}

const smtpError = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ParsedMail[] = [];
  const sink: SmtpSink = {
    url: "",
    received,
    mode: "ok",
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (sink.mode === "refuse") return cb(smtpError(550, `5.1.1 <${address.address}>: no such user`));
      if (sink.mode === "busy") return cb(smtpError(451, "4.3.2 try again later"));
      cb();
    },
    onData(stream, _session, cb) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

/** Accepts TCP connections and says nothing: a client waits for the greeting until it times out. */
export async function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
