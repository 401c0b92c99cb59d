// Topic and contact commands: topic add, list, show, contact, default; contact <topic or words>.
import { card, fields, items, text } from "../card.ts";
import { audit, type Context, isAdmin } from "../context.ts";
import { resolvePerson } from "../directory/resolve.ts";
import { forbidden, QuorumError } from "../errors.ts";
import { orgNameOf } from "../questions/ask.ts";
import { chatName, contactLine } from "../questions/cards.ts";
import { checkSlug, contactFor, parseKeywords, personById, resolveTopic } from "../questions/topics.ts";
import type { Person } from "../types.ts";
import type { CommandSpec } from "./spec.ts";

async function contactFields(ctx: Context, p: Person) {
  const [identity] = await ctx.repos.people.identities(p.id);
  return [
    { label: "Contact", value: p.name },
    { label: "Organisation", value: (await orgNameOf(ctx, p)) ?? "—" },
    { label: "Email", value: p.email ?? "—" },
    { label: "Phone", value: p.phone ?? "—" },
    {
      label: "Chat",
      value: identity ? `${chatName(identity.platform)} (@${p.handle})` : "not on Quorum chat yet",
    },
  ];
}

const add: CommandSpec = {
  path: ["topic", "add"],
  summary: "Add or update a topic and its contact (admins)",
  usage: 'topic add <slug> "<name>" [contact:@person] [keywords:a, b, c] [about:<description>]',
  examples: [
    'topic add community-budgets "Community budgets" contact:@sam keywords:pilot, whitehall, pooled budgets',
  ],
  options: {
    contact: { value: "@person" },
    keywords: { value: "a, b, c", multiword: true },
    about: { value: "text", multiword: true },
  },
  minArgs: 2,
  async run(ctx, args) {
    if (!isAdmin(ctx)) throw forbidden("Only an admin can add or change topics.");
    const slug = checkSlug(args.words[0] ?? "");
    const name = args.words.slice(1).join(" ").trim();
    if (name.length > 120) throw new QuorumError("too_long", "Keep the topic name under 120 characters.");
    const existing = await ctx.repos.topics.bySlug(ctx.partnership.id, slug);
    const contact = args.options.contact ? await resolvePerson(ctx, args.options.contact) : null;
    const { topic, created } = await ctx.repos.topics.upsert({
      partnershipId: ctx.partnership.id,
      slug,
      name,
      description: args.options.about ?? existing?.description ?? null,
      contactId: contact?.id ?? existing?.contactId ?? null,
      keywords: args.options.keywords ? parseKeywords(args.options.keywords) : (existing?.keywords ?? []),
    });
    await audit(ctx, created ? "topic.add" : "topic.update", `topic:${slug}`, {
      name,
      contactId: topic.contactId,
      keywords: topic.keywords,
    });
    const who = await personById(ctx, topic.contactId);
    return card(
      `Topic ${slug} ${created ? "added" : "updated"}`,
      [
        fields(
          { label: "Name", value: topic.name },
          { label: "Contact", value: who ? who.name : "none (the default contact answers)" },
          { label: "Keywords", value: topic.keywords.join(", ") || "none" },
        ),
      ],
      { tone: "success" },
    );
  },
};

const list: CommandSpec = {
  path: ["topic", "list"],
  openTo: "observer",
  aliases: [["topics"]],
  summary: "The topics and who answers questions about each",
  usage: "topic list",
  examples: ["topic list"],
  async run(ctx) {
    const topics = await ctx.repos.topics.list(ctx.partnership.id);
    const rows = [];
    for (const t of topics) {
      const who = await personById(ctx, t.contactId);
      rows.push({
        title: `${t.name} (${t.slug})`,
        detail: who ? contactLine(who, await orgNameOf(ctx, who)) : "no contact",
      });
    }
    const fallback = await personById(ctx, await ctx.repos.topics.defaultContactId(ctx.partnership.id));
    return card(`Topics: ${topics.length}`, [
      items(rows, undefined, "No topics yet. An admin can add one with topic add."),
      text(
        `Anything else goes to ${fallback ? fallback.name : "nobody yet (topic default @person sets it)"}.`,
      ),
    ]);
  },
};

const show: CommandSpec = {
  path: ["topic", "show"],
  openTo: "observer",
  summary: "A topic: its contact, keywords, FAQ entries and open questions",
  usage: "topic show <slug>",
  examples: ["topic show community-budgets"],
  minArgs: 1,
  async run(ctx, args) {
    const t = await resolveTopic(ctx, args.words[0] ?? "");
    const who = await personById(ctx, t.contactId);
    const faqCount = await ctx.repos.faq.count(ctx.partnership.id, t.id);
    return card(`${t.name} (${t.slug})`, [
      ...(t.description ? [text(t.description)] : []),
      fields(
        ...(who
          ? await contactFields(ctx, who)
          : [{ label: "Contact", value: "none: the default contact answers" }]),
        { label: "Keywords", value: t.keywords.join(", ") || "none" },
        { label: "FAQ entries", value: String(faqCount) },
      ),
    ]);
  },
};

const setDefault: CommandSpec = {
  path: ["topic", "default"],
  openTo: "observer",
  summary: "Who answers questions no topic claims (admins set it)",
  usage: "topic default [@person]",
  examples: ["topic default", "topic default @jo"],
  async run(ctx, args) {
    if (args.words.length === 0) {
      const who = await personById(ctx, await ctx.repos.topics.defaultContactId(ctx.partnership.id));
      return card("Default contact", [
        fields(...(who ? await contactFields(ctx, who) : [{ label: "Contact", value: "none yet" }])),
      ]);
    }
    if (!isAdmin(ctx)) throw forbidden("Only an admin can set the default contact.");
    const person = await resolvePerson(ctx, args.rest);
    await ctx.repos.topics.setDefaultContact(ctx.partnership.id, person.id);
    await audit(ctx, "topic.default", `partnership:${ctx.partnership.slug}`, { contactId: person.id });
    return card(`${person.name} now answers questions no topic claims`, [], { tone: "success" });
  },
};

const setContact: CommandSpec = {
  path: ["topic", "contact"],
  adminOnly: true,
  summary: "Name who answers questions about a topic (admins)",
  usage: "topic contact <slug> @person",
  examples: ["topic contact community-budgets @dan"],
  minArgs: 2,
  async run(ctx, args) {
    const t = await resolveTopic(ctx, args.words[0] ?? "");
    const person = await resolvePerson(ctx, args.words.slice(1).join(" "));
    const { id: _id, ...rest } = t;
    await ctx.repos.topics.upsert({ ...rest, contactId: person.id });
    await audit(ctx, "topic.contact", `topic:${t.slug}`, { from: t.contactId, to: person.id });
    return card(
      `${person.name} now answers questions about ${t.name}`,
      [fields(...(await contactFields(ctx, person)))],
      {
        tone: "success",
      },
    );
  },
};

const contact: CommandSpec = {
  path: ["contact"],
  openTo: "observer",
  summary: "Who to ask about a topic: name, organisation, email, phone, chat",
  usage: "contact <topic or words>",
  examples: ["contact community-budgets", "contact who do I ask about community budgets?"],
  minArgs: 1,
  async run(ctx, args) {
    const routing = await contactFor(ctx, args.rest);
    if (!routing.contact) {
      throw new QuorumError(
        "not_found",
        "No topic matches that and there is no default contact yet. Type topics to see them.",
      );
    }
    const heading = routing.topic
      ? `Questions about ${routing.topic.name}: ${routing.contact.name}`
      : `No topic matches; the default contact is ${routing.contact.name}`;
    return card(heading, [fields(...(await contactFields(ctx, routing.contact)))]);
  },
};

export const topicCommands: CommandSpec[] = [add, list, show, setContact, setDefault, contact];
