// Enquiries: open Q-<n> when the FAQ can't answer, route it to the contact, relay the answer back.
import { audit, type Context, isAdmin } from "../context.ts";
import { QuorumError } from "../errors.ts";
import type { DeliveryTarget } from "../outbound.ts";
import { notifyPerson } from "../reach/notify-person.ts";
import type { Person } from "../types.ts";
import { answeredNotice, assignedNotice } from "./cards.ts";
import type { ScoredEntry } from "./confidence.ts";
import { addFaq } from "./faq-service.ts";
import type { Enquiry, FaqEntry } from "./ports.ts";
import type { Routing } from "./topics.ts";
import { personById } from "./topics.ts";
import { mayRead, viewerOf } from "./visibility.ts";

export const enquiryRef = (n: number) => `Q-${n}`;
const MAX_ANSWER = 4000;
const Q_REF = /^q-?(\d{1,9})$/i;

export function parseEnquiryRef(ref: string | undefined): number {
  const m = Q_REF.exec(ref?.trim() ?? "") ?? /^(\d{1,9})$/.exec(ref?.trim() ?? "");
  if (!m?.[1]) {
    throw new QuorumError(
      "bad_argument",
      ref ? `"${ref}" is not a question number like Q-12.` : "Which question? Give its number, like Q-12.",
    );
  }
  return Number(m[1]);
}

export async function resolveEnquiry(ctx: Context, ref: string | undefined): Promise<Enquiry> {
  const n = parseEnquiryRef(ref);
  const enquiry = await ctx.repos.enquiries.byNumber(ctx.partnership.id, n);
  if (!enquiry) throw new QuorumError("not_found", `There is no question Q-${n} in ${ctx.partnership.name}.`);
  return enquiry;
}

/** Whether this reply may show the enquiry: see visibility.ts (in a channel, never). */
export const canSee = (ctx: Context, e: Enquiry): boolean => mayRead(viewerOf(ctx), e);

export interface Opened {
  enquiry: Enquiry;
  contact: Person | null;
  /** Where the contact was told, or null when they have never used Quorum chat. */
  notified: DeliveryTarget | null;
  /** True when the same person already had this exact question open: nothing new was created. */
  existing: boolean;
}

const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export async function openEnquiry(
  ctx: Context,
  text: string,
  routing: Routing,
  related: ScoredEntry[],
): Promise<Opened> {
  // A resend (double tap, network retry with a new id) must not open a second ticket.
  const mine = await ctx.repos.enquiries.list(ctx.partnership.id, {
    statuses: ["open"],
    askerId: ctx.actor.id,
  });
  const again = mine.find((e) => sameText(e.text, text));
  if (again) {
    return {
      enquiry: again,
      contact: await personById(ctx, again.assigneeId),
      notified: null,
      existing: true,
    };
  }
  const number = await ctx.repos.partnerships.nextEnquiryNumber(ctx.partnership.id);
  const enquiry = await ctx.repos.enquiries.insert({
    partnershipId: ctx.partnership.id,
    number,
    askerId: ctx.actor.id,
    askedOn: ctx.platform,
    text,
    topicId: routing.topic?.id ?? null,
    assigneeId: routing.contact?.id ?? null,
    createdAt: ctx.now,
  });
  await audit(ctx, "enquiry.open", enquiryRef(number), {
    topic: routing.topic?.slug ?? null,
    assigneeId: routing.contact?.id ?? null,
    via: routing.via,
  });
  const notified = routing.contact
    ? await notifyPerson(
        ctx,
        routing.contact,
        "enquiry.assigned",
        enquiryRef(number),
        assignedNotice(enquiry, { askerName: ctx.actor.name, topic: routing.topic, related }),
      )
    : null;
  return { enquiry, contact: routing.contact, notified, existing: false };
}

export interface Answered {
  enquiry: Enquiry;
  asker: Person | null;
  notified: DeliveryTarget | null;
  faq: FaqEntry | null;
}

export async function answerEnquiry(
  ctx: Context,
  enquiry: Enquiry,
  rawAnswer: string,
  opts: { faq: boolean },
): Promise<Answered> {
  const ref = enquiryRef(enquiry.number);
  if (enquiry.status !== "open") {
    const by = await personById(ctx, enquiry.answeredBy);
    throw new QuorumError(
      "conflict",
      `${ref} is already ${enquiry.status}${by ? ` by ${by.name}` : ""}; its answer has gone to the asker.`,
    );
  }
  if (enquiry.assigneeId !== ctx.actor.id && !isAdmin(ctx)) {
    const contact = await personById(ctx, enquiry.assigneeId);
    throw new QuorumError(
      "forbidden",
      `Only ${contact ? `${contact.name}, the contact for ${ref},` : "the assigned contact"} or an admin can answer ${ref}.`,
    );
  }
  const answer = rawAnswer.trim();
  if (!answer)
    throw new QuorumError("missing_argument", `Write the answer after the number: answer ${ref} <text>.`);
  if (answer.length > MAX_ANSWER)
    throw new QuorumError("too_long", `Keep the answer under ${MAX_ANSWER} characters.`);
  await ctx.repos.enquiries.update(enquiry.id, {
    status: "answered",
    answer,
    answeredBy: ctx.actor.id,
    answeredAt: ctx.now,
  });
  const done: Enquiry = {
    ...enquiry,
    status: "answered",
    answer,
    answeredBy: ctx.actor.id,
    answeredAt: ctx.now,
  };
  await audit(ctx, "enquiry.answer", ref, { faq: opts.faq });
  const faq = opts.faq
    ? (
        await addFaq(ctx, {
          question: enquiry.text,
          answer,
          topic: enquiry.topicId === null ? null : await ctx.repos.topics.byId(enquiry.topicId),
          source: `${ref}, answered by ${ctx.actor.name}`,
        })
      ).entry
    : null;
  const asker = await personById(ctx, enquiry.askerId);
  const notified = asker
    ? await notifyPerson(ctx, asker, "enquiry.answered", ref, answeredNotice(done, ctx.actor))
    : null;
  return { enquiry: done, asker, notified, faq };
}

export async function reassignEnquiry(
  ctx: Context,
  enquiry: Enquiry,
  routing: Routing & { contact: Person },
): Promise<{ enquiry: Enquiry; notified: DeliveryTarget | null }> {
  const ref = enquiryRef(enquiry.number);
  if (enquiry.status !== "open") throw new QuorumError("conflict", `${ref} is already ${enquiry.status}.`);
  if (enquiry.assigneeId !== ctx.actor.id && !isAdmin(ctx)) {
    throw new QuorumError("forbidden", `Only the contact for ${ref} or an admin can pass it on.`);
  }
  if (routing.contact.id === enquiry.assigneeId) {
    throw new QuorumError("conflict", `${ref} is already with ${routing.contact.name}.`);
  }
  const topicId = routing.topic?.id ?? enquiry.topicId;
  await ctx.repos.enquiries.update(enquiry.id, { assigneeId: routing.contact.id, topicId });
  const moved: Enquiry = { ...enquiry, assigneeId: routing.contact.id, topicId };
  await audit(ctx, "enquiry.reassign", ref, { from: enquiry.assigneeId, to: routing.contact.id });
  const topic = topicId === null ? null : await ctx.repos.topics.byId(topicId);
  const asker = await personById(ctx, enquiry.askerId);
  // Each hand-over is its own message: someone may get the same question back after passing it on.
  const notified = await notifyPerson(
    ctx,
    routing.contact,
    "enquiry.assigned",
    `${ref}:${ctx.now.getTime()}`,
    assignedNotice(moved, {
      askerName: asker?.name ?? "a partner",
      topic,
      related: [],
      passedOnBy: ctx.actor.name,
    }),
  );
  return { enquiry: moved, notified };
}
