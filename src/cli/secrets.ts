// quorum secrets rotate: re-seal every stored token under QUORUM_SECRET_KEY (older keys in QUORUM_SECRET_KEY_OLD).
import { secretBoxFrom } from "../store/secret-box.ts";
import { resealAll } from "../store/workspace-token-store.ts";
import { type CliCommand, withApp } from "./command.ts";

const SYNTAX = "secrets rotate";

export const secretsCommand: CliCommand = {
  name: "secrets",
  usage: [
    [
      SYNTAX,
      "re-encrypt stored workspace tokens under QUORUM_SECRET_KEY (old keys in QUORUM_SECRET_KEY_OLD)",
    ],
  ],
  run: (args, env) => {
    const { io, config } = env;
    if (args[0] !== "rotate" || args.length > 1) {
      io.stderr.write(`Usage: quorum ${SYNTAX}\n`);
      return Promise.resolve(2);
    }
    if (!config.secrets) {
      io.stderr.write(
        "QUORUM_SECRET_KEY is not set. Make a new key with: openssl rand -base64 32, set it as QUORUM_SECRET_KEY " +
          "and the key it replaces as QUORUM_SECRET_KEY_OLD, then run quorum secrets rotate.\n",
      );
      return Promise.resolve(2);
    }
    const box = secretBoxFrom(config.secrets);
    return withApp(env, async (app) => {
      try {
        const moved = await resealAll(app.database.db, box);
        io.stdout.write(
          `Re-encrypted ${moved} workspace ${moved === 1 ? "token set" : "token sets"} under key ${box.currentKeyId}. ` +
            "Once every instance runs with the new key, QUORUM_SECRET_KEY_OLD can be removed.\n",
        );
        return 0;
      } catch (err) {
        // The message names a key id, never a secret.
        io.stderr.write(`${(err as Error).message}\n`);
        return 1;
      }
    });
  },
};
