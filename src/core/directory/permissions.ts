// Who may run which command, decided once for every platform before a command runs.
import type { CommandSpec } from "../commands/spec.ts";
import { forbidden, type QuorumError } from "../errors.ts";
import type { Person } from "../types.ts";

/**
 * Why this person may not run the command (a forbidden error saying what they may do instead), or null.
 * Returned rather than thrown so the caller can answer without rolling back what it learnt on the way
 * in: a newcomer's pending record and the admins' approval request must survive a refused first command.
 */
export function refusal(spec: CommandSpec, actor: Person): QuorumError | null {
  const name = spec.path.join(" ");
  if (actor.status === "pending" && spec.openTo !== "pending") {
    return forbidden(
      `An admin has not approved you yet, so you can't run ${name}. Until then you can ask questions (just type one), help and whoami.`,
    );
  }
  if (actor.role === "observer" && !spec.openTo) {
    return forbidden(
      `Observers can read and ask questions but not change anything, so you can't run ${name}. An admin can change your role.`,
    );
  }
  if (spec.adminOnly && actor.role !== "admin") return forbidden(`Only a partnership admin can run ${name}.`);
  return null;
}
