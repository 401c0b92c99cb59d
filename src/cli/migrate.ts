// quorum migrate: apply the database migrations (opening the app does it) and say so.
import { type CliCommand, withApp } from "./command.ts";

export const migrateCommand: CliCommand = {
  name: "migrate",
  usage: [["migrate", "apply database migrations"]],
  run: (_args, env) =>
    withApp(env, async () => {
      env.io.stdout.write("Migrations applied.\n");
      return 0;
    }),
};
