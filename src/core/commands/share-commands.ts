// group share | unshare: a group's read-only web page for people outside chat, behind a revocable link.
import { card, links, text } from "../card.ts";
import { audit, type Context, isAdmin } from "../context.ts";
import { resolveGroup } from "../directory/resolve.ts";
import { forbidden } from "../errors.ts";
import { newViewToken, viewPath, viewTokenHash } from "../sharing/view-links.ts";
import type { Group } from "../types.ts";
import type { CommandSpec } from "./spec.ts";

/** The link shows the group's actions to anyone holding it, so only its chair or an admin may make or end it. */
function assertMayShare(ctx: Context, group: Group): void {
  if (isAdmin(ctx) || group.chairId === ctx.actor.id) return;
  throw forbidden(`Only ${group.name}'s chair or an admin can share or unshare its page.`);
}

const share: CommandSpec = {
  path: ["group", "share"],
  summary:
    "A read-only web page of a group's meetings and actions, for people outside chat (its chair or an admin)",
  usage: "group share <slug>",
  examples: ["group share hwb"],
  minArgs: 1,
  async run(ctx, args) {
    const group = await resolveGroup(ctx, args.rest);
    assertMayShare(ctx, group);
    const token = newViewToken();
    const replaced = await ctx.repos.viewLinks.replace({
      partnershipId: ctx.partnership.id,
      groupId: group.id,
      tokenHash: viewTokenHash(token),
      createdBy: ctx.actor.id,
    });
    await audit(ctx, "group.share", `group:${group.slug}`, { replaced });
    return card(
      `${group.name}'s page is shared`,
      [
        text(
          `Anyone with this link can read the page without signing in: the next meeting, open and recently done actions, and the papers. Pass it only to people who should see them; group unshare ${group.slug} ends it at once.${replaced ? " The earlier link no longer works." : ""}`,
        ),
        links({ label: `Open ${group.name}'s page`, url: viewPath(token) }),
      ],
      // Only the person who asked sees the link: Quorum cannot show it again (it keeps only a hash).
      { tone: "success", audience: "personal" },
    );
  },
};

const unshare: CommandSpec = {
  path: ["group", "unshare"],
  summary: "End a group's shared page: its link stops working at once (its chair or an admin)",
  usage: "group unshare <slug>",
  examples: ["group unshare hwb"],
  minArgs: 1,
  async run(ctx, args) {
    // An archived group's page can still be ended.
    const group = await resolveGroup(ctx, args.rest, { archived: true });
    assertMayShare(ctx, group);
    const removed = await ctx.repos.viewLinks.remove(group.id);
    if (!removed) return card(`${group.name}'s page was not shared`, [text("There was no link to end.")]);
    await audit(ctx, "group.unshare", `group:${group.slug}`);
    return card(
      `${group.name}'s page is no longer shared`,
      [text(`Its link stopped working. group share ${group.slug} makes a new one.`)],
      { tone: "success" },
    );
  },
};

export const shareCommands: CommandSpec[] = [share, unshare];
