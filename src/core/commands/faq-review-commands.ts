// FAQ stewardship commands: faq review (what is due), faq reviewed F-<n>, faq owner F-<n> @person.
import { card, text } from "../card.ts";
import { resolvePerson } from "../directory/resolve.ts";
import { QuorumError } from "../errors.ts";
import { fRef } from "../questions/cards.ts";
import {
  changeOwner,
  checkMayReassign,
  checkMayReview,
  dueFor,
  markReviewed,
  ownerIdOf,
  ownerRule,
  tendedEntry,
} from "../questions/faq-review.ts";
import { resolveFaq } from "../questions/faq-service.ts";
import { dueItem, reviewListCard } from "../questions/review-cards.ts";
import { formatDate, localDate } from "../time/zone.ts";
import type { CommandSpec } from "./spec.ts";

const review: CommandSpec = {
  path: ["faq", "review"],
  openTo: "observer",
  summary: "FAQ entries due for review (yours; admins see all)",
  usage: "faq review",
  examples: ["faq review"],
  async run(ctx) {
    const today = localDate(ctx.now, ctx.partnership.timeZone);
    const { due, mine } = await dueFor(ctx, today);
    const rule = await ownerRule(ctx.repos, ctx.partnership.id);
    const names = new Map<number, string>();
    const list = [];
    for (const e of due) {
      if (mine) {
        list.push(dueItem(e, today)); // all the reader's own: no owner to name
        continue;
      }
      const id = ownerIdOf(rule, e);
      if (id !== null && !names.has(id)) names.set(id, (await ctx.repos.people.byId(id))?.name ?? "someone");
      list.push(dueItem(e, today, id === null ? null : (names.get(id) ?? null)));
    }
    return reviewListCard(list, mine);
  },
};

const reviewed: CommandSpec = {
  path: ["faq", "reviewed"],
  summary: "Say an FAQ entry is still right: it is next due in six months (its owner, contact or an admin)",
  usage: "faq reviewed F-<n>",
  examples: ["faq reviewed F-3"],
  minArgs: 1,
  async run(ctx, args) {
    const tended = await tendedEntry(ctx, await resolveFaq(ctx, args.words[0]));
    checkMayReview(ctx, tended);
    const next = await markReviewed(ctx, tended);
    const year = Number(localDate(ctx.now, ctx.partnership.timeZone).slice(0, 4));
    return card(
      `${fRef(tended.entry.id)} reviewed`,
      [text(tended.entry.question), text(`Next due for review ${formatDate(next, year)}.`)],
      { tone: "success" },
    );
  },
};

const owner: CommandSpec = {
  path: ["faq", "owner"],
  summary:
    "Hand an FAQ entry to a new owner, or back to its topic's contact (admins and the topic's contact)",
  usage: "faq owner F-<n> @person|contact",
  examples: ["faq owner F-3 @tom", "faq owner F-3 contact"],
  minArgs: 2,
  async run(ctx, args) {
    const tended = await tendedEntry(ctx, await resolveFaq(ctx, args.words[0]));
    checkMayReassign(ctx, tended);
    const who = args.words.slice(1).join(" ").trim();
    const to = /^(contact|default)$/i.test(who) ? null : await resolvePerson(ctx, who);
    if (to === null && tended.topic?.contactId == null) {
      throw new QuorumError(
        "bad_argument",
        `${fRef(tended.entry.id)} has no topic contact to hand it back to. Name a person, e.g. faq owner ${fRef(tended.entry.id)} @sam.`,
      );
    }
    await changeOwner(ctx, tended, to);
    const after = await tendedEntry(ctx, tended.entry);
    const name = after.owner?.name ?? "nobody";
    return card(
      `${fRef(tended.entry.id)} is now looked after by ${name}${to === null ? " (topic contact)" : ""}`,
      [text(tended.entry.question)],
      { tone: "success" },
    );
  },
};

export const faqReviewCommands: CommandSpec[] = [review, reviewed, owner];
