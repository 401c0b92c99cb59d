// Finishing a "link me" in two steps: "link confirm CODE" only shows whose account would act as whom, and
// links nothing; the Confirm on that card (a one-time key, valid for the person who saw it) links.
import { audit, type Context } from "../context.ts";
import { forbidden, QuorumError } from "../errors.ts";
import type { IdentityLink } from "../ports.ts";
import type { Person } from "../types.ts";
import { CODE_LENGTH, hashOf, normalise, randomWord } from "./identity-links.ts";
import { personSubject } from "./people.ts";

/** Long enough that nobody can guess one while its offer stands; typed only in the shell. */
const KEY_LENGTH = 10;

export interface LinkOffer {
  link: IdentityLink;
  target: Person;
  /** What the Confirm and Cancel buttons carry: the only way to act on this offer. */
  key: string;
  /** The account's workspace, said as Quorum knows it: its id and whose it is, never a name its members chose. */
  workspace: string;
}

const askAgain = 'Ask the person to type "link me" again for a new code.';

/** Why a code can't be linked any more, said plainly: nothing was linked in any of these cases. */
function checkLive(ctx: Context, link: IdentityLink | null): asserts link is IdentityLink {
  if (!link)
    throw new QuorumError("not_found", `That link code is unknown, or a newer one replaced it. ${askAgain}`);
  if (link.usedAt)
    throw new QuorumError(
      "conflict",
      `That link code was already used, so nothing more was linked. ${askAgain}`,
    );
  if (link.expiresAt.getTime() <= ctx.now.getTime())
    throw new QuorumError("not_found", `That link code has expired, so nothing was linked. ${askAgain}`);
}

/** Who may link an account to `target`: themselves, or an admin for anyone. */
function checkMayLink(ctx: Context, target: Person): void {
  if (target.id !== ctx.actor.id && ctx.actor.role !== "admin")
    throw forbidden(
      "Only a partnership admin can link an account to someone else. Confirm your own code without as:.",
    );
  if (target.status !== "active")
    throw new QuorumError(
      "conflict",
      `@${target.handle} is not an active member, so no account can act as them.`,
    );
}

/** Never moves an account that already acts as someone else. */
async function checkFree(ctx: Context, link: IdentityLink, target: Person): Promise<void> {
  const holder = await ctx.repos.people.byIdentity(link.platform, link.tenant, link.externalId);
  if (holder && holder.id !== target.id)
    throw new QuorumError(
      "conflict",
      holder.partnershipId === ctx.partnership.id
        ? `That account is already linked to @${holder.handle}. An admin can remove the wrong person first.`
        : "That account already belongs to someone in another partnership, so it can't be linked here.",
    );
}

/**
 * The code's workspace must be one of this partnership's own (installed or linked by an admin). A code from
 * a workspace that is only asking to join, or was unlinked since, would let an outsider act as a member.
 */
async function checkWorkspace(ctx: Context, link: IdentityLink): Promise<void> {
  const home = await ctx.repos.partnerships.forInstallation(link.platform, link.tenant);
  if (home?.id !== ctx.partnership.id)
    throw new QuorumError(
      "not_linked",
      `That code comes from a workspace (${link.tenant}) that is not one of ${ctx.partnership.name}'s, so nothing was linked. An admin can add the workspace first (quorum ${link.platform} link ${link.tenant} <partnership>).`,
    );
}

/**
 * Step one: checks the code and who may, then records the offer shown (replacing an earlier one for the code)
 * so that only this person's Confirm can finish it. No identity is linked.
 */
export async function offerLink(ctx: Context, code: string, target: Person): Promise<LinkOffer> {
  if (normalise(code).length !== CODE_LENGTH)
    throw new QuorumError("bad_argument", `"${code}" is not a link code like ABCD-2345.`);
  checkMayLink(ctx, target);
  const link = await ctx.repos.identityLinks.byCode(ctx.partnership.id, hashOf(code));
  checkLive(ctx, link);
  await checkWorkspace(ctx, link);
  await checkFree(ctx, link, target);
  const key = randomWord(KEY_LENGTH);
  await ctx.repos.identityLinks.offer(link.id, {
    keyHash: hashOf(key),
    byId: ctx.actor.id,
    forId: target.id,
  });
  // Not the join request's name: whoever asked to join chose it, so it could pose as a member organisation.
  return { link, target, key, workspace: `${link.tenant}, one of ${ctx.partnership.name}'s workspaces` };
}

/** The offer a Confirm or Cancel names, if it is this person's: a button shown to someone else does nothing. */
async function ownOffer(ctx: Context, key: string): Promise<IdentityLink> {
  const link = await ctx.repos.identityLinks.byOffer(ctx.partnership.id, hashOf(key));
  if (!link)
    throw new QuorumError(
      "not_found",
      'That confirmation is no longer current (it was cancelled, or a newer "link confirm" replaced it), so nothing was linked. Type link confirm <code> again.',
    );
  if (link.offerById !== ctx.actor.id)
    throw forbidden("That Confirm was shown to someone else, so nothing was linked.");
  return link;
}

/** Step two, the Confirm click: links the account to the person the offer named, checking everything again. */
export async function confirmLink(
  ctx: Context,
  key: string,
): Promise<{ link: IdentityLink; target: Person }> {
  const link = await ownOffer(ctx, key);
  checkLive(ctx, link);
  const target = link.offerForId === null ? null : await ctx.repos.people.byId(link.offerForId);
  if (!target)
    throw new QuorumError("not_found", "The person this link was for is gone, so nothing was linked.");
  checkMayLink(ctx, target);
  await checkWorkspace(ctx, link);
  await checkFree(ctx, link, target);
  if (!(await ctx.repos.identityLinks.use(link.id, target.id, ctx.now)))
    throw new QuorumError(
      "conflict",
      `That link code was already used, so nothing more was linked. ${askAgain}`,
    );
  await ctx.repos.people.addIdentity(target.id, link.platform, link.tenant, link.externalId);
  await audit(ctx, "person.link", personSubject(target), {
    platform: link.platform,
    tenant: link.tenant,
    user: link.externalId,
    by: ctx.actor.handle,
  });
  return { link, target };
}

/** Cancel: the offer is dropped and nothing is linked; the code stays with its asker until it expires. */
export async function cancelLink(ctx: Context, key: string): Promise<IdentityLink> {
  const link = await ownOffer(ctx, key);
  await ctx.repos.identityLinks.withdrawOffer(link.id);
  return link;
}
