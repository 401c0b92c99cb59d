// FAQ commands: faq add, list, show, remove (admins change entries; everyone can read and search).
import { card, items, text } from "../card.ts";
import { type Context, isAdmin } from "../context.ts";
import { forbidden, QuorumError } from "../errors.ts";
import { faqCard, fRef, relatedItems } from "../questions/cards.ts";
import { tendedEntry } from "../questions/faq-review.ts";
import { addFaq, removeFaq, resolveFaq, searchFaq } from "../questions/faq-service.ts";
import { phrasingLines } from "../questions/phrasings.ts";
import { stewardshipBlock } from "../questions/review-cards.ts";
import { resolveTopic } from "../questions/topics.ts";
import { localDate } from "../time/zone.ts";
import { moreLine, PAGE_OPTION, pageCount, readPage } from "./paging.ts";
import { freeText } from "./parse.ts";
import type { CommandSpec } from "./spec.ts";

const LIST_LIMIT = 50;

function requireAdmin(ctx: Context, what: string) {
  if (!isAdmin(ctx)) throw forbidden(`Only an admin can ${what}. Ask a partnership coordinator.`);
}

const add: CommandSpec = {
  path: ["faq", "add"],
  summary: "Add or update an FAQ entry (admins)",
  usage: 'faq add "<question>" <answer> [topic:slug]',
  examples: ['faq add "Who chairs Essex Partners?" The Leader of the County Council. topic:partners'],
  options: { topic: { value: "slug" } },
  minArgs: 2,
  async run(ctx, args) {
    requireAdmin(ctx, "change the FAQ");
    const [question = ""] = args.words;
    // The answer as typed after the question, so a multi-line answer keeps its lines.
    const answer = freeText(args.text, [/^(["“”])[\s\S]*?["“”]|^\S+/, /(?<=^|\s)topic:\S+/gi]);
    const topic = args.options.topic ? await resolveTopic(ctx, args.options.topic) : null;
    const { entry, outcome } = await addFaq(ctx, {
      question,
      answer,
      topic,
      source: `added by ${ctx.actor.name}`,
    });
    const verb = { added: "added", updated: "updated", unchanged: "already says that" }[outcome];
    return card(`${fRef(entry.id)} ${verb}`, [items([{ title: entry.question, detail: entry.answer }])], {
      tone: "success",
    });
  },
};

const list: CommandSpec = {
  path: ["faq", "list"],
  openTo: "observer",
  aliases: [["faqs"]],
  summary: "The FAQ entries (optionally one topic's)",
  usage: "faq list [topic:slug] [page:n]",
  examples: ["faq list", "faq list topic:community-budgets", "faq list page:2"],
  options: { topic: { value: "slug" }, ...PAGE_OPTION },
  async run(ctx, args) {
    const topic = args.options.topic ? await resolveTopic(ctx, args.options.topic) : null;
    const page = readPage(args, LIST_LIMIT);
    const all = await ctx.repos.faq.list(ctx.partnership.id, topic?.id);
    const shown = all
      .slice(page.offset, page.offset + page.size)
      .map((e) => ({ title: `${fRef(e.id)} ${e.question}`, detail: e.source ?? "" }));
    const more = moreLine(
      list,
      args,
      page,
      all.length,
      topic ? "" : "topic:, or search with faq search <words>",
    );
    return card(`FAQ${topic ? ` for ${topic.name}` : ""}: ${pageCount(page, shown.length, all.length)}`, [
      items(shown, undefined, "No entries yet."),
      ...(more ? [text(more)] : []),
    ]);
  },
};

const show: CommandSpec = {
  path: ["faq", "show"],
  openTo: "observer",
  summary: "Show one FAQ entry, its owner, review date and the other wordings it answers",
  usage: "faq show F-<n>",
  examples: ["faq show F-3"],
  minArgs: 1,
  async run(ctx, args) {
    const entry = await resolveFaq(ctx, args.words[0]);
    const tended = await tendedEntry(ctx, entry);
    const base = faqCard(entry, tended.topic);
    const today = localDate(ctx.now, ctx.partnership.timeZone);
    const shown = { ...base, blocks: [...base.blocks, stewardshipBlock(tended, today)] };
    const lines = await phrasingLines(ctx, entry);
    if (!lines.length) return shown;
    const list = lines.map((l) => ({
      title: `${l.n}. ${l.text}`,
      ...(l.provisional ? { flag: "provisional" } : {}),
    }));
    return { ...shown, blocks: [...shown.blocks, items(list, "Also asked as")] };
  },
};

const remove: CommandSpec = {
  path: ["faq", "remove"],
  summary: "Remove an FAQ entry (admins)",
  usage: "faq remove F-<n>",
  examples: ["faq remove F-3"],
  minArgs: 1,
  async run(ctx, args) {
    requireAdmin(ctx, "change the FAQ");
    const entry = await resolveFaq(ctx, args.words[0]);
    await removeFaq(ctx, entry);
    return card(`${fRef(entry.id)} removed`, [text(entry.question)], { tone: "success" });
  },
};

const search: CommandSpec = {
  path: ["faq", "search"],
  openTo: "observer",
  summary: "Search the FAQ and see how sure Quorum is (nothing is opened or sent)",
  usage: "faq search <text>",
  examples: ["faq search other pilot areas"],
  minArgs: 1,
  async run(ctx, args) {
    const found = await searchFaq(ctx.repos, ctx.partnership.id, args.rest, 5);
    const list = relatedItems(found).map((item, i) => ({
      ...item,
      flag: `${found[i]?.score.toFixed(2)}${found[i]?.confident ? " confident" : ""}`,
    }));
    if (!found.length && !args.rest.trim()) throw new QuorumError("missing_argument", "Search for what?");
    return card(`FAQ matches for "${args.rest.slice(0, 80)}": ${found.length}`, [
      items(list, undefined, "No matches."),
    ]);
  },
};

export const faqCommands: CommandSpec[] = [add, list, show, remove, search];
