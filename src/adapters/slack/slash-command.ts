// /quorum: the text runs through the shared grammar; quick answers go in the ack, slow ones via response_url.
// A replayed command runs nothing: replay.ts hands its key here, and it is claimed before any work.
import type { RespondArguments, SlashCommand } from "@slack/bolt";
import type { Card } from "../../core/card.ts";
import { formOpenedBy } from "../../core/commands/forms.ts";
import { cardToBlockKit } from "./block-kit.ts";
import { unescapeMrkdwn } from "./escape.ts";
import { forRequest, runAs, runAsOnce, type SlackInput, type SlackShared } from "./inbound.ts";
import { ADD_ACTION, openNewActionModal } from "./new-action-modal.ts";
import { ignoreReplay, REPLAY_KEY } from "./replay.ts";
import type { SlackRoutes } from "./routes.ts";

export const SLASH_COMMAND = "/quorum";

/** `/quorum new action` (the words action add's form declares) opens the modal instead of answering. */
const opensModal = (deps: SlackShared, text: string) =>
  formOpenedBy(deps.quorum.commands, text)?.path.join(" ") === ADD_ACTION.join(" ");

export function registerSlashCommand(routes: SlackRoutes, shared: SlackShared): void {
  routes.command(SLASH_COMMAND, async ({ command, ack, respond, context, client }) => {
    const deps = forRequest(shared, client);
    const input = commandInput(command, context.teamId);
    // Registered with replayGuard(deps, [SLASH_COMMAND]): the guard left the claim to this listener.
    const key = typeof context[REPLAY_KEY] === "string" ? (context[REPLAY_KEY] as string) : undefined;
    if (opensModal(deps, input.text)) {
      if (key && !(await deps.quorum.claimOnce("slack", key)))
        return ignoreReplay(deps, key, context.userId, ack);
      // trigger_id lives three seconds: ack first, then open, and say so if Slack refuses.
      await ack();
      const problem = await openNewActionModal(deps, {
        team: input.team,
        user: input.user,
        userTeam: input.userTeam,
        triggerId: command.trigger_id,
      });
      if (problem) await respond({ response_type: "ephemeral", text: problem });
      return;
    }
    // The claim goes in the statement that counts the command: null means a copy, and nothing ran.
    const work = key ? runAsOnce(deps, key, input) : runAs(deps, input);
    const quick = await withinBudget(work, deps.ackBudgetMs);
    if (quick === null) return ignoreReplay(deps, key ?? "command:", context.userId, ack);
    if (quick) {
      const [first, ...rest] = replies(quick);
      await ack(first);
      for (const more of rest) await respond(more);
    } else {
      // An empty ack shows nothing; the answer follows through response_url (valid for 30 minutes).
      await ack();
      const late = await work;
      // A copy found out after the budget: its empty ack has gone, and its response_url is the original's.
      if (!late) return ignoreReplay(deps, key ?? "command:", context.userId, undefined);
      for (const reply of replies(late)) await respond(reply);
    }
    const result = quick ?? (await work);
    if (result && result.tone !== "error") await deps.home.refreshIfOpen(deps, input);
  });
}

/**
 * `installation` is the team bolt authorised the command for. A payload's team_id (or user_team) naming
 * another workspace is the user's own, a Slack Connect guest's: the core checks that one separately.
 */
export function commandInput(command: SlashCommand, installation?: string): SlackInput {
  const own = (command as { user_team?: string }).user_team || command.team_id;
  return {
    team: installation || command.team_id,
    userTeam: own,
    user: command.user_id,
    // Slack escapes &, < and > in slash command text; the grammar wants what was typed.
    text: unescapeMrkdwn(command.text ?? "").trim(),
    where: { id: command.channel_id, name: command.channel_name },
  };
}

/** Channel-audience cards are posted for everyone; personal ones (help, errors, your list) only to the asker. */
export function replies(card: Card): RespondArguments[] {
  const response_type = card.audience === "channel" ? "in_channel" : "ephemeral";
  return cardToBlockKit(card).pages.map((page) => ({ response_type, text: page.text, blocks: page.blocks }));
}

/** The work's result if it settles within the budget, else undefined (the work carries on regardless). */
export async function withinBudget<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  if (ms <= 0) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
