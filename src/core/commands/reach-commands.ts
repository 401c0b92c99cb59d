// Where Quorum reaches people: `me notify` (a person's own choice) and `digest email on|off` (a group's
// digest emailed to members on no chat). The rules are in ../reach/targets.ts.
import { card, fields } from "../card.ts";
import { audit, type Context } from "../context.ts";
import { assertMayManageGroup } from "../directory/channel-rights.ts";
import { resolveGroup } from "../directory/resolve.ts";
import { QuorumError } from "../errors.ts";
import { NOTIFY_CHOICES, type NotifyChoice } from "../reach/ports.ts";
import { chatTargets, emailTarget, orderTargets, reachLine } from "../reach/targets.ts";
import { DEFAULT_DIGEST_SPEC } from "../schedule/digest-settings.ts";
import { nextFire, parseFireSpec } from "../schedule/fire-spec.ts";
import { EMAIL_DIGEST_KIND, emailDigestSubject } from "../schedule/jobs/email-digest-job.ts";
import type { CommandSpec } from "./spec.ts";

const NOTIFY_USAGE = "me notify email|slack|teams|auto";

/**
 * Where the person will be reached, as whoami and `me notify` say it: by the same rule notices and
 * reminders follow. Where the core is not told whether email is sent (a one-off command), email counts
 * as available and the line says where they go without it.
 */
export async function reachSummary(ctx: Context): Promise<string> {
  const [choice, chats] = await Promise.all([
    ctx.repos.reach.notifyChoice(ctx.actor.id),
    chatTargets(ctx.repos, ctx.actor),
  ]);
  const email = ctx.reach?.email === false ? null : emailTarget(ctx.partnership, ctx.actor);
  const [first] = orderTargets(chats, email, choice);
  const line = reachLine(first ?? null, choice);
  if (first?.platform !== "email" || ctx.reach) return line;
  const [instead] = orderTargets(chats, null, choice);
  return `${line} (where Quorum sends email; otherwise ${instead ? reachLine(instead, "auto").split(",")[0] : "nowhere"})`;
}

const notify: CommandSpec = {
  path: ["me", "notify"],
  openTo: "observer",
  summary: "Choose where Quorum reaches you: email, slack, teams, or auto (where you were last)",
  usage: NOTIFY_USAGE,
  examples: ["me notify email", "me notify auto"],
  minArgs: 1,
  async run(ctx, args) {
    const word = args.words[0]?.toLowerCase() as NotifyChoice;
    if (!NOTIFY_CHOICES.includes(word))
      throw new QuorumError(
        "bad_argument",
        `Say email, slack, teams or auto, not "${args.words[0]}". Usage: ${NOTIFY_USAGE}`,
      );
    if (word === "email" && !ctx.actor.email)
      throw new QuorumError(
        "bad_argument",
        "The directory has no email address for you, so Quorum cannot email you. Ask an admin to add it.",
      );
    if (word === "slack" || word === "teams") {
      const chats = await chatTargets(ctx.repos, ctx.actor);
      if (!chats.some((t) => t.platform === word))
        throw new QuorumError(
          "bad_argument",
          `Quorum does not know you on ${word === "slack" ? "Slack" : "Teams"} yet: say anything to Quorum there once, then choose it.`,
        );
    }
    await ctx.repos.reach.setNotifyChoice(ctx.actor.id, word, ctx.now);
    await audit(ctx, "person.notify", `person:${ctx.actor.id}`, { choice: word });
    return card(
      "Where Quorum reaches you",
      [fields({ label: "Reached by", value: await reachSummary(ctx) })],
      {
        tone: "success",
      },
    );
  },
};

const emailDigest = (on: boolean): CommandSpec => ({
  path: ["digest", "email", on ? "on" : "off"],
  summary: on
    ? "Email a group's digest to its members who are on no chat (or chose email)"
    : "Stop emailing a group's digest",
  usage: `digest email ${on ? "on" : "off"} group:slug`,
  examples: [`digest email ${on ? "on" : "off"} group:hwb`],
  options: { group: { value: "slug" } },
  async run(ctx, args) {
    const slug = args.options.group;
    if (!slug)
      throw new QuorumError(
        "missing_argument",
        `Say which group, e.g. digest email ${on ? "on" : "off"} group:hwb.`,
      );
    const group = await resolveGroup(ctx, slug);
    await assertMayManageGroup(ctx, group, "change how its digest is sent");
    if (!(await ctx.repos.reach.setEmailDigest(group.id, on, ctx.actor.id)))
      throw new QuorumError("conflict", `${group.name}'s digest is already ${on ? "" : "not "}emailed.`);
    // The group's first channel digest sets the time; a group with no channel gets the default.
    const link = (await ctx.repos.channels.list(ctx.partnership.id)).find((l) => l.groupId === group.id);
    const spec = link?.digestSchedule || DEFAULT_DIGEST_SPEC;
    await ctx.repos.schedules.put({
      partnershipId: ctx.partnership.id,
      kind: EMAIL_DIGEST_KIND,
      subject: emailDigestSubject(group.id),
      spec,
      nextFireAt: nextFire(parseFireSpec(spec), ctx.partnership.timeZone, ctx.now),
      enabled: on,
    });
    await audit(ctx, `digest.email.${on ? "on" : "off"}`, `group:${group.slug}`, { spec });
    return card(
      on
        ? `${group.name}'s digest will be emailed at "${spec}" to members on no chat or who chose email.`
        : `${group.name}'s digest is no longer emailed.`,
      [],
      { tone: "success" },
    );
  },
});

export const reachCommands: CommandSpec[] = [notify, emailDigest(true), emailDigest(false)];
