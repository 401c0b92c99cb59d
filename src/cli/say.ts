// quorum say: run one command as a partnership member, print the reply, deliver what it queued for the shell.
import { fileLine, renderForShell, shellEvent } from "../adapters/shell/shell-adapter.ts";
import { saveAttachment } from "../documents/save-attachment.ts";
import { shellDelivery } from "./background.ts";
import { type CliCommand, cliArgs, withApp } from "./command.ts";
import { openSession } from "./session.ts";

export const sayCommand: CliCommand = {
  name: "say",
  usage: [['say [--as <handle>] [--partnership <slug>] "<command>"', "run one command and print the reply"]],
  run: (args, env) => {
    const { as, str, positionals } = cliArgs(args);
    const { io } = env;
    return withApp(env, async (app) => {
      const session = await openSession(app, env, { partnership: str("partnership"), as });
      const reply = await app.quorum.handle(shellEvent(session.user, positionals.join(" "), session.tenant));
      io.stdout.write(`${renderForShell(reply)}\n`);
      if (reply.attachment)
        io.stdout.write(
          `${await fileLine(reply.attachment, (a) => saveAttachment(a, io.cwd ?? process.cwd()))}\n`,
        );
      await shellDelivery(app, (text) => io.stdout.write(text))();
      return reply.tone === "error" ? 1 : 0;
    });
  },
};
