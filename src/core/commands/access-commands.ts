// person approve | decline | pending: admins decide on people waiting to use Quorum (see admission.ts).
import { type Card, card, items, text } from "../card.ts";
import { audit, type Context } from "../context.ts";
import { personSubject } from "../directory/people.ts";
import { resolveOrganisation, resolvePerson } from "../directory/resolve.ts";
import { QuorumError } from "../errors.ts";
import { notifyPerson } from "../reach/notify-person.ts";
import { cardToText } from "../render-text.ts";
import type { Person } from "../types.ts";
import type { CommandSpec } from "./spec.ts";

async function pendingPerson(ctx: Context, ref: string): Promise<Person> {
  const p = await resolvePerson(ctx, ref, { anyStatus: true });
  if (p.status !== "pending") {
    const state = p.status === "active" ? "already in" : "removed";
    throw new QuorumError("conflict", `@${p.handle} is not waiting for approval: they are ${state}.`);
  }
  return p;
}

/** Tells the person the decision on the chat they wrote from. */
async function tell(ctx: Context, p: Person, kind: string, c: Card): Promise<boolean> {
  const target = await notifyPerson(ctx, p, kind, personSubject(p), { card: c, text: cardToText(c) });
  return target !== null;
}

const approve: CommandSpec = {
  path: ["person", "approve"],
  adminOnly: true,
  summary: "Let someone who is waiting use Quorum, optionally placing them in an organisation (admins)",
  usage: "person approve @handle [org:CODE]",
  examples: ["person approve @kim.dale", "person approve @kim.dale org:VCS"],
  options: { org: { value: "CODE" } },
  minArgs: 1,
  async run(ctx, args) {
    const p = await pendingPerson(ctx, args.rest);
    const org = args.options.org ? await resolveOrganisation(ctx, args.options.org) : null;
    await ctx.repos.people.update(p.id, {
      status: "active",
      ...(org ? { organisationId: org.id } : {}),
    });
    await audit(ctx, "person.approve", personSubject(p), { org: org?.code ?? null });
    const told = await tell(
      ctx,
      p,
      "access-approved",
      card(
        `You're in: welcome to Quorum for ${ctx.partnership.name}`,
        [text("Type help to see what you can do.")],
        {
          tone: "success",
        },
      ),
    );
    return card(`${p.name} (@${p.handle}) can now use Quorum`, told ? [text("They have been told.")] : [], {
      tone: "success",
    });
  },
};

const decline: CommandSpec = {
  path: ["person", "decline"],
  adminOnly: true,
  summary: "Turn down someone waiting to use Quorum (admins)",
  usage: "person decline @handle",
  examples: ["person decline @kim.dale"],
  minArgs: 1,
  async run(ctx, args) {
    const p = await pendingPerson(ctx, args.rest);
    await ctx.repos.people.update(p.id, { status: "inactive" });
    await audit(ctx, "person.decline", personSubject(p));
    await tell(
      ctx,
      p,
      "access-declined",
      card(`Your request to use Quorum for ${ctx.partnership.name} was declined`, [
        text("If you think that is a mistake, contact the partnership's coordinator."),
      ]),
    );
    return card(`${p.name} (@${p.handle}) was declined`, [], { tone: "success" });
  },
};

const pending: CommandSpec = {
  path: ["person", "pending"],
  adminOnly: true,
  summary: "People waiting for approval (admins)",
  usage: "person pending",
  examples: ["person pending"],
  async run(ctx) {
    const waiting = (await ctx.repos.people.list(ctx.partnership.id)).filter((p) => p.status === "pending");
    return card(`Waiting for approval: ${waiting.length}`, [
      items(
        waiting.map((p) => ({
          title: `${p.name} (@${p.handle})`,
          detail: p.email ?? "",
          buttons: [
            { label: "Approve", command: `person approve @${p.handle}`, style: "primary" as const },
            { label: "Decline", command: `person decline @${p.handle}`, style: "danger" as const },
          ],
        })),
        undefined,
        "No one is waiting.",
      ),
    ]);
  },
};

export const accessCommands: CommandSpec[] = [approve, decline, pending];
