// quorum slack link / teams link: bind a Slack workspace or Teams tenant to a partnership by its slug.
import { acceptWorkspace } from "../core/directory/workspaces.ts";
import type { Platform } from "../core/types.ts";
import { type CliCommand, withApp } from "./command.ts";

function linkCommand(platform: Exclude<Platform, "shell">, idName: string, what: string): CliCommand {
  const syntax = `${platform} link <${idName}> <partnership>`;
  return {
    name: platform,
    usage: [[syntax, `link a ${what} to a partnership (by slug)`]],
    run: (args, env) =>
      withApp(env, async (app) => {
        const { io } = env;
        const [verb, tenant, slug] = args;
        if (verb !== "link" || !tenant || !slug) {
          io.stderr.write(`Usage: quorum ${syntax}\n`);
          return 2;
        }
        return app.store.transaction(async (repos) => {
          const partnership = await repos.partnerships.bySlug(slug);
          if (!partnership) {
            const known = (await repos.partnerships.list()).map((p) => p.slug).join(", ");
            io.stderr.write(`There is no partnership "${slug}". Partnerships: ${known || "none yet"}.\n`);
            return 1;
          }
          // Also settles a pending install request: the operator's link is an acceptance.
          await acceptWorkspace(repos, partnership, platform, tenant);
          io.stdout.write(`Linked ${platform} ${idName} ${tenant} to ${partnership.name}.\n`);
          return 0;
        });
      }),
  };
}

export const slackLinkCommand = linkCommand("slack", "team_id", "Slack workspace");
export const teamsLinkCommand = linkCommand("teams", "tenant_id", "Teams tenant");
