// Who may run which command, decided once for every platform before a command runs.
import type { CommandSpec } from "../commands/spec.ts";
import { forbidden } from "../errors.ts";
import type { Person } from "../types.ts";

/** Throws a forbidden error explaining what this person may do instead. */
export function assertMayRun(spec: CommandSpec, actor: Person): void {
  const name = spec.path.join(" ");
  if (actor.status === "pending" && spec.openTo !== "pending") {
    throw forbidden(
      `An admin has not approved you yet, so you can't run ${name}. Until then you can ask questions (just type one), help and whoami.`,
    );
  }
  if (actor.role === "observer" && !spec.openTo) {
    throw forbidden(
      `Observers can read and ask questions but not change anything, so you can't run ${name}. An admin can change your role.`,
    );
  }
  if (spec.adminOnly && actor.role !== "admin") throw forbidden(`Only a partnership admin can run ${name}.`);
}
