// quorum shell and quorum demo: the interactive shell over the core, and loading the demo partnership.
import { createShellAdapter } from "../adapters/shell/shell-adapter.ts";
import type { App } from "../app.ts";
import { DEMO_SLUG } from "../core/directory/setup.ts";
import { loadDemo } from "../demo/load-demo.ts";
import { saveAttachment } from "../documents/save-attachment.ts";
import { withCalendarLinks } from "../server/calendar-links.ts";
import { type CliCommand, type CliEnv, cliArgs, withApp } from "./command.ts";
import { openSession } from "./session.ts";
import { startShellDelivery } from "./shell-delivery.ts";

/** Only the shell (and start, and demo) ever load the demo, and only into an empty database. */
async function loadDemoIfEmpty(app: App): Promise<boolean> {
  const any = await app.store.transaction((r) => r.partnerships.list());
  return any.length === 0 ? loadDemo(app.store, app.clock) : false;
}

export function runShellCommand(args: string[], env: CliEnv): Promise<number> {
  const { io } = env;
  const { as, str } = cliArgs(args);
  return withApp(env, async (app) => {
    if (await loadDemoIfEmpty(app)) io.stderr.write("Loaded the demo partnership (first run).\n");
    const session = await openSession(app, env, { partnership: str("partnership"), as });
    const interactive = io.stdin.isTTY === true;
    if (interactive && session.partnership.slug === DEMO_SLUG)
      io.stdout.write(
        "This is the demo partnership, with made-up people. Set up your own with: quorum init\n",
      );
    const shell = createShellAdapter({
      user: session.user,
      tenant: session.tenant,
      input: io.stdin,
      output: io.stdout,
      interactive,
    });
    // Delivery runs for as long as the shell is open, so digests and reminders due meanwhile appear in it.
    const delivery = startShellDelivery(app, shell, env.logger, {
      ...(env.tickEvery !== undefined ? { tickEvery: env.tickEvery } : {}),
    });
    try {
      await shell.run({
        quorum: withCalendarLinks(app.quorum, env.config.publicUrl),
        partnershipName: session.partnership.name,
        afterEach: delivery.afterEach,
        saveFile: (a) => saveAttachment(a, io.cwd ?? process.cwd()),
      });
    } finally {
      await delivery.stop();
    }
    return 0;
  });
}

export const shellCommand: CliCommand = {
  name: "shell",
  usage: [
    [
      "shell [--as <handle>] [--partnership <slug>]",
      "interactive shell (default person: QUORUM_USER, else the partnership's first admin)",
    ],
  ],
  run: runShellCommand,
};

export const demoCommand: CliCommand = {
  name: "demo",
  usage: [["demo", `load the demo partnership (slug ${DEMO_SLUG}) into the database`]],
  run: (_args, env) =>
    withApp(env, async (app) => {
      const loaded = await loadDemo(app.store, app.clock);
      const others = (await app.store.transaction((r) => r.partnerships.list())).length > 1;
      env.io.stdout.write(
        `${loaded ? "Loaded the demo partnership." : "The demo partnership is already loaded."}${
          others ? ` Open it with: quorum shell --partnership ${DEMO_SLUG}` : ""
        }\n`,
      );
      return 0;
    }),
};
