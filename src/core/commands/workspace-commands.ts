// workspace pending | accept | decline: admins decide on Slack workspaces and Teams tenants that installed Quorum.
import { card, items } from "../card.ts";
import { audit, type Context } from "../context.ts";
import { resolveOrganisation } from "../directory/resolve.ts";
import { acceptWorkspace } from "../directory/workspaces.ts";
import { QuorumError } from "../errors.ts";
import type { WorkspaceRequest } from "../ports.ts";
import type { CommandSpec } from "./spec.ts";

/** The request this partnership was asked about; another partnership's requests are not ours to decide. */
async function requestFor(ctx: Context, id: string): Promise<WorkspaceRequest> {
  const tenant = id.trim();
  const request =
    (await ctx.repos.workspaces.request("slack", tenant)) ??
    (await ctx.repos.workspaces.request("teams", tenant));
  if (!request || request.partnershipId !== ctx.partnership.id) {
    const linked =
      (await ctx.repos.partnerships.forInstallation("slack", tenant)) ??
      (await ctx.repos.partnerships.forInstallation("teams", tenant));
    throw new QuorumError(
      linked ? "conflict" : "not_found",
      linked
        ? `${tenant} is already linked to ${linked.id === ctx.partnership.id ? "this partnership" : "a partnership"}.`
        : `No workspace ${tenant} is waiting to join ${ctx.partnership.name}. See: workspace pending`,
    );
  }
  return request;
}

const label = (r: WorkspaceRequest) => (r.name ? `${r.name} (${r.tenant})` : r.tenant);

const accept: CommandSpec = {
  path: ["workspace", "accept"],
  adminOnly: true,
  summary:
    "Let a Slack workspace or Teams tenant that installed Quorum use it, optionally placing its newcomers in an organisation (admins)",
  usage: "workspace accept <id> [org:CODE]",
  examples: ["workspace accept T0123ABCD", "workspace accept T0123ABCD org:VCS"],
  options: { org: { value: "CODE" } },
  minArgs: 1,
  async run(ctx, args) {
    const request = await requestFor(ctx, args.rest);
    const org = args.options.org ? await resolveOrganisation(ctx, args.options.org) : null;
    await acceptWorkspace(ctx.repos, ctx.partnership, request.platform, request.tenant, org?.id ?? null);
    await audit(ctx, "workspace.accept", `${request.platform}:${request.tenant}`, { org: org?.code ?? null });
    const where = org ? `; newcomers whose email matches no organisation join ${org.code}` : "";
    return card(`${label(request)} can now use Quorum for ${ctx.partnership.name}${where}`, [], {
      tone: "success",
    });
  },
};

const decline: CommandSpec = {
  path: ["workspace", "decline"],
  adminOnly: true,
  summary: "Turn down a workspace or tenant that installed Quorum (admins)",
  usage: "workspace decline <id>",
  examples: ["workspace decline T0123ABCD"],
  minArgs: 1,
  async run(ctx, args) {
    const request = await requestFor(ctx, args.rest);
    await ctx.repos.workspaces.decline(request.id, ctx.now);
    await audit(ctx, "workspace.decline", `${request.platform}:${request.tenant}`);
    return card(`${label(request)} was declined: its people can't use Quorum`, [], { tone: "success" });
  },
};

const pending: CommandSpec = {
  path: ["workspace", "pending"],
  adminOnly: true,
  summary: "Workspaces and tenants waiting to join (admins)",
  usage: "workspace pending",
  examples: ["workspace pending"],
  async run(ctx) {
    const waiting = await ctx.repos.workspaces.pending(ctx.partnership.id);
    return card(`Workspaces waiting: ${waiting.length}`, [
      items(
        waiting.map((r) => ({
          title: label(r),
          detail: r.platform === "teams" ? "Teams tenant" : "Slack workspace",
          buttons: [
            { label: "Accept", command: `workspace accept ${r.tenant}`, style: "primary" as const },
            { label: "Decline", command: `workspace decline ${r.tenant}`, style: "danger" as const },
          ],
        })),
        undefined,
        "No workspace is waiting.",
      ),
    ]);
  },
};

export const workspaceCommands: CommandSpec[] = [pending, accept, decline];
