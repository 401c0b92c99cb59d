// Which partnership and person a CLI command acts for: --partnership, QUORUM_PARTNERSHIP, the default
// `quorum init` remembered, or the only one there is; the person is --as, QUORUM_USER, or its first admin.
import type { App } from "../app.ts";
import { DEFAULT_PARTNERSHIP_KEY } from "../core/directory/setup.ts";
import type { Repos } from "../core/ports.ts";
import type { Partnership } from "../core/types.ts";
import { type CliEnv, CliError } from "./command.ts";

export const NO_PARTNERSHIP =
  'No partnership yet: run quorum init --name "<name>" --slug <slug> --admin-name "<name>" --admin-email <email> to set up yours, or quorum demo to try the demo.';

export interface Session {
  partnership: Partnership;
  /** The handle commands run as. */
  user: string;
  /** The shell's tenant: the partnership's slug, so the core finds it among several. */
  tenant: string;
}

const listing = (all: Partnership[]) => all.map((p) => `  ${p.slug.padEnd(20)} ${p.name}`).join("\n");

export async function choosePartnership(repos: Repos, requested: string | undefined): Promise<Partnership> {
  const all = await repos.partnerships.list();
  if (all.length === 0) throw new CliError(NO_PARTNERSHIP);
  if (requested) {
    const found = all.find((p) => p.slug === requested);
    if (!found) throw new CliError(`There is no partnership "${requested}". Partnerships:\n${listing(all)}`);
    return found;
  }
  if (all.length === 1 && all[0]) return all[0];
  const remembered = await repos.settings.get(DEFAULT_PARTNERSHIP_KEY);
  const found = all.find((p) => p.slug === remembered);
  if (found) return found;
  throw new CliError(
    `There are ${all.length} partnerships; choose one with --partnership <slug> (or QUORUM_PARTNERSHIP):\n${listing(all)}`,
  );
}

async function defaultUser(repos: Repos, partnership: Partnership): Promise<string> {
  const admins = (await repos.people.list(partnership.id)).filter((p) => p.role === "admin");
  const first = admins.sort((a, b) => a.id - b.id)[0];
  if (!first) throw new CliError(`${partnership.name} has no admin yet; pass --as <handle>.`);
  return first.handle;
}

/** Resolves the session in one read-only transaction; refusals are CliErrors with the choices. */
export function openSession(
  app: App,
  env: CliEnv,
  chosen: { partnership?: string | undefined; as?: string | undefined },
): Promise<Session> {
  return app.store.transaction(async (repos) => {
    const partnership = await choosePartnership(repos, chosen.partnership ?? env.config.partnership);
    const user = chosen.as ?? env.config.shellUser ?? (await defaultUser(repos, partnership));
    return { partnership, user, tenant: partnership.slug };
  });
}
