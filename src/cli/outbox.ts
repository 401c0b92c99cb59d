// quorum outbox: what is waiting, parked or of unknown fate, and the operator's retry and drop.
import { neutraliseControls } from "../core/clean-input.ts";
import type { OutboxRow } from "../core/ports/delivery-queue.ts";
import { type CliCommand, usageLines, withApp } from "./command.ts";

// Labels and errors come from chat platforms and their APIs: shown, never interpreted by the terminal.
const line = (r: OutboxRow) =>
  neutraliseControls(
    [
      `#${r.id}`.padEnd(7),
      r.status.padEnd(8),
      r.kind.padEnd(14),
      `${r.platform} → ${r.target.label}`.padEnd(40),
      `tries ${r.attempts}`,
      r.lastError ? ` · ${r.lastError}` : "",
    ].join(" "),
  );

export const outboxCommand: CliCommand = {
  name: "outbox",
  usage: [
    ["outbox [list]", "pending, parked and unknown outgoing messages"],
    ["outbox retry <id>", "send a parked or unknown message again"],
    ["outbox drop <id>", "forget a message that should not be sent"],
  ],
  run: (args, env) =>
    withApp(env, async (app) => {
      const { io } = env;
      const [verb = "list", idText] = args;
      if (verb === "list") {
        const rows = await app.queue.list(["pending", "sending", "parked", "unknown"], 500);
        io.stdout.write(
          rows.length
            ? `${rows.map(line).join("\n")}\n`
            : "The outbox is empty: everything has been delivered.\n",
        );
        return 0;
      }
      const id = Number(idText?.replace(/^#/, ""));
      if ((verb !== "retry" && verb !== "drop") || !Number.isInteger(id) || id < 1) {
        io.stderr.write(`Usage:\n${usageLines([outboxCommand])}\n`);
        return 2;
      }
      const done = verb === "retry" ? await app.queue.requeue(id, app.clock.now()) : await app.queue.drop(id);
      if (!done) {
        io.stderr.write(
          verb === "retry"
            ? `#${id} is not parked or unknown, so there is nothing to retry.\n`
            : `#${id} is not in the outbox, or was already sent.\n`,
        );
        return 1;
      }
      io.stdout.write(verb === "retry" ? `#${id} will be sent again.\n` : `#${id} dropped.\n`);
      return 0;
    }),
};
